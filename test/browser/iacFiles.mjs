// S3 Bucket Policy — MIT License.
/**
 * The template and the Terraform file of the browser tests (test/browser/iac.test.mjs) and of
 * `npm run screenshots`: each fixture, the language code-server opens it in, and the text the
 * HTTPS-only deny quick fix must insert after the given lines.
 */
import * as path from 'node:path';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** The two documents, where the squiggle must be, and the text the fix must insert after the given line. */
export const IAC_FILES = {
  template: {
    file: 'storage.template.yaml',
    languageMode: 'YAML',
    after: "            Resource: !Sub '${MediaBucket.Arn}/*'\n",
    inserted: [
      '          - Sid: DenyInsecureTransport',
      '            Effect: Deny',
      "            Principal: '*'",
      '            Action: s3:*',
      '            Resource:',
      '              - !GetAtt MediaBucket.Arn',
      "              - !Sub '${MediaBucket.Arn}/*'",
      '            Condition:',
      '              Bool:',
      "                aws:SecureTransport: 'false'",
      '',
    ].join('\n'),
  },
  terraform: {
    file: 'storage.tf',
    languageMode: 'Plain Text',
    after: '        Resource  = "${aws_s3_bucket.reports.arn}/*"\n      },\n',
    inserted: [
      '      {',
      '        Sid = "DenyInsecureTransport"',
      '        Effect = "Deny"',
      '        Principal = "*"',
      '        Action = "s3:*"',
      '        Resource = [aws_s3_bucket.reports.arn, "${aws_s3_bucket.reports.arn}/*"]',
      '        Condition = {',
      '          Bool = {',
      '            "aws:SecureTransport" = "false"',
      '          }',
      '        }',
      '      },',
      '',
    ].join('\n'),
  },
};

/** The fixture files the session's workspace needs. */
export const IAC_FIXTURES = Object.values(IAC_FILES).map(({ file }) => path.join(FIXTURES, file));
