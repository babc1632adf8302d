/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string) => policyWith(
  `{ "Sid": "Organization", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`,
);

describe('missingConditionQualifier', () => {
  it('fires, as an error, on a multivalued key without ForAnyValue:/ForAllValues: and underlines the operator', () => {
    const text = policy('{ "StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } }');
    assert.deepEqual(underlined(text, 'missingConditionQualifier'), ['"StringLike"']);
    const [finding] = findingsOf(text, 'missingConditionQualifier');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /"aws:PrincipalOrgPaths" can carry several values in one request/);
  });

  it('offers ForAnyValue: (preferred) and ForAllValues:', () => {
    const text = policy('{ "StringEquals": { "s3:RequestObjectTagKeys": ["team", "cost-center"] } }');
    assert.deepEqual(fixTitles(text, 'missingConditionQualifier'), [['Change to "ForAnyValue:StringEquals" (preferred)', 'Change to "ForAllValues:StringEquals"']]);
    assert.equal(applyFix(text, 'missingConditionQualifier'), policy('{ "ForAnyValue:StringEquals": { "s3:RequestObjectTagKeys": ["team", "cost-center"] } }'));
    assert.equal(applyFix(text, 'missingConditionQualifier', 'Change to "ForAllValues:StringEquals"'), policy('{ "ForAllValues:StringEquals": { "s3:RequestObjectTagKeys": ["team", "cost-center"] } }'));
  });

  it('keeps IfExists and moves the key out of a block it shares', () => {
    assert.equal(applyFix(policy('{ "StringLikeIfExists": { "aws:TagKeys": "team" } }'), 'missingConditionQualifier'), policy('{ "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": "team" } }'));
    const text = policy('{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:TagKeys": "team" } }');
    assert.equal(applyFix(text, 'missingConditionQualifier'), policy('{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, "ForAnyValue:StringEquals": { "aws:TagKeys": "team" } }'));
  });

  it('stays silent on qualified multivalued keys, Null, single-valued and unknown keys', () => {
    for (const condition of [
      '{ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*" } }',
      '{ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }',
      '{ "Null": { "aws:TagKeys": "false" } }',
      '{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }',
      '{ "StringEquals": { "kms:EncryptionContextKeys": "app" } }',
    ]) {
      assert.deepEqual(findingsOf(policy(condition), 'missingConditionQualifier'), [], condition);
    }
  });
});
