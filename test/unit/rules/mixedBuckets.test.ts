/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const readOf = (...resources: string[]) => policyWith(`{ "Sid": "PartnerRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": ${JSON.stringify(resources)} }`);

describe('mixedBuckets', () => {
  it('fires, as an error, on each resource in a bucket other than the policy\'s own', () => {
    const text = readOf('arn:aws:s3:::acme-web-assets/*', 'arn:aws:s3:::acme-archive/*');
    assert.deepEqual(underlined(text, 'mixedBuckets'), ['arn:aws:s3:::acme-archive/*']);
    const [finding] = findingsOf(text, 'mixedBuckets');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /about bucket "acme-web-assets".*"acme-archive".*S3 rejects it/);
    assert.deepEqual(fixTitles(text, 'mixedBuckets'), [[]]);
  });

  it('offers the policy\'s bucket for a near-miss name (not preferred: it may be deliberate)', () => {
    const text = readOf('arn:aws:s3:::acme-web-assets/*', 'arn:aws:s3:::acme-web-asets/reports/*');
    assert.deepEqual(fixTitles(text, 'mixedBuckets'), [['Change the bucket to "acme-web-assets"']]);
    assert.equal(applyFix(text, 'mixedBuckets', 'Change the bucket to "acme-web-assets"'), readOf('arn:aws:s3:::acme-web-assets/*', 'arn:aws:s3:::acme-web-assets/reports/*'));
  });

  it('stays silent when every resource is in one bucket', () => {
    assert.deepEqual(findingsOf(readOf('arn:aws:s3:::acme-web-assets', 'arn:aws:s3:::acme-web-assets/*'), 'mixedBuckets'), []);
  });

  it('leaves wildcards, template text and malformed names to other rules', () => {
    assert.deepEqual(findingsOf(readOf('arn:aws:s3:::acme-web-assets/*', 'arn:aws:s3:::acme-*'), 'mixedBuckets'), []);
    assert.deepEqual(findingsOf(readOf('arn:aws:s3:::acme-web-assets/*', 'arn:aws:s3:::<your-bucket-name>/*'), 'mixedBuckets'), []);
    assert.deepEqual(findingsOf(readOf('arn:aws:s3:::acme-web-assets/*', 'arn:aws:s3:::Acme_Web/*'), 'mixedBuckets'), []);
    assert.deepEqual(findingsOf(readOf('arn:aws:S3:::acme-web-assets / *'), 'mixedBuckets'), []);
  });
});
