/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, PARTNER_READ, underlined } from '../../helpers/policyTest';

const policy = (condition: string, extra = '') => `{
  "Version": "2012-10-17",
  "Statement": [
    ${PARTNER_READ},
    { "Sid": "HttpsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${condition} }${extra}
  ]
}`;
const STRICT = '{ "Bool": { "aws:SecureTransport": "false" } }';

describe('secureTransportDenyNotStrict', () => {
  const cases: [string, string, string][] = [
    ['the JSON boolean false', '{ "Bool": { "aws:SecureTransport": false } }', 'false'],
    ['a one-item list', '{ "Bool": { "aws:SecureTransport": ["false"] } }', '["false"]'],
    ['"FALSE" in capitals', '{ "Bool": { "aws:SecureTransport": "FALSE" } }', '"FALSE"'],
    ['BoolIfExists', '{ "BoolIfExists": { "aws:SecureTransport": "false" } }', '"BoolIfExists"'],
    ['the key in lowercase', '{ "Bool": { "aws:securetransport": "false" } }', '"aws:securetransport"'],
  ];
  for (const [what, condition, token] of cases) {
    it(`fires, as information, on ${what}, and the preferred fix writes the strict form`, () => {
      const text = policy(condition);
      assert.deepEqual(underlined(text, 'secureTransportDenyNotStrict'), [token]);
      assert.equal(findingsOf(text, 'secureTransportDenyNotStrict')[0].severity, 'information');
      assert.equal(applyFix(text, 'secureTransportDenyNotStrict'), policy(STRICT));
    });
  }

  it('names every deviation at once and fixes them together', () => {
    const text = policy('{ "BoolIfExists": { "aws:securetransport": false } }');
    assert.deepEqual(underlined(text, 'secureTransportDenyNotStrict'), ['"Condition"']);
    assert.match(findingsOf(text, 'secureTransportDenyNotStrict')[0].message, /"BoolIfExists" instead of "Bool", the key spelled "aws:securetransport", the JSON boolean false/);
    assert.equal(applyFix(text, 'secureTransportDenyNotStrict'), policy(STRICT));
  });

  it('offers, not prefers, dropping other condition keys, since that widens the deny', () => {
    const text = policy('{ "Bool": { "aws:SecureTransport": "false" }, "ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass" } }');
    assert.deepEqual(underlined(text, 'secureTransportDenyNotStrict'), ['"aws:PrincipalArn"']);
    const [[title]] = fixTitles(text, 'secureTransportDenyNotStrict');
    assert.match(title, /drops the other keys/);
    assert.doesNotMatch(title, /preferred/);
    assert.equal(applyFix(text, 'secureTransportDenyNotStrict', title.replace(' (preferred)', '')), policy(`{
      "Bool": {
        "aws:SecureTransport": "false"
      }
    }`));
  });

  it('stays silent on the strict form, and when another deny already has it', () => {
    assert.deepEqual(findingsOf(policy(STRICT), 'secureTransportDenyNotStrict'), []);
    const strictToo = `,\n    { "Sid": "Strict", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${STRICT} }`;
    assert.deepEqual(findingsOf(policy('{ "Bool": { "aws:SecureTransport": false } }', strictToo), 'secureTransportDenyNotStrict'), []);
  });

  it('takes "does the deny hold?" from the evaluator: an exception for a VPC endpoint lets plain HTTP through it, which is missingSecureTransportDeny\'s', () => {
    const text = policy('{ "Bool": { "aws:SecureTransport": "false" }, "StringNotEquals": { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } }');
    assert.deepEqual(findingsOf(text, 'secureTransportDenyNotStrict'), []);
    assert.deepEqual(underlined(text, 'missingSecureTransportDeny'), ['"aws:SourceVpce"']);
    assert.match(findingsOf(text, 'missingSecureTransportDeny')[0].message, /covers only the requests its other conditions \(aws:SourceVpce\) select/);
  });

  for (const [what, condition, token] of [
    ['StringEquals "false"', '{ "StringEquals": { "aws:SecureTransport": "false" } }', '"StringEquals"'],
    ['StringNotEquals "true"', '{ "StringNotEquals": { "aws:SecureTransport": "true" } }', '"StringNotEquals"'],
  ]) {
    const fix = '{\n      "Bool": {\n        "aws:SecureTransport": "false"\n      }\n    }';
    it(`fires on ${what}: the evaluator reads it as an HTTPS-only deny, which the pattern missed (missingSecureTransportDeny stays silent)`, () => {
      const text = policy(condition);
      assert.deepEqual(underlined(text, 'secureTransportDenyNotStrict'), [token]);
      assert.deepEqual(findingsOf(text, 'missingSecureTransportDeny'), []);
      assert.match(findingsOf(text, 'secureTransportDenyNotStrict')[0].message, new RegExp(`${token} instead of "Bool"`));
      assert.equal(applyFix(text, 'secureTransportDenyNotStrict'), policy(fix));
    });
  }

  it('leaves an incomplete deny to incompleteSecureTransportDeny', () => {
    const text = policy('{ "BoolIfExists": { "aws:SecureTransport": "false" } }').replace('["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]', '"arn:aws:s3:::acme-web-assets/*"');
    assert.deepEqual(findingsOf(text, 'secureTransportDenyNotStrict'), []);
    assert.equal(findingsOf(text, 'incompleteSecureTransportDeny').length, 1);
  });

  it('fires on a deny split in two statements, one on the objects and one on the bucket, and the fix adds the bucket to the first', () => {
    const objectsOnly = '{ "Sid": "HttpsOnlyObjects", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }';
    const bucketOnly = '{ "Sid": "HttpsOnlyBucket", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::acme-web-assets", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }';
    const split = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${PARTNER_READ},\n    ${objectsOnly},\n    ${bucketOnly}\n  ]\n}`;
    assert.deepEqual(underlined(split, 'secureTransportDenyNotStrict'), ['"arn:aws:s3:::acme-web-assets/*"']);
    assert.match(findingsOf(split, 'secureTransportDenyNotStrict')[0].message, /^Plain HTTP is denied to everyone only by several statements together: this one covers only the objects of "acme-web-assets"/);
    // The other HTTPS rules agree that HTTP is denied: nothing else to say.
    assert.deepEqual(findingsOf(split, 'missingSecureTransportDeny'), []);
    assert.deepEqual(findingsOf(split, 'incompleteSecureTransportDeny'), []);
    const fixed = applyFix(split, 'secureTransportDenyNotStrict');
    assert.ok(fixed.includes('"Resource": ["arn:aws:s3:::acme-web-assets/*", "arn:aws:s3:::acme-web-assets"]'), fixed);
    assert.deepEqual(findingsOf(fixed, 'secureTransportDenyNotStrict'), []);
  });
});
