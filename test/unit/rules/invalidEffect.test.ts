/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixAll, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const withEffect = (effect: string) => policyWith(PARTNER_READ.replace('"Effect": "Allow"', `"Effect": ${JSON.stringify(effect)}`));

describe('invalidEffect', () => {
  it('stays silent on Allow and Deny', () => {
    assert.deepEqual(findingsOf(withEffect('Allow'), 'invalidEffect'), []);
    assert.deepEqual(findingsOf(withEffect('Deny'), 'invalidEffect'), []);
  });

  for (const [bad, good] of [['allow', 'Allow'], ['DENY', 'Deny'], ['ALLOW', 'Allow'], [' Allow', 'Allow']]) {
    it(`underlines "${bad}" as an error and recapitalises it to "${good}", changing nothing else`, () => {
      const text = withEffect(bad);
      assert.deepEqual(underlined(text, 'invalidEffect'), [JSON.stringify(bad)]);
      assert.equal(findingsOf(text, 'invalidEffect')[0].severity, 'error');
      assert.deepEqual(ruleIds(text), ['invalidEffect']);
      assert.deepEqual(fixTitles(text, 'invalidEffect'), [[`Change Effect to "${good}" (preferred)`]]);
      assert.equal(applyFix(text, 'invalidEffect'), withEffect(good));
    });
  }

  it('says whether case or spaces are wrong', () => {
    assert.match(findingsOf(withEffect('allow'), 'invalidEffect')[0].message, /case-sensitive/);
    assert.match(findingsOf(withEffect('Allow '), 'invalidEffect')[0].message, /spaces/);
  });

  it('reports a value that means neither, without a fix', () => {
    const text = withEffect('Permit');
    assert.match(findingsOf(text, 'invalidEffect')[0].message, /must be "Allow" or "Deny"/);
    assert.deepEqual(fixTitles(text, 'invalidEffect'), [[]]);
  });

  it('makes a lowercase "deny" count as the HTTPS-only deny once fixed, without fix-all adding a second one', () => {
    const text = policyWith().replace('"Effect": "Deny"', '"Effect": "deny"');
    assert.deepEqual(ruleIds(text), ['missingSecureTransportDeny', 'invalidEffect']);
    assert.equal(fixAll(text), policyWith());
  });

  it('leaves an Effect of the wrong type to invalidType', () => {
    const text = policyWith(PARTNER_READ.replace('"Effect": "Allow"', '"Effect": true'));
    assert.deepEqual(ruleIds(text), ['invalidType']);
  });
});
