/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../helpers/policyTest';
import { complete, parsesAsJson } from './completionTest';

describe('completion of templates', () => {
  it('proposes the snippets\' statements inside the Statement array', () => {
    const labels = complete('{ "Version": "2012-10-17", "Statement": [ | ] }').labels;
    assert.deepEqual(labels, [
      'deny insecure transport (HTTPS only)',
      'allow only through a VPC endpoint',
      'allow only from a VPC',
      'cross-account read',
      'cross-account write with bucket-owner-full-control',
    ]);
  });

  it('fills in the bucket the policy names and adds the comma after the statement before', () => {
    const text = complete('{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Principal": { "AWS": "210987654321" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme/*" }\n    |\n  ]\n}')
      .accept('deny insecure transport (HTTPS only)');
    const policy = parsesAsJson(text) as { Statement: { Resource: unknown }[] };
    assert.deepEqual(policy.Statement[1].Resource, ['arn:aws:s3:::acme', 'arn:aws:s3:::acme/*']);
    assert.deepEqual(lint(text).filter((finding) => /SecureTransport/.test(finding.ruleId)).map((finding) => finding.ruleId), []);
    assert.match(text, /\n {4}\{\n {6}"Sid": "DenyInsecureTransport",/);
  });

  it('leaves out the HTTPS-only template when the policy already has its Sid', () => {
    const labels = complete('{ "Statement": [ { "Sid": "DenyInsecureTransport", "Effect": "Deny" }, | ] }').labels;
    assert.ok(!labels.includes('deny insecure transport (HTTPS only)'));
  });

  it('proposes the whole policy in an empty document', () => {
    const completion = complete('|');
    assert.deepEqual(completion.labels, ['S3 bucket policy (with HTTPS-only deny)']);
    const policy = parsesAsJson(completion.accept('S3 bucket policy (with HTTPS-only deny)')) as { Version: string; Statement: unknown[] };
    assert.equal(policy.Version, '2012-10-17');
    assert.equal(policy.Statement.length, 2);
  });
});
