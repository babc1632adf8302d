/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const upload = (effect: string, condition: string) => policyWith(`{ "Sid": "Uploads", "Effect": "${effect}", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`);

describe('publicAcl', () => {
  for (const acl of ['public-read', 'public-read-write', 'authenticated-read']) {
    it(`fires, as a warning, on an Allow that requires "${acl}"`, () => {
      const text = upload('Allow', `{ "StringEquals": { "s3:x-amz-acl": ["private", "${acl}"] } }`);
      assert.deepEqual(underlined(text, 'publicAcl'), [acl]);
      assert.equal(findingsOf(text, 'publicAcl')[0].severity, 'warning');
      assert.match(findingsOf(text, 'publicAcl')[0].message, /bucket-owner-full-control/);
    });
  }

  it('fires on a Like pattern that matches a public ACL', () => {
    assert.deepEqual(underlined(upload('Allow', '{ "StringLike": { "s3:x-amz-acl": "public-*" } }'), 'publicAcl'), ['public-*']);
  });

  it('fires on a Deny whose exemption list permits a public ACL', () => {
    const text = upload('Deny', '{ "StringNotEquals": { "s3:x-amz-acl": ["bucket-owner-full-control", "public-read"] } }');
    assert.deepEqual(underlined(text, 'publicAcl'), ['public-read']);
    assert.match(findingsOf(text, 'publicAcl')[0].message, /This Deny exempts/);
  });

  it('fires on a grant header naming the AllUsers group', () => {
    const text = upload('Allow', '{ "StringLike": { "s3:x-amz-grant-read": "*uri=http://acs.amazonaws.com/groups/global/AllUsers*" } }');
    assert.deepEqual(underlined(text, 'publicAcl'), ['*uri=http://acs.amazonaws.com/groups/global/AllUsers*']);
  });

  it('stays silent on bucket-owner-full-control, on a Deny of public ACLs, and on other keys', () => {
    assert.deepEqual(findingsOf(upload('Allow', '{ "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control" } }'), 'publicAcl'), []);
    assert.deepEqual(findingsOf(upload('Deny', '{ "StringEquals": { "s3:x-amz-acl": ["public-read", "public-read-write"] } }'), 'publicAcl'), []);
    assert.deepEqual(findingsOf(upload('Allow', '{ "StringEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }'), 'publicAcl'), []);
  });
});
