/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe as suite, it } from 'node:test';
import { diskModuleFiles } from '../../../server/src/cli/diskModuleFiles';
import type { ModuleFiles } from '../../../server/src/service/hosts/terraform/moduleFiles';
import { parseHcl } from '../../../server/src/service/hosts/terraform/hclParser';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../../server/src/service/policyRecognition';
import { describe, hosted, ready, SETTINGS } from './terraformTest';

/** The multi-file module: test/fixtures/terraform-module. */
const MODULE = path.resolve(__dirname, '../../../../test/fixtures/terraform-module');
const disk = diskModuleFiles(MODULE);

/** A module held in memory: path → text. */
function memory(files: Record<string, string>): ModuleFiles {
  return {
    list: (directory) => Object.keys(files).filter((file) => path.posix.dirname(file) === (directory || '.')).map((file) => path.posix.basename(file)),
    read: (file) => files[file],
  };
}

function lintIn(files: ModuleFiles | undefined, file: string, text: string) {
  const host = hosted.read(text, file, undefined, DEFAULT_RECOGNITION_SETTINGS, undefined, files);
  return { host, findings: hosted.findProblems(host, SETTINGS).map((finding) => describe(text, finding)) };
}

function moduleFile(file: string): string {
  return fs.readFileSync(path.join(MODULE, file), 'utf8');
}

const BUCKET = `resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.b.json
}
`;

const DENY = `data "aws_iam_policy_document" "deny" {
  statement {
    sid       = "HttpsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
`;

/** A policy document whose statement reads objects, with `attributes` before its statement. */
const document = (attributes: string) => `data "aws_iam_policy_document" "b" {
${attributes}
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}
`;

