/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (effect: string, condition: string) => policyWith(
  `{ "Sid": "Endpoint", "Effect": "${effect}", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`,
);

describe('forAllValuesSingleValued', () => {
  it('fires, as a warning, on ForAllValues: with a single-valued key and underlines the qualifier', () => {
    const text = policy('Allow', '{ "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }');
    assert.deepEqual(underlined(text, 'forAllValuesSingleValued'), ['ForAllValues:']);
    const [finding] = findingsOf(text, 'forAllValuesSingleValued');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /also true when the request does not carry it at all, so this condition matches every request made without "aws:SourceVpce"/);
  });

  it('drops the qualifier (preferred) or writes the same meaning with IfExists', () => {
    const text = policy('Allow', '{ "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }');
    assert.deepEqual(fixTitles(text, 'forAllValuesSingleValued'), [['Change to "StringEquals" (preferred)', 'Change to "StringEqualsIfExists" (same meaning)']]);
    assert.equal(applyFix(text, 'forAllValuesSingleValued'), policy('Allow', '{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }'));
    assert.equal(applyFix(text, 'forAllValuesSingleValued', 'Change to "StringEqualsIfExists" (same meaning)'), policy('Allow', '{ "StringEqualsIfExists": { "aws:SourceVpce": "vpce-1a2b3c4d" } }'));
  });

  it('prefers no fix in a Deny with a positive operator, where dropping the qualifier narrows the deny', () => {
    assert.deepEqual(fixTitles(policy('Deny', '{ "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }'), 'forAllValuesSingleValued'),
      [['Change to "StringEquals"', 'Change to "StringEqualsIfExists" (same meaning)']]);
    assert.deepEqual(fixTitles(policy('Deny', '{ "ForAllValues:StringNotEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }'), 'forAllValuesSingleValued'),
      [['Change to "StringNotEquals" (preferred)', 'Change to "StringNotEqualsIfExists" (same meaning)']]);
  });

  it('keeps IfExists and moves the key when the block holds others', () => {
    assert.deepEqual(fixTitles(policy('Allow', '{ "ForAllValues:StringLikeIfExists": { "aws:SourceVpc": "vpc-*" } }'), 'forAllValuesSingleValued'), [['Change to "StringLikeIfExists" (preferred)']]);
    const text = policy('Allow', '{ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"], "aws:SourceVpce": "vpce-1a2b3c4d" } }');
    assert.equal(applyFix(text, 'forAllValuesSingleValued'), policy('Allow', '{ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] }, "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }'));
  });

  it('stays silent on multivalued keys, ForAnyValue:, Null, unknown keys and plain operators', () => {
    for (const condition of [
      '{ "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "cost-center"] } }',
      '{ "ForAllValues:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*" } }',
      '{ "ForAnyValue:StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }',
      '{ "ForAllValues:Null": { "aws:SourceVpce": "true" } }',
      '{ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": "app" } }',
      '{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }',
    ]) {
      assert.deepEqual(findingsOf(policy('Allow', condition), 'forAllValuesSingleValued'), [], condition);
    }
  });
});
