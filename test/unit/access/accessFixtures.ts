/* S3 Bucket Policy — MIT License. */
/**
 * The fixed setup of EVALUATION-FACTS §7 (our own values): bucket b1 owned by 111122223333; org
 * o-abc123 holds 111122223333 and 444455556666; 777788889999 is outside it. Principals by short
 * name, and helpers that build policies and requests from statements.
 */
import { evaluateAccess } from '../../../server/src/service/access/evaluateAccess';
import type { AccessResult, BlockPublicAccess, ContextValue, RequestPrincipal } from '../../../server/src/service/access/types';
import { parsePolicy } from '../../../server/src/service/parser/parsePolicy';

export const OWNER = '111122223333';
export const BOB_ACCOUNT = '444455556666';
export const CAROL_ACCOUNT = '777788889999';
export const ORG = 'o-abc123';
export const B1 = 'arn:aws:s3:::b1';
export const B1_ALL = ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*'];

/** The principals of §7 by short name. */
export const PRINCIPALS: Record<string, RequestPrincipal> = {
  anon: { kind: 'anonymous' },
  alice: { kind: 'iamUser', arn: 'arn:aws:iam::111122223333:user/alice' },
  s1: { kind: 'roleSession', arn: 'arn:aws:sts::111122223333:assumed-role/app/s1', roleArn: 'arn:aws:iam::111122223333:role/app' },
  s2: { kind: 'roleSession', arn: 'arn:aws:sts::111122223333:assumed-role/app/s2', roleArn: 'arn:aws:iam::111122223333:role/app' },
  root: { kind: 'accountRoot', account: OWNER },
  bob: { kind: 'iamUser', arn: 'arn:aws:iam::444455556666:user/bob' },
  bobRoot: { kind: 'accountRoot', account: BOB_ACCOUNT },
  carol: { kind: 'iamUser', arn: 'arn:aws:iam::777788889999:user/carol' },
  fed: { kind: 'federatedUser', arn: 'arn:aws:sts::111122223333:federated-user/fred' },
  logging: { kind: 'service', name: 'logging.s3.amazonaws.com' },
  cloudtrail: { kind: 'service', name: 'cloudtrail.amazonaws.com' },
};

/** The org-membership context of §7: members carry aws:PrincipalOrgID. */
function orgContext(name: string): Record<string, string> {
  return ['alice', 's1', 's2', 'root', 'bob', 'bobRoot', 'fed'].includes(name) ? { 'aws:PrincipalOrgID': ORG } : {};
}

/** A policy text from statements, under Version 2012-10-17 unless another is given (null: no Version). */
export function policyText(statements: readonly object[], version: string | null = '2012-10-17'): string {
  return JSON.stringify(version === null ? { Statement: statements } : { Version: version, Statement: statements }, null, 2);
}

/** One evaluation in the §7 setting. */
export interface Scenario {
  statements: readonly object[];
  version?: string | null;
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  /** Identity policies as lists of statements; undefined means none (§7), `'unknown'` means not given. */
  identity?: readonly (readonly object[])[] | 'unknown';
  bpa?: BlockPublicAccess;
}

/** Evaluates a scenario. */
export function run(scenario: Scenario): AccessResult {
  const identity = scenario.identity === 'unknown' ? undefined : (scenario.identity ?? []).map((statements) => parsePolicy(policyText(statements)));
  return evaluateAccess(
    { principal: PRINCIPALS[scenario.principal], action: scenario.action, resource: scenario.resource, context: { ...orgContext(scenario.principal), ...scenario.context } },
    { bucketPolicy: parsePolicy(policyText(scenario.statements, scenario.version)), bucketOwnerAccount: OWNER, identityPolicies: identity, blockPublicAccess: scenario.bpa },
  );
}

/** Statement builders. */
export function allow(principal: unknown, action: unknown, resource: unknown, condition?: object): object {
  return { Effect: 'Allow', Principal: principal, Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

export function deny(principal: unknown, action: unknown, resource: unknown, condition?: object): object {
  return { Effect: 'Deny', Principal: principal, Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

/** An identity-policy statement (no Principal). */
export function grant(effect: 'Allow' | 'Deny', action: unknown, resource: unknown, condition?: object): object {
  return { Effect: effect, Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}
