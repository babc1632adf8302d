/* S3 Bucket Policy — MIT License. */
/**
 * The classes of requests an access summary asks about (EVALUATION-FACTS §5.3), read from the
 * policy itself: anyone, the bucket owner's account, every account, principal and service the
 * policy names (principals in aws:PrincipalArn conditions too; services with and without their
 * aws:SourceArn/aws:SourceAccount guard), every
 * organization it names, and the networks it names (VPC endpoints, VPCs, IP ranges).
 */
import { memoizePerObject } from '../memoizePerObject';
import { splitArn } from '../arns';
import { conditionEntries } from '../conditionEntries';
import { parseIpRange } from '../conditions/ipRanges';
import { stringValue } from '../parser/nodeUtils';
import type { PolicyDocument } from '../parser/policyDocument';
import { principalValues } from '../principals';
import { ipInBlock } from './ipMatch';
import { hasWildcardOrVariable } from './patterns';
import { namedAccount } from './principalMatch';
import type { ContextValue, RequestPrincipal } from './types';

/** Who a class of requests comes from. */
export type RequestClassKind = 'anonymous' | 'ownerAccount' | 'account' | 'principal' | 'service' | 'organization';

/** One class of requests: a principal standing for the class, and the context keys it carries. */
export interface RequestClass {
  kind: RequestClassKind;
  /** The account, ARN, service or organization ID; undefined for anyone and the owner's account. */
  id: string | undefined;
  /** In words: "Anyone (anonymous)", "Account 444455556666", "cloudtrail.amazonaws.com without aws:SourceArn". */
  label: string;
  principal: RequestPrincipal;
  context: Record<string, ContextValue>;
}

/** Where a request comes from: the internet (undefined) or a network the policy names. */
export interface NetworkVariant {
  kind: 'vpce' | 'vpc' | 'ip';
  value: string;
  /** True when reaching it is open to anyone (an unlisted endpoint, a range broader than S3's /8 and /32 limits). */
  open: boolean;
  context: Record<string, ContextValue>;
}

/** The classes and networks of one policy. */
export interface RequestClasses {
  classes: RequestClass[];
  networks: NetworkVariant[];
  /** The context of a request from the internet: a public address outside every range the policy names. */
  internet: Record<string, ContextValue>;
  /** The headers a compliant caller sends (the values the policy asks for); every class sends them. */
  compliant: Record<string, ContextValue>;
  /** The request values the summary assumes, in words (`s3:x-amz-server-side-encryption = aws:kms`). */
  assumed: string[];
}

/** Public addresses (documentation ranges and well-known resolvers), the first one outside every listed range stands for "the internet". */
const INTERNET_CANDIDATES = ['198.51.100.77', '192.0.2.77', '203.0.113.77', '8.8.4.4', '1.0.0.1', '2001:db8:ffff::77'];

/** An unlisted VPC endpoint and VPC: anyone can create such an endpoint in an account of their own. */
const OTHER_VPCE = 'vpce-0ffffffffffffffff';
const OTHER_VPC = 'vpc-0ffffffffffffffff';

/**
 * Keys that say what a request is rather than who sends it or from where (headers, prefixes, tags,
 * time): the summary asks about requests that send the values the policy asks for, and lists them
 * (EVALUATION-FACTS §5.3 10). Principal, service-source and network keys, and aws:SecureTransport,
 * are the classes and places themselves.
 */
export function isCallerControlled(key: string): boolean {
  return !key.startsWith('aws:principal') && !NETWORK_OR_SOURCE_KEYS.has(key);
}

const NETWORK_OR_SOURCE_KEYS = new Set([
  'aws:userid', 'aws:username', 'aws:securetransport', 'aws:sourceip', 'aws:sourcevpce', 'aws:sourcevpc', 'aws:sourcevpcarn', 'aws:vpcsourceip',
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourceowner', 'aws:viaawsservice', 'aws:calledvia',
  'aws:calledviafirst', 'aws:calledvialast', 's3:dataaccesspointarn', 's3:dataaccesspointaccount', 's3:accesspointnetworkorigin',
]);

/** An account ID not named in the policy, for "some account in the organization". */
function unnamedAccount(named: ReadonlySet<string>): string {
  for (let digit = 9; digit >= 0; digit--) {
    const candidate = String(digit).repeat(12);
    if (!named.has(candidate)) {
      return candidate;
    }
  }
  return '999999999998';
}

/** A concrete value that satisfies a pattern (each wildcard stands for "x"). */
export function exampleOf(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x');
}

