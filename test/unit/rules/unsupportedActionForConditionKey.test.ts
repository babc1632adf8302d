/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (actions: string, condition: string, element = 'Action') => policyWith(
  `{ "Sid": "Scoped", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "${element}": ${actions}, "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${condition} }`,
);

describe('unsupportedActionForConditionKey', () => {
  it('fires, as a warning, on an s3: key none of the actions sends, underlining the key', () => {
    const text = policy('"s3:GetObject"', '{ "StringLike": { "s3:prefix": "reports/*" } }');
    assert.deepEqual(underlined(text, 'unsupportedActionForConditionKey'), ['"s3:prefix"']);
    const [finding] = findingsOf(text, 'unsupportedActionForConditionKey');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /None of this statement's actions \(s3:GetObject\) sends "s3:prefix" in its requests, so this condition is never true for them\. Only s3:ListBucket, s3:ListBucketVersions send it\./);
    assert.deepEqual(finding.fixes, []);
  });

  it('says a negated operator or IfExists is always true for those actions', () => {
    assert.match(findingsOf(policy('"s3:ListBucket"', '{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }'), 'unsupportedActionForConditionKey')[0].message,
      /always true for them and restricts nothing/);
    assert.match(findingsOf(policy('["s3:GetObject", "s3:GetObjectVersion"]', '{ "StringLikeIfExists": { "s3:prefix": "reports/*" } }'), 'unsupportedActionForConditionKey')[0].message,
      /\(s3:GetObject, s3:GetObjectVersion\).*always true/);
  });

  it('stays silent when any listed or matched action supports the key', () => {
    for (const [actions, condition] of [
      ['["s3:GetObject", "s3:ListBucket"]', '{ "StringLike": { "s3:prefix": "reports/*" } }'],
      ['"s3:List*"', '{ "StringLike": { "s3:prefix": "reports/*" } }'],
      ['"s3:*"', '{ "NumericLessThan": { "s3:TlsVersion": "1.2" } }'],
      ['"*"', '{ "StringEquals": { "s3:DataAccessPointAccount": "210987654321" } }'],
      ['"s3:PutObject"', '{ "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control" }, "Null": { "s3:x-amz-server-side-encryption": "false" } }'],
      ['"s3:PutObjectRetention"', '{ "NumericGreaterThan": { "s3:object-lock-remaining-retention-days": "30" } }'],
      ['"s3:GetObject"', '{ "StringEquals": { "s3:ExistingObjectTag/class": "public" } }'],
      ['"s3:GetBucketTagging"', '{ "StringEquals": { "s3:BucketTag/team": "data" } }'],
      ['"s3:GetObject"', '{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d", "aws:ResourceTag/team": "data" } }'],
      ['"kms:Decrypt"', '{ "StringLike": { "s3:prefix": "reports/*" } }'],
      ['"s3:GetObject"', '{ "StringLike": { "s3:prefx": "reports/*" } }'],
    ] as const) {
      assert.deepEqual(findingsOf(policy(actions, condition), 'unsupportedActionForConditionKey'), [], `${actions} ${condition}`);
    }
  });

  it('reads NotAction as every S3 action it leaves out, and fires when it leaves out every action that sends the key', () => {
    assert.deepEqual(findingsOf(policy('"s3:ListBucket"', '{ "StringLike": { "s3:prefix": "reports/*" } }', 'NotAction'), 'unsupportedActionForConditionKey'), []);
    assert.deepEqual(underlined(policy('["s3:ListBucket", "s3:ListBucketVersions"]', '{ "StringLike": { "s3:prefix": "reports/*" } }', 'NotAction'), 'unsupportedActionForConditionKey'), ['"s3:prefix"']);
  });
});
