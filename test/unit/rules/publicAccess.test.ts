/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const OBJECTS = '"arn:aws:s3:::acme-web-assets/*"';
const BOTH = '["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]';
const grant = ({ principal = '"*"', action = '"s3:GetObject"', resource = OBJECTS, condition = '' } = {}) =>
  policyWith(`{ "Sid": "Grant", "Effect": "Allow", "Principal": ${principal}, "Action": ${action}, "Resource": ${resource}${condition ? `, "Condition": ${condition}` : ''} }`);

describe('publicAccess', () => {
  it('fires, as a warning on the "*", on a public-read website grant: the user must confirm it', () => {
    const text = grant();
    assert.deepEqual(underlined(text, 'publicAccess'), ['*']);
    const [finding] = findingsOf(text, 'publicAccess');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /anyone on the internet, without credentials, can read \(s3:GetObject\)\. If that is intended \(a public website/);
  });

  it('fires on {"AWS": "*"} and names every kind of access that becomes public', () => {
    const text = grant({ principal: '{ "AWS": "*" }', action: '["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:PutBucketPolicy"]', resource: BOTH });
    assert.deepEqual(underlined(text, 'publicAccess'), ['*']);
    assert.match(findingsOf(text, 'publicAccess')[0].message, /change permissions \(bucket policy, ACLs\) \(s3:PutBucketPolicy\), write and delete \(s3:PutObject\), read \(s3:GetObject\) and list \(s3:ListBucket\)/);
  });

  it('reads wildcards and NotAction through the AWS data', () => {
    assert.match(findingsOf(grant({ action: '"s3:Get*"' }), 'publicAccess')[0].message, /can read \(s3:GetObject, s3:GetObjectVersion, …\)\./);
    assert.match(findingsOf(grant({ action: '"s3:*"', resource: BOTH }), 'publicAccess')[0].message, /change permissions.*write and delete.*read.*list.*change tags/);
    const notAction = policyWith(`{ "Sid": "Grant", "Effect": "Allow", "Principal": "*", "NotAction": "s3:Delete*", "Resource": ${OBJECTS} }`);
    assert.match(findingsOf(notAction, 'publicAccess')[0].message, /change permissions/);
  });

  for (const [what, condition] of [
    ['aws:Referer', '{ "StringLike": { "aws:Referer": "https://www.acme.test/*" } }'],
    ['aws:SecureTransport', '{ "Bool": { "aws:SecureTransport": "true" } }'],
    ['a time window', '{ "DateLessThan": { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }'],
    ['aws:SourceIp 0.0.0.0/0', '{ "IpAddress": { "aws:SourceIp": "0.0.0.0/0" } }'],
    ['a list that includes ::/0', '{ "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "::/0"] } }'],
    ['a negated operator', '{ "StringNotEquals": { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } }'],
    ['an IfExists operator', '{ "StringEqualsIfExists": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }'],
  ]) {
    it(`fires when the only condition is ${what}, which does not restrict who`, () => {
      assert.equal(findingsOf(grant({ condition }), 'publicAccess').length, 1);
    });
  }

  it('says why a wildcard in a restricting key does not count', () => {
    const text = grant({ condition: '{ "StringLike": { "aws:SourceVpce": "vpce-*" } }' });
    assert.match(findingsOf(text, 'publicAccess')[0].message, /condition on aws:SourceVpce uses a wildcard.*S3 counts only fixed values.*Block Public Access/);
  });

  it('takes its verdict from the access evaluator: an account-fixed aws:PrincipalArn restricts, a source range broader than /8 does not', () => {
    assert.deepEqual(findingsOf(grant({ condition: '{ "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::210987654321:role/app-*" } }' }), 'publicAccess'), []);
    const { message } = findingsOf(grant({ condition: '{ "IpAddress": { "aws:SourceIp": "10.0.0.0/7" } }' }), 'publicAccess')[0];
    assert.match(message, /condition on aws:SourceIp lists 10\.0\.0\.0\/7, a range broader than S3 counts as restricting/);
    assert.deepEqual(findingsOf(grant({ condition: '{ "IpAddress": { "aws:SourceIp": "10.0.0.0/8" } }' }), 'publicAccess'), []);
  });

  it('says that 0.0.0.0/0 or ::/0 in aws:SourceIp covers every address, not that it is a wildcard', () => {
    for (const [range, condition] of [
      ['0.0.0.0/0', '{ "IpAddress": { "aws:SourceIp": "0.0.0.0/0" } }'],
      ['::/0', '{ "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "::/0"] } }'],
    ]) {
      const { message } = findingsOf(grant({ condition }), 'publicAccess')[0];
      assert.ok(message.includes(`condition on aws:SourceIp lists ${range}, a range that covers every address, so it restricts nothing: S3 treats this statement as public`), message);
      assert.doesNotMatch(message, /wildcard/);
    }
  });

  for (const [what, condition] of [
    ['aws:SourceIp', '{ "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }'],
    ['aws:SourceVpce', '{ "StringEquals": { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } }'],
    ['aws:SourceVpc', '{ "StringEquals": { "aws:SourceVpc": "vpc-0a1b2c3d4e5f67890" } }'],
    ['aws:PrincipalOrgID', '{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }'],
    ['aws:PrincipalOrgPaths', '{ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } }'],
    ['aws:PrincipalAccount', '{ "StringEquals": { "aws:PrincipalAccount": "210987654321" } }'],
    ['aws:PrincipalArn', '{ "ArnEquals": { "aws:PrincipalArn": "arn:aws:iam::210987654321:role/Reader" } }'],
    ['aws:SourceArn', '{ "ArnEquals": { "aws:SourceArn": "arn:aws:cloudfront::210987654321:distribution/E1A2B3C4D5F6G7" } }'],
    ['aws:SourceAccount', '{ "StringEquals": { "aws:SourceAccount": "210987654321" } }'],
    ['aws:userid with a role session wildcard', '{ "StringLike": { "aws:userid": "AROA1234567890ABCDEFG:*" } }'],
    ['s3:DataAccessPointAccount', '{ "StringEquals": { "s3:DataAccessPointAccount": "210987654321" } }'],
    ['a key spelled in another case', '{ "StringEquals": { "AWS:PrincipalOrgID": "o-a1b2c3d4e5" } }'],
  ]) {
    it(`stays silent when ${what} restricts the grant`, () => {
      assert.deepEqual(findingsOf(grant({ condition }), 'publicAccess'), []);
    });
  }

  it('stays silent on named principals, on Deny, and on non-S3 actions', () => {
    assert.deepEqual(findingsOf(grant({ principal: '{ "AWS": "arn:aws:iam::210987654321:root" }' }), 'publicAccess'), []);
    assert.deepEqual(findingsOf(policyWith(`{ "Sid": "DenyAll", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": ${OBJECTS} }`), 'publicAccess'), []);
    assert.deepEqual(findingsOf(grant({ action: '"kms:Decrypt"' }), 'publicAccess'), []);
  });

  it('leaves Allow with NotPrincipal to allowWithNotPrincipal', () => {
    const text = policyWith(`{ "Sid": "Grant", "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": ${OBJECTS} }`);
    assert.deepEqual(findingsOf(text, 'publicAccess'), []);
  });
});
