/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string, effect = 'Allow') => policyWith(
  `{ "Sid": "Scoped", "Effect": "${effect}", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${condition} }`,
);

describe('conditionTypeMismatch', () => {
  it('fires on StringLike on aws:SourceIp, underlines the operator and fixes it to IpAddress', () => {
    const text = policy('{ "StringLike": { "aws:SourceIp": "203.0.113.0/24" } }');
    assert.deepEqual(underlined(text, 'conditionTypeMismatch'), ['"StringLike"']);
    const [finding] = findingsOf(text, 'conditionTypeMismatch');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /"aws:SourceIp" holds an IP address, and StringLike does not compare that type: it never matches\. Use "IpAddress"\./);
    assert.equal(applyFix(text, 'conditionTypeMismatch'), policy('{ "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } }'));
  });

  it('rewrites dotted wildcards as CIDR blocks when switching to IpAddress', () => {
    const text = policy('{ "StringLike": { "aws:SourceIp": ["203.0.113.*", "198.51.*"] } }');
    assert.equal(applyFix(text, 'conditionTypeMismatch'), policy('{ "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "198.51.0.0/16"] } }'));
  });

  it('offers IpAddress without preferring it when a value cannot become an address', () => {
    assert.deepEqual(fixTitles(policy('{ "StringLike": { "aws:SourceIp": "*.example.net" } }'), 'conditionTypeMismatch'), [['Change to "IpAddress"']]);
  });

  it('fixes StringNotLike to NotIpAddress, keeping IfExists and the qualifier', () => {
    assert.equal(applyFix(policy('{ "StringNotLikeIfExists": { "aws:SourceIp": "203.0.113.0/24" } }', 'Deny'), 'conditionTypeMismatch'),
      policy('{ "NotIpAddressIfExists": { "aws:SourceIp": "203.0.113.0/24" } }', 'Deny'));
  });

  it('says that a String operator compares a number as text, not that it never matches', () => {
    const [finding] = findingsOf(policy('{ "StringEquals": { "s3:TlsVersion": "1.2" } }'), 'conditionTypeMismatch');
    assert.match(finding.message, /"s3:TlsVersion" holds a number, and StringEquals compares it as text: .*"1\.20" is not "1\.2" .* Use "NumericEquals"\./);
    assert.doesNotMatch(finding.message, /never matches/);
  });

  it('fixes StringEquals on a number to NumericEquals and on a date to DateEquals', () => {
    assert.equal(applyFix(policy('{ "StringEquals": { "s3:TlsVersion": "1.2" } }'), 'conditionTypeMismatch'), policy('{ "NumericEquals": { "s3:TlsVersion": "1.2" } }'));
    assert.equal(applyFix(policy('{ "StringNotEquals": { "aws:CurrentTime": "2025-01-31" } }'), 'conditionTypeMismatch'), policy('{ "DateNotEquals": { "aws:CurrentTime": "2025-01-31" } }'));
    assert.equal(applyFix(policy('{ "NumericLessThan": { "aws:CurrentTime": "2025-01-31" } }'), 'conditionTypeMismatch'), policy('{ "DateLessThan": { "aws:CurrentTime": "2025-01-31" } }'));
  });

  it('fixes StringEquals on a Boolean key to Bool', () => {
    assert.equal(applyFix(policy('{ "StringEquals": { "aws:SecureTransport": "false" } }', 'Deny'), 'conditionTypeMismatch'), policy('{ "Bool": { "aws:SecureTransport": "false" } }', 'Deny'));
  });

  it('fires without a fix where no operator of the key\'s type says the same', () => {
    for (const [condition, hint] of [
      ['{ "Bool": { "aws:SourceVpce": "true" } }', /Use a String operator/],
      ['{ "StringLike": { "s3:max-keys": "1*" } }', /Use a Numeric operator/],
      ['{ "IpAddress": { "aws:SourceVpc": "10.0.0.0/16" } }', /Use a String operator/],
      ['{ "BinaryEquals": { "aws:UserAgent": "QmluYXJ5" } }', /no S3 or global key is binary/],
    ] as const) {
      const [finding] = findingsOf(policy(condition), 'conditionTypeMismatch');
      assert.match(finding.message, hint, condition);
      assert.deepEqual(finding.fixes, [], condition);
    }
  });

  it('moves the key to a block of its own when other keys share the operator', () => {
    const text = policy('{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d", "s3:TlsVersion": "1.2" } }');
    assert.equal(applyFix(text, 'conditionTypeMismatch'), policy('{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" }, "NumericEquals": { "s3:TlsVersion": "1.2" } }'));
  });

  it('moves the key into the block of the right operator when the Condition has one', () => {
    const text = policy('{ "IpAddress": { "aws:VpcSourceIp": "10.0.0.0/16" }, "StringEquals": { "aws:SourceVpc": "vpc-1a2b3c4d", "aws:SourceIp": "203.0.113.0/24" } }');
    assert.equal(applyFix(text, 'conditionTypeMismatch'), policy('{ "IpAddress": { "aws:VpcSourceIp": "10.0.0.0/16", "aws:SourceIp": "203.0.113.0/24" }, "StringEquals": { "aws:SourceVpc": "vpc-1a2b3c4d" } }'));
    const alone = policy('{ "IpAddress": { "aws:VpcSourceIp": "10.0.0.0/16" }, "StringEquals": { "aws:SourceIp": "203.0.113.0/24" } }');
    assert.equal(applyFix(alone, 'conditionTypeMismatch'), policy('{ "IpAddress": { "aws:VpcSourceIp": "10.0.0.0/16", "aws:SourceIp": "203.0.113.0/24" } }'));
  });

  it('keeps the layout of a multi-line Condition when moving a key', () => {
    const multiLine = (condition: string) => policyWith(`{
      "Sid": "Scoped",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"],
      "Condition": {
        "StringNotEquals": {
          "aws:SourceVpce": "vpce-1a2b3c4d"${condition}
      }
    }`);
    assert.equal(applyFix(multiLine(',\n          "s3:TlsVersion": "1.2"\n        }'), 'conditionTypeMismatch'),
      multiLine('\n        },\n        "NumericNotEquals": { "s3:TlsVersion": "1.2" }'));
  });

  it('stays silent on operators that fit: ARN keys with Arn and String operators, Null on anything, epoch time as a number', () => {
    for (const condition of [
      '{ "StringEquals": { "AWS:SourceArn": "arn:aws:cloudfront::210987654321:distribution/E1A2B3C4D5F6G7" } }',
      '{ "ArnLike": { "aws:SourceArn": "arn:aws:s3:::acme-source-data" }, "StringEquals": { "aws:SourceAccount": "210987654321" } }',
      '{ "ArnEquals": { "aws:SourceVpcArn": "arn:aws:ec2:us-east-1:210987654321:vpc/vpc-1a2b3c4d" } }',
      '{ "IpAddress": { "aws:SourceIp": "203.0.113.0/24" }, "NotIpAddress": { "aws:VpcSourceIp": "10.0.0.0/16" } }',
      '{ "NumericLessThan": { "s3:TlsVersion": "1.2", "aws:EpochTime": "1735689600" } }',
      '{ "DateGreaterThan": { "aws:CurrentTime": "2025-01-31T00:00:00Z" } }',
      '{ "Bool": { "aws:SecureTransport": "false" }, "Null": { "aws:SourceIp": "true", "s3:TlsVersion": "false" } }',
      '{ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*" } }',
      '{ "StringEquals": { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }',
    ]) {
      assert.deepEqual(findingsOf(policy(condition), 'conditionTypeMismatch'), [], condition);
    }
  });
});
