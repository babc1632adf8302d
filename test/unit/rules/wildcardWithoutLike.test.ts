/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string) => policyWith(
  `{ "Sid": "CloudFront", "Effect": "Allow", "Principal": { "Service": "cloudfront.amazonaws.com" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`,
);

describe('wildcardWithoutLike', () => {
  it('fires, as a warning, on a * compared with StringEquals and underlines the value', () => {
    const text = policy('{ "StringEquals": { "aws:SourceArn": "arn:aws:cloudfront::210987654321:distribution/*" } }');
    assert.deepEqual(underlined(text, 'wildcardWithoutLike'), ['"arn:aws:cloudfront::210987654321:distribution/*"']);
    const [finding] = findingsOf(text, 'wildcardWithoutLike');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /character by character, so \* and \? match only themselves/);
    assert.equal(applyFix(text, 'wildcardWithoutLike'), policy('{ "StringLike": { "aws:SourceArn": "arn:aws:cloudfront::210987654321:distribution/*" } }'));
  });

  it('reports a key once, on its first wildcard value, and says how many more there are', () => {
    const text = policy('{ "StringNotEquals": { "aws:userid": ["AROAEXAMPLEID1:*", "AROAEXAMPLEID2:*", "AIDAEXAMPLEID3"] } }');
    assert.deepEqual(underlined(text, 'wildcardWithoutLike'), ['"AROAEXAMPLEID1:*"']);
    assert.match(findingsOf(text, 'wildcardWithoutLike')[0].message, /\(and 1 more value\)/);
    assert.equal(applyFix(text, 'wildcardWithoutLike'), policy('{ "StringNotLike": { "aws:userid": ["AROAEXAMPLEID1:*", "AROAEXAMPLEID2:*", "AIDAEXAMPLEID3"] } }'));
  });

  it('moves only the key with the wildcard when the block holds others', () => {
    const text = policy('{ "StringEquals": { "aws:SourceAccount": "210987654321", "aws:SourceArn": "arn:aws:cloudfront::210987654321:distribution/E?*" } }');
    assert.equal(applyFix(text, 'wildcardWithoutLike'), policy('{ "StringEquals": { "aws:SourceAccount": "210987654321" }, "StringLike": { "aws:SourceArn": "arn:aws:cloudfront::210987654321:distribution/E?*" } }'));
  });

  it('offers StringLike for IgnoreCase operators without preferring it', () => {
    assert.deepEqual(fixTitles(policy('{ "StringEqualsIgnoreCase": { "aws:PrincipalTag/team": "data-*" } }'), 'wildcardWithoutLike'), [['Change to "StringLike"']]);
  });

  it('stays silent on Like and Arn operators, the ${*} and ${?} escapes, and keys that are not strings', () => {
    for (const condition of [
      '{ "StringLike": { "aws:SourceArn": "arn:aws:cloudfront::210987654321:distribution/*" } }',
      '{ "ArnEquals": { "aws:SourceArn": "arn:aws:cloudfront::210987654321:distribution/*" } }',
      '{ "ArnNotEquals": { "aws:SourceArn": "arn:aws:s3:::acme-*" } }',
      '{ "StringEquals": { "s3:prefix": "literal-${*}-and-${?}" } }',
      '{ "StringEquals": { "aws:SourceIp": "203.0.113.*" } }',
      '{ "StringEquals": { "aws:SourceAccount": "210987654321" } }',
    ]) {
      assert.deepEqual(findingsOf(policy(condition), 'wildcardWithoutLike'), [], condition);
    }
  });
});
