/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const clean = policyWith(PARTNER_READ);
const legacy = clean.replace('2012-10-17', '2008-10-17');

describe('legacyVersion', () => {
  it('stays silent on 2012-10-17, and leaves other values to invalidVersion', () => {
    assert.deepEqual(findingsOf(clean, 'legacyVersion'), []);
    assert.deepEqual(ruleIds(clean.replace('2012-10-17', '2008-10-18')), ['invalidVersion']);
  });

  it('underlines "2008-10-17" as information: valid, but policy variables stay literal', () => {
    assert.deepEqual(underlined(legacy, 'legacyVersion'), ['"2008-10-17"']);
    assert.equal(findingsOf(legacy, 'legacyVersion')[0].severity, 'information');
    assert.match(findingsOf(legacy, 'legacyVersion')[0].message, /policy variables/);
    assert.deepEqual(ruleIds(legacy), ['legacyVersion']);
  });

  it('upgrades the Version, changing nothing else', () => {
    assert.deepEqual(fixTitles(legacy, 'legacyVersion'), [['Upgrade Version to "2012-10-17" (preferred)']]);
    assert.equal(applyFix(legacy, 'legacyVersion'), clean);
  });

  it('still reports in a document that does not parse', () => {
    assert.deepEqual(underlined(legacy.replace('"Statement": [', '"Statement" ['), 'legacyVersion'), ['"2008-10-17"']);
  });
});
