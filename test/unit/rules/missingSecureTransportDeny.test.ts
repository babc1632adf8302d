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

  it('leaves a Deny on "true" to invertedSecureTransport (one finding, not two)', () => {
    const text = policy(PARTNER_READ, deny({ value: '"true"' }));
    assert.deepEqual(findingsOf(text, 'missingSecureTransportDeny'), []);
    assert.equal(findingsOf(text, 'invertedSecureTransport').length, 1);
  });
});
