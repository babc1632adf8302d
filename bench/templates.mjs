// S3 Bucket Policy — MIT License.
// Deterministic infrastructure-as-code documents for the benchmark (issues 16 and 17): a CloudFormation
// template in YAML and a Terraform file, each of 1,000 lines with 20 bucket policies, written for this
// project from a seeded generator, so every run measures the same text. Each policy denies plain HTTP
// and adds statements drawn from common, valid patterns; every document lints clean (bench/run.mjs
// checks it). The Terraform file mixes the forms a policy takes there: jsonencode(), a heredoc of JSON
// and an aws_iam_policy_document data source.
import { random } from './policies.mjs';

/** Lines each document has. */
export const IAC_LINES = 1000;
/** Bucket policies each document holds. */
export const IAC_POLICIES = 20;

const SEED = 0x49_41_43_31;

const NAMES = ['Ledger', 'Media', 'Exports', 'Archive', 'Reports', 'Uploads', 'Telemetry', 'Invoices', 'Datasets', 'Backups'];
const ROLES = ['data-pipeline', 'analytics-reader', 'backup-writer', 'reporting', 'etl-job', 'ml-training'];
const PREFIXES = ['logs', 'exports', 'uploads', 'reports', 'public', 'datasets', 'media'];

function helpers(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const digits = (count) => Array.from({ length: count }, () => Math.floor(next() * 10)).join('');
  const hex = (count) => Array.from({ length: count }, () => Math.floor(next() * 16).toString(16)).join('');
  return { pick, account: () => `2${digits(11)}`, hex };
}

/** Pads `lines` to exactly IAC_LINES with `filler(index)` blocks (each a list of lines) before `tail`, then cuts. */
function padded(lines, filler, tail = []) {
  const out = [...lines];
  for (let index = 0; out.length + tail.length < IAC_LINES; index++) {
    out.push(...filler(index));
  }
  return [...out.slice(0, IAC_LINES - tail.length), ...tail].join('\n') + '\n';
}

/**
 * The CloudFormation template: 20 buckets, each with its AWS::S3::BucketPolicy (Ref, GetAtt and Sub
 * for the ARNs, a parameter for the partner account), then outputs up to 1,000 lines.
 */
export function generateTemplate() {
  const next = random(SEED);
  const { pick, account, hex } = helpers(next);
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Description: Benchmark template with twenty buckets and their bucket policies (generated).',
    'Parameters:',
    '  PartnerAccountId:',
    '    Type: String',
    `    Default: '${account()}'`,
    "    AllowedPattern: '\\d{12}'",
    'Resources:',
  ];
  for (let index = 0; index < IAC_POLICIES; index++) {
    const id = `${NAMES[index % NAMES.length]}${index}Bucket`;
    lines.push(
      `  ${id}:`,
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      `      BucketName: !Sub 'bench-${NAMES[index % NAMES.length].toLowerCase()}-${index}-\${AWS::AccountId}'`,
      '      VersioningConfiguration:',
      '        Status: Enabled',
      `  ${id}Policy:`,
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      `      Bucket: !Ref ${id}`,
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      `          - Sid: HttpsOnly${index}`,
      '            Effect: Deny',
      "            Principal: '*'",
      "            Action: 's3:*'",
      '            Resource:',
      `              - !GetAtt ${id}.Arn`,
      `              - !Sub '\${${id}.Arn}/*'`,
      '            Condition:',
      '              Bool:',
      "                'aws:SecureTransport': 'false'",
      `          - Sid: PartnerRead${index}`,
      '            Effect: Allow',
      '            Principal:',
      "              AWS: !Sub 'arn:aws:iam::${PartnerAccountId}:role/" + pick(ROLES) + "'",
      '            Action:',
      '              - s3:GetObject',
      '              - s3:ListBucket',
      '            Resource:',
      `              - !GetAtt ${id}.Arn`,
      `              - !Sub '\${${id}.Arn}/${pick(PREFIXES)}/*'`,
    );
    switch (index % 3) {
      case 0:
        lines.push(
          `          - Sid: CloudFrontRead${index}`,
          '            Effect: Allow',
          '            Principal:',
          '              Service: cloudfront.amazonaws.com',
          '            Action: s3:GetObject',
          `            Resource: !Sub '\${${id}.Arn}/*'`,
          '            Condition:',
          '              StringEquals:',
          `                'AWS:SourceArn': !Sub 'arn:aws:cloudfront::\${AWS::AccountId}:distribution/E${hex(12).toUpperCase()}'`,
        );
        break;
      case 1:
        lines.push(
          `          - Sid: EncryptedUploads${index}`,
          '            Effect: Deny',
          "            Principal: '*'",
          '            Action: s3:PutObject',
          `            Resource: !Sub '\${${id}.Arn}/*'`,
          '            Condition:',
          '              StringNotEquals:',
          "                's3:x-amz-server-side-encryption': aws:kms",
        );
        break;
      default:
        lines.push(
          `          - Sid: ModernTls${index}`,
          '            Effect: Deny',
          "            Principal: '*'",
          "            Action: 's3:*'",
          '            Resource:',
          `              - !GetAtt ${id}.Arn`,
          `              - !Sub '\${${id}.Arn}/*'`,
          '            Condition:',
          '              NumericLessThan:',
          "                's3:TlsVersion': '1.2'",
        );
    }
  }
  lines.push('Outputs:');
  const text = padded(lines, (index) => {
    const id = `${NAMES[index % IAC_POLICIES % NAMES.length]}${index % IAC_POLICIES}Bucket`;
    return [
      `  ${id}Arn${index}:`,
      `    Description: ARN of bucket ${index % IAC_POLICIES}, exported for other stacks.`,
      `    Value: !GetAtt ${id}.Arn`,
      '    Export:',
      `      Name: !Sub '\${AWS::StackName}-${id}-arn-${index}'`,
    ];
  });
  return { name: `CloudFormation YAML, ${IAC_LINES} lines, ${IAC_POLICIES} policies`, text, path: '/bench/template.yaml', languageId: 'yaml' };
}

