/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (actions: string) => policyWith(`{ "Sid": "PartnerRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": ${actions}, "Resource": "arn:aws:s3:::acme-web-assets/*" }`);

describe('redundantAction', () => {
  it('fires on an action a wildcard of the same list covers, underlining the action', () => {
    assert.deepEqual(underlined(policy('["s3:GetObject", "s3:Get*"]'), 'redundantAction'), ['"s3:GetObject"']);
    assert.deepEqual(underlined(policy('["s3:Get*", "s3:GetObjectTagging", "s3:*"]'), 'redundantAction'), ['"s3:Get*"', '"s3:GetObjectTagging"']);
    assert.equal(findingsOf(policy('["s3:GetObject", "s3:Get*"]'), 'redundantAction')[0].severity, 'information');
  });
  it('matches case-insensitively and reports the later of two equal entries', () => {
    assert.deepEqual(underlined(policy('["s3:GET*", "s3:getobject"]'), 'redundantAction'), ['"s3:getobject"']);
    assert.deepEqual(underlined(policy('["s3:GetObject", "s3:getObject"]'), 'redundantAction'), ['"s3:getObject"']);
  });
  it('says which entry covers it', () => {
    assert.match(findingsOf(policy('["s3:GetObject", "s3:Get*"]'), 'redundantAction')[0].message, /already covered by "s3:Get\*" in the same Action list/);
  });
  it('removes the redundant entry, changing nothing else', () => {
    assert.equal(applyFix(policy('["s3:GetObject", "s3:Get*"]'), 'redundantAction'), policy('["s3:Get*"]'));
    assert.equal(applyFix(policy('["s3:Get*", "s3:GetObject"]'), 'redundantAction'), policy('["s3:Get*"]'));
  });
  it('stays silent on actions that do not cover each other, and on unknown names', () => {
    assert.deepEqual(findingsOf(policy('["s3:GetObject", "s3:PutObject", "s3:List*"]'), 'redundantAction'), []);
    assert.deepEqual(findingsOf(policy('["s3:GetObject", "s3:GetBogus*"]'), 'redundantAction'), []);
    assert.deepEqual(findingsOf(policy('"s3:GetObject"'), 'redundantAction'), []);
  });
});
