/* S3 Bucket Policy — MIT License. */
/**
 * Documents the fuzzer (or the hostile documents) once broke a property with, shrunk: each must now
 * keep every property of test/fuzz/properties.ts. A new failure printed by `npm run fuzz` ends with
 * the line to add here.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument } from './properties';

/** Asserts that a document keeps every property, with fix-all checked under both syntax settings. */
function assertHolds(text: string): void {
  for (const fixAllWith of ['all', 'none'] as const) {
    assert.deepEqual(checkDocument(text, fixAllWith).violations, []);
  }
}

describe('fuzzer regressions', () => {
  it('findingOutOfRange (jsonSyntax): an error at the end of the text is not one character past it', () => assertHolds('{'));

  it('findingOutOfRange (invalidType): a block comment open at the end does not stretch the tree past the text', () => assertHolds('[""/*\r\n'));

  it('fixKeepsFinding (incompleteSecureTransportDeny): the partition of the added ARN comes from an S3 ARN, not from any text after "arn:"', () => assertHolds(
    '{"":"","Statement":[{"":"","":"","":{"":""},"":""},{"":"","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:\\":\\"","arn:aws:s3:::s/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}',
  ));

  it('fixEditsOverlap (duplicateKey): no merge into an object left open, where the insertion would meet the removal', () => assertHolds('{"":{"BucketPolicy":{"\n}"BucketPolicy":{"'));

  it('fixAllNotIdempotent (duplicateSid): twelve statements with one Sid are renamed Read2 to Read12 at once, not Read2, Read22, …', () => {
    const statement = '{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-web-assets/*"}';
    const deny = '{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::acme-web-assets","arn:aws:s3:::acme-web-assets/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}';
    assertHolds(`{"Version":"2012-10-17","Statement":[${Array.from({ length: 12 }, () => statement).join(',')},${deny}]}`);
  });

  it('slow (actionNameCase, unknownAction): a wildcard pattern such as ?*?*?*…Z is matched without backtracking', () => {
    const pattern = `s3:${'?*'.repeat(30)}Z`;
    assertHolds(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"${pattern}","Resource":"arn:aws:s3:::b/*"}]}`);
  });

  it('throws (actionNameCase): an action with thousands of wildcards builds no regular expression with thousands of groups', () => {
    const action = `s3:${'Get*'.repeat(40_000)}`;
    assertHolds(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"${action}","Resource":"arn:aws:s3:::b/*"}]}`);
  });

  it('fixAllNotIdempotent (missingConditionQualifier): an operator name holding U+2028 still splits, so the added ForAnyValue: is seen once added', () => assertHolds(
    '{"":"","atement":[{"":"","":"","":{"":""},"":"","":{"":{"":""}}},{"":"","":"","":"","":"","":"","Cdition":{"\u2028":{"s3:stObjectTagKeys":[""]}}},{"":"","":[""],"":{"":{}}}]}',
  ));
});
