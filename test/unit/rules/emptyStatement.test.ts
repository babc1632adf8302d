/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, HTTPS_ONLY_DENY, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

describe('emptyStatement', () => {
  it('stays silent with at least one statement, in an array or as a single object', () => {
    assert.deepEqual(findingsOf(policyWith(), 'emptyStatement'), []);
    assert.deepEqual(ruleIds(`{"Version": "2012-10-17", "Statement": ${HTTPS_ONLY_DENY}}`), []);
  });

  it('underlines the empty array, as an error', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}';
    assert.deepEqual(underlined(text, 'emptyStatement'), ['[]']);
    assert.equal(findingsOf(text, 'emptyStatement')[0].severity, 'error');
    assert.match(findingsOf(text, 'emptyStatement')[0].message, /at least one statement/);
  });

  it('also underlines an empty array written over several lines', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n  ]\n}';
    assert.deepEqual(underlined(text, 'emptyStatement'), ['[\n  ]']);
  });

  it('stays silent while the document does not parse', () => {
    assert.deepEqual(findingsOf('{\n  "Version": "2012-10-17"\n  "Statement": []\n}', 'emptyStatement'), []);
  });
});
