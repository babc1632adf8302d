/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, httpsOnlyPolicy, lint, policyWith, underlined } from '../../helpers/policyTest';

const PRINCIPAL = '{ "AWS": "arn:aws:iam::210987654321:root" }';
const statement = ({ sid = '"PartnerRead"', principal = PRINCIPAL, action = '"s3:GetObject"', resource = '"arn:aws:s3:::acme-web-assets/*"', condition = '' } = {}) =>
  `{ "Sid": ${sid}, "Effect": "Allow", "Principal": ${principal}, "Action": ${action}, "Resource": ${resource}${condition} }`;

describe('emptyElement', () => {
  it('fires, as information, on "Action": [] and "Resource": [], without a fix', () => {
    for (const text of [policyWith(statement({ action: '[]' })), policyWith(statement({ resource: '[]' }))]) {
      assert.deepEqual(underlined(text, 'emptyElement'), ['[]']);
      assert.equal(findingsOf(text, 'emptyElement')[0].severity, 'information');
      assert.deepEqual(fixTitles(text, 'emptyElement'), [[]]);
    }
  });

  it('fires on an empty principal list and removes it when another principal type remains', () => {
    const alone = policyWith(statement({ principal: '{ "AWS": [] }' }));
    assert.deepEqual(underlined(alone, 'emptyElement'), ['[]']);
    assert.deepEqual(fixTitles(alone, 'emptyElement'), [[]]);
    const withService = policyWith(statement({ principal: '{ "AWS": "arn:aws:iam::210987654321:root", "Service": [] }' }));
    assert.equal(applyFix(withService, 'emptyElement'), policyWith(statement({ principal: '{ "AWS": "arn:aws:iam::210987654321:root" }' })));
  });

  it('removes an empty Condition and an empty operator', () => {
    assert.equal(applyFix(policyWith(statement({ condition: ', "Condition": {}' })), 'emptyElement'), policyWith(statement()));
    const operator = policyWith(statement({ condition: ', "Condition": { "StringEquals": { "aws:PrincipalAccount": "210987654321" }, "StringLike": {} }' }));
    assert.deepEqual(underlined(operator, 'emptyElement'), ['{}']);
    assert.equal(applyFix(operator, 'emptyElement'), policyWith(statement({ condition: ', "Condition": { "StringEquals": { "aws:PrincipalAccount": "210987654321" } }' })));
  });

  it('says what an empty list of condition values does under each qualifier', () => {
    const withValues = (operator: string) => policyWith(statement({ condition: `, "Condition": { "${operator}": { "aws:PrincipalTag/team": [] } }` }));
    assert.match(findingsOf(withValues('StringEquals'), 'emptyElement')[0].message, /nothing can match/);
    assert.match(findingsOf(withValues('ForAllValues:StringEquals'), 'emptyElement')[0].message, /only requests that do not carry/);
    assert.match(findingsOf(withValues('ForAnyValue:StringEquals'), 'emptyElement')[0].message, /never matches/);
    assert.match(findingsOf(withValues('StringEqualsIfExists'), 'emptyElement')[0].message, /IfExists/);
  });

  it('removes an empty Sid, keeping the layout', () => {
    const text = httpsOnlyPolicy().replace('"Sid": "DenyPlainHttp"', '"Sid": ""');
    assert.deepEqual(underlined(text, 'emptyElement'), ['""']);
    assert.equal(applyFix(text, 'emptyElement'), text.replace('      "Sid": "",\n', ''));
  });

  it('leaves an empty Principal object to missingPrincipal (one finding, not two)', () => {
    const text = policyWith(statement({ principal: '{}' }));
    assert.deepEqual(lint(text).map((finding) => finding.ruleId).filter((id) => id === 'emptyElement' || id === 'missingPrincipal'), ['missingPrincipal']);
  });

  it('stays silent on elements with content', () => {
    assert.deepEqual(findingsOf(policyWith(statement({ condition: ', "Condition": { "StringEquals": { "aws:PrincipalAccount": "210987654321" } }' })), 'emptyElement'), []);
  });
});
