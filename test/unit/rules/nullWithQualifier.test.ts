/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string) => policyWith(
  `{ "Sid": "Tagging", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObjectTagging", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`,
);

describe('nullWithQualifier', () => {
  it('fires, as information, on ForAnyValue:Null and ForAllValues:Null, underlining the qualifier', () => {
    const anyValue = policy('{ "ForAnyValue:Null": { "s3:RequestObjectTagKeys": "true" } }');
    assert.deepEqual(underlined(anyValue, 'nullWithQualifier'), ['ForAnyValue:']);
    assert.equal(findingsOf(anyValue, 'nullWithQualifier')[0].severity, 'information');
    assert.match(findingsOf(anyValue, 'nullWithQualifier')[0].message, /^ForAnyValue:Null is always false, whatever the request/);
    assert.match(findingsOf(policy('{ "ForAllValues:Null": { "s3:RequestObjectTagKeys": "true" } }'), 'nullWithQualifier')[0].message, /^ForAllValues:Null is always true/);
  });

  it('offers plain Null, not preferred: it changes what the statement does', () => {
    const text = policy('{ "ForAnyValue:Null": { "s3:RequestObjectTagKeys": "true" } }');
    assert.deepEqual(fixTitles(text, 'nullWithQualifier'), [['Change to "Null"']]);
    assert.equal(applyFix(text, 'nullWithQualifier', 'Change to "Null"'), policy('{ "Null": { "s3:RequestObjectTagKeys": "true" } }'));
    const merged = policy('{ "Null": { "aws:SourceVpce": "true" }, "ForAllValues:Null": { "s3:RequestObjectTagKeys": "false" } }');
    assert.equal(applyFix(merged, 'nullWithQualifier', 'Change to "Null"'), policy('{ "Null": { "aws:SourceVpce": "true", "s3:RequestObjectTagKeys": "false" } }'));
  });

  it('stays silent on plain Null and on qualified operators other than Null', () => {
    assert.deepEqual(findingsOf(policy('{ "Null": { "s3:RequestObjectTagKeys": "true" }, "ForAnyValue:StringEquals": { "s3:RequestObjectTagKeys": "team" } }'), 'nullWithQualifier'), []);
  });
});
