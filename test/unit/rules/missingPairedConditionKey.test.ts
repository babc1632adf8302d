/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (condition: string) => policyWith(
  `{ "Sid": "Office", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`,
);

describe('missingPairedConditionKey', () => {
  it('fires, as a warning, on aws:VpcSourceIp alone, underlining the key', () => {
    const text = policy('{ "IpAddress": { "aws:VpcSourceIp": "10.20.0.0/16" } }');
    assert.deepEqual(underlined(text, 'missingPairedConditionKey'), ['aws:VpcSourceIp']);
    const [finding] = findingsOf(text, 'missingPairedConditionKey');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /anyone's VPC\. Add "aws:SourceVpc" \(or "aws:SourceVpce"\)/);
  });

  it('compares keys without regard to case and offers no fix (the VPC ID is the user\'s)', () => {
    const text = policy('{ "IpAddress": { "AWS:vpcsourceip": "10.20.0.0/16" } }');
    assert.deepEqual(underlined(text, 'missingPairedConditionKey'), ['AWS:vpcsourceip']);
    assert.deepEqual(fixTitles(text, 'missingPairedConditionKey'), [[]]);
  });

  it('stays silent when aws:SourceVpc or aws:SourceVpce is in the same Condition, under any operator', () => {
    assert.deepEqual(findingsOf(policy('{ "IpAddress": { "aws:VpcSourceIp": "10.20.0.0/16" }, "StringEquals": { "aws:SourceVpc": "vpc-0a1b2c3d4e5f60789" } }'), 'missingPairedConditionKey'), []);
    assert.deepEqual(findingsOf(policy('{ "IpAddress": { "aws:VpcSourceIp": "10.20.0.0/16" }, "StringEquals": { "aws:sourcevpce": "vpce-0a1b2c3d4e5f60789" } }'), 'missingPairedConditionKey'), []);
    assert.deepEqual(findingsOf(policy('{ "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } }'), 'missingPairedConditionKey'), []);
  });

  it('does not count a companion in another statement', () => {
    const text = policyWith(
      '{ "Sid": "A", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "IpAddress": { "aws:VpcSourceIp": "10.20.0.0/16" } } }',
      '{ "Sid": "B", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "StringEquals": { "aws:SourceVpc": "vpc-0a1b2c3d4e5f60789" } } }',
    );
    assert.deepEqual(underlined(text, 'missingPairedConditionKey'), ['aws:VpcSourceIp']);
  });
});
