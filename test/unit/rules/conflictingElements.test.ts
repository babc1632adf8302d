/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const withPartner = (from: string, to: string) => policyWith(PARTNER_READ.replace(from, to));

describe('conflictingElements', () => {
  it('stays silent with one of each pair', () => {
    assert.deepEqual(findingsOf(policyWith(PARTNER_READ), 'conflictingElements'), []);
  });

  it('underlines NotAction next to Action, as an error, and says which to keep', () => {
    const text = withPartner('"Action": "s3:GetObject"', '"Action": "s3:GetObject", "NotAction": "s3:DeleteObject"');
    assert.deepEqual(underlined(text, 'conflictingElements'), ['"NotAction"']);
    assert.equal(findingsOf(text, 'conflictingElements')[0].severity, 'error');
    assert.match(findingsOf(text, 'conflictingElements')[0].message, /both "Action" and "NotAction"/);
    assert.deepEqual(ruleIds(text), ['conflictingElements']);
  });

  it('underlines the second element of the pair, whichever comes first in the text', () => {
    const text = withPartner('"Action": "s3:GetObject"', '"NotAction": "s3:DeleteObject", "Action": "s3:GetObject"');
    assert.deepEqual(underlined(text, 'conflictingElements'), ['"NotAction"']);
  });

  it('reports Principal with NotPrincipal and Resource with NotResource', () => {
    const text = withPartner('"Action"', '"NotPrincipal": { "AWS": "arn:aws:iam::210987654321:user/auditor" }, "NotResource": "arn:aws:s3:::acme-web-assets/private/*", "Action"');
    assert.deepEqual(underlined(text, 'conflictingElements'), ['"NotPrincipal"', '"NotResource"']);
  });
});
