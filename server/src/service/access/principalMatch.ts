/* S3 Bucket Policy — MIT License. */
/**
 * Whether a statement's Principal or NotPrincipal names the requester: the principal itself
 * (`direct`) or only its whole account (`account`, which delegates to the account's identity
 * policies). IAM-PRINCIPAL, IAM-NOTPRINCIPAL; EVALUATION-FACTS §2.2, §2.3.
 */
import type { Node } from 'jsonc-parser';
import { splitArn } from '../arns';
import { memoize } from '../data/memoize';
import { PrincipalValue, principalValues } from '../principals';
import type { PolicyStatement } from '../parser/policyDocument';
import { principalAccount, sessionRoleArn } from './requestContext';
import type { PrincipalMatch, RequestPrincipal, Truth } from './types';

const ACCOUNT_ID = /^\d{12}$/;
const NO_NODES: Node[] = [];

/** The account a principal value names as a whole (`111122223333` or `arn:aws:iam::111122223333:root`), if any; kept per value. */
export const namedAccount: (value: string) => string | undefined = memoize((value) => {
  if (ACCOUNT_ID.test(value)) {
    return value;
  }
  const fields = splitArn(value);
  return fields?.service === 'iam' && fields.resource === 'root' && ACCOUNT_ID.test(fields.account) ? fields.account : undefined;
});

/** True when a role ARN from a policy names the session's role: equal, or, without the session's role path, equal account and name. */
function namesRole(policyRoleArn: string, principal: Extract<RequestPrincipal, { kind: 'roleSession' }>): boolean {
  const roleArn = sessionRoleArn(principal);
  if (roleArn === undefined) {
    return false;
  }
  if (roleArn === policyRoleArn) {
    return true;
  }
  const policy = splitArn(policyRoleArn);
  const session = splitArn(roleArn);
  return principal.roleArn === undefined && policy !== undefined && session !== undefined && policy.account === session.account
    && policy.resource.slice(policy.resource.lastIndexOf('/') + 1) === session.resource.slice(session.resource.lastIndexOf('/') + 1);
}

/** How one principal value matches the requester. */
export function matchPrincipalValue(principal: PrincipalValue, requester: RequestPrincipal): PrincipalMatch {
  const { type, value } = principal;
  if (value === '*' && (type === '*' || type === 'AWS')) {
    return 'direct';
  }
  if (type === 'Service') {
    return requester.kind === 'service' && requester.name.toLowerCase() === value.toLowerCase() ? 'direct' : 'none';
  }
  if (type !== 'AWS') {
    // CanonicalUser needs a canonical-ID mapping the evaluator does not have; Federated is for trust policies only.
    return 'none';
  }
  const account = namedAccount(value);
  if (account !== undefined) {
    return principalAccount(requester) === account ? (requester.kind === 'accountRoot' ? 'direct' : 'account') : 'none';
  }
  switch (requester.kind) {
    case 'iamUser':
    case 'federatedUser':
      return requester.arn === value ? 'direct' : 'none';
    case 'roleSession':
      return requester.arn === value || (splitArn(value)?.resource.startsWith('role/') === true && namesRole(value, requester)) ? 'direct' : 'none';
    default:
      return 'none';
  }
}

/** The better of two matches: direct over account over none. */
function better(a: PrincipalMatch, b: PrincipalMatch): PrincipalMatch {
  return a === 'direct' || b === 'direct' ? 'direct' : a === 'account' || b === 'account' ? 'account' : 'none';
}

/** How a statement's principal element applies to the requester, with the reason in words. */
export interface PrincipalOutcome {
  applies: Truth;
  match: PrincipalMatch;
  reason: string;
  /** The principal values the host cannot know. */
  unknownNodes: Node[];
}

/** One link of the chain NotPrincipal must list for a requester to be exempt. */
type Link = 'account' | 'role' | 'self';

/** The chain NotPrincipal must list for a requester to be exempt: its account, then (for sessions) the role, then itself. */
function chain(requester: RequestPrincipal): Link[] {
  switch (requester.kind) {
    case 'anonymous':
      return [];
    case 'service':
    case 'accountRoot':
      return ['self'];
    case 'roleSession':
      return ['account', 'role', 'self'];
    default:
      return ['account', 'self'];
  }
}

/** True when a NotPrincipal value names one link of the requester's chain. */
function namesLink(value: PrincipalValue, link: Link, requester: RequestPrincipal): boolean {
  if (link === 'account') {
    return value.type === 'AWS' && namedAccount(value.value) === principalAccount(requester);
  }
  if (link === 'role') {
    return requester.kind === 'roleSession' && value.type === 'AWS' && splitArn(value.value)?.resource.startsWith('role/') === true && namesRole(value.value, requester);
  }
  if (requester.kind === 'roleSession') {
    return value.type === 'AWS' && value.value === requester.arn;
  }
  return matchPrincipalValue(value, requester) === 'direct' && !(value.value === '*');
}

/**
 * The Principal element of a bucket-policy statement: applies when some value names the requester.
 * NotPrincipal: applies when the requester is not listed; with Deny, a requester listed without the
 * rest of its chain (its account, its role) "might" still be denied (IAM-NOTPRINCIPAL), which is
 * `maybe`.
 */
export function matchPrincipal(statement: PolicyStatement, requester: RequestPrincipal, isUnknown: ((node: Node) => boolean) | undefined, isDeny: boolean): PrincipalOutcome {
  const values = principalValues(statement);
  const unknownNodes = isUnknown ? values.filter((value) => isUnknown(value.node)).map((value) => value.node) : NO_NODES;
  const known = unknownNodes.length === 0 ? values : values.filter((value) => !unknownNodes.includes(value.node));
  if (statement.elements.NotPrincipal) {
    const listedValues = known.filter((value) => value.element === 'NotPrincipal');
    if (listedValues.some((value) => value.value === '*')) {
      return { applies: 'no', match: 'none', reason: 'NotPrincipal lists everyone ("*"), so the statement applies to nobody', unknownNodes };
    }
    const listed = chain(requester).map((link) => listedValues.some((value) => namesLink(value, link, requester)));
    const self = listed.length > 0 && listed[listed.length - 1];
    if (!self) {
      return { applies: unknownNodes.length > 0 ? 'maybe' : 'yes', match: 'direct', reason: 'NotPrincipal does not list the requester, so the statement applies to it', unknownNodes };
    }
    if (listed.every(Boolean)) {
      return { applies: 'no', match: 'none', reason: 'NotPrincipal lists the requester and its whole chain (account, role), so the statement does not apply', unknownNodes };
    }
    return isDeny
      ? { applies: 'maybe', match: 'direct', reason: 'NotPrincipal lists the requester but not its account (or role): AWS says it might still be denied', unknownNodes }
      : { applies: 'no', match: 'none', reason: 'NotPrincipal lists the requester, so the statement does not apply', unknownNodes };
  }
  let match: PrincipalMatch = 'none';
  for (const value of known) {
    match = better(match, matchPrincipalValue(value, requester));
  }
  if (match !== 'none') {
    return { applies: 'yes', match, reason: match === 'direct' ? 'Principal names the requester' : 'Principal names the requester\'s account (a grant to the account, which its identity policies delegate)', unknownNodes };
  }
  return { applies: unknownNodes.length > 0 ? 'maybe' : 'no', match, reason: values.length === 0 ? 'the statement has no Principal' : 'Principal does not name the requester', unknownNodes };
}
