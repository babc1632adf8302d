/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, PARTNER_READ, underlined } from '../../helpers/policyTest';

const policy = (resource: string) => `{
  "Version": "2012-10-17",
  "Statement": [
    ${PARTNER_READ},
    { "Sid": "HttpsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ${resource}, "Condition": { "Bool": { "aws:SecureTransport": "false" } } }
  ]
}`;

describe('incompleteSecureTransportDeny', () => {
  it('fires, as a warning, on an objects-only deny and adds the bucket ARN', () => {
    const text = policy('"arn:aws:s3:::acme-web-assets/*"');
    assert.deepEqual(underlined(text, 'incompleteSecureTransportDeny'), ['"arn:aws:s3:::acme-web-assets/*"']);
    const [finding] = findingsOf(text, 'incompleteSecureTransportDeny');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /only the objects.*AWS Config, Control Tower and cdk-nag/);
    assert.equal(applyFix(text, 'incompleteSecureTransportDeny'), policy('["arn:aws:s3:::acme-web-assets/*", "arn:aws:s3:::acme-web-assets"]'));
  });

  it('fires on a bucket-only deny and adds bucket/*', () => {
    const text = policy('["arn:aws:s3:::acme-web-assets"]');
    assert.equal(applyFix(text, 'incompleteSecureTransportDeny'), policy('["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]'));
  });

  it('stays silent on a complete deny and on "*"', () => {
    assert.deepEqual(findingsOf(policy('["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]'), 'incompleteSecureTransportDeny'), []);
    assert.deepEqual(findingsOf(policy('"*"'), 'incompleteSecureTransportDeny'), []);
  });

  it('stays silent when two denies together cover the bucket and its objects (the evaluator says HTTP is denied to everyone; the pattern reported both)', () => {
    const text = policy('"arn:aws:s3:::acme-web-assets/*"').replace(/\n {2}\]/, ',\n    { "Sid": "HttpsOnlyBucket", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::acme-web-assets", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }\n  ]');
    assert.deepEqual(findingsOf(text, 'incompleteSecureTransportDeny'), []);
    assert.deepEqual(findingsOf(text, 'missingSecureTransportDeny'), []);
  });

  it('reads a wildcard bucket as the evaluator does: arn:aws:s3:::*/* covers only objects', () => {
    const text = policy('"arn:aws:s3:::*/*"');
    assert.deepEqual(underlined(text, 'incompleteSecureTransportDeny'), ['"arn:aws:s3:::*/*"']);
    assert.equal(applyFix(text, 'incompleteSecureTransportDeny'), policy('["arn:aws:s3:::*/*", "arn:aws:s3:::acme-web-assets"]'));
  });
});
