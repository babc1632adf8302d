/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, fixTitles, HTTPS_ONLY_DENY, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const withPrincipal = (principal: string) => policyWith(PARTNER_READ.replace('{ "AWS": "arn:aws:iam::210987654321:root" }', principal));

describe('unsupportedPrincipalType', () => {
  it('stays silent on AWS, Service and CanonicalUser principals', () => {
    assert.deepEqual(findingsOf(withPrincipal('{ "Service": "logging.s3.amazonaws.com" }'), 'unsupportedPrincipalType'), []);
    assert.deepEqual(findingsOf(withPrincipal('{ "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }'), 'unsupportedPrincipalType'), []);
  });

  it('underlines the Federated key, as an error, with no fix: the repair is a role, which only the author knows', () => {
    const text = withPrincipal('{ "Federated": "cognito-identity.amazonaws.com" }');
    assert.deepEqual(underlined(text, 'unsupportedPrincipalType'), ['"Federated"']);
    assert.equal(findingsOf(text, 'unsupportedPrincipalType')[0].severity, 'error');
    assert.match(findingsOf(text, 'unsupportedPrincipalType')[0].message, /IAM role/);
    assert.deepEqual(fixTitles(text, 'unsupportedPrincipalType'), [[]]);
    assert.deepEqual(ruleIds(text), ['unsupportedPrincipalType']);
  });

  it('finds Federated next to other principal types, in NotPrincipal, and with Statement as a single object', () => {
    assert.deepEqual(underlined(withPrincipal('{ "AWS": "arn:aws:iam::210987654321:root", "Federated": "arn:aws:iam::210987654321:saml-provider/Corp" }'), 'unsupportedPrincipalType'), ['"Federated"']);
    const notPrincipal = policyWith(PARTNER_READ.replace('"Effect": "Allow", "Principal": { "AWS"', '"Effect": "Deny", "NotPrincipal": { "Federated"'));
    assert.deepEqual(underlined(notPrincipal, 'unsupportedPrincipalType'), ['"Federated"']);
    const single = `{"Version": "2012-10-17", "Statement": ${HTTPS_ONLY_DENY.replace('"Principal": "*"', '"Principal": { "Federated": "accounts.google.com" }')}}`;
    assert.deepEqual(underlined(single, 'unsupportedPrincipalType'), ['"Federated"']);
  });
});
