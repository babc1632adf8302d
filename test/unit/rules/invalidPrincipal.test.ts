/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

/** A policy whose one grant has the given Principal (JSON text). */
const grantTo = (principal: string) => policyWith(`{ "Sid": "Grant", "Effect": "Allow", "Principal": ${principal}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "StringEquals": { "aws:SourceAccount": "210987654321" } } }`);
const aws = (value: string) => grantTo(`{ "AWS": ${JSON.stringify(value)} }`);

describe('invalidPrincipal', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['an 11-digit account ID', '21098765432', '21098765432', undefined],
    ['an account ID with dashes', '2109-8765-4321', '2109-8765-4321', '210987654321'],
    ['a partial wildcard in the account', 'arn:aws:iam::*:role/Reader', '*', undefined],
    ['a partial wildcard in the name', 'arn:aws:iam::210987654321:role/app-*', '*', undefined],
    ['the service in capitals', 'arn:aws:IAM::210987654321:role/Reader', 'IAM', 'arn:aws:iam::210987654321:role/Reader'],
    ['a Region in an IAM ARN', 'arn:aws:iam:us-east-1:210987654321:root', 'us-east-1', 'arn:aws:iam::210987654321:root'],
    ['an 11-digit account in an ARN', 'arn:aws:iam::21098765432:root', '21098765432', undefined],
    ['an IAM group', 'arn:aws:iam::210987654321:group/Developers', 'group/Developers', undefined],
    ['a role under sts', 'arn:aws:sts::210987654321:role/Reader', 'sts', 'arn:aws:iam::210987654321:role/Reader'],
    ['an assumed role without a session', 'arn:aws:sts::210987654321:assumed-role/Reader', 'assumed-role/Reader', undefined],
    ['"Root" in capitals', 'arn:aws:iam::210987654321:Root', 'Root', 'arn:aws:iam::210987654321:root'],
    ['a leading space', ' arn:aws:iam::210987654321:root', ' arn:aws:iam::210987654321:root', 'arn:aws:iam::210987654321:root'],
    ['a bare name', 'Reader', 'Reader', undefined],
    ['an unknown partition', 'arn:amazon:iam::210987654321:root', 'amazon', undefined],
    ['an ARN with a missing colon', 'arn:aws:iam:210987654321:root', 'arn:aws:iam:210987654321:root', 'arn:aws:iam::210987654321:root'],
  ];
  for (const [what, value, token, fixed] of cases) {
    it(`fires on ${what} and underlines ${JSON.stringify(token)}`, () => {
      const text = aws(value);
      assert.deepEqual(underlined(text, 'invalidPrincipal'), [token]);
      assert.equal(findingsOf(text, 'invalidPrincipal')[0].severity, 'error');
      if (fixed === undefined) {
        assert.deepEqual(fixTitles(text, 'invalidPrincipal'), [[]]);
      } else {
        assert.equal(applyFix(text, 'invalidPrincipal'), aws(fixed));
      }
    });
  }

  it('lists several problems of one ARN in one finding and fixes them together', () => {
    const text = aws('arn:aws:IAM:us-east-1:210987654321:Root');
    assert.deepEqual(underlined(text, 'invalidPrincipal'), ['arn:aws:IAM:us-east-1:210987654321:Root']);
    assert.equal(applyFix(text, 'invalidPrincipal'), aws('arn:aws:iam::210987654321:root'));
  });

  it('checks service principals: case, bare names, wildcards', () => {
    const service = (value: string) => grantTo(`{ "Service": ${JSON.stringify(value)} }`);
    assert.equal(applyFix(service('Logging.S3.amazonaws.com'), 'invalidPrincipal'), service('logging.s3.amazonaws.com'));
    assert.equal(applyFix(service('cloudfront'), 'invalidPrincipal'), service('cloudfront.amazonaws.com'));
    assert.deepEqual(underlined(service('s3.*.amazonaws.com'), 'invalidPrincipal'), ['*']);
    assert.match(findingsOf(service('arn:aws:iam::210987654321:root'), 'invalidPrincipal')[0].message, /list ARNs under "AWS"/);
  });

  it('says the ID is missing from a legacy CloudFront OAI principal, not that "cloudfront" is no account', () => {
    const text = aws('arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity');
    assert.deepEqual(underlined(text, 'invalidPrincipal'), ['user/CloudFront Origin Access Identity']);
    const { message } = findingsOf(text, 'invalidPrincipal')[0];
    assert.match(message, /^The origin access identity ID is missing: the legacy CloudFront OAI principal reads arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity E2QWRUHAPOMQZL/);
    assert.doesNotMatch(message, /12-digit/);
    assert.match(findingsOf(aws('arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity e2qwruhapomqzl'), 'invalidPrincipal')[0].message,
      /"e2qwruhapomqzl" is not a CloudFront origin access identity ID: those are capital letters and digits/);
  });

  it('checks canonical user IDs: 64 hexadecimal characters', () => {
    const text = grantTo('{ "CanonicalUser": "79a59df900b949e55d96a1e698fbace" }');
    assert.deepEqual(underlined(text, 'invalidPrincipal'), ['79a59df900b949e55d96a1e698fbace']);
  });

  it('keeps the fix that wraps a bare account ID or ARN in {"AWS": …}', () => {
    assert.equal(applyFix(grantTo('"210987654321"'), 'invalidPrincipal'), grantTo('{"AWS": "210987654321"}'));
  });

  it('stays silent on correct principals of every kind', () => {
    for (const principal of [
      '"*"',
      '{ "AWS": "*" }',
      '{ "AWS": "210987654321" }',
      '{ "AWS": ["arn:aws:iam::210987654321:root", "arn:aws:iam::210987654321:user/ops/alice", "arn:aws:iam::210987654321:role/service-role/Etl"] }',
      '{ "AWS": "arn:aws:sts::210987654321:assumed-role/Reader/session-1" }',
      '{ "AWS": "arn:aws-cn:iam::210987654321:root" }',
      '{ "AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL" }',
      '{ "Service": ["cloudfront.amazonaws.com", "logdelivery.elasticloadbalancing.amazonaws.com", "logging.s3.amazonaws.com"] }',
      '{ "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }',
    ]) {
      assert.deepEqual(findingsOf(grantTo(principal), 'invalidPrincipal'), [], principal);
    }
  });

  it('leaves template text to placeholder and unique IDs to principalUniqueId', () => {
    assert.deepEqual(findingsOf(aws('arn:aws:iam::<account-id>:root'), 'invalidPrincipal'), []);
    assert.deepEqual(findingsOf(aws('arn:aws:iam::ACCOUNT-ID:role/Reader'), 'invalidPrincipal'), []);
    assert.deepEqual(findingsOf(aws('AROA1234567890ABCDEFG'), 'invalidPrincipal'), []);
  });
});
