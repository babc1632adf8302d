/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith } from '../../helpers/policyTest';

const policy = (condition: string, effect = 'Deny', action = '"s3:*"') => policyWith(
  `{ "Sid": "Scoped", "Effect": "${effect}", "Principal": "*", "Action": ${action}, "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${condition} }`,
);

/** The severity and underlined text of each finding of the rule. */
function findings(text: string): string[] {
  return findingsOf(text, 'invalidConditionValue').map((finding) => `${finding.severity} ${text.slice(finding.offset, finding.offset + finding.length)}`);
}

describe('invalidConditionValue', () => {
  it('fires on a Bool value other than true/false, as a warning on the value', () => {
    const text = policy('{ "Bool": { "aws:SecureTransport": "no" } }');
    assert.deepEqual(findings(text), ['warning "no"']);
    assert.match(findingsOf(text, 'invalidConditionValue')[0].message, /Bool takes true or false, not "no"\./);
    assert.equal(applyFix(policy('{ "Bool": { "aws:SecureTransport": " false" } }'), 'invalidConditionValue'), policy('{ "Bool": { "aws:SecureTransport": "false" } }'));
  });

  it('fires on true and false together, as an error (Access Analyzer "Invalid condition multiple Boolean")', () => {
    const text = policy('{ "Bool": { "aws:SecureTransport": ["true", "false"] } }');
    assert.deepEqual(findings(text), ['error ["true", "false"]']);
    assert.match(findingsOf(text, 'invalidConditionValue')[0].message, /match whenever the key is present/);
    assert.deepEqual(findingsOf(text, 'invalidConditionValue')[0].fixes, []);
    assert.equal(applyFix(policy('{ "Null": { "aws:SourceIp": ["true", true] } }'), 'invalidConditionValue'), policy('{ "Null": { "aws:SourceIp": "true" } }'));
  });

  it('fires on values of mixed JSON types and writes them all as strings', () => {
    const text = policy('{ "StringNotEquals": { "aws:PrincipalAccount": ["210987654321", 135792468013] } }');
    assert.deepEqual(findings(text), ['error ["210987654321", 135792468013]']);
    assert.equal(applyFix(text, 'invalidConditionValue'), policy('{ "StringNotEquals": { "aws:PrincipalAccount": ["210987654321", "135792468013"] } }'));
  });

  it('fires on a Numeric operator with a non-number and repairs TLSv1.2', () => {
    const text = policy('{ "NumericLessThan": { "s3:TlsVersion": "TLSv1.2" } }');
    assert.deepEqual(findings(text), ['warning "TLSv1.2"']);
    assert.equal(applyFix(text, 'invalidConditionValue'), policy('{ "NumericLessThan": { "s3:TlsVersion": "1.2" } }'));
    assert.deepEqual(findingsOf(policy('{ "NumericGreaterThan": { "s3:max-keys": "many" } }'), 'invalidConditionValue')[0].fixes, []);
  });

  it('fires on a Date operator with a date that is not ISO 8601 or does not exist', () => {
    assert.equal(applyFix(policy('{ "DateGreaterThan": { "aws:CurrentTime": "2025/1/31" } }'), 'invalidConditionValue'), policy('{ "DateGreaterThan": { "aws:CurrentTime": "2025-01-31" } }'));
    assert.match(findingsOf(policy('{ "DateLessThan": { "aws:CurrentTime": "2025-02-30" } }'), 'invalidConditionValue')[0].message, /February 2025 has no day 30/);
    assert.match(findingsOf(policy('{ "DateLessThan": { "aws:CurrentTime": "2025-13-01" } }'), 'invalidConditionValue')[0].message, /13 is not a month/);
    assert.deepEqual(findings(policy('{ "DateLessThan": { "aws:CurrentTime": "01/31/2025" } }')), ['warning "01/31/2025"']);
  });

  it('fires on BinaryEquals with a value that is not base64', () => {
    assert.deepEqual(findings(policy('{ "BinaryEquals": { "s3:x-custom": "not base64!" } }')), ['warning "not base64!"']);
  });

  it('fires on malformed VPC endpoint and VPC IDs, as errors, and says when they are swapped', () => {
    assert.deepEqual(findings(policy('{ "StringNotEquals": { "aws:SourceVpce": "vpce-123" } }')), ['error "vpce-123"']);
    assert.match(findingsOf(policy('{ "StringNotEquals": { "aws:SourceVpce": "vpce-123" } }'), 'invalidConditionValue')[0].message, /every request differs from it and the condition is always true/);
    assert.match(findingsOf(policy('{ "StringNotEquals": { "aws:SourceVpce": "vpc-1a2b3c4d" } }'), 'invalidConditionValue')[0].message, /This is a VPC ID: to allow a VPC, use "aws:SourceVpc"/);
    assert.deepEqual(findings(policy('{ "StringNotEquals": { "aws:SourceVpc": "vpc-1a2b3c4d5" } }')), ['error "vpc-1a2b3c4d5"']);
  });

  it('fires on an encryption type or canned ACL S3 never sends, and fixes the spelling', () => {
    const sse = policy('{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "AES-256" } }', 'Deny', '"s3:PutObject"');
    assert.deepEqual(findings(sse), ['warning "AES-256"']);
    assert.equal(applyFix(sse, 'invalidConditionValue'), policy('{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "AES256" } }', 'Deny', '"s3:PutObject"'));
    assert.equal(applyFix(policy('{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "SSE-KMS" } }', 'Deny', '"s3:PutObject"'), 'invalidConditionValue'),
      policy('{ "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }', 'Deny', '"s3:PutObject"'));
    assert.equal(applyFix(policy('{ "StringEquals": { "s3:x-amz-acl": "bucket_owner_full_control" } }', 'Allow', '"s3:PutObject"'), 'invalidConditionValue'),
      policy('{ "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control" } }', 'Allow', '"s3:PutObject"'));
    assert.deepEqual(findings(policy('{ "StringLike": { "s3:x-amz-acl": "owner-*" } }', 'Allow', '"s3:PutObject"')), ['warning "owner-*"']);
  });

  it('fires on account and organization IDs of the wrong form', () => {
    assert.deepEqual(findings(policy('{ "StringNotEquals": { "aws:SourceAccount": "21098765432", "aws:PrincipalOrgID": "o-123" } }')), ['warning "21098765432"', 'warning "o-123"']);
  });

  it('fires on an ARN key or Arn operator with a value that is no ARN', () => {
    assert.deepEqual(findings(policy('{ "ArnNotLike": { "aws:SourceArn": "210987654321" } }')), ['warning "210987654321"']);
    assert.deepEqual(findings(policy('{ "StringNotEquals": { "s3:x-amz-server-side-encryption-aws-kms-key-id": "1234abcd-12ab-34cd-56ef-1234567890ab" } }', 'Deny', '"s3:PutObject"')),
      ['warning "1234abcd-12ab-34cd-56ef-1234567890ab"']);
  });

  it('stays silent on correct values, patterns that can match, variables, placeholders and keys whose type does not fit the operator', () => {
    for (const condition of [
      '{ "Bool": { "aws:SecureTransport": false } }',
      '{ "Bool": { "aws:SecureTransport": "TRUE" } }',
      '{ "NumericLessThan": { "s3:TlsVersion": 1.2, "s3:max-keys": "100" } }',
      '{ "DateGreaterThan": { "aws:CurrentTime": ["2025-01-31", "2025-01-31T23:59:59Z", "2025-01-31T23:59:59.5+01:00", "1735689600"] } }',
      '{ "NumericLessThan": { "aws:EpochTime": 1735689600 } }',
      '{ "BinaryEquals": { "s3:x-custom": "QmluYXJ5" } }',
      '{ "StringNotEquals": { "aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-0a1b2c3d4e5f67890"], "aws:SourceVpc": "vpc-0a1b2c3d4e5f67890" } }',
      '{ "StringNotEqualsIgnoreCase": { "aws:SourceVpce": "VPCE-1A2B3C4D" } }',
      '{ "StringLike": { "aws:SourceVpce": "vpce-*", "s3:x-amz-acl": "bucket-owner-*" } }',
      '{ "StringNotEquals": { "s3:x-amz-server-side-encryption": ["AES256", "aws:kms", "aws:kms:dsse"] } }',
      '{ "StringNotEquals": { "aws:SourceVpce": "your-vpce-id" } }',
      '{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:SourceAccount": "${aws:PrincipalAccount}" } }',
      '{ "ArnLike": { "aws:SourceArn": ["arn:aws:s3:::acme-*", "*"] } }',
      '{ "StringEquals": { "s3:TlsVersion": "TLSv1.2" } }',
      '{ "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } }',
    ]) {
      assert.deepEqual(findings(policy(condition)), [], condition);
    }
  });
});
