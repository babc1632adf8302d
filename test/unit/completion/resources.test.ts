/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, parsesAsJson } from './completionTest';

const HTTPS_DENY = '{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"] }';
const withStatement = (statement: string) => `{ "Version": "2012-10-17", "Statement": [ ${statement}, ${HTTPS_DENY} ] }`;

describe('completion of resources', () => {
  it('proposes the bucket and bucket/* ARNs of the bucket the policy names, the one s3:ListBucket needs first', () => {
    const completion = complete(withStatement('{ "Action": "s3:ListBucket", "Resource": "|" }'));
    assert.deepEqual(completion.labels, ['arn:aws:s3:::acme-web-assets', 'arn:aws:s3:::acme-web-assets/*']);
    assert.equal(completion.item('arn:aws:s3:::acme-web-assets').preselect, true);
    assert.ok(typeof completion.item('arn:aws:s3:::acme-web-assets').documentation === 'object');
  });

  it('puts the object ARN first for object actions', () => {
    const completion = complete(withStatement('{ "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "|" }'));
    assert.equal(completion.labels[0], 'arn:aws:s3:::acme-web-assets/*');
    assert.equal(completion.item('arn:aws:s3:::acme-web-assets/*').preselect, true);
  });

  it('leaves out the ARNs already listed and adds the one still missing in an array', () => {
    const completion = complete(withStatement('{ "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", |] }'));
    assert.deepEqual(completion.labels, ['arn:aws:s3:::acme-web-assets/*']);
    const accepted = parsesAsJson(completion.accept('arn:aws:s3:::acme-web-assets/*')) as { Statement: { Resource: string[] }[] };
    assert.deepEqual(accepted.Statement[0].Resource, ['arn:aws:s3:::acme-web-assets', 'arn:aws:s3:::acme-web-assets/*']);
  });

  it('keeps the partition of the ARN that names the bucket', () => {
    assert.deepEqual(complete('{ "Statement": [ { "Resource": "arn:aws-cn:s3:::logs/*" }, { "Resource": "|" } ] }').labels, ['arn:aws-cn:s3:::logs/*', 'arn:aws-cn:s3:::logs']);
  });

  it('proposes the two ARN forms with a bucket-name placeholder when the policy names no bucket', () => {
    const completion = complete('{ "Statement": [ { "Action": "s3:GetObject", "Resource": | } ] }');
    assert.deepEqual(completion.labels, ['arn:aws:s3:::bucket-name/*', 'arn:aws:s3:::bucket-name']);
    assert.deepEqual(parsesAsJson(completion.accept('arn:aws:s3:::bucket-name/*')), { Statement: [{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-name/*' }] });
  });
});
