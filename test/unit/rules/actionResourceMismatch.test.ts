/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../../server/src/service/rules';
import { applyFix, findingsOf, service, underlined } from '../../helpers/policyTest';

const policy = (action: string, resource: string, effect = 'Allow') => `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "App",
      "Effect": "${effect}",
      "Principal": { "AWS": "arn:aws:iam::444455556666:role/app" },
      "Action": ${action},
      "Resource": ${resource}
    }
  ]
}`;

describe('actionResourceMismatch', () => {
  it('fires on s3:ListBucket on objects only, underlines the action, and adds the bucket ARN', () => {
    const text = policy('["s3:GetObject", "s3:ListBucket"]', '"arn:aws:s3:::app-data/*"');
    assert.deepEqual(underlined(text, 'actionResourceMismatch'), ['"s3:ListBucket"']);
    assert.equal(findingsOf(text, 'actionResourceMismatch')[0].severity, 'warning');
    assert.equal(applyFix(text, 'actionResourceMismatch'), policy('["s3:GetObject", "s3:ListBucket"]', '["arn:aws:s3:::app-data/*", "arn:aws:s3:::app-data"]'));
  });

  it('fires on s3:GetObject on the bucket ARN only and adds bucket/*', () => {
    const resource = '[\n        "arn:aws:s3:::app-data"\n      ]';
    const text = policy('"s3:GetObject"', resource);
    assert.deepEqual(underlined(text, 'actionResourceMismatch'), ['"s3:GetObject"']);
    assert.equal(applyFix(text, 'actionResourceMismatch'), policy('"s3:GetObject"', '[\n        "arn:aws:s3:::app-data",\n        "arn:aws:s3:::app-data/*"\n      ]'));
  });

  it('derives the bucket from an object prefix and keeps the partition', () => {
    const text = policy('"s3:ListBucket"', '"arn:aws-cn:s3:::app-data/home/${aws:username}/*"');
    assert.equal(applyFix(text, 'actionResourceMismatch'), policy('"s3:ListBucket"', '["arn:aws-cn:s3:::app-data/home/${aws:username}/*", "arn:aws-cn:s3:::app-data"]'));
  });

  it('fires on s3:DeleteBucket on objects; adding the ARN to an Allow is offered but not preferred', () => {
    const text = policy('"s3:DeleteBucket"', '"arn:aws:s3:::app-data/*"');
    const [finding] = findingsOf(text, 'actionResourceMismatch');
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.isPreferred]), [['Add "arn:aws:s3:::app-data" to Resource', false]]);
    assert.equal(applyFix(text, 'actionResourceMismatch', 'Add "arn:aws:s3:::app-data" to Resource'), policy('"s3:DeleteBucket"', '["arn:aws:s3:::app-data/*", "arn:aws:s3:::app-data"]'));
    const denyText = policy('"s3:DeleteBucket"', '"arn:aws:s3:::app-data/*"', 'Deny');
    assert.equal(findingsOf(denyText, 'actionResourceMismatch')[0].fixes[0].isPreferred, true);
    const onlyThisRule = { reportSyntaxErrors: 'all' as const, rules: Object.fromEntries(ALL_RULES.filter((rule) => rule.id !== 'actionResourceMismatch').map((rule) => [rule.id, 'off' as const])) };
    assert.equal(service.fixAll(denyText, onlyThisRule).text, policy('"s3:DeleteBucket"', '["arn:aws:s3:::app-data/*", "arn:aws:s3:::app-data"]', 'Deny'));
  });

  it('fires on a wildcard when no action it matches applies', () => {
    const text = policy('"s3:GetBucket*"', '"arn:aws:s3:::app-data/*"');
    assert.deepEqual(underlined(text, 'actionResourceMismatch'), ['"s3:GetBucket*"']);
    assert.match(findingsOf(text, 'actionResourceMismatch')[0].message, /^The \d+ actions that "s3:GetBucket\*" matches apply to the bucket ARN/);
  });

  it('fires without a fix on an action that only applies to "*"', () => {
    const [finding] = findingsOf(policy('"s3:ListAllMyBuckets"', '"arn:aws:s3:::app-data"'), 'actionResourceMismatch');
    assert.match(finding.message, /authorised only with "Resource": "\*"/);
    assert.deepEqual(finding.fixes, []);
  });

  it('stays silent when an action applies to a listed resource', () => {
    const cases: [string, string][] = [
      ['["s3:ListBucket", "s3:GetObject"]', '["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"]'],
      ['"s3:Get*"', '"arn:aws:s3:::app-data/*"'],
      ['"s3:Get*"', '"arn:aws:s3:::app-data"'],
      ['"s3:*"', '"arn:aws:s3:::app-data/*"'],
      ['"*"', '"arn:aws:s3:::app-data"'],
      ['"s3:ListBucket"', '"arn:aws:s3:::app-data*"'],
      ['"s3:GetObject"', '"arn:aws:s3:::*"'],
      ['"s3:GetObject"', '"arn:aws:s3:::app-data/${aws:username}"'],
      ['"s3:ListBucket"', '"*"'],
      ['"s3:ListBucket"', '["arn:aws:s3:::app-data/*", "*"]'],
    ];
    for (const [action, resource] of cases) {
      assert.deepEqual(findingsOf(policy(action, resource), 'actionResourceMismatch'), [], `${action} on ${resource}`);
    }
  });

  it('skips NotResource, NotAction, unknown actions and unrecognised resources', () => {
    assert.deepEqual(findingsOf(policy('"s3:ListBucket"', '"arn:aws:s3:::app-data/*"').replace('"Resource"', '"NotResource"'), 'actionResourceMismatch'), []);
    assert.deepEqual(findingsOf(policy('"s3:ListBucket"', '"arn:aws:s3:::app-data/*"').replace('"Action"', '"NotAction"'), 'actionResourceMismatch'), []);
    assert.deepEqual(findingsOf(policy('"s3:ListBuckit"', '"arn:aws:s3:::app-data/*"'), 'actionResourceMismatch'), []);
    assert.deepEqual(findingsOf(policy('"s3:ListBucket"', '["arn:aws:s3:::app-data/*", "arn:aws:S3:::app-data"]'), 'actionResourceMismatch'), []);
    assert.deepEqual(findingsOf(policy('"s3:ListBucket"', '"arn:aws:s3:us-east-1:444455556666:app-data/*"'), 'actionResourceMismatch'), []);
  });

  it('does not run on a document with syntax errors', () => {
    const text = policy('"s3:ListBucket"', '"arn:aws:s3:::app-data/*"').replace('"Sid": "App",', '"Sid": "App"');
    assert.deepEqual(findingsOf(text, 'actionResourceMismatch'), []);
  });
});
