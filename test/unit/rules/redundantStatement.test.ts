/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFindingFix, fixTitles, findingsOf, PARTNER_READ, policyWith, underlined } from '../../helpers/policyTest';

const REORDERED = '{ "Sid": "PartnerRead2", "Resource": ["arn:aws:s3:::acme-web-assets/*"], "Action": ["S3:getobject"], "Effect": "Allow", "Principal": { "AWS": ["arn:aws:iam::210987654321:root"] } }';
const NO_SID = '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }';

describe('redundantStatement', () => {
  it('fires on the later of two statements that say the same, at its Sid', () => {
    assert.deepEqual(underlined(policyWith(PARTNER_READ, REORDERED), 'redundantStatement'), ['"PartnerRead2"']);
    assert.equal(findingsOf(policyWith(PARTNER_READ, REORDERED), 'redundantStatement')[0].severity, 'information');
    assert.match(findingsOf(policyWith(PARTNER_READ, REORDERED), 'redundantStatement')[0].message, /repeats statement 1 \("PartnerRead"\)/);
  });
  it('points at the opening brace of a statement without a Sid', () => {
    const text = policyWith(PARTNER_READ, NO_SID);
    const [finding] = findingsOf(text, 'redundantStatement');
    assert.deepEqual([finding.offset, finding.length], [text.indexOf(NO_SID), 1]);
  });
  it('compares condition keys ignoring case and values as sets', () => {
    const withCondition = (sid: string, key: string, values: string) => `{ "Sid": "${sid}", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "IpAddress": { "${key}": ${values} } } }`;
    assert.deepEqual(underlined(policyWith(withCondition('A', 'aws:SourceIp', '["192.0.2.0/24", "198.51.100.0/24"]'), withCondition('B', 'AWS:sourceip', '["198.51.100.0/24", "192.0.2.0/24"]')), 'redundantStatement'), ['"B"']);
    assert.deepEqual(findingsOf(policyWith(withCondition('A', 'aws:SourceIp', '"192.0.2.0/24"'), withCondition('B', 'aws:SourceIp', '"198.51.100.0/24"')), 'redundantStatement'), []);
  });
  it('reads a string as a list of one, and lists as sets: order and repeats do not matter', () => {
    const statement = (sid: string, resource: string, principal: string) => `{ "Sid": "${sid}", "Effect": "Allow", "Principal": { "AWS": ${principal} }, "Action": "s3:GetObject", "Resource": ${resource} }`;
    const objects = '"arn:aws:s3:::acme-web-assets/*"';
    const reports = '"arn:aws:s3:::acme-web-assets/reports/*"';
    const partner = '"arn:aws:iam::210987654321:root"';
    assert.deepEqual(underlined(policyWith(statement('A', objects, partner), statement('B', `[${objects}]`, `[${partner}, ${partner}]`)), 'redundantStatement'), ['"B"']);
    assert.deepEqual(underlined(policyWith(statement('A', `[${objects}, ${reports}]`, partner), statement('B', `[${reports}, ${objects}, ${reports}]`, partner)), 'redundantStatement'), ['"B"']);
    assert.deepEqual(findingsOf(policyWith(statement('A', `[${objects}, ${reports}]`, partner), statement('B', objects, partner)), 'redundantStatement'), []);
  });
  it('offers to remove the repeated statement, not preferred', () => {
    const text = policyWith(PARTNER_READ, REORDERED);
    assert.deepEqual(fixTitles(text, 'redundantStatement'), [['Remove the repeated statement']]);
    const [finding] = findingsOf(text, 'redundantStatement');
    assert.equal(finding.fixes[0].isPreferred, false);
    assert.equal(applyFindingFix(text, finding, 'Remove the repeated statement'), policyWith(PARTNER_READ));
  });
  it('stays silent on statements that differ in effect, action or resource', () => {
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ, PARTNER_READ.replace('"Allow"', '"Deny"').replace('PartnerRead', 'DenyRead')), 'redundantStatement'), []);
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ, PARTNER_READ.replace('GetObject', 'PutObject').replace('PartnerRead', 'PartnerWrite')), 'redundantStatement'), []);
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ), 'redundantStatement'), []);
  });
});
