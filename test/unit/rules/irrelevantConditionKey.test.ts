/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string) => policyWith(
  `{ "Sid": "Partner", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`,
);

describe('irrelevantConditionKey', () => {
  it('fires, as information, on s3:ResourceAccount in any case, underlining the key, with no fix', () => {
    const text = policy('{ "StringEquals": { "S3:resourceAccount": "210987654321" } }');
    assert.deepEqual(underlined(text, 'irrelevantConditionKey'), ['S3:resourceAccount']);
    const [finding] = findingsOf(text, 'irrelevantConditionKey');
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /says nothing in a bucket policy: it is the account that owns the resource/);
    assert.deepEqual(fixTitles(text, 'irrelevantConditionKey'), [[]]);
  });

  it('stays silent on keys that matter in a bucket policy', () => {
    assert.deepEqual(findingsOf(policy('{ "StringEquals": { "aws:PrincipalAccount": "210987654321", "s3:ResourceAccountX": "1" } }'), 'irrelevantConditionKey'), []);
  });
});
