/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const grant = (effect: string, action: string, condition = '') => policyWith(`{ "Sid": "Grant", "Effect": "${effect}", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": ${action}, "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]${condition} }`);

describe('allowWildcardAction', () => {
  for (const action of ['*', 's3:*', 'S3:*']) {
    it(`fires, as a warning, on "${action}"`, () => {
      const text = grant('Allow', `["s3:GetObject", "${action}"]`);
      assert.deepEqual(underlined(text, 'allowWildcardAction'), [action]);
      assert.equal(findingsOf(text, 'allowWildcardAction')[0].severity, 'warning');
      assert.match(findingsOf(text, 'allowWildcardAction')[0].message, /every S3 action.*List only the actions needed/);
    });
  }

  it('stays silent on Deny, on narrower wildcards, and on delegation to access points', () => {
    assert.deepEqual(findingsOf(grant('Deny', '"s3:*"'), 'allowWildcardAction'), []);
    assert.deepEqual(findingsOf(grant('Allow', '["s3:Get*", "s3:List*"]'), 'allowWildcardAction'), []);
    assert.deepEqual(findingsOf(grant('Allow', '"*"', ', "Condition": { "StringEquals": { "s3:DataAccessPointAccount": "210987654321" } }'), 'allowWildcardAction'), []);
  });
});