/** The first address of a block, as text. */
export function firstAddress(block: string): string | undefined {
  const range = parseIpRange(block.trim());
  if (!range) {
    return undefined;
  }
  if (range.version === 4) {
    return range.bytes.map((byte, index) => byte & (0xff << (8 - Math.min(8, Math.max(0, range.prefix - index * 8)))) & 0xff).join('.');
  }
  const bytes = range.bytes.map((byte, index) => byte & (0xff << (8 - Math.min(8, Math.max(0, range.prefix - index * 8)))) & 0xff);
  return Array.from({ length: 8 }, (_, index) => ((bytes[index * 2] << 8) | bytes[index * 2 + 1]).toString(16)).join(':');
}

/** An IAM user or role, or an STS session, written as a whole ARN of a 12-digit account. */
function isPrincipalArn(value: string): boolean {
  const fields = splitArn(value);
  return fields !== undefined && /^\d{12}$/.test(fields.account) && ((fields.service === 'iam' && /^(?:role|user)\//.test(fields.resource)) || (fields.service === 'sts' && /^(?:assumed-role|federated-user)\//.test(fields.resource)));
}

/**
 * Reads the classes and networks a policy names. `owner` is the bucket owner's account; when it is
 * not known (a policy file says nothing of it), an account the policy does not name stands for it,
 * so every account the policy names counts as another account, as Access Analyzer counts them.
 */
export function requestClasses(policy: PolicyDocument, knownOwner: string | undefined): RequestClasses & { owner: string } {
  return knownOwner === undefined ? classesWithoutOwner(policy) : classesOf(policy, knownOwner);
}

/** The classes of a policy whose bucket owner is not known, once per parsed policy (the HTTPS-only rules ask for each Deny). */
const classesWithoutOwner = memoizePerObject((policy: PolicyDocument) => classesOf(policy, undefined));

function classesOf(policy: PolicyDocument, knownOwner: string | undefined): RequestClasses & { owner: string } {
  const accounts = new Set<string>();
  const principals = new Set<string>();
  const services = new Map<string, Record<string, string>>();
  const organizations = new Set<string>();
  const vpces = new Set<string>();
  const vpcs = new Set<string>();
  const blocks = new Set<string>();
  const callerValues: Record<string, string> = {};
  const assumed: string[] = [];
  for (const statement of policy.statements) {
    const allow = stringValue(statement.elements.Effect?.valueNode) === 'Allow';
    const entries = conditionEntries(statement);
    for (const value of principalValues(statement)) {
      if (value.type === 'Service' && value.value !== '*') {
        const guard = services.get(value.value.toLowerCase()) ?? {};
        for (const entry of entries) {
          if (['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid'].includes(entry.lowerKey) && entry.values.length > 0 && !entry.baseOperator.includes('Not')) {
            guard[entry.key] ??= exampleOf(String(entry.values[0].value));
          }
        }
        services.set(value.value.toLowerCase(), guard);
      } else if (value.type === 'AWS' && value.value !== '*') {
        const account = namedAccount(value.value) ?? splitArn(value.value)?.account;
        if (account && /^\d{12}$/.test(account)) {
          accounts.add(account);
        }
        if (namedAccount(value.value) === undefined && splitArn(value.value) !== undefined) {
          principals.add(value.value);
        }
      }
    }
    for (const entry of entries) {
      const values = entry.values.map((node) => String(node.value));
      const fixed = values.filter((value) => value !== '' && !hasWildcardOrVariable(value));
      switch (entry.lowerKey) {
        case 'aws:sourcevpce': fixed.forEach((value) => vpces.add(value)); break;
        case 'aws:sourcevpc': fixed.forEach((value) => vpcs.add(value)); break;
        case 'aws:sourceip': values.forEach((value) => blocks.add(value.trim())); break;
        case 'aws:principalorgid': fixed.forEach((value) => organizations.add(value)); break;
        case 'aws:principalaccount': fixed.filter((value) => /^\d{12}$/.test(value)).forEach((value) => accounts.add(value)); break;
        // A principal a condition names (the break-glass role a Deny exempts, the one role an Allow
        // admits) is asked about as a class of its own, as a principal the Principal element names.
        case 'aws:principalarn': fixed.filter(isPrincipalArn).forEach((value) => {
          principals.add(value);
          accounts.add(splitArn(value)!.account);
        }); break;
        default:
          if (isCallerControlled(entry.lowerKey) && values.length > 0 && entry.baseOperator !== 'Null' && allow !== /Not/.test(entry.baseOperator)) {
            // Allow with a positive operator, or Deny with a negated one: the first value satisfies it.
            callerValues[entry.lowerKey] ??= exampleOf(values[0]);
            assumed.push(`${entry.key} = ${exampleOf(values[0])}`);
          } else if (isCallerControlled(entry.lowerKey) && !allow && entry.baseOperator === 'Null') {
            callerValues[entry.lowerKey] ??= 'sent';
            assumed.push(`${entry.key} sent`);
          }
      }
    }
  }
  const owner = knownOwner ?? unnamedAccount(accounts);
  accounts.delete(owner);
  const otherAccount = unnamedAccount(new Set([...accounts, owner]));
  const classes: RequestClass[] = [
    { kind: 'anonymous', id: undefined, label: 'Anyone (anonymous)', principal: { kind: 'anonymous' }, context: {} },
    // The owner's account is taken to belong to the organization the policy names, if it names one.
    { kind: 'ownerAccount', id: owner, label: knownOwner ? `The bucket owner's account ${owner}` : 'The bucket owner\'s account', principal: { kind: 'iamUser', arn: `arn:aws:iam::${owner}:user/any-user` }, context: organizations.size > 0 ? { 'aws:PrincipalOrgID': [...organizations].sort()[0] } : {} },
  ];
  for (const account of [...accounts].sort()) {
    classes.push({ kind: 'account', id: account, label: `Account ${account}`, principal: { kind: 'iamUser', arn: `arn:aws:iam::${account}:user/any-user` }, context: {} });
  }
  for (const arn of [...principals].sort()) {
    const fields = splitArn(arn)!;
    const principal: RequestPrincipal = fields.resource.startsWith('role/')
      ? { kind: 'roleSession', arn: `arn:${fields.partition}:sts::${fields.account}:assumed-role/${fields.resource.slice(fields.resource.lastIndexOf('/') + 1)}/session`, roleArn: arn }
      : fields.resource.startsWith('assumed-role/') ? { kind: 'roleSession', arn } : fields.resource.startsWith('federated-user/') ? { kind: 'federatedUser', arn } : { kind: 'iamUser', arn };
    classes.push({ kind: 'principal', id: arn, label: arn, principal, context: {} });
  }
  for (const [name, guard] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
    if (Object.keys(guard).length > 0) {
      classes.push({ kind: 'service', id: name, label: `${name} for the sources the policy names`, principal: { kind: 'service', name }, context: guard });
    }
    classes.push({ kind: 'service', id: name, label: Object.keys(guard).length > 0 ? `${name} for any other source` : name, principal: { kind: 'service', name }, context: {} });
  }
  for (const organization of [...organizations].sort()) {
    classes.push({ kind: 'organization', id: organization, label: `Accounts of organization ${organization}`, principal: { kind: 'iamUser', arn: `arn:aws:iam::${otherAccount}:user/any-user` }, context: { 'aws:PrincipalOrgID': organization } });
  }
  const internetAddress = INTERNET_CANDIDATES.find((address) => ![...blocks].some((block) => ipInBlock(address, block) === true)) ?? INTERNET_CANDIDATES[0];
  const networks: NetworkVariant[] = [
    ...[...vpces].sort().map((value): NetworkVariant => ({ kind: 'vpce', value, open: false, context: { 'aws:SourceVpce': value, 'aws:SourceVpc': OTHER_VPC, 'aws:SourceIp': undefined } })),
    { kind: 'vpce', value: 'any other VPC endpoint', open: true, context: { 'aws:SourceVpce': OTHER_VPCE, 'aws:SourceVpc': OTHER_VPC, 'aws:SourceIp': undefined } },
    ...[...vpcs].sort().map((value): NetworkVariant => ({ kind: 'vpc', value, open: false, context: { 'aws:SourceVpce': OTHER_VPCE, 'aws:SourceVpc': value, 'aws:SourceIp': undefined } })),
  ];
  for (const block of [...blocks].sort()) {
    const address = firstAddress(block);
    const range = parseIpRange(block);
    if (address !== undefined && range !== undefined) {
      networks.push({ kind: 'ip', value: block, open: range.prefix < (range.version === 4 ? 8 : 32), context: { 'aws:SourceIp': address } });
    }
  }
  if (organizations.size > 0) {
    assumed.push(`the bucket owner's account is in ${[...organizations].sort()[0]}`);
  }
  const compliant = { 's3:tlsversion': '1.3', ...callerValues };
  for (const requestClass of classes) {
    requestClass.context = { ...compliant, ...requestClass.context };
  }
  return { classes, networks, internet: { 'aws:SourceIp': internetAddress }, compliant, assumed: [...new Set(assumed)], owner };
}
