/* S3 Bucket Policy — MIT License. */
/**
 * The evaluator's answers beyond the decision: undecided cases ([?] in EVALUATION-FACTS, values a
 * host cannot know), unknown identity policies, the deciding statements and their ranges, and the
 * per-statement explanations.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'jsonc-parser';
import { evaluateAccess } from '../../../server/src/service/access/evaluateAccess';
import { parsePolicy } from '../../../server/src/service/parser/parsePolicy';
import { allow, B1_ALL, deny, OWNER, PRINCIPALS, policyText, run } from './accessFixtures';

const E1 = allow('*', 's3:GetObject', 'arn:aws:s3:::b1/*');
const OBJ = 'arn:aws:s3:::b1/a.txt';

describe('access evaluator: what it cannot decide', () => {
  it('E25: a Deny+NotPrincipal listing bob but not his account "may" deny him: no definite decision', () => {
    const result = run({ statements: [allow({ AWS: '444455556666' }, 's3:GetObject', 'arn:aws:s3:::b1/*'), { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::444455556666:user/bob' }, Action: 's3:*', Resource: B1_ALL }], principal: 'bob', action: 's3:GetObject', resource: OBJ, identity: [[{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]] });
    assert.deepEqual([...result.possible].sort(), ['allow', 'explicitDeny']);
    assert.equal(result.dependsOn.length, 1);
    assert.match(result.dependsOn[0].description, /statement 1/);
  });

  it('a value the host cannot know (isUnknown) makes the answer depend on it, with its range', () => {
    const text = policyText([E1, deny('*', 's3:*', B1_ALL, { StringNotEquals: { 'aws:SourceVpce': 'UNKNOWN-REF' } })]);
    const policy = parsePolicy(text);
    const isUnknown = (node: Node) => node.type === 'string' && node.value === 'UNKNOWN-REF';
    const result = evaluateAccess({ principal: PRINCIPALS.anon, action: 's3:GetObject', resource: OBJ, context: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } }, { bucketPolicy: policy, bucketOwnerAccount: OWNER, isUnknown });
    assert.deepEqual([...result.possible].sort(), ['allow', 'explicitDeny']);
    assert.equal(result.dependsOn.length, 1);
    const range = result.dependsOn[0].range!;
    assert.equal(text.slice(range.offset, range.offset + range.length), '"aws:SourceVpce"');
    const known = evaluateAccess({ principal: PRINCIPALS.anon, action: 's3:GetObject', resource: OBJ }, { bucketPolicy: policy, bucketOwnerAccount: OWNER });
    assert.equal(known.decision, 'explicitDeny');
    assert.deepEqual(known.dependsOn, []);
    // A request without the key: StringNotEquals holds whatever the unknown value is.
    const absent = evaluateAccess({ principal: PRINCIPALS.anon, action: 's3:GetObject', resource: OBJ }, { bucketPolicy: policy, bucketOwnerAccount: OWNER, isUnknown });
    assert.deepEqual([absent.decision, absent.possible, absent.dependsOn], ['explicitDeny', ['explicitDeny'], []]);
  });

  it('an unknown Resource value in an Allow leaves allow and implicit deny open', () => {
    const text = policyText([allow('*', 's3:GetObject', 'UNKNOWN-REF')]);
    const result = evaluateAccess({ principal: PRINCIPALS.anon, action: 's3:GetObject', resource: OBJ }, { bucketPolicy: parsePolicy(text), bucketOwnerAccount: OWNER, isUnknown: (node) => node.value === 'UNKNOWN-REF' });
    assert.deepEqual([...result.possible].sort(), ['allow', 'implicitDeny']);
    assert.equal(result.statements[0].failedElement, 'Resource');
  });

  it('an unknown value in a statement that fails on a known element changes nothing', () => {
    const text = policyText([allow('*', 's3:PutObject', 'UNKNOWN-REF')]);
    const result = evaluateAccess({ principal: PRINCIPALS.anon, action: 's3:GetObject', resource: OBJ }, { bucketPolicy: parsePolicy(text), bucketOwnerAccount: OWNER, isUnknown: (node) => node.value === 'UNKNOWN-REF' });
    assert.equal(result.decision, 'implicitDeny');
    assert.deepEqual(result.possible, ['implicitDeny']);
  });
});

describe('access evaluator: identity policies not given', () => {
  it('cross-account: allowed only if the other account\'s identity policies allow, and says so', () => {
    const result = run({ statements: [allow({ AWS: '444455556666' }, 's3:GetObject', 'arn:aws:s3:::b1/*')], principal: 'bob', action: 's3:GetObject', resource: OBJ, identity: 'unknown' });
    assert.equal(result.decision, 'allow');
    assert.equal(result.requiresIdentityAllow, '444455556666');
    assert.match(result.qualifiers.join(' '), /identity policy in account 444455556666/);
  });

  it('same account, a direct grant: allowed without any identity policy', () => {
    const result = run({ statements: [allow({ AWS: 'arn:aws:iam::111122223333:user/alice' }, 's3:GetObject', 'arn:aws:s3:::b1/*')], principal: 'alice', action: 's3:GetObject', resource: OBJ, identity: 'unknown' });
    assert.equal(result.decision, 'allow');
    assert.equal(result.requiresIdentityAllow, undefined);
  });

  it('cross-account with no bucket grant: implicit deny whatever the identity policies say', () => {
    const result = run({ statements: [], principal: 'bob', action: 's3:GetObject', resource: OBJ, identity: 'unknown' });
    assert.equal(result.decision, 'implicitDeny');
    assert.equal(result.requiresIdentityAllow, undefined);
  });
});

describe('access evaluator: deciding statements and explanations', () => {
  it('an explicit deny lists every applying Deny with its Sid and range', () => {
    const statements = [E1, { Sid: 'NoHttp', ...deny('*', 's3:*', B1_ALL, { Bool: { 'aws:SecureTransport': 'false' } }) }, { Sid: 'NoGet', ...deny('*', 's3:GetObject', 'arn:aws:s3:::b1/*') }];
    const text = policyText(statements);
    const result = evaluateAccess({ principal: PRINCIPALS.anon, action: 's3:GetObject', resource: OBJ, context: { 'aws:SecureTransport': 'false' } }, { bucketPolicy: parsePolicy(text), bucketOwnerAccount: OWNER });
    assert.equal(result.decision, 'explicitDeny');
    assert.deepEqual(result.deciding.map((statement) => [statement.index, statement.sid]), [[1, 'NoHttp'], [2, 'NoGet']]);
    const range = result.deciding[1].range;
    assert.match(text.slice(range.offset, range.offset + range.length), /^\{[\s\S]*"Sid": "NoGet"[\s\S]*\}$/);
  });

  it('says which element failed and which condition key and operator failed', () => {
    const statements = [allow('*', 's3:PutObject', 'arn:aws:s3:::b1/*'), allow('*', 's3:GetObject', 'arn:aws:s3:::b2/*'), allow('*', 's3:GetObject', 'arn:aws:s3:::b1/*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })];
    const result = run({ statements, principal: 'anon', action: 's3:GetObject', resource: OBJ, context: { 'aws:SourceIp': '198.51.100.1' } });
    assert.equal(result.decision, 'implicitDeny');
    assert.deepEqual(result.statements.map((statement) => statement.failedElement), ['Action', 'Resource', 'Condition']);
    assert.deepEqual(result.statements[2].conditions.map((condition) => [condition.operator, condition.key, condition.result]), [['IpAddress', 'aws:SourceIp', 'no']]);
    assert.match(result.statements[2].conditions[0].reason, /"198\.51\.100\.1"/);
  });

  it('an account-level match is reported as such', () => {
    const result = run({ statements: [allow({ AWS: '111122223333' }, 's3:GetObject', 'arn:aws:s3:::b1/*')], principal: 'alice', action: 's3:GetObject', resource: OBJ });
    assert.equal(result.statements[0].principalMatch, 'account');
    assert.equal(result.statements[0].applies, 'yes');
    assert.equal(result.decision, 'implicitDeny');
  });

  it('a Block Public Access block is its own reason, not a statement', () => {
    const result = run({ statements: [E1], principal: 'anon', action: 's3:GetObject', resource: OBJ, bpa: { restrictPublicBuckets: true } });
    assert.equal(result.blockedBy, 'blockPublicAccess');
    assert.deepEqual(result.deciding, []);
  });

  it('the owner root exemption is reported as an exemption', () => {
    const result = run({ statements: [deny('*', 's3:*', B1_ALL)], principal: 'root', action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::b1' });
    assert.equal(result.exemption, 'bucketOwnerRoot');
  });
});
