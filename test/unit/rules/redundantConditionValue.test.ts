/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string) => policyWith(`{ "Sid": "PartnerRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { ${condition} } }`);

describe('redundantConditionValue', () => {
  it('fires on several values under a numeric less-than or greater-than, underlining the list', () => {
    assert.deepEqual(underlined(policy('"NumericLessThan": { "s3:max-keys": ["5", "10"] }'), 'redundantConditionValue'), ['["5", "10"]']);
    assert.deepEqual(underlined(policy('"NumericGreaterThanEquals": { "s3:max-keys": [10, 5, 7] }'), 'redundantConditionValue'), ['[10, 5, 7]']);
    assert.equal(findingsOf(policy('"NumericLessThan": { "s3:max-keys": ["5", "10"] }'), 'redundantConditionValue')[0].severity, 'information');
  });
  it('names the value that matters', () => {
    assert.match(findingsOf(policy('"NumericLessThan": { "s3:max-keys": ["5", "10"] }'), 'redundantConditionValue')[0].message, /only the largest, "10", matters/);
    assert.match(findingsOf(policy('"NumericGreaterThan": { "s3:max-keys": ["5", "10"] }'), 'redundantConditionValue')[0].message, /only the smallest, "5", matters/);
  });
  it('keeps the widest bound, changing nothing else', () => {
    assert.equal(applyFix(policy('"NumericLessThanEquals": { "s3:max-keys": ["5", "10"] }'), 'redundantConditionValue'), policy('"NumericLessThanEquals": { "s3:max-keys": "10" }'));
    assert.equal(applyFix(policy('"NumericGreaterThan": { "s3:max-keys": [10, 5, 7] }'), 'redundantConditionValue'), policy('"NumericGreaterThan": { "s3:max-keys": 5 }'));
  });
  it('stays silent on one value, on NumericEquals, and on values that are not numbers', () => {
    assert.deepEqual(findingsOf(policy('"NumericLessThan": { "s3:max-keys": "10" }'), 'redundantConditionValue'), []);
    assert.deepEqual(findingsOf(policy('"NumericLessThan": { "s3:max-keys": ["10"] }'), 'redundantConditionValue'), []);
    assert.deepEqual(findingsOf(policy('"NumericEquals": { "s3:max-keys": ["5", "10"] }'), 'redundantConditionValue'), []);
    assert.deepEqual(findingsOf(policy('"NumericLessThan": { "s3:max-keys": ["5", "ten"] }'), 'redundantConditionValue'), []);
  });
});
