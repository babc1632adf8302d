/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (values: string, key = 'aws:SourceIp') => policyWith(
  `{ "Sid": "Office", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "IpAddress": { "${key}": ${values} } } }`,
);

describe('ipRangeHostBits', () => {
  it('fires, as information, on a block with host bits set and fixes it to the network address', () => {
    const text = policy('["198.51.100.0/24", "203.0.113.77/24"]');
    assert.deepEqual(underlined(text, 'ipRangeHostBits'), ['"203.0.113.77/24"']);
    const [finding] = findingsOf(text, 'ipRangeHostBits');
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /it means the whole block 203\.0\.113\.0\/24, not the one address 203\.0\.113\.77/);
    assert.equal(applyFix(text, 'ipRangeHostBits'), policy('["198.51.100.0/24", "203.0.113.0/24"]'));
  });

  it('offers the one address as a second fix', () => {
    const text = policy('"203.0.113.77/24"');
    assert.deepEqual(fixTitles(text, 'ipRangeHostBits'), [['Change to "203.0.113.0/24" (preferred)', 'Change to "203.0.113.77/32"']]);
    assert.equal(applyFix(text, 'ipRangeHostBits', 'Change to "203.0.113.77/32"'), policy('"203.0.113.77/32"'));
  });

  it('handles IPv6 and any key under an IP operator', () => {
    assert.equal(applyFix(policy('"2001:db8:0:5::1/48"'), 'ipRangeHostBits'), policy('"2001:db8::/48"'));
    assert.equal(applyFix(policy('"10.1.2.3/16"', 'aws:VpcSourceIp'), 'ipRangeHostBits'), policy('"10.1.0.0/16"', 'aws:VpcSourceIp'));
  });

  it('stays silent on network addresses, bare addresses, invalid values and private aws:SourceIp ranges privateIpInSourceIp reports', () => {
    for (const values of ['"203.0.113.0/24"', '"203.0.113.77"', '"203.0.113.77/32"', '"2001:db8::/32"', '"0.0.0.0/0"', '"203.0.113.300/24"', '["10.0.0.5/24", "203.0.113.0/24"]']) {
      assert.deepEqual(findingsOf(policy(values), 'ipRangeHostBits'), [], values);
    }
  });
});
