/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const withPartner = (from: string | RegExp, to: string) => policyWith(PARTNER_READ.replace(from, to));
const withCondition = (condition: string) => withPartner(/ }$/, `, "Condition": ${condition} }`);
const messages = (text: string) => findingsOf(text, 'invalidType').map((finding) => finding.message);

describe('invalidType', () => {
  it('stays silent on the right types, including booleans and numbers as condition values', () => {
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ), 'invalidType'), []);
    assert.deepEqual(ruleIds(withCondition('{ "Bool": { "aws:SecureTransport": true }, "NumericLessThan": { "s3:TlsVersion": [1.2] } }')), []);
  });

  it('underlines Effect given as an array, as an error, in plain words', () => {
    const text = withPartner('"Effect": "Allow"', '"Effect": ["Allow"]');
    assert.deepEqual(underlined(text, 'invalidType'), ['["Allow"]']);
    assert.equal(findingsOf(text, 'invalidType')[0].severity, 'error');
    assert.deepEqual(messages(text), ['"Effect" must be a string, not an array.']);
    assert.deepEqual(ruleIds(text), ['invalidType']);
  });

  it('reports Version as a number and Statement as a string', () => {
    const text = '{"Version": 2012, "Statement": "everyone may read"}';
    assert.deepEqual(underlined(text, 'invalidType'), ['2012', '"everyone may read"']);
    assert.deepEqual(messages(text), ['"Version" must be a string, not a number.', '"Statement" must be an array or an object, not a string.']);
  });

  it('reports an item of Statement that is not an object, and a number in Action', () => {
    const text = policyWith(PARTNER_READ).replace('"Statement": [\n', '"Statement": [\n    "read-only",\n');
    assert.deepEqual(underlined(text, 'invalidType'), ['"read-only"']);
    assert.deepEqual(underlined(withPartner('"Action": "s3:GetObject"', '"Action": ["s3:GetObject", 7]'), 'invalidType'), ['7']);
  });

  it('says "the value of condition key" for a condition value, also when Statement is a single object', () => {
    const text = withCondition('{ "Bool": { "aws:SecureTransport": null } }');
    assert.deepEqual(underlined(text, 'invalidType'), ['null']);
    assert.match(messages(text)[0], /^The value of condition key "aws:SecureTransport" must be/);
    const single = `{"Version": "2012-10-17", "Statement": ${PARTNER_READ.replace(/ }$/, ', "Condition": { "Bool": { "aws:SecureTransport": {} } } }')}}`;
    assert.match(findingsOf(single, 'invalidType').map((finding) => finding.message)[0], /^The value of condition key "aws:SecureTransport" must be/);
  });

  it('reports a condition operator whose value is not an object, naming the operator', () => {
    const text = withCondition('{ "StringLike": "s3:prefix" }');
    assert.deepEqual(messages(text), ['"StringLike" must be an object, not a string.']);
  });
});
