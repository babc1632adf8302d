/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, HTTPS_ONLY_DENY, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const clean = policyWith(PARTNER_READ);
const withoutVersion = clean.replace('  "Version": "2012-10-17",\n', '');

describe('missingVersion', () => {
  it('stays silent when Version is there, whatever its value', () => {
    assert.deepEqual(findingsOf(clean, 'missingVersion'), []);
    assert.deepEqual(findingsOf(clean.replace('2012-10-17', '2022-10-18'), 'missingVersion'), []);
  });

  it('underlines the Statement key, as a warning', () => {
    assert.deepEqual(underlined(withoutVersion, 'missingVersion'), ['"Statement"']);
    assert.equal(findingsOf(withoutVersion, 'missingVersion')[0].severity, 'warning');
    assert.deepEqual(ruleIds(withoutVersion), ['missingVersion']);
  });

  it('adds "Version": "2012-10-17" on its own line before the first element, in the document\'s indentation', () => {
    assert.equal(applyFix(withoutVersion, 'missingVersion'), clean);
    const tabs = clean.replace(/\n {2}/g, '\n\t');
    assert.equal(applyFix(tabs.replace('\t"Version": "2012-10-17",\n', ''), 'missingVersion'), tabs);
    const crlf = clean.replace(/\n/g, '\r\n');
    assert.equal(applyFix(withoutVersion.replace(/\n/g, '\r\n'), 'missingVersion'), crlf);
  });

  it('adds it on the same line in a policy written on one line, and keeps an Id first', () => {
    const oneLine = `{"Statement": [${HTTPS_ONLY_DENY}]}`;
    assert.equal(applyFix(oneLine, 'missingVersion'), `{"Version": "2012-10-17", "Statement": [${HTTPS_ONLY_DENY}]}`);
    const withId = `{"Id": "HttpsOnly", "Statement": [${HTTPS_ONLY_DENY}]}`;
    assert.equal(applyFix(withId, 'missingVersion'), `{"Version": "2012-10-17", "Id": "HttpsOnly", "Statement": [${HTTPS_ONLY_DENY}]}`);
  });

  it('underlines the opening brace of a policy without Statement either', () => {
    assert.deepEqual(underlined('{}', 'missingVersion'), ['{']);
    assert.equal(applyFix('{}', 'missingVersion'), '{"Version": "2012-10-17"}');
  });

  it('stays silent while the document does not parse, and on a misspelt "version" (unknownElement renames it)', () => {
    assert.deepEqual(findingsOf(withoutVersion.replace('"Statement": [', '"Statement" ['), 'missingVersion'), []);
    assert.deepEqual(ruleIds(clean.replace('"Version"', '"Verison"')), ['unknownElement']);
  });
});
