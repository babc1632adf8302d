/* S3 Bucket Policy — MIT License. */
/**
 * The request context the conditions read: the keys the principal implies (EVALUATION-FACTS §1.2)
 * merged with the keys the request gives, by lowercased name, each as a list of values.
 */
import { splitArn } from '../arns';
import { memoize } from '../data/memoize';
import type { AccessRequest, RequestPrincipal } from './types';

/** Context keys by lowercased name; a key that is not in the map is absent from the request. */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

/** The account a principal belongs to; undefined for anonymous callers and service principals. */
export function principalAccount(principal: RequestPrincipal): string | undefined {
  switch (principal.kind) {
    case 'anonymous':
    case 'service':
      return undefined;
    case 'accountRoot':
      return principal.account;
    default:
      return accountOfArn(principal.arn);
  }
}

/** The account field of an ARN, kept per ARN. */
const accountOfArn = memoize((arn: string): string | undefined => splitArn(arn)?.account);

/**
 * The role a session belongs to: the ARN given with the session, or `arn:…:iam::A:role/name` read
 * from the session ARN (without a path, which a session ARN does not carry).
 */
export function sessionRoleArn(principal: Extract<RequestPrincipal, { kind: 'roleSession' }>): string | undefined {
  if (principal.roleArn) {
    return principal.roleArn;
  }
  const fields = splitArn(principal.arn);
  const match = fields && /^assumed-role\/([^/]+)\//.exec(fields.resource);
  return fields && match ? `arn:${fields.partition}:iam::${fields.account}:role/${match[1]}` : undefined;
}

/** The principal ARN (`aws:PrincipalArn`): for a role session, the role's ARN. */
export function principalArn(principal: RequestPrincipal): string | undefined {
  switch (principal.kind) {
    case 'anonymous':
    case 'service':
      return undefined;
    case 'accountRoot':
      return `arn:aws:iam::${principal.account}:root`;
    case 'roleSession':
      return sessionRoleArn(principal);
    default:
      return principal.arn;
  }
}

/** The keys a principal puts in every request it makes. Values marked [?] in EVALUATION-FACTS §1.2 are the third-party ones. */
function principalKeys(principal: RequestPrincipal): Record<string, string> {
  const account = principalAccount(principal);
  const arn = principalArn(principal);
  switch (principal.kind) {
    case 'anonymous':
      return { 'aws:principalaccount': 'anonymous', 'aws:userid': 'anonymous', 'aws:principaltype': 'Anonymous' };
    case 'service':
      return { 'aws:principalisawsservice': 'true', 'aws:principalservicename': principal.name };
    case 'iamUser':
      return { ...signed(account, arn), 'aws:username': principal.arn.slice(principal.arn.lastIndexOf('/') + 1), 'aws:principaltype': 'User' };
    case 'roleSession':
      return { ...signed(account, arn), 'aws:principaltype': 'AssumedRole' };
    case 'federatedUser':
      return { ...signed(account, arn), 'aws:principaltype': 'FederatedUser' };
    case 'accountRoot':
      return { ...signed(account, arn), 'aws:principaltype': 'Account', 'aws:userid': principal.account };
  }
}

function signed(account: string | undefined, arn: string | undefined): Record<string, string> {
  const keys: Record<string, string> = { 'aws:principalisawsservice': 'false' };
  if (account !== undefined) {
    keys['aws:principalaccount'] = account;
  }
  if (arn !== undefined) {
    keys['aws:principalarn'] = arn;
  }
  return keys;
}

/**
 * The context of a request: the principal's keys, then the request's own keys over them (an
 * explicit `undefined` removes a key), then `aws:SecureTransport` true unless given: requests come
 * over HTTPS unless they say otherwise.
 */
export function buildContext(request: AccessRequest): RequestContext {
  const context = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(principalKeys(request.principal))) {
    context.set(key, [value]);
  }
  context.set('aws:securetransport', ['true']);
  for (const [key, value] of Object.entries(request.context ?? {})) {
    const lower = key.toLowerCase();
    if (value === undefined) {
      context.delete(lower);
    } else {
      context.set(lower, typeof value === 'string' ? [value] : [...value]);
    }
  }
  return context;
}
