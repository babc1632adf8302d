/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, coreSettings, findingsOf, fixAll, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const withAction = (action: string) => policyWith(PARTNER_READ.replace('"Action": "s3:GetObject"', `"Action": ${action}`));
const clean = withAction('"s3:GetObject"');

describe('actionPrefixCase', () => {
  it('stays silent on lowercase prefixes and wildcards', () => {
    for (const action of ['"s3:GetObject"', '"s3:Get*"', '["s3:GetObject", "s3:GetObjectVersion"]']) {
      assert.deepEqual(findingsOf(withAction(action), 'actionPrefixCase'), [], action);
    }
    assert.deepEqual(findingsOf(policyWith(), 'actionPrefixCase'), []);
  });

  it('underlines the prefix of "S3:GetObject" as information only: action names are case-insensitive', () => {
    const text = withAction('"S3:GetObject"');
    assert.deepEqual(underlined(text, 'actionPrefixCase'), ['S3:']);
    assert.equal(findingsOf(text, 'actionPrefixCase')[0].severity, 'information');
    assert.match(findingsOf(text, 'actionPrefixCase')[0].message, /style only/);
    assert.deepEqual(ruleIds(text), ['actionPrefixCase']);
    assert.deepEqual(fixTitles(text, 'actionPrefixCase'), [['Change to "s3:GetObject" (preferred)']]);
    assert.equal(applyFix(text, 'actionPrefixCase'), clean);
  });

  for (const spaced of ['S3: GetObject', 's3 :GetObject', 's3 : GetObject', ' s3:GetObject', 's3:GetObject ']) {
    it(`underlines all of "${spaced}" as an error (it matches nothing) and fixes it to "s3:GetObject"`, () => {
      const text = withAction(JSON.stringify(spaced));
      assert.deepEqual(underlined(text, 'actionPrefixCase'), [spaced]);
      assert.equal(findingsOf(text, 'actionPrefixCase')[0].severity, 'error');
      assert.match(findingsOf(text, 'actionPrefixCase')[0].message, /contains spaces/);
      assert.equal(applyFix(text, 'actionPrefixCase'), clean);
    });
  }

  it('reports each item of an Action or NotAction array, and fix-all fixes them all', () => {
    const text = withAction('["S3:GetObject", "S3: GetObjectVersion"]');
    assert.deepEqual(underlined(text, 'actionPrefixCase'), ['S3:', 'S3: GetObjectVersion']);
    assert.equal(fixAll(text), withAction('["s3:GetObject", "s3:GetObjectVersion"]'));
    const notAction = policyWith().replace('"Action": "s3:*"', '"NotAction": "S3:GetObject"');
    assert.deepEqual(underlined(notAction, 'actionPrefixCase'), ['S3:']);
  });

  it('keeps the spaced form an error when the rule is set to its default, and follows an explicit severity', () => {
    const text = withAction('"S3: GetObject"');
    assert.equal(findingsOf(text, 'actionPrefixCase', { ...coreSettings(), rules: { actionPrefixCase: 'information' } })[0].severity, 'error');
    assert.equal(findingsOf(text, 'actionPrefixCase', { ...coreSettings(), rules: { actionPrefixCase: 'warning' } })[0].severity, 'warning');
    assert.deepEqual(findingsOf(text, 'actionPrefixCase', { ...coreSettings(), rules: { actionPrefixCase: 'off' } }), []);
  });

  it('still reports in a document that does not parse', () => {
    const text = withAction('"S3:GetObject"').replace('"Version": "2012-10-17",', '"Version": "2012-10-17"');
    assert.deepEqual(underlined(text, 'actionPrefixCase'), ['S3:']);
  });
});
