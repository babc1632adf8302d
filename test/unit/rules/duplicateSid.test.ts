/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const read = (sid: string, prefix: string) => `{ "Sid": "${sid}", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/${prefix}/*" }`;

describe('duplicateSid', () => {
  it('fires, as a warning, on the second statement with the same Sid', () => {
    const text = policyWith(read('PartnerRead', 'reports'), read('PartnerRead', 'exports'));
    assert.deepEqual(underlined(text, 'duplicateSid'), ['PartnerRead']);
    assert.equal(findingsOf(text, 'duplicateSid')[0].offset, text.lastIndexOf('PartnerRead'));
    assert.equal(findingsOf(text, 'duplicateSid')[0].severity, 'warning');
  });

  it('numbers the repeat, skipping numbers already taken', () => {
    const text = policyWith(read('PartnerRead', 'reports'), read('PartnerRead2', 'invoices'), read('PartnerRead', 'exports'));
    assert.equal(applyFix(text, 'duplicateSid'), policyWith(read('PartnerRead', 'reports'), read('PartnerRead2', 'invoices'), read('PartnerRead3', 'exports')));
  });

  it('stays silent on distinct Sids, missing Sids and empty Sids', () => {
    assert.deepEqual(findingsOf(policyWith(read('ReadReports', 'reports'), read('ReadExports', 'exports')), 'duplicateSid'), []);
    assert.deepEqual(findingsOf(policyWith(read('', 'reports'), read('', 'exports')), 'duplicateSid'), []);
  });
});
