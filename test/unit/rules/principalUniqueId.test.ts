/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const grantTo = (principal: string) => policyWith(`{ "Sid": "Grant", "Effect": "Allow", "Principal": { "AWS": ${JSON.stringify(principal)} }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }`);

describe('principalUniqueId', () => {
  it('fires on a role unique ID (AROA…), as a warning, on the ID', () => {
    const text = grantTo('AROA1234567890ABCDEFG');
    assert.deepEqual(underlined(text, 'principalUniqueId'), ['AROA1234567890ABCDEFG']);
    const [finding] = findingsOf(text, 'principalUniqueId');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /IAM role.*deleted.*role's ARN/);
  });

  it('fires on a user unique ID (AIDA…)', () => {
    assert.match(findingsOf(grantTo('AIDA1234567890ABCDEFG'), 'principalUniqueId')[0].message, /IAM user/);
  });

  it('stays silent on ARNs and account IDs', () => {
    assert.deepEqual(findingsOf(grantTo('arn:aws:iam::210987654321:role/Reader'), 'principalUniqueId'), []);
    assert.deepEqual(findingsOf(grantTo('210987654321'), 'principalUniqueId'), []);
  });
});
