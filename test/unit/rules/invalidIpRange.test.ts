/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (operator: string, key: string, values: string) => policyWith(
  `{ "Sid": "OfficeOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": { "${operator}": { "${key}": ${values} } } }`,
);
const sourceIp = (values: string) => policy('NotIpAddress', 'aws:SourceIp', values);

describe('invalidIpRange', () => {
  it('fires on an octet over 255, as an error on the value', () => {
    const text = sourceIp('["203.0.113.0/24", "198.51.256.0/24"]');
    assert.deepEqual(underlined(text, 'invalidIpRange'), ['"198.51.256.0/24"']);
    const [finding] = findingsOf(text, 'invalidIpRange');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /256 is more than 255/);
    assert.deepEqual(finding.fixes, []);
  });

  it('says what is wrong with each kind of malformed value', () => {
    const cases: [string, RegExp][] = [
      ['203.0.113.0/33', /\/33 is not an IPv4 prefix length \(0 to 32\)/],
      ['203.0.113.0/', /Nothing follows the slash/],
      ['203.0.113.1-203.0.113.9', /not ranges from one address to another/],
      ['203..113.0', /an empty part between dots/],
      ['203.0.113.0.1', /"203.0.113.0.1" has 5/],
      ['2001:db8::/129', /\/129 is not an IPv6 prefix length/],
      ['2001:db8:::1', /is not a valid IPv6 address/],
      ['office.example.net', /is not an IP address or a CIDR block/],
      ['', /The value is empty/],
    ];
    for (const [value, message] of cases) {
      assert.match(findingsOf(sourceIp(JSON.stringify(value)), 'invalidIpRange')[0]?.message ?? '', message, value);
    }
  });

  it('fixes wildcards, spaces and a short network address', () => {
    assert.equal(applyFix(sourceIp('"203.0.113.*"'), 'invalidIpRange'), sourceIp('"203.0.113.0/24"'));
    assert.equal(applyFix(sourceIp('"198.51.*.*"'), 'invalidIpRange'), sourceIp('"198.51.0.0/16"'));
    assert.equal(applyFix(sourceIp('" 203.0.113.0 / 24"'), 'invalidIpRange'), sourceIp('"203.0.113.0/24"'));
    assert.equal(applyFix(sourceIp('"203.0.113/24"'), 'invalidIpRange'), sourceIp('"203.0.113.0/24"'));
  });

  it('checks every key under IpAddress and NotIpAddress, IfExists and qualified forms too', () => {
    assert.deepEqual(underlined(policy('IpAddressIfExists', 'aws:VpcSourceIp', '"10.0.0.300"'), 'invalidIpRange'), ['"10.0.0.300"']);
  });

  it('stays silent on IPv4 and IPv6 addresses and blocks, variables, and keys that are not IP addresses', () => {
    assert.deepEqual(findingsOf(sourceIp('["203.0.113.0/24", "198.51.100.7", "0.0.0.0/0", "2001:db8::/32", "2001:db8:0:0:0:0:0:1", "::ffff:203.0.113.7/128", "::/0"]'), 'invalidIpRange'), []);
    assert.deepEqual(findingsOf(policy('IpAddress', 'aws:SourceVpce', '"vpce-1a2b3c4d"'), 'invalidIpRange'), []);
    assert.deepEqual(findingsOf(policy('StringEquals', 'aws:SourceIp', '"203.0.113.*"'), 'invalidIpRange'), []);
  });
});
