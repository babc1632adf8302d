/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const read = (sid: string) => `{ "Sid": ${JSON.stringify(sid)}, "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }`;

describe('invalidSid', () => {
  for (const [sid, fixed] of [['Allow-Partner-Read', 'AllowPartnerRead'], ['allow partner read', 'allowPartnerRead'], ['NOT-RECOMMENDED-FOR__AWSCONFIG-Rule_s3-bucket-ssl-requests-only', 'NOTRECOMMENDEDFORAWSCONFIGRuleS3BucketSslRequestsOnly']]) {
    it(`fires on "${sid}", as a warning, and joins the words`, () => {
      const text = policyWith(read(sid));
      assert.deepEqual(underlined(text, 'invalidSid'), [sid]);
      assert.equal(findingsOf(text, 'invalidSid')[0].severity, 'warning');
      assert.equal(applyFix(text, 'invalidSid'), policyWith(read(fixed)));
    });
  }

  it('keeps the fixed Sid unique', () => {
    const text = policyWith(read('Partner-Read'), read('PartnerRead'));
    assert.equal(applyFix(text, 'invalidSid'), policyWith(read('PartnerRead2'), read('PartnerRead')));
  });

  it('offers no fix when nothing alphanumeric is left', () => {
    assert.deepEqual(findingsOf(policyWith(read('---')), 'invalidSid')[0].fixes, []);
  });

  it('stays silent on letters and digits, and on an empty Sid (emptyElement\'s)', () => {
    assert.deepEqual(findingsOf(policyWith(read('PartnerRead2024')), 'invalidSid'), []);
    assert.deepEqual(findingsOf(policyWith(read('')), 'invalidSid'), []);
  });
});
