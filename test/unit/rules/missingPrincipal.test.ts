/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const PRINCIPAL = '"Principal": { "AWS": "arn:aws:iam::210987654321:root" }, ';
const withPartner = (from: string, to: string) => policyWith(PARTNER_READ.replace(from, to));

describe('missingPrincipal', () => {
  it('stays silent with Principal or NotPrincipal', () => {
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ), 'missingPrincipal'), []);
    const denyOthers = withPartner('"Effect": "Allow", "Principal"', '"Effect": "Deny", "NotPrincipal"');
    assert.deepEqual(findingsOf(denyOthers, 'missingPrincipal'), []);
  });

  it('points at the opening brace of a statement without Principal, as an error', () => {
    const text = withPartner(PRINCIPAL, '');
    assert.deepEqual(underlined(text, 'missingPrincipal'), ['{']);
    assert.equal(findingsOf(text, 'missingPrincipal')[0].offset, text.indexOf('{ "Sid": "PartnerRead"'));
    assert.equal(findingsOf(text, 'missingPrincipal')[0].severity, 'error');
    assert.match(findingsOf(text, 'missingPrincipal')[0].message, /statement 1 has none/);
    assert.deepEqual(ruleIds(text), ['missingPrincipal']);
  });

  it('leaves "Principals" to unknownElement, which offers the rename', () => {
    assert.deepEqual(ruleIds(withPartner('"Principal"', '"Principals"')), ['unknownElement']);
    assert.deepEqual(ruleIds(withPartner('"Principal"', '"principal"')), ['unknownElement']);
  });

  it('reports an empty Principal object, which names nobody', () => {
    const text = withPartner('{ "AWS": "arn:aws:iam::210987654321:root" }', '{}');
    assert.deepEqual(underlined(text, 'missingPrincipal'), ['{}']);
    assert.match(findingsOf(text, 'missingPrincipal')[0].message, /^"Principal" is empty/);
    assert.deepEqual(ruleIds(text), ['missingPrincipal']);
  });
});
