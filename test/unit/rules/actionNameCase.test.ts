/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../../server/src/service/rules';
import { applyFix, findingsOf, policyWith, service, underlined } from '../../helpers/policyTest';

/** Settings with only the two action-case rules on, so fix-all applies nothing else. */
const caseRulesOnly = {
  reportSyntaxErrors: 'all' as const,
  rules: Object.fromEntries(ALL_RULES.filter((rule) => rule.id !== 'actionNameCase' && rule.id !== 'actionPrefixCase').map((rule) => [rule.id, 'off' as const])),
};

const policy = (action: string) => policyWith(
  `{ "Sid": "Read", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:role/app" }, "Action": ${action}, "Resource": ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"] }`,
);

describe('actionNameCase', () => {
  it('fires on a name in another case, underlines only the name, and fixes it', () => {
    const text = policy('["s3:getobject", "s3:ListBucket"]');
    assert.deepEqual(underlined(text, 'actionNameCase'), ['getobject']);
    assert.equal(findingsOf(text, 'actionNameCase')[0].severity, 'information');
    assert.equal(applyFix(text, 'actionNameCase'), policy('["s3:GetObject", "s3:ListBucket"]'));
  });

  it('fixes the literal part of a wildcard when every match agrees on it', () => {
    assert.equal(applyFix(policy('"s3:get*"'), 'actionNameCase'), policy('"s3:Get*"'));
    assert.equal(applyFix(policy('"s3:getobject*"'), 'actionNameCase'), policy('"s3:GetObject*"'));
    assert.equal(applyFix(policy('"s3:*tagging"'), 'actionNameCase'), policy('"s3:*Tagging"'));
  });

  it('leaves the prefix to actionPrefixCase, and fix-all repairs both', () => {
    const text = policy('"S3:GETOBJECT"');
    assert.deepEqual(underlined(text, 'actionNameCase'), ['GETOBJECT']);
    assert.deepEqual(underlined(text, 'actionPrefixCase'), ['S3:']);
    assert.equal(applyFix(text, 'actionNameCase'), policy('"S3:GetObject"'));
    assert.equal(service.fixAll(text, caseRulesOnly).text, policy('"s3:GetObject"'));
  });

  it('stays silent on canonical names, unknown names, API operations and other services', () => {
    for (const action of ['"s3:GetObject"', '"s3:Get*"', '"s3:*"', '"*"', '"s3:GetObjekt"', '"s3:headobject"', '"kms:decrypt"', '"s3:GetBucketCORS"']) {
      assert.deepEqual(findingsOf(policy(action), 'actionNameCase'), [], action);
    }
  });

  it('flags s3:GetBucketCors, whose canonical name ends in CORS', () => {
    assert.equal(applyFix(policy('"s3:GetBucketCors"'), 'actionNameCase'), policy('"s3:GetBucketCORS"'));
  });
});