suite('Terraform modules split over several files', () => {
  before(ready);

  it('reads a policy document used from another file in the file that writes it, with the bucket of the resource that uses it', () => {
    const alone = lintIn(undefined, 'documents.tf', moduleFile('documents.tf'));
    assert.equal(alone.host.policies.length, 0, 'alone, documents.tf holds no bucket policy');
    const { host, findings } = lintIn(disk, 'documents.tf', moduleFile('documents.tf'));
    assert.deepEqual(host.policies.map((policy) => [policy.name, policy.bucket?.name]), [['aws_s3_bucket_policy.logs', 'acme-logs']]);
    // The HTTPS-only deny comes from the source document; the `Replaced` statement (Effect "allow",
    // a public principal) is replaced by the override document's, so nothing of it is reported.
    assert.deepEqual(findings, ['28 actionPrefixCase "S3:"']);
    assert.equal(lintIn(disk, 'main.tf', moduleFile('main.tf')).host.policies.length, 0, 'main.tf only names policies written elsewhere');
  });

  it('reads a jsonencode policy of a local in another file, and narrows a variable a validation restricts to one value', () => {
    const { host, findings } = lintIn(disk, 'locals.tf', moduleFile('locals.tf'));
    assert.deepEqual(host.policies.map((policy) => policy.name), ['aws_s3_bucket_policy.site']);
    // var.site_effect can only be "allow"; var.site_reader is "*" or an account: not known, so not public.
    assert.deepEqual(findings, ['7 invalidEffect "var.site_effect"']);
  });

  it('lints a templatefile target in its own file, its variables standing for what the configuration passes', () => {
    const text = moduleFile('policies/reports.json.tpl');
    const alone = lintIn(undefined, 'policies/reports.json.tpl', text);
    assert.deepEqual(alone.findings, ['3 missingSecureTransportDeny "\\"Statement\\""']);
    const { host, findings } = lintIn(disk, 'policies/reports.json.tpl', text);
    assert.deepEqual(host.policies.map((policy) => [policy.name, policy.bucket?.name]), [['aws_s3_bucket_policy.reports', 'acme-reports']]);
    // ${bucket_arn} is the bucket's ARN: "${bucket_arn}/*" names objects, which s3:ListBucket does not act on.
    assert.deepEqual(findings, ['3 missingSecureTransportDeny "\\"Statement\\""', '8 actionResourceMismatch "\\"s3:ListBucket\\""']);
    const fixed = hosted.fixAll(text, 'policies/reports.json.tpl', undefined, DEFAULT_RECOGNITION_SETTINGS, SETTINGS, disk).text;
    assert.match(fixed, /"Resource": \[\n\s+"\$\{bucket_arn\}",\n\s+"\$\{bucket_arn\}\/\*"\n\s+\]/, fixed);
    assert.deepEqual(lintIn(disk, 'policies/reports.json.tpl', fixed).findings, []);
  });

  it('lints a data "template_file" target with its vars', () => {
    const text = moduleFile('policies/archive.tpl');
    const { host, findings } = lintIn(disk, 'policies/archive.tpl', text);
    assert.deepEqual(host.policies.map((policy) => [policy.name, policy.bucket?.name]), [['aws_s3_bucket_policy.archive', 'acme-archive']]);
    assert.deepEqual(findings, ['3 missingSecureTransportDeny "\\"Statement\\""', '7 unrestrictedServicePrincipal "logging.s3.amazonaws.com"']);
  });

  it('reads a file() target as the plain policy it is: ${aws:username} there is not an interpolation', () => {
    const text = moduleFile('policies/static.json.tpl');
    assert.ok(lintIn(undefined, 'policies/static.json.tpl', text).findings.some((finding) => finding.includes('terraformUnescapedPolicyVariable')));
    const { host, findings } = lintIn(disk, 'policies/static.json.tpl', text);
    assert.equal(host.kind, 'policy');
    assert.equal(host.policies[0].name, 'aws_s3_bucket_policy.static');
    assert.deepEqual(findings, ['3 missingSecureTransportDeny "\\"Statement\\""']);
  });

  it('merges source documents from another file and from file(); an unreadable source leaves the absence unknown', () => {
    const missing = lintIn(memory({ 'main.tf': BUCKET, 'doc.tf': document('') }), 'doc.tf', document(''));
    assert.deepEqual(missing.findings, ['3 missingSecureTransportDeny "statement"']);
    const merged = document('  source_policy_documents = [data.aws_iam_policy_document.deny.json]');
    assert.deepEqual(lintIn(memory({ 'main.tf': BUCKET, 'doc.tf': merged, 'deny.tf': DENY }), 'doc.tf', merged).findings, []);
    const fromFile = document('  source_policy_documents = [file("${path.module}/deny.json")]');
    const denyJson = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'HttpsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
    assert.deepEqual(lintIn(memory({ 'main.tf': BUCKET, 'doc.tf': fromFile, 'deny.json': denyJson }), 'doc.tf', fromFile).findings, []);
    // Not in the file set (no deny.json; a variable): the merged statements are unknown, so no absence is reported.
    assert.deepEqual(lintIn(memory({ 'main.tf': BUCKET, 'doc.tf': fromFile }), 'doc.tf', fromFile).findings, []);
    const fromVariable = document('  source_policy_documents = [var.base_policy]');
    assert.deepEqual(lintIn(memory({ 'main.tf': BUCKET, 'doc.tf': fromVariable }), 'doc.tf', fromVariable).findings, []);
  });

  it('replaces statements by Sid: an override drops a statement of this document, a statement of this document replaces a source one', () => {
    const override = `data "aws_iam_policy_document" "over" {
  statement {
    sid       = "Read"
    effect    = "Deny"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
`;
    const publicRead = document('  override_policy_documents = [data.aws_iam_policy_document.over.json]').replace('arn:aws:iam::210987654321:root', '*');
    const files = { 'main.tf': BUCKET, 'doc.tf': publicRead, 'over.tf': override };
    // The public Read statement is overridden (a Deny replaces it), so it is not reported; the deny is still missing.
    assert.deepEqual(lintIn(memory(files), 'doc.tf', publicRead).findings, ['3 missingSecureTransportDeny "statement"']);
    const withoutOverride = publicRead.replace(/ {2}override_policy_documents.*\n/, '');
    assert.ok(lintIn(memory(files), 'doc.tf', withoutOverride).findings.some((finding) => finding.includes('publicAccess')));
    // A source statement with the Sid of one of ours is replaced by ours: the source's deny no longer counts.
    const sameSid = document('  source_policy_documents = [data.aws_iam_policy_document.deny.json]').replace('sid       = "Read"', 'sid       = "HttpsOnly"');
    assert.deepEqual(lintIn(memory({ 'main.tf': BUCKET, 'doc.tf': sameSid, 'deny.tf': DENY }), 'doc.tf', sameSid).findings, ['3 missingSecureTransportDeny "statement"']);
  });

  it('writes the HTTPS-only deny into a document with source documents as a statement block, and the file still parses', () => {
    const source = `data "aws_iam_policy_document" "extra" {
  statement {
    sid       = "Extra"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:role/reader"]
    }
  }
}
`;
    for (const text of [document('  source_policy_documents = [data.aws_iam_policy_document.extra.json]'), `data "aws_iam_policy_document" "b" {\n  source_policy_documents = [data.aws_iam_policy_document.extra.json]\n}\n`]) {
      const files = memory({ 'main.tf': BUCKET, 'doc.tf': text, 'extra.tf': source });
      assert.deepEqual(lintIn(files, 'doc.tf', text).findings.map((finding) => finding.split(' ')[1]), ['missingSecureTransportDeny']);
      const fixed = hosted.fixAll(text, 'doc.tf', undefined, DEFAULT_RECOGNITION_SETTINGS, SETTINGS, files).text;
      const tree = parseHcl(fixed)!;
      assert.equal(tree.rootNode.hasError, false, fixed);
      tree.delete();
      assert.match(fixed, /statement \{\n\s+sid += "DenyInsecureTransport"[\s\S]*aws_s3_bucket\.b\.arn/, fixed);
      assert.ok(!fixed.includes('"Extra"'), 'the source statement is not copied into this document');
      assert.deepEqual(lintIn(files, 'doc.tf', fixed).findings, []);
    }
  });

  it('narrows only when certain: one allowed value is known, several or none leave the value unknown', () => {
    const policy = (variable: string) => `${variable}
resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = var.who
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.b.arn}/*"
    }]
  })
}
`;
    const rules = (text: string) => lintIn(undefined, 'main.tf', text).findings.map((finding) => finding.split(' ')[1]);
    const validation = (values: string) => `variable "who" {\n  validation {\n    condition     = contains([${values}], var.who)\n    error_message = "no"\n  }\n}\n`;
    assert.ok(rules(policy(validation('"*"'))).includes('publicAccess'));
    assert.ok(!rules(policy(validation('"*", "arn:aws:iam::210987654321:root"'))).includes('publicAccess'));
    assert.ok(!rules(policy('variable "who" {\n  default = "*"\n}\n')).includes('publicAccess'), 'a default can be overridden');
    assert.ok(!rules(policy(validation('"*"').replace('contains([', 'contains(["*"], var.other) || contains(['))).includes('publicAccess'), 'an `||` is not certain');
    assert.ok(!rules(policy(validation('"*", local.more'))).includes('publicAccess'), 'a list with a computed item is not certain');
  });
});
