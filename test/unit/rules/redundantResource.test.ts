/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (resources: string) => policyWith(`{ "Sid": "PartnerRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": ${resources} }`);

describe('redundantResource', () => {
  it('fires on an ARN a wildcard ARN of the same list covers, underlining it', () => {
    assert.deepEqual(underlined(policy('["arn:aws:s3:::acme-web-assets/logs/*", "arn:aws:s3:::acme-web-assets/*"]'), 'redundantResource'), ['"arn:aws:s3:::acme-web-assets/logs/*"']);
    assert.deepEqual(underlined(policy('["arn:aws:s3:::acme-web-assets/*", "*"]'), 'redundantResource'), ['"arn:aws:s3:::acme-web-assets/*"']);
    assert.deepEqual(underlined(policy('["arn:aws:s3:::acme-web-assets/a.txt", "arn:aws:s3:::acme-web-assets/?.txt"]'), 'redundantResource'), ['"arn:aws:s3:::acme-web-assets/a.txt"']);
    assert.deepEqual(underlined(policy('["arn:aws:s3:::acme-web-assets/a?b", "arn:aws:s3:::acme-web-assets/a*b"]'), 'redundantResource'), ['"arn:aws:s3:::acme-web-assets/a?b"']);
    assert.equal(findingsOf(policy('["arn:aws:s3:::acme-web-assets/a", "arn:aws:s3:::acme-web-assets/*"]'), 'redundantResource')[0].severity, 'information');
  });
  it('reports the later of two equal ARNs', () => {
    assert.deepEqual(underlined(policy('["arn:aws:s3:::acme-web-assets/*", "arn:aws:s3:::acme-web-assets/*"]'), 'redundantResource'), ['"arn:aws:s3:::acme-web-assets/*"']);
    const text = policy('["arn:aws:s3:::acme-web-assets/*", "arn:aws:s3:::acme-web-assets/*"]');
    assert.equal(findingsOf(text, 'redundantResource')[0].offset, text.indexOf('"arn:aws:s3:::acme-web-assets/*"', text.indexOf('"arn:aws:s3:::acme-web-assets/*"') + 1));
  });
  it('reports only the last of three equal ARNs, in short lists and in long ones alike', () => {
    const repeated = 'arn:aws:s3:::acme-web-assets/reports/*';
    for (const length of [3, 5, 16, 17, 40]) {
      const entries = Array.from({ length }, (_, index) => `arn:aws:s3:::acme-web-assets/file-${index}.csv`);
      entries[0] = repeated;
      entries[Math.floor(length / 2)] = repeated;
      entries[length - 1] = repeated;
      const text = policy(JSON.stringify(entries));
      const findings = findingsOf(text, 'redundantResource');
      assert.equal(findings.length, 1, `${length} entries`);
      assert.equal(findings[0].offset, text.lastIndexOf(`"${repeated}"`), `${length} entries`);
    }
  });
  it('removes the redundant entry, changing nothing else', () => {
    assert.equal(applyFix(policy('["arn:aws:s3:::acme-web-assets/logs/*", "arn:aws:s3:::acme-web-assets/*"]'), 'redundantResource'), policy('["arn:aws:s3:::acme-web-assets/*"]'));
  });
  it('stays silent on the bucket next to its objects, on other buckets, and where a star would cross a field', () => {
    assert.deepEqual(findingsOf(policy('["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]'), 'redundantResource'), []);
    assert.deepEqual(findingsOf(policy('["arn:aws:s3:::acme-web-assets/*", "arn:aws:s3:::acme-logs/*"]'), 'redundantResource'), []);
    assert.deepEqual(findingsOf(policy('["arn:aws:s3:::acme-web-assets/a*", "arn:aws:s3:::acme-web-assets/?b"]'), 'redundantResource'), []);
    assert.deepEqual(findingsOf(policy('["arn:aws:s3:::acme-web-assets/*", "arn:aws:*"]'), 'redundantResource'), []);
    assert.deepEqual(findingsOf(policy('["arn:aws:s3:::acme-web-assets/Logs/*", "arn:aws:s3:::acme-web-assets/logs*"]'), 'redundantResource'), []);
  });
  it('leaves the bucket and object ARNs of an HTTPS-only deny to incompleteSecureTransportDeny unless "*" covers them', () => {
    const deny = (resources: string) => `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ${resources}, "Condition": { "Bool": { "aws:SecureTransport": "false" } } }]
}`;
    assert.deepEqual(findingsOf(deny('["arn:aws:s3:::acme-*", "arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]'), 'redundantResource'), []);
    assert.deepEqual(underlined(deny('["*", "arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]'), 'redundantResource'), ['"arn:aws:s3:::acme-web-assets"', '"arn:aws:s3:::acme-web-assets/*"']);
  });
});
