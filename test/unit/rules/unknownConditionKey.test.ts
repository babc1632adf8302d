/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string, action = '"s3:GetObject"') => policyWith(
  `{ "Sid": "Read", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": ${action}, "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${condition} }`,
);

describe('unknownConditionKey', () => {
  it('fires on a misspelt global key, underlines the key and fixes it to the closest one', () => {
    const text = policy('{ "Bool": { "aws:SecureTransprot": "true" } }');
    assert.deepEqual(underlined(text, 'unknownConditionKey'), ['"aws:SecureTransprot"']);
    const [finding] = findingsOf(text, 'unknownConditionKey');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /is not a global condition key; requests never carry it, so this condition is never true\. Did you mean "aws:SecureTransport"\?/);
    assert.equal(applyFix(text, 'unknownConditionKey'), policy('{ "Bool": { "aws:SecureTransport": "true" } }'));
  });

  it('fires on a misspelt S3 key and fixes it', () => {
    const text = policy('{ "StringLike": { "s3:prefx": "home/*" } }', '"s3:ListBucket"');
    assert.match(findingsOf(text, 'unknownConditionKey')[0].message, /is not an S3 condition key/);
    assert.equal(applyFix(text, 'unknownConditionKey'), policy('{ "StringLike": { "s3:prefix": "home/*" } }', '"s3:ListBucket"'));
  });

  it('says a negated operator is always true without the key', () => {
    assert.match(findingsOf(policy('{ "StringNotEquals": { "aws:SourceVpcee": "vpce-1a2b3c4d" } }'), 'unknownConditionKey')[0].message, /always true and restricts nothing/);
  });

  it('keeps the tag key when fixing a misspelt tag condition key', () => {
    assert.equal(applyFix(policy('{ "StringEquals": { "aws:ResourceTags/team": "data" } }'), 'unknownConditionKey'), policy('{ "StringEquals": { "aws:ResourceTag/team": "data" } }'));
    assert.equal(applyFix(policy('{ "StringEquals": { "s3:ExistingObjectTags/class": "public" } }'), 'unknownConditionKey'), policy('{ "StringEquals": { "s3:ExistingObjectTag/class": "public" } }'));
  });

  it('fires on a tag key without its tag (Access Analyzer "Missing tag key in condition")', () => {
    for (const key of ['aws:ResourceTag', 'aws:PrincipalTag/', 's3:ExistingObjectTag']) {
      const [finding] = findingsOf(policy(`{ "StringEquals": { "${key}": "data" } }`), 'unknownConditionKey');
      assert.match(finding.message, /needs the tag key after a slash/, key);
      assert.deepEqual(finding.fixes, []);
    }
  });

  it('fires on aws:ARN and offers aws:PrincipalArn and aws:SourceArn, neither preferred', () => {
    const text = policy('{ "ArnLike": { "aws:ARN": "arn:aws:iam::210987654321:role/app" } }');
    assert.match(findingsOf(text, 'unknownConditionKey')[0].message, /deprecated and no longer supported/);
    assert.deepEqual(fixTitles(text, 'unknownConditionKey'), [['Change to "aws:PrincipalArn"', 'Change to "aws:SourceArn"']]);
    assert.equal(applyFix(text, 'unknownConditionKey', 'Change to "aws:PrincipalArn"'), policy('{ "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::210987654321:role/app" } }'));
  });

  it('fires on a key that is not service:name and adds the prefix when that names a key', () => {
    const text = policy('{ "StringEquals": { "SourceVpce": "vpce-1a2b3c4d" } }');
    assert.match(findingsOf(text, 'unknownConditionKey')[0].message, /keys are written service:name/);
    assert.equal(applyFix(text, 'unknownConditionKey'), policy('{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }'));
    assert.deepEqual(findingsOf(policy('{ "StringEquals": { "aws:": "x" } }'), 'unknownConditionKey')[0].fixes, []);
  });

  it('fires on spaces around a key and trims them', () => {
    assert.equal(applyFix(policy('{ "StringEquals": { " aws:SourceVpce ": "vpce-1a2b3c4d" } }'), 'unknownConditionKey'), policy('{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }'));
  });

  it('warns about another service\'s key: requests to S3 never carry it', () => {
    const text = policy('{ "StringEquals": { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }');
    const [finding] = findingsOf(text, 'unknownConditionKey');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /is not an S3 or global condition key: requests to S3 never carry "kms:" keys, so this condition is never true\./);
    assert.deepEqual(finding.fixes, []);
  });

  it('fixes a mistyped service prefix in front of a real key', () => {
    assert.equal(applyFix(policy('{ "Bool": { "aw:SecureTransport": "true" } }'), 'unknownConditionKey'), policy('{ "Bool": { "aws:SecureTransport": "true" } }'));
  });

  it('stays silent on real keys in any case, concrete tag keys, cross-service keys such as ec2:SourceInstanceArn and template text', () => {
    for (const condition of [
      '{ "StringEquals": { "AWS:SourceArn": "arn:aws:cloudfront::210987654321:distribution/E1A2B3C4D5F6G7" } }',
      '{ "StringEquals": { "aws:sourcevpce": "vpce-1a2b3c4d" } }',
      '{ "StringEquals": { "aws:SourceVPCe": "vpce-1a2b3c4d" } }',
      '{ "StringEquals": { "aws:PrincipalTag/team": "data", "s3:ExistingObjectTag/class": "public" } }',
      '{ "NumericLessThan": { "S3:TlsVersion": "1.2" } }',
      '{ "StringEquals": { "<condition-key>": "data" } }',
      '{ "StringEquals": { "aws:Referer": "https://example.net/" } }',
      '{ "ArnEquals": { "ec2:SourceInstanceArn": "arn:aws:ec2:us-east-1:210987654321:instance/i-0123456789abcdef0" } }',
      '{ "StringEquals": { "lambda:SourceFunctionArn": "arn:aws:lambda:us-east-1:210987654321:function:ingest", "glue:CredentialIssuingService": "glue.amazonaws.com" } }',
    ]) {
      assert.deepEqual(findingsOf(policy(condition), 'unknownConditionKey'), [], condition);
    }
  });

  it('still reports in a document that does not parse, leaving the half-typed key alone', () => {
    const text = policy('{ "Bool": { "aws:SecureTransprot": "true" } }').slice(0, -1);
    assert.deepEqual(underlined(text, 'unknownConditionKey'), ['"aws:SecureTransprot"']);
    const typing = policy('{ "Bool": { "aws:SecureTransport": "true" } }');
    assert.deepEqual(findingsOf(typing.slice(0, typing.indexOf('aws:Secure') + 'aws:Secure'.length), 'unknownConditionKey'), []);
  });
});
