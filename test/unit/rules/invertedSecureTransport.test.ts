/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const statement = (effect: string, condition: string) => `{ "Sid": "Transport", "Effect": "${effect}", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${condition} }`;
const READ_IF = (value: string) => `{ "Sid": "PartnerRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "Bool": { "aws:SecureTransport": ${value} } } }`;

describe('invertedSecureTransport', () => {
  it('fires, as a warning, on a Deny on "true" and flips it to "false"', () => {
    const text = policyWith(statement('Deny', '{ "Bool": { "aws:SecureTransport": "true" } }'));
    assert.deepEqual(underlined(text, 'invertedSecureTransport'), ['"true"']);
    assert.equal(findingsOf(text, 'invertedSecureTransport')[0].severity, 'warning');
    assert.match(findingsOf(text, 'invertedSecureTransport')[0].message, /refuses requests made over HTTPS/);
    assert.equal(applyFix(text, 'invertedSecureTransport'), policyWith(statement('Deny', '{ "Bool": { "aws:SecureTransport": "false" } }')));
  });

  it('fires on an Allow on false (boolean or string) and flips it to "true"', () => {
    for (const value of ['false', '"false"']) {
      const text = policyWith(READ_IF(value));
      assert.deepEqual(underlined(text, 'invertedSecureTransport'), [value]);
      assert.equal(applyFix(text, 'invertedSecureTransport'), policyWith(READ_IF('"true"')));
    }
  });

  it('stays silent on a Deny that pairs "true" with a TLS-version limit, and on an Allow on true', () => {
    assert.deepEqual(findingsOf(policyWith(statement('Deny', '{ "Bool": { "aws:SecureTransport": "true" }, "NumericLessThan": { "s3:TlsVersion": "1.2" } }')), 'invertedSecureTransport'), []);
    assert.deepEqual(findingsOf(policyWith(READ_IF('"true"')), 'invertedSecureTransport'), []);
  });

  it('reads each test as the evaluator does over HTTP and HTTPS: a Deny on StringNotEquals "false" refuses HTTPS too, and the fix flips its value', () => {
    const text = policyWith(statement('Deny', '{ "StringNotEquals": { "aws:SecureTransport": "false" } }'));
    assert.deepEqual(underlined(text, 'invertedSecureTransport'), ['"false"']);
    assert.equal(applyFix(text, 'invertedSecureTransport'), policyWith(statement('Deny', '{ "StringNotEquals": { "aws:SecureTransport": "true" } }')));
    assert.deepEqual(findingsOf(policyWith(statement('Deny', '{ "StringEquals": { "aws:SecureTransport": ["true"] } }')), 'invertedSecureTransport').length, 1);
    assert.deepEqual(findingsOf(policyWith(statement('Deny', '{ "Null": { "aws:SecureTransport": "false" } }')), 'invertedSecureTransport'), []);
  });
});
