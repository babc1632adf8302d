/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (action: string) => policyWith(
  `{ "Sid": "Read", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:role/app" }, "Action": ${action}, "Resource": "arn:aws:s3:::app-data/*" }`,
);

describe('wildcardServiceName', () => {
  it('fires on a wildcard prefix that matches s3, underlines the prefix, and writes s3', () => {
    const text = policy('["s*:GetObject", "s3:PutObject"]');
    assert.deepEqual(underlined(text, 'wildcardServiceName'), ['s*']);
    assert.equal(findingsOf(text, 'wildcardServiceName')[0].severity, 'information');
    assert.equal(applyFix(text, 'wildcardServiceName'), policy('["s3:GetObject", "s3:PutObject"]'));
    assert.equal(applyFix(policy('"*:Get*"'), 'wildcardServiceName'), policy('"s3:Get*"'));
    assert.equal(applyFix(policy('"s?:*"'), 'wildcardServiceName'), policy('"s3:*"'));
  });

  it('stays silent on plain prefixes, "*" and prefixes that cannot match s3 (nonS3Action reports those)', () => {
    for (const action of ['"s3:GetObject"', '"S3:GetObject"', '"*"', '"s3:*"', '"k*:Decrypt"']) {
      assert.deepEqual(findingsOf(policy(action), 'wildcardServiceName'), [], action);
    }
  });
});
