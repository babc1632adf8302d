/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, ruleIds, underlined } from '../../helpers/policyTest';

const policy = (version: string) => `{
  "Version": "${version}",
  "Statement": [{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": { "Bool": { "aws:SecureTransport": "false" } } }]
}`;

describe('invalidVersion', () => {
  for (const bad of ['2012 - 10 - 17', '2022-10-18', '2012\u201310\u201317', '2012\u201410\u201417', ' 2012-10-17', 'latest']) {
    it(`fires on "${bad}" and underlines the value`, () => {
      assert.deepEqual(underlined(policy(bad), 'invalidVersion'), [JSON.stringify(bad)]);
      assert.equal(findingsOf(policy(bad), 'invalidVersion')[0].severity, 'error');
    });
    it(`fixes "${bad}" to 2012-10-17, changing nothing else`, () => {
      assert.equal(applyFix(policy(bad), 'invalidVersion'), policy('2012-10-17'));
    });
  }
  it('stays silent on 2012-10-17 and 2008-10-17', () => {
    assert.deepEqual(findingsOf(policy('2012-10-17'), 'invalidVersion'), []);
    assert.deepEqual(findingsOf(policy('2008-10-17'), 'invalidVersion'), []);
  });
  it('says why: stray spaces or dashes, a date that is not a version, or anything else', () => {
    const message = (version: string) => findingsOf(policy(version), 'invalidVersion')[0].message;
    assert.match(message('2012 - 10 - 17'), /stray spaces or typographic dashes/);
    assert.match(message('2012\u201310\u201317'), /stray spaces or typographic dashes/);
    assert.match(message('2022-10-18'), /not today's date/);
    assert.match(message('1'), /is not a policy language version/);
  });

  it('is the only finding for a wrong Version, and leaves a Version of the wrong type to invalidType', () => {
    assert.deepEqual(ruleIds(policy('2012 - 10 - 17')), ['invalidVersion']);
    assert.deepEqual(ruleIds(policy('2012-10-17').replace('"2012-10-17"', '20121017')), ['invalidType']);
  });

  it('still reports in a document that does not parse', () => {
    assert.deepEqual(underlined(policy('2022-10-18').replace('"Statement": [', '"Statement" ['), 'invalidVersion'), ['"2022-10-18"']);
  });
});