/** A Terraform policy in one of three forms; `ref` is the bucket resource's address. */
function terraformPolicy(form, index, ref, partner, pick, hex) {
  const prefix = pick(PREFIXES);
  const role = `arn:aws:iam::${partner}:role/${pick(ROLES)}`;
  if (form === 'jsonencode') {
    return [
      `resource "aws_s3_bucket_policy" "p${index}" {`,
      `  bucket = ${ref}.id`,
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [',
      '      {',
      `        Sid       = "HttpsOnly${index}"`,
      '        Effect    = "Deny"',
      '        Principal = "*"',
      '        Action    = "s3:*"',
      `        Resource  = [${ref}.arn, "\${${ref}.arn}/*"]`,
      '        Condition = {',
      '          Bool = { "aws:SecureTransport" = "false" }',
      '        }',
      '      },',
      '      {',
      `        Sid       = "PartnerRead${index}"`,
      '        Effect    = "Allow"',
      `        Principal = { AWS = "${role}" }`,
      '        Action    = ["s3:GetObject", "s3:ListBucket"]',
      `        Resource  = [${ref}.arn, "\${${ref}.arn}/${prefix}/*"]`,
      '      },',
      '      {',
      `        Sid       = "CloudFrontRead${index}"`,
      '        Effect    = "Allow"',
      '        Principal = { Service = "cloudfront.amazonaws.com" }',
      '        Action    = "s3:GetObject"',
      `        Resource  = "\${${ref}.arn}/*"`,
      '        Condition = {',
      `          StringEquals = { "AWS:SourceArn" = "arn:aws:cloudfront::${partner}:distribution/E${hex(12).toUpperCase()}" }`,
      '        }',
      '      },',
      '    ]',
      '  })',
      '}',
    ];
  }
  if (form === 'heredoc') {
    return [
      `resource "aws_s3_bucket_policy" "p${index}" {`,
      `  bucket = ${ref}.id`,
      '  policy = <<-POLICY',
      '    {',
      '      "Version": "2012-10-17",',
      '      "Statement": [',
      '        {',
      `          "Sid": "HttpsOnly${index}",`,
      '          "Effect": "Deny",',
      '          "Principal": "*",',
      '          "Action": "s3:*",',
      `          "Resource": ["\${${ref}.arn}", "\${${ref}.arn}/*"],`,
      '          "Condition": { "Bool": { "aws:SecureTransport": "false" } }',
      '        },',
      '        {',
      `          "Sid": "PartnerRead${index}",`,
      '          "Effect": "Allow",',
      `          "Principal": { "AWS": "${role}" },`,
      '          "Action": ["s3:GetObject", "s3:ListBucket"],',
      `          "Resource": ["\${${ref}.arn}", "\${${ref}.arn}/${prefix}/*"]`,
      '        },',
      '        {',
      `          "Sid": "EncryptedUploads${index}",`,
      '          "Effect": "Deny",',
      '          "Principal": "*",',
      '          "Action": "s3:PutObject",',
      `          "Resource": "\${${ref}.arn}/*",`,
      '          "Condition": { "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }',
      '        }',
      '      ]',
      '    }',
      '  POLICY',
      '}',
    ];
  }
  return [
    `data "aws_iam_policy_document" "p${index}" {`,
    '  statement {',
    `    sid       = "HttpsOnly${index}"`,
    '    effect    = "Deny"',
    '    actions   = ["s3:*"]',
    `    resources = [${ref}.arn, "\${${ref}.arn}/*"]`,
    '    principals {',
    '      type        = "*"',
    '      identifiers = ["*"]',
    '    }',
    '    condition {',
    '      test     = "Bool"',
    '      variable = "aws:SecureTransport"',
    '      values   = ["false"]',
    '    }',
    '  }',
    '  statement {',
    `    sid       = "PartnerRead${index}"`,
    '    effect    = "Allow"',
    '    actions   = ["s3:GetObject", "s3:ListBucket"]',
    `    resources = [${ref}.arn, "\${${ref}.arn}/${prefix}/*"]`,
    '    principals {',
    '      type        = "AWS"',
    `      identifiers = ["${role}"]`,
    '    }',
    '  }',
    '}',
    '',
    `resource "aws_s3_bucket_policy" "p${index}" {`,
    `  bucket = ${ref}.id`,
    `  policy = data.aws_iam_policy_document.p${index}.json`,
    '}',
  ];
}

/** The Terraform file: 20 buckets and their policies, the forms taking turns, then tags and outputs up to 1,000 lines. */
export function generateTerraform() {
  const next = random(SEED + 1);
  const { pick, account, hex } = helpers(next);
  const partner = account();
  const forms = ['jsonencode', 'heredoc', 'document'];
  const lines = ['# Benchmark configuration with twenty buckets and their bucket policies (generated).', ''];
  for (let index = 0; index < IAC_POLICIES; index++) {
    const ref = `aws_s3_bucket.b${index}`;
    lines.push(
      `resource "aws_s3_bucket" "b${index}" {`,
      `  bucket = "bench-${NAMES[index % NAMES.length].toLowerCase()}-${index}-${hex(6)}"`,
      '}',
      '',
      ...terraformPolicy(forms[index % forms.length], index, ref, partner, pick, hex),
      '',
    );
  }
  const text = padded(lines, (index) => [
    `output "bucket_arn_${index}" {`,
    `  description = "ARN of bucket ${index % IAC_POLICIES}, for other configurations."`,
    `  value       = aws_s3_bucket.b${index % IAC_POLICIES}.arn`,
    '}',
    '',
  ]);
  return { name: `Terraform, ${IAC_LINES} lines, ${IAC_POLICIES} policies in 3 forms`, text, path: '/bench/main.tf', languageId: 'terraform' };
}

/**
 * Where the LSP edit session edits each kind of document (see bench/lsp.mjs): each pattern's match
 * ends at the edited character. `sid`: the first character of a Sid (a valid edit); `allow`: the `w`
 * of an Allow effect (made `x`: a policy error; then `w` again); `syntax`: a character whose deletion
 * breaks the document's syntax (put back by the next edit).
 */
export const EDIT_PATTERNS = {
  json: { sid: /"Sid": "/g, allow: /"Effect": "Allo/g, syntax: /"(?=,\n\s*"Effect")/g },
  yaml: { sid: /Sid: /g, allow: /Effect: Allo/g, syntax: /Effect(?=: )/g },
  terraform: { sid: /\b(?:Sid|sid) += "|"Sid": "/g, allow: /\b(?:Effect|effect) += "Allo|"Effect": "Allo/g, syntax: /\b(?:Effect|effect) +(?==)/g },
};
