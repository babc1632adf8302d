/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, HTTPS_ONLY_DENY, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const without = (element: string) => policyWith(PARTNER_READ.replace(new RegExp(`"${element}": ("[^"]*"|\\{[^}]*\\}), `), ''));

describe('missingElement', () => {
  it('stays silent on a complete policy, and on NotAction / NotResource in place of Action / Resource', () => {
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ), 'missingElement'), []);
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ.replace('"Action"', '"NotAction"').replace('"Resource"', '"NotResource"')), 'missingElement'), []);
  });

  for (const [element, alternative] of [['Effect', ''], ['Action', ' (or NotAction)']]) {
    it(`points at the statement's opening brace when ${element} is missing, as an error`, () => {
      const text = without(element);
      assert.deepEqual(underlined(text, 'missingElement'), ['{']);
      assert.equal(findingsOf(text, 'missingElement')[0].offset, text.indexOf('{ "Sid": "PartnerRead"'));
      assert.equal(findingsOf(text, 'missingElement')[0].severity, 'error');
      assert.match(findingsOf(text, 'missingElement')[0].message, new RegExp(`^Statement 1 has no "${element}"${alternative.replace(/[()]/g, '\\$&')}, so S3 rejects it\\.`));
      assert.deepEqual(ruleIds(text), ['missingElement']);
    });
  }

  it('reports a missing Resource', () => {
    const text = policyWith(PARTNER_READ.replace(', "Resource": "arn:aws:s3:::acme-web-assets/*"', ''));
    assert.deepEqual(ruleIds(text), ['missingElement']);
    assert.match(findingsOf(text, 'missingElement')[0].message, /no "Resource" \(or NotResource\)/);
  });

  it('reports a policy without Statement at its opening brace', () => {
    const text = '{\n  "Version": "2012-10-17"\n}';
    assert.deepEqual(findingsOf(text, 'missingElement').map((finding) => [finding.offset, finding.length]), [[0, 1]]);
    assert.match(findingsOf(text, 'missingElement')[0].message, /^The policy has no "Statement"/);
  });

  it('names "the statement" when Statement is a single object', () => {
    const text = `{"Version": "2012-10-17", "Statement": ${HTTPS_ONLY_DENY.replace('"Effect": "Deny", ', '')}}`;
    assert.match(findingsOf(text, 'missingElement')[0].message, /^The statement has no "Effect"/);
  });

  it('stays silent while the document does not parse', () => {
    assert.deepEqual(findingsOf(without('Effect').replace('"Version": "2012-10-17",', '"Version": "2012-10-17"'), 'missingElement'), []);
  });
});
