/* S3 Bucket Policy — MIT License. */
/**
 * Properties of the evaluator and the summary over generated policies and requests (a seeded
 * generator over the §7 setting, so every run checks the same cases): adding a Deny never turns a
 * deny into an allow; removing an Allow never turns a deny into an allow; the order of statements
 * never changes a decision; the summary calls a policy public exactly when some anonymous request
 * anyone can make is allowed (for policies of Allow statements that grant something, over the
 * vocabulary below, where S3's statement-level verdict and the effective answer coincide), and an allowed anonymous
 * request of that kind always makes it public.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeAccess } from '../../../server/src/service/access/accessSummary';
import { evaluateAccess } from '../../../server/src/service/access/evaluateAccess';
import type { AccessRequest, Decision } from '../../../server/src/service/access/types';
import { parsePolicy } from '../../../server/src/service/parser/parsePolicy';
import { Random } from '../../fuzz/random';
import { OWNER, PRINCIPALS, policyText } from './accessFixtures';

const random = new Random(0x41434353);
const next = (): number => random.next();
const pick = <T>(list: readonly T[]): T => random.pick(list);

const PRINCIPAL_VALUES: unknown[] = ['*', { AWS: '*' }, { AWS: '444455556666' }, { AWS: 'arn:aws:iam::111122223333:user/alice' }, { AWS: 'arn:aws:iam::111122223333:role/app' }, { Service: 'cloudtrail.amazonaws.com' }, { AWS: '111122223333' }];
const ACTIONS: unknown[] = ['s3:GetObject', 's3:Get*', 's3:*', ['s3:PutObject', 's3:DeleteObject'], 's3:ListBucket', '*'];
const RESOURCES: unknown[] = ['arn:aws:s3:::b1/*', 'arn:aws:s3:::b1', ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*'], 'arn:aws:s3:::b1/public/*', '*'];
const CONDITIONS: (object | undefined)[] = [
  undefined, undefined,
  { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  { StringLike: { 'aws:SourceVpce': 'vpce-*' } },
  { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { IpAddress: { 'aws:SourceIp': '64.0.0.0/4' } },
  { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { Bool: { 'aws:SecureTransport': 'false' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
  { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
];

/** Action and Resource pairs that grant something: object actions on object ARNs, bucket actions on the bucket ARN. */
const GRANTING: readonly (readonly [unknown, unknown])[] = [
  ['s3:GetObject', 'arn:aws:s3:::b1/*'], ['s3:Get*', 'arn:aws:s3:::b1/public/*'], ['s3:*', '*'], [['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::b1/*'],
  ['s3:ListBucket', 'arn:aws:s3:::b1'], ['*', ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*']],
];

function statement(effect: 'Allow' | 'Deny', granting = false): object {
  const condition = pick(CONDITIONS);
  const [action, resource] = granting ? pick(GRANTING) : [pick(ACTIONS), pick(RESOURCES)];
  return { Effect: effect, Principal: pick(PRINCIPAL_VALUES), Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

/**
 * `granting` keeps to statements whose Action and Resource grant something: S3 calls an Allow to
 * everyone public even when it grants nothing (an object action on the bucket ARN, an unsupported
 * action; EVALUATION-FACTS E70), where no request is allowed.
 */
function policy(count: number, effects: readonly ('Allow' | 'Deny')[] = ['Allow', 'Deny'], granting = false): object[] {
  return Array.from({ length: count }, () => statement(pick(effects), granting));
}

const CONTEXTS = [{}, { 'aws:SecureTransport': 'false' }, { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:SourceIp': undefined }, { 'aws:SourceVpce': 'vpce-99999999', 'aws:SourceIp': undefined }, { 'aws:SourceIp': '203.0.113.9' }, { 'aws:SourceIp': '70.1.2.3' }, { 'aws:PrincipalOrgID': 'o-abc123' }];

function request(): AccessRequest {
  const [action, resource] = pick([['s3:GetObject', 'arn:aws:s3:::b1/a'], ['s3:GetObject', 'arn:aws:s3:::b1/public/a'], ['s3:PutObject', 'arn:aws:s3:::b1/a'], ['s3:ListBucket', 'arn:aws:s3:::b1'], ['s3:DeleteObject', 'arn:aws:s3:::b1/a']]);
  return { principal: PRINCIPALS[pick(['anon', 'alice', 's1', 'bob', 'carol', 'cloudtrail', 'root'])], action, resource, context: { 'aws:SourceIp': '198.51.100.7', ...pick(CONTEXTS) } };
}

function decide(statements: readonly object[], entry: AccessRequest, identity: readonly object[][] | undefined): Decision {
  return evaluateAccess(entry, { bucketPolicy: parsePolicy(policyText(statements)), bucketOwnerAccount: OWNER, identityPolicies: identity?.map((list) => parsePolicy(policyText(list))) }).decision;
}

function identity(): object[][] | undefined {
  return pick([undefined, [], [[{ Effect: 'Allow', Action: pick(ACTIONS), Resource: pick(RESOURCES) }]]]);
}

const RUNS = 400;

describe('access evaluator: properties over generated policies', () => {
  it('adding a Deny statement never turns a deny into an allow', () => {
    for (let run = 0; run < RUNS; run++) {
      const statements = policy(1 + Math.floor(next() * 4));
      const entry = request();
      const identities = identity();
      const before = decide(statements, entry, identities);
      const after = decide([...statements, statement('Deny')], entry, identities);
      assert.ok(before === 'allow' || after !== 'allow', `run ${run}: ${before} → ${after}\n${policyText(statements)}\n${JSON.stringify(entry)}`);
    }
  });

  it('removing an Allow statement never turns a deny into an allow', () => {
    for (let run = 0; run < RUNS; run++) {
      const statements = policy(2 + Math.floor(next() * 4));
      const entry = request();
      const identities = identity();
      const allows = statements.map((item, index) => [item, index] as const).filter(([item]) => (item as { Effect: string }).Effect === 'Allow');
      if (allows.length === 0) {
        continue;
      }
      const removed = pick(allows)[1];
      const before = decide(statements, entry, identities);
      const after = decide(statements.filter((_, index) => index !== removed), entry, identities);
      assert.ok(before === 'allow' || after !== 'allow', `run ${run}: ${before} → ${after}`);
    }
  });

  it('the order of statements never changes a decision', () => {
    for (let run = 0; run < RUNS; run++) {
      const statements = policy(2 + Math.floor(next() * 4));
      const entry = request();
      const identities = identity();
      const shuffled = [...statements].sort(() => next() - 0.5);
      assert.equal(decide(shuffled, entry, identities), decide(statements, entry, identities), `run ${run}`);
    }
  });
});

describe('access summary: properties over generated policies', () => {
  it('public exactly when some anonymous request anyone can make is allowed (Allow statements)', () => {
    let publicSeen = 0;
    for (let run = 0; run < 150; run++) {
      const text = policyText(policy(1 + Math.floor(next() * 3), ['Allow'], true));
      const summary = summarizeAccess(parsePolicy(text), OWNER);
      assert.equal(summary.public, summary.publicActions.length > 0, `run ${run}: ${summary.line}\n${text}`);
      publicSeen += summary.public ? 1 : 0;
    }
    assert.ok(publicSeen > 20 && publicSeen < 140, `${publicSeen} public policies: the generator must produce both kinds`);
  });

  it('an allowed anonymous request anyone can make always makes the policy public (any statements)', () => {
    for (let run = 0; run < 150; run++) {
      const summary = summarizeAccess(parsePolicy(policyText(policy(1 + Math.floor(next() * 4)))), OWNER);
      assert.ok(summary.publicActions.length === 0 || summary.public, `run ${run}: ${summary.line}`);
    }
  });
});
