/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { before, describe as suite, it } from 'node:test';
import { applyOffsetEdits } from '../../../server/src/service/edits/jsonEdits';
import type { PolicyFinding } from '../../../server/src/service/policyLanguageTypes';
import { lint, ready } from './terraformTest';

/** The finding of one rule in a text (exactly one). */
function only(text: string, file: string, ruleId: string): PolicyFinding {
  const findings = lint(text, file).filter((finding) => finding.ruleId === ruleId);
  assert.equal(findings.length, 1, `${ruleId}: ${findings.length} findings`);
  return findings[0];
}

function applyPreferred(text: string, finding: PolicyFinding): string {
  const fix = finding.fixes.find((candidate) => candidate.isPreferred) ?? finding.fixes[0];
  assert.ok(fix, `no fix for ${finding.ruleId}`);
  return applyOffsetEdits(text, fix.edits);
}

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-data"\n}\n\n';

suite('Terraform fixes and ranges', () => {
  before(ready);

  it('writes the HTTPS-only deny as a statement block naming the bucket by reference', () => {
    const text = `${BUCKET}data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["\${aws_s3_bucket.b.arn}/*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::210987654321:root"]\n    }\n  }\n}\n\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = data.aws_iam_policy_document.p.json\n}\n`;
    const finding = only(text, 'main.tf', 'missingSecureTransportDeny');
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), 'statement');
    const fixed = applyPreferred(text, finding);
    assert.ok(fixed.includes([
      '  statement {',
      '    sid = "DenyInsecureTransport"',
      '    effect = "Deny"',
      '    principals {',
      '      type        = "*"',
      '      identifiers = ["*"]',
      '    }',
      '    actions = ["s3:*"]',
      '    resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]',
      '    condition {',
      '      test     = "Bool"',
      '      variable = "aws:SecureTransport"',
      '      values   = ["false"]',
      '    }',
      '  }',
    ].join('\n')), fixed);
    assert.deepEqual(lint(fixed, 'main.tf').map((problem) => problem.ruleId), []);
  });

  it('writes jsonencode fixes as HCL objects with the file\'s key separator', () => {
    const text = `${BUCKET}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    "Version" : "2012-10-17",\n    "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "arn:aws:iam::210987654321:root" }, "Action" : "s3:GetObject", "Resource" : "\${aws_s3_bucket.b.arn}/*" }],\n  })\n}\n`;
    const fixed = applyPreferred(text, only(text, 'main.tf', 'missingSecureTransportDeny'));
    assert.match(fixed, /Resource: \[aws_s3_bucket\.b\.arn, "\$\{aws_s3_bucket\.b\.arn\}\/\*"\]/);
    assert.match(fixed, /"aws:SecureTransport": "false"/);
  });

  it('points inside a <<- heredoc at the exact token and fixes it there', () => {
    const text = `${BUCKET}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = <<-EOT\n    {"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "s3:GetObject", "Resource": "\${aws_s3_bucket.b.arn}/*"}]}\n  EOT\n}\n`;
    const finding = only(text, 'main.tf', 'invalidEffect');
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), '"allow"');
    assert.ok(applyPreferred(text, finding).includes('"Effect": "Allow"'));
  });

  it('maps a quoted string\'s escapes to their whole source', () => {
    const text = `${BUCKET}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::210987654321:root\\"},\\"Action\\":\\"s3:getObject\\",\\"Resource\\":\\"\${aws_s3_bucket.b.arn}/*\\"}]}"\n}\n`;
    const finding = only(text, 'main.tf', 'actionNameCase');
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), 'getObject');
    assert.ok(applyPreferred(text, finding).includes('\\"Action\\":\\"s3:GetObject\\"'));
  });

  it('escapes an IAM policy variable, removes a doubled ARN prefix, renames a misspelt argument', () => {
    const text = `${BUCKET}data "aws_iam_policy_document" "p" {\n  statement {\n    action    = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::\${aws_s3_bucket.b.arn}/\${aws:username}/*"]\n  }\n}\n`;
    const variable = only(text, 'main.tf', 'terraformUnescapedPolicyVariable');
    assert.equal(text.slice(variable.offset, variable.offset + variable.length), '${aws:username}');
    assert.ok(applyPreferred(text, variable).includes('/$${aws:username}/*'));
    const prefix = only(text, 'main.tf', 'terraformDoubledArnPrefix');
    assert.ok(applyPreferred(text, prefix).includes('["${aws_s3_bucket.b.arn}/'));
    const name = only(text, 'main.tf', 'terraformPolicyDocumentName');
    assert.equal(text.slice(name.offset, name.offset + name.length), 'action');
    assert.ok(applyPreferred(text, name).includes('    actions    = ['));
  });

  it('reports nothing on values it cannot know', () => {
    const text = `variable "arn" {}\n\n${BUCKET}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = concat(local.base, [{ Effect = "Allow", Principal = { AWS = var.arn }, Action = "s3:GetObject", Resource = "\${var.arn}" }])\n  })\n}\n`;
    assert.deepEqual(lint(text, 'main.tf'), []);
  });

  it('never throws on broken HCL', () => {
    const text = `${BUCKET}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = \n`;
    for (let end = 0; end <= text.length; end += 7) {
      lint(text.slice(0, end), 'main.tf');
    }
  });
});
