/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixAll, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const withCondition = (condition: string) => policyWith(PARTNER_READ.replace(/ }$/, `, "Condition": ${condition} }`));

const TWO_BOOL_BLOCKS = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyUnsafeRequests",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"],
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        },
        "Bool": {
          "aws:MultiFactorAuthPresent": "false"
        }
      }
    }
  ]
}`;

const MERGED = TWO_BOOL_BLOCKS.replace('"false"\n        },\n        "Bool": {\n          "aws:Multi', '"false",\n          "aws:Multi');

describe('duplicateKey', () => {
  it('stays silent when every key is unique', () => {
    assert.notEqual(MERGED, TWO_BOOL_BLOCKS);
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ), 'duplicateKey'), []);
    assert.deepEqual(findingsOf(MERGED, 'duplicateKey'), []);
  });

  it('underlines the second of two "Bool" blocks, as an error', () => {
    assert.deepEqual(underlined(TWO_BOOL_BLOCKS, 'duplicateKey'), ['"Bool"']);
    assert.equal(findingsOf(TWO_BOOL_BLOCKS, 'duplicateKey')[0].severity, 'error');
    // The evaluator reads both blocks: the deny then needs aws:MultiFactorAuthPresent present and false, so it does not refuse plain HTTP to everyone.
    assert.deepEqual(ruleIds(TWO_BOOL_BLOCKS), ['duplicateKey', 'missingSecureTransportDeny']);
  });

  it('merges the two "Bool" blocks into the first, so that both conditions apply', () => {
    assert.deepEqual(fixTitles(TWO_BOOL_BLOCKS, 'duplicateKey'), [['Merge into the first "Bool" (preferred)']]);
    assert.equal(applyFix(TWO_BOOL_BLOCKS, 'duplicateKey'), MERGED);
  });

  it('merges blocks written on one line, and into an empty block', () => {
    const oneLine = withCondition('{ "StringEquals": { "aws:PrincipalAccount": "210987654321" }, "StringEquals": { "s3:x-amz-acl": "private" } }');
    assert.equal(applyFix(oneLine, 'duplicateKey'), withCondition('{ "StringEquals": { "aws:PrincipalAccount": "210987654321", "s3:x-amz-acl": "private" } }'));
    const intoEmpty = withCondition('{ "StringEquals": {}, "StringEquals": { "s3:x-amz-acl": "private" } }');
    assert.equal(applyFix(intoEmpty, 'duplicateKey'), withCondition('{ "StringEquals": {"s3:x-amz-acl": "private"} }'));
  });

  it('merges a third block in a second round of fix-all', () => {
    const three = withCondition('{ "Bool": { "aws:SecureTransport": "true" }, "Bool": { "aws:MultiFactorAuthPresent": "true" }, "Bool": { "aws:ViaAWSService": "false" } }');
    assert.deepEqual(underlined(three, 'duplicateKey'), ['"Bool"', '"Bool"']);
    assert.equal(fixAll(three), withCondition('{ "Bool": { "aws:SecureTransport": "true", "aws:MultiFactorAuthPresent": "true", "aws:ViaAWSService": "false" } }'));
  });

  it('reports condition keys that differ only in case, without a fix: which value is meant is not mechanical', () => {
    const text = withCondition('{ "IpAddress": { "aws:SourceIp": "203.0.113.0/24", "aws:sourceip": "198.51.100.0/24" } }');
    assert.deepEqual(underlined(text, 'duplicateKey'), ['"aws:sourceip"']);
    assert.match(findingsOf(text, 'duplicateKey')[0].message, /case-insensitive/);
    assert.deepEqual(fixTitles(text, 'duplicateKey'), [[]]);
  });

  it('treats element names as case-sensitive outside condition blocks (Effect and effect are different keys)', () => {
    const text = policyWith(PARTNER_READ.replace('"Effect": "Allow"', '"Effect": "Allow", "effect": "Allow"'));
    assert.deepEqual(findingsOf(text, 'duplicateKey'), []);
    assert.deepEqual(underlined(text, 'unknownElement'), ['"effect"']);
  });

  it('reports a repeated scalar element without a fix', () => {
    const text = policyWith(PARTNER_READ.replace('"Effect": "Allow"', '"Effect": "Allow", "Effect": "Deny"'));
    assert.deepEqual(underlined(text, 'duplicateKey'), ['"Effect"']);
    assert.deepEqual(fixTitles(text, 'duplicateKey'), [[]]);
  });

  it('finds repeats at the top level and in a document that does not parse', () => {
    const top = policyWith(PARTNER_READ).replace('"Version": "2012-10-17",', '"Version": "2012-10-17", "Version": "2012-10-17",');
    assert.deepEqual(underlined(top, 'duplicateKey'), ['"Version"']);
    const broken = TWO_BOOL_BLOCKS.replace('"Effect": "Deny",', '"Effect": "Deny"');
    assert.deepEqual(underlined(broken, 'duplicateKey'), ['"Bool"']);
  });

  it('compares condition keys by their lowercase form, even where lowercasing changes the length', () => {
    const text = withCondition('{ "StringEquals": { "aws:PrincipalTag/\u0130d": "a", "aws:principaltag/i\u0307d": "b" } }');
    assert.deepEqual(findingsOf(text, 'duplicateKey').length, 1);
  });

  it('finds a repeat among many condition keys, in small objects and large ones alike', () => {
    for (const count of [3, 16, 17, 40]) {
      const keys = Array.from({ length: count }, (_, index) => `"aws:PrincipalTag/team${index}": "a"`);
      keys.push(`"AWS:PrincipalTag/TEAM${count - 2}": "b"`);
      const text = withCondition(`{ "StringEquals": { ${keys.join(', ')} } }`);
      assert.deepEqual(underlined(text, 'duplicateKey'), [`"AWS:PrincipalTag/TEAM${count - 2}"`], `${count} keys`);
      assert.deepEqual(findingsOf(withCondition(`{ "StringEquals": { ${keys.slice(0, -1).join(', ')} } }`), 'duplicateKey'), [], `${count} distinct keys`);
    }
  });
});
