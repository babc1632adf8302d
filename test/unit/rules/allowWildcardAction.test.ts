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

  it('matches each Action item as the evaluator does: "*:*" and "s3:**" grant every S3 action too', () => {
    for (const action of ['*:*', 's3:**']) {
      assert.deepEqual(underlined(grant('Allow', `"${action}"`), 'allowWildcardAction'), [action]);
    }
  });

  it('fires on an Allow with a narrow NotAction, which grants every other action (the pattern missed it)', () => {
    const text = policyWith('{ "Sid": "Grant", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "NotAction": "s3:DeleteObject", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"] }');
    assert.deepEqual(underlined(text, 'allowWildcardAction'), ['"NotAction"']);
    assert.match(findingsOf(text, 'allowWildcardAction')[0].message, /grant every action it does not list: 1 of the \d+ S3 actions are left out, and it still grants change permissions/);
  });

  it('stays silent on a NotAction that leaves out most actions, and on Action with NotAction (conflictingElements\' case)', () => {
    assert.deepEqual(findingsOf(policyWith('{ "Sid": "Grant", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "NotAction": ["s3:Put*", "s3:Delete*", "s3:Get*", "s3:List*", "s3:Create*", "s3:Update*", "s3:Describe*", "s3:Restore*", "s3:Abort*", "s3:Bypass*", "s3:Initiate*", "s3:Object*", "s3:Replicate*", "s3:Submit*", "s3:Tag*", "s3:Untag*"], "Resource": "arn:aws:s3:::acme-web-assets/*" }'), 'allowWildcardAction'), []);
    assert.deepEqual(findingsOf(policyWith('{ "Sid": "Grant", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "NotAction": "s3:DeleteObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }'), 'allowWildcardAction'), []);
  });
});
