/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, PARTNER_READ, underlined } from '../../helpers/policyTest';

const policy = (...statements: string[]) => `{
  "Version": "2012-10-17",
  "Statement": [
    ${statements.join(',\n    ')}
  ]
}`;
const deny = ({ principal = '"*"', action = '"s3:*"', operator = 'Bool', value = '"false"', resource = '["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]', sid = 'HttpsOnly' } = {}) =>
  `{ "Sid": "${sid}", "Effect": "Deny", "Principal": ${principal}, "Action": ${action}, "Resource": ${resource}, "Condition": { "${operator}": { "aws:SecureTransport": ${value} } } }`;

describe('missingSecureTransportDeny', () => {
  it('fires, as a warning on "Statement", when nothing denies plain HTTP', () => {
    const text = policy(PARTNER_READ);
    assert.deepEqual(underlined(text, 'missingSecureTransportDeny'), ['"Statement"']);
    assert.equal(findingsOf(text, 'missingSecureTransportDeny')[0].severity, 'warning');
  });

  it('adds the strict deny for the policy\'s bucket', () => {
    assert.equal(applyFix(policy(PARTNER_READ), 'missingSecureTransportDeny'), `{
  "Version": "2012-10-17",
  "Statement": [
    ${PARTNER_READ},
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": [
        "arn:aws:s3:::acme-web-assets",
        "arn:aws:s3:::acme-web-assets/*"
      ],
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        }
      }
    }
  ]
}`);
  });

  it('recognises the deny by meaning: any Sid, {"AWS": "*"}, "*", BoolIfExists, boolean false', () => {
    for (const statement of [
      deny({ sid: 'Anything' }),
      deny({ principal: '{ "AWS": "*" }' }),
      deny({ action: '"*"' }),
      deny({ action: '["s3:*", "*"]' }),
      deny({ operator: 'BoolIfExists' }),
      deny({ value: 'false' }),
      deny({ value: '["false"]' }),
      deny({ resource: '"*"' }),
    ]) {
      assert.deepEqual(findingsOf(policy(PARTNER_READ, statement), 'missingSecureTransportDeny'), [], statement);
    }
  });

  it('still fires when the deny is narrower than everyone and every action', () => {
    assert.equal(findingsOf(policy(PARTNER_READ, deny({ principal: '{ "AWS": "arn:aws:iam::210987654321:root" }' })), 'missingSecureTransportDeny').length, 1);
    assert.equal(findingsOf(policy(PARTNER_READ, deny({ action: '["s3:GetObject", "s3:PutObject"]' })), 'missingSecureTransportDeny').length, 1);
    assert.equal(findingsOf(policy(PARTNER_READ, deny({ value: '"true"', sid: 'Tls' }).replace('"Bool": { "aws:SecureTransport": "true" }', '"Bool": { "aws:SecureTransport": "true" }, "NumericLessThan": { "s3:TlsVersion": "1.2" }')), 'missingSecureTransportDeny').length, 1);
  });

  it('names a deny that covers only some actions, on its Action, and offers the same fix', () => {
    const text = policy(PARTNER_READ, deny({ action: '["s3:GetObject", "s3:PutObject"]', sid: 'HttpsForObjects' }));
    assert.deepEqual(underlined(text, 'missingSecureTransportDeny'), ['["s3:GetObject", "s3:PutObject"]']);
    const { message } = findingsOf(text, 'missingSecureTransportDeny')[0];
    assert.match(message, /^The Deny statement "HttpsForObjects" refuses plain-HTTP requests, but covers only s3:GetObject, s3:PutObject: everything else is still served over unencrypted HTTP/);
    assert.match(message, /The strict form is a Deny statement for all principals \("\*"\) and s3:\* on the bucket/);
    assert.doesNotMatch(message, /Nothing in this policy/);
    assert.match(applyFix(text, 'missingSecureTransportDeny'), /"Sid": "DenyInsecureTransport",\n {6}"Effect": "Deny",\n {6}"Principal": "\*",\n {6}"Action": "s3:\*"/);
  });

  it('names a deny that covers only some principals, on its Principal, and one without a Sid as "A Deny statement"', () => {
    const text = policy(PARTNER_READ, deny({ principal: '{ "AWS": "arn:aws:iam::210987654321:root" }' }).replace('"Sid": "HttpsOnly", ', ''));
    assert.deepEqual(underlined(text, 'missingSecureTransportDeny'), ['{ "AWS": "arn:aws:iam::210987654321:root" }']);
    assert.match(findingsOf(text, 'missingSecureTransportDeny')[0].message, /^A Deny statement refuses plain-HTTP requests, but covers only some principals:/);
  });

  it('warns that S3 website endpoints serve HTTP only when the policy grants public read', () => {
    const publicRead = '{ "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }';
    for (const text of [policy(publicRead), policy(publicRead, deny({ action: '"s3:GetObject"' }))]) {
      assert.match(findingsOf(text, 'missingSecureTransportDeny')[0].message, /grants public read: .*website endpoint, note that those endpoints speak only HTTP, so an HTTPS-only deny makes the website fail; put CloudFront in front/);
    }
    assert.doesNotMatch(findingsOf(policy(PARTNER_READ), 'missingSecureTransportDeny')[0].message, /website/);
  });

  it('leaves a Deny on "true" to invertedSecureTransport (one finding, not two)', () => {
    const text = policy(PARTNER_READ, deny({ value: '"true"' }));
    assert.deepEqual(findingsOf(text, 'missingSecureTransportDeny'), []);
    assert.equal(findingsOf(text, 'invertedSecureTransport').length, 1);
  });

  describe('takes its verdict from the access evaluator (the access summary\'s "HTTP" row)', () => {
    it('agrees with the pattern on tricky forms of the same deny: a list, StringEquals "false", a Null that denies everything', () => {
      for (const statement of [
        deny({ value: '["false"]' }),
        deny({ operator: 'StringEquals' }),
        deny({ operator: 'StringEqualsIgnoreCase', value: '"FALSE"' }),
        deny({ operator: 'StringNotEquals', value: '"true"' }),
        deny({ operator: 'Null' }),
      ]) {
        assert.deepEqual(findingsOf(policy(PARTNER_READ, statement), 'missingSecureTransportDeny'), [], statement);
      }
    });

    it('fires on a Null test that never holds (the key is always present), as on no deny at all', () => {
      const { message } = findingsOf(policy(PARTNER_READ, deny({ operator: 'Null', value: '"true"' })), 'missingSecureTransportDeny')[0];
      assert.match(message, /^Nothing in this policy denies plain-HTTP requests/);
    });

    it('fires on a deny whose other condition lets plain HTTP through a VPC endpoint, on that condition (the pattern saw a deny)', () => {
      const text = policy(PARTNER_READ, deny().replace('"Condition": { "Bool": { "aws:SecureTransport": "false" } }', '"Condition": { "Bool": { "aws:SecureTransport": "false" }, "StringNotEquals": { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } }'));
      assert.deepEqual(underlined(text, 'missingSecureTransportDeny'), ['"aws:SourceVpce"']);
      assert.match(findingsOf(text, 'missingSecureTransportDeny')[0].message, /covers only the requests its other conditions \(aws:SourceVpce\) select/);
    });

    it('fires on a deny that exempts a break-glass role by aws:PrincipalArn: that role is asked about as a caller of its own, and its HTTP is not denied', () => {
      const text = policy(PARTNER_READ, deny().replace('"Condition": { "Bool": { "aws:SecureTransport": "false" } }', '"Condition": { "Bool": { "aws:SecureTransport": "false" }, "ArnNotEquals": { "aws:PrincipalArn": "arn:aws:iam::690215847302:role/BreakGlass" } }'));
      assert.deepEqual(underlined(text, 'missingSecureTransportDeny'), ['"aws:PrincipalArn"']);
      assert.match(findingsOf(text, 'missingSecureTransportDeny')[0].message, /covers only the requests its other conditions \(aws:PrincipalArn\) select/);
      // Not "S3 treats it the same": the deny does not hold for that role.
      assert.deepEqual(findingsOf(text, 'secureTransportDenyNotStrict'), []);
    });

    it('fires on a deny that covers only a prefix of the objects, on its Resource (the pattern saw a deny, and incompleteSecureTransportDeny no bucket/* to complete)', () => {
      const text = policy(PARTNER_READ, deny({ resource: '"arn:aws:s3:::acme-web-assets/private/*"' }));
      assert.deepEqual(underlined(text, 'missingSecureTransportDeny'), ['"arn:aws:s3:::acme-web-assets/private/*"']);
      assert.match(findingsOf(text, 'missingSecureTransportDeny')[0].message, /covers only part of the bucket "acme-web-assets" and its objects/);
      assert.deepEqual(findingsOf(text, 'incompleteSecureTransportDeny'), []);
    });

    it('stays silent when a deny also lists another service\'s actions, which still covers every S3 action', () => {
      assert.deepEqual(findingsOf(policy(PARTNER_READ, deny({ action: '["s3:*", "kms:*"]' })), 'missingSecureTransportDeny'), []);
    });

    it('stays silent on a template variable it cannot know (${LogBucketName}), which the placeholder rule reports', () => {
      const text = policy(PARTNER_READ.replace(/acme-web-assets/g, '${LogBucketName}'), deny({ resource: '["arn:aws:s3:::${LogBucketName}", "arn:aws:s3:::${LogBucketName}/*"]' }));
      assert.deepEqual(findingsOf(text, 'missingSecureTransportDeny'), []);
    });
  });
});
