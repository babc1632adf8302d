/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (action: string) => policyWith(
  `{ "Sid": "Read", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:role/app" }, "Action": ${action}, "Resource": "arn:aws:s3:::app-data/*" }`,
);

describe('nonS3Action', () => {
  it('fires on another service\'s action, underlines it, and removes it from the list', () => {
    const text = policy('["s3:GetObject", "kms:Decrypt"]');
    assert.deepEqual(underlined(text, 'nonS3Action'), ['"kms:Decrypt"']);
    assert.equal(findingsOf(text, 'nonS3Action')[0].severity, 'error');
    assert.equal(applyFix(text, 'nonS3Action', 'Remove "kms:Decrypt"'), policy('["s3:GetObject"]'));
    assert.equal(applyFix(policy('[\n      "iam:PassRole",\n      "s3:GetObject"\n    ]'), 'nonS3Action', 'Remove "iam:PassRole"'), policy('[\n      "s3:GetObject"\n    ]'));
  });

  it('does not offer a preferred fix for another service\'s action, nor removal of the only action', () => {
    assert.deepEqual(findingsOf(policy('["s3:GetObject", "kms:Decrypt"]'), 'nonS3Action')[0].fixes.filter((fix) => fix.isPreferred), []);
    assert.deepEqual(findingsOf(policy('"kms:*"'), 'nonS3Action')[0].fixes, []);
  });

  it('fixes a mistyped prefix in front of an S3 action name', () => {
    assert.equal(applyFix(policy('"s4:GetObject"'), 'nonS3Action'), policy('"s3:GetObject"'));
    assert.equal(applyFix(policy('"ss3:Get*"'), 'nonS3Action'), policy('"s3:Get*"'));
  });

  it('fires on a wildcard prefix that cannot match s3 and on an ARN written as an action', () => {
    assert.deepEqual(underlined(policy('"k*:Decrypt"'), 'nonS3Action'), ['"k*:Decrypt"']);
    assert.match(findingsOf(policy('"arn:aws:s3:::app-data/*"'), 'nonS3Action')[0].message, /resource ARN/);
  });

  it('checks NotAction too', () => {
    assert.deepEqual(underlined(policy('"iam:PassRole"').replace('"Action"', '"NotAction"'), 'nonS3Action'), ['"iam:PassRole"']);
  });

  it('stays silent on S3 actions in any case, "*", wildcard prefixes matching s3 and broken spacing', () => {
    for (const action of ['"s3:GetObject"', '"S3:getObject"', '"*"', '"s3:*"', '"s*:GetObject"', '"*:*"', '"s3 :GetObject"', '"GetObject"']) {
      assert.deepEqual(findingsOf(policy(action), 'nonS3Action'), [], action);
    }
  });
});
