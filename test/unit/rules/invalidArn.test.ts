/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const readOf = (resource: string) => policyWith(`{ "Sid": "PartnerRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": ${JSON.stringify(resource)} }`);

describe('invalidArn', () => {
  const fixable: [string, string, string, string][] = [
    ['the service in capitals', 'arn:aws:S3:::acme-web-assets/*', 'S3', 'arn:aws:s3:::acme-web-assets/*'],
    ['a Region and an account', 'arn:aws:s3:us-east-1:210987654321:acme-web-assets/*', 'us-east-1:210987654321', 'arn:aws:s3:::acme-web-assets/*'],
    ['an account only', 'arn:aws:s3::210987654321:acme-web-assets/*', '210987654321', 'arn:aws:s3:::acme-web-assets/*'],
    ['a missing field', 'arn:aws:s3::acme-web-assets/*', 'arn:aws:s3::acme-web-assets/*', 'arn:aws:s3:::acme-web-assets/*'],
    ['an S3 URL', 's3://acme-web-assets/reports/*', 's3://acme-web-assets/reports/*', 'arn:aws:s3:::acme-web-assets/reports/*'],
    ['a bare bucket name', 'acme-web-assets/*', 'acme-web-assets/*', 'arn:aws:s3:::acme-web-assets/*'],
    ['"ARN:" in capitals', 'ARN:aws:s3:::acme-web-assets/*', 'ARN', 'arn:aws:s3:::acme-web-assets/*'],
    ['the partition in capitals', 'arn:AWS:s3:::acme-web-assets/*', 'AWS', 'arn:aws:s3:::acme-web-assets/*'],
    ['spaces around the slash', 'arn:aws:s3:::acme-web-assets / *', ' / ', 'arn:aws:s3:::acme-web-assets/*'],
    ['a space after the slash', 'arn:aws:s3:::acme-web-assets/ *', ' *', 'arn:aws:s3:::acme-web-assets/*'],
  ];
  for (const [what, resource, token, fixed] of fixable) {
    it(`fires on ${what}, underlines ${JSON.stringify(token)} and fixes it`, () => {
      const text = readOf(resource);
      assert.deepEqual(underlined(text, 'invalidArn'), [token]);
      assert.equal(applyFix(text, 'invalidArn'), readOf(fixed));
    });
  }

  it('fixes the seed ARN "arn:aws:S3:::examplebucket / * " (service case and spaces) in one edit', () => {
    const text = readOf('arn:aws:S3:::acme-web-assets / * ');
    const [finding] = findingsOf(text, 'invalidArn');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /lowercase: "s3".*contains spaces/);
    assert.deepEqual(underlined(text, 'invalidArn'), ['arn:aws:S3:::acme-web-assets / * ']);
    assert.equal(applyFix(text, 'invalidArn'), readOf('arn:aws:s3:::acme-web-assets/*'));
  });

  const unfixable: [string, string, string, string][] = [
    ['another service', 'arn:aws:kms:us-east-1:210987654321:key/1234abcd', 'kms', 'error'],
    ['an access point', 'arn:aws:s3:us-east-1:210987654321:accesspoint/reports', 'accesspoint/reports', 'error'],
    ['an unknown partition', 'arn:amazon:s3:::acme-web-assets/*', 'amazon', 'error'],
    ['a two-character bucket', 'arn:aws:s3:::ab/*', 'ab', 'error'],
    ['two dots in a row', 'arn:aws:s3:::acme..assets/*', 'acme..assets', 'error'],
    ['an IP-address bucket name', 'arn:aws:s3:::192.168.10.1/*', '192.168.10.1', 'error'],
    ['a character buckets never have', 'arn:aws:s3:::acme!assets/*', 'acme!assets', 'error'],
    ['a hyphen at the end', 'arn:aws:s3:::acme-assets-/*', 'acme-assets-', 'error'],
    ['capitals (legacy buckets only)', 'arn:aws:s3:::Acme_Assets/*', 'Acme_Assets', 'warning'],
    ['something that is not an ARN', 'bucket: acme', 'bucket: acme', 'error'],
  ];
  for (const [what, resource, token, severity] of unfixable) {
    it(`fires on ${what} (${severity}) and underlines ${JSON.stringify(token)}`, () => {
      const text = readOf(resource);
      assert.deepEqual(underlined(text, 'invalidArn'), [token]);
      assert.equal(findingsOf(text, 'invalidArn')[0].severity, severity);
      assert.deepEqual(fixTitles(text, 'invalidArn'), [[]]);
    });
  }

  it('checks NotResource too', () => {
    const text = policyWith('{ "Sid": "DenyOthers", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "NotResource": "arn:aws:S3:::acme-web-assets/public/*" }');
    assert.deepEqual(underlined(text, 'invalidArn'), ['S3']);
  });

  it('stays silent on correct resources', () => {
    for (const resource of [
      '*',
      'arn:aws:s3:::acme-web-assets',
      'arn:aws:s3:::acme-web-assets/*',
      'arn:aws:s3:::acme-web-assets/home/${aws:username}/*',
      'arn:aws:s3:::acme-web-assets/reports 2024/*',
      'arn:aws-cn:s3:::acme-web-assets/*',
      'arn:aws-us-gov:s3:::acme-web-assets/*',
      'arn:aws:s3:::acme.web.assets/*',
      'arn:aws:s3:::acme-web-*',
    ]) {
      assert.deepEqual(findingsOf(readOf(resource), 'invalidArn'), [], resource);
    }
  });

  it('leaves template text to placeholder', () => {
    assert.deepEqual(findingsOf(readOf('arn:aws:s3:::<your-bucket-name>/*'), 'invalidArn'), []);
    assert.deepEqual(findingsOf(readOf('arn:aws:s3:::YOUR-BUCKET-NAME/*'), 'invalidArn'), []);
  });
});
