/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const policy = (operator: string, values: string, key = 'aws:SourceIp') => policyWith(
  `{ "Sid": "Network", "Effect": "${operator.startsWith('Not') ? 'Deny' : 'Allow'}", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "${operator}": { "${key}": ${values} } } }`,
);

describe('privateIpInSourceIp', () => {
  it('fires, as an error, when IpAddress lists only private ranges, and says what to use instead', () => {
    const text = policy('IpAddress', '"10.0.0.0/8"');
    assert.deepEqual(underlined(text, 'privateIpInSourceIp'), ['"10.0.0.0/8"']);
    const [finding] = findingsOf(text, 'privateIpInSourceIp');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /^10\.0\.0\.0\/8 is a private network \(RFC 1918\), so this IpAddress condition never matches\./);
    assert.match(finding.message, /aws:VpcSourceIp together with aws:SourceVpc or aws:SourceVpce/);
    assert.deepEqual(finding.fixes, []);
  });

  it('fires once on the list when every range is private, loopback or link-local', () => {
    const text = policy('IpAddress', '["192.168.0.0/16", "127.0.0.1", "169.254.0.0/16", "fd00::/8", "::1", "fe80::/10"]');
    assert.deepEqual(underlined(text, 'privateIpInSourceIp'), ['["192.168.0.0/16", "127.0.0.1", "169.254.0.0/16", "fd00::/8", "::1", "fe80::/10"]']);
    assert.match(findingsOf(text, 'privateIpInSourceIp')[0].message, /^Every listed range is private, loopback or link-local/);
  });

  it('says NotIpAddress on private ranges restricts nothing', () => {
    assert.match(findingsOf(policy('NotIpAddress', '"172.16.0.0/12"'), 'privateIpInSourceIp')[0].message, /this NotIpAddress condition is true for every request and restricts nothing/);
  });

  it('reports each private range of a mixed list as information, with a fix that removes it', () => {
    const text = policy('IpAddress', '["203.0.113.0/24", "10.0.0.0/8", "198.51.100.0/24"]');
    assert.deepEqual(underlined(text, 'privateIpInSourceIp'), ['"10.0.0.0/8"']);
    assert.equal(findingsOf(text, 'privateIpInSourceIp')[0].severity, 'information');
    assert.deepEqual(fixTitles(text, 'privateIpInSourceIp'), [['Remove "10.0.0.0/8"']]);
    assert.equal(applyFix(text, 'privateIpInSourceIp', 'Remove "10.0.0.0/8"'), policy('IpAddress', '["203.0.113.0/24", "198.51.100.0/24"]'));
    assert.equal(applyFix(policy('NotIpAddress', '["10.0.0.0/8", "203.0.113.0/24"]'), 'privateIpInSourceIp', 'Remove "10.0.0.0/8"'), policy('NotIpAddress', '["203.0.113.0/24"]'));
  });

  it('stays silent on public ranges, ranges that only overlap private ones, other keys and invalid values', () => {
    for (const [operator, values, key] of [
      ['IpAddress', '["203.0.113.0/24", "2001:db8::/32"]', undefined],
      ['NotIpAddress', '["0.0.0.0/0"]', undefined],
      ['IpAddress', '"8.0.0.0/6"', undefined],
      ['IpAddress', '"10.0.0.0/16"', 'aws:VpcSourceIp'],
      ['IpAddress', '"10.0.0.300"', undefined],
    ] as const) {
      assert.deepEqual(findingsOf(policy(operator, values, key), 'privateIpInSourceIp'), [], values);
    }
  });
});
