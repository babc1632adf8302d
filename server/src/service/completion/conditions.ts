/* S3 Bucket Policy — MIT License. */
/**
 * Condition completion: operators (with IfExists, and ForAnyValue:/ForAllValues: for the multivalued
 * keys they are for), the condition keys valid for the statement's actions that fit the operator,
 * with their types, and the values known keys take.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { BASE_CONDITION_OPERATORS } from '../conditionOperators';
import { conditionKey, ConditionKeyInfo, conditionKeys, s3Actions } from '../data/awsData';
import type { PolicyStatement } from '../parser/policyDocument';
import { grantedActions } from '../statementAccess';
import { describeConditionKey } from '../hover/hover';
import { operatorParts } from '../conditionOperators';
import { describeOperator, familiesForType, operatorFamily, operatorSummary } from '../hover/conditionTexts';
import type { CursorContext } from './cursorContext';
import { escapeSnippet, memberProposal, Proposal, stringProposal } from './proposals';

/** The operators people reach for most, proposed first. */
const COMMON_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'Bool', 'IpAddress', 'NotIpAddress', 'ArnLike', 'ArnNotLike', 'ArnEquals', 'NumericLessThan', 'NumericGreaterThanEquals', 'DateGreaterThan', 'DateLessThan', 'Null'];

/** The keys bucket policies use most, proposed first. */
const COMMON_KEYS = [
  'aws:SecureTransport', 'aws:SourceVpce', 'aws:SourceVpc', 'aws:SourceIp', 'aws:PrincipalOrgID', 'aws:PrincipalArn', 'aws:SourceArn',
  'aws:SourceAccount', 'aws:PrincipalAccount', 's3:x-amz-server-side-encryption', 's3:x-amz-server-side-encryption-aws-kms-key-id', 's3:x-amz-acl', 's3:TlsVersion',
];

/** A known value of a condition key and what it means. */
interface KnownValue {
  value: string;
  description: string;
}

const values = (...pairs: [string, string][]): KnownValue[] => pairs.map(([value, description]) => ({ value, description }));

/** The values of keys that take a fixed set, keyed by lowercased key name. */
const KNOWN_VALUES: Record<string, KnownValue[]> = {
  's3:x-amz-server-side-encryption': values(['AES256', 'SSE-S3: keys managed by S3'], ['aws:kms', 'SSE-KMS: an AWS KMS key'], ['aws:kms:dsse', 'DSSE-KMS: dual-layer encryption with an AWS KMS key']),
  's3:x-amz-server-side-encryption-customer-algorithm': values(['AES256', 'SSE-C: a key the client provides']),
  's3:x-amz-acl': values(
    ['private', 'only the owner has access'],
    ['public-read', 'everyone can read'],
    ['public-read-write', 'everyone can read and write'],
    ['aws-exec-read', 'the owner, and EC2 reading AMI bundles'],
    ['authenticated-read', 'every authenticated AWS user can read'],
    ['bucket-owner-read', 'the bucket owner can read the object'],
    ['bucket-owner-full-control', 'the bucket owner gets full control of the object'],
    ['log-delivery-write', 'the log delivery group can write'],
  ),
  's3:tlsversion': values(['1.2', 'TLS 1.2: deny with NumericLessThan to refuse older versions']),
  's3:authtype': values(['REST-HEADER', 'signed in the Authorization header'], ['REST-QUERY-STRING', 'a presigned URL'], ['POST', 'a browser-based POST upload']),
  's3:signatureversion': values(['AWS4-HMAC-SHA256', 'Signature Version 4'], ['AWS', 'Signature Version 2']),
  's3:x-amz-metadata-directive': values(['COPY', 'keep the source object\'s metadata'], ['REPLACE', 'replace it with the request\'s metadata']),
  's3:object-lock-mode': values(['GOVERNANCE', 'users with special permissions can override it'], ['COMPLIANCE', 'nobody can override it, not even root']),
  's3:object-lock-legal-hold': values(['ON', 'a legal hold is set'], ['OFF', 'no legal hold']),
  's3:x-amz-object-ownership': values(['BucketOwnerEnforced', 'ACLs disabled; the bucket owner owns every object'], ['BucketOwnerPreferred', 'the bucket owner owns objects uploaded with bucket-owner-full-control'], ['ObjectWriter', 'the uploader owns the object']),
  's3:x-amz-storage-class': values(
    ['STANDARD', 'S3 Standard'], ['INTELLIGENT_TIERING', 'S3 Intelligent-Tiering'], ['STANDARD_IA', 'S3 Standard-Infrequent Access'],
    ['ONEZONE_IA', 'S3 One Zone-Infrequent Access'], ['GLACIER_IR', 'S3 Glacier Instant Retrieval'], ['GLACIER', 'S3 Glacier Flexible Retrieval'],
    ['DEEP_ARCHIVE', 'S3 Glacier Deep Archive'], ['REDUCED_REDUNDANCY', 'Reduced Redundancy (not recommended)'],
  ),
  'aws:principaltype': values(['Account', 'the account root'], ['User', 'an IAM user'], ['FederatedUser', 'a federated user'], ['AssumedRole', 'a role session'], ['Anonymous', 'an anonymous request']),
};

/** Keys whose values start with a fixed prefix, keyed by lowercased key name. */
const VALUE_PREFIXES: Record<string, string> = {
  'aws:sourcevpce': 'vpce-',
  'aws:sourcevpc': 'vpc-',
  'aws:principalorgid': 'o-',
};

const BOOLEANS = values(['true', ''], ['false', '']);

/** The values a key takes under an operator: true/false for Bool keys and Null, the fixed set of known keys. */
function knownValues(key: string, operator: string): KnownValue[] {
  const base = operatorParts(operator).base;
  if (base === 'Null') {
    return values(['true', 'matches requests without the key'], ['false', 'matches requests that carry the key']);
  }
  const info = conditionKey(key);
  if (base === 'Bool' || info?.type === 'Bool') {
    return BOOLEANS;
  }
  return KNOWN_VALUES[key.toLowerCase()] ?? [];
}

/** The operators to propose, common ones first; the qualified forms first when the keys already under this operator are multivalued. */
export function operatorProposals(context: CursorContext, present: ReadonlySet<string>, keysUnderOperator: readonly string[]): Proposal[] {
  const ordered = [...COMMON_OPERATORS, ...BASE_CONDITION_OPERATORS.filter((operator) => !COMMON_OPERATORS.includes(operator))];
  const plain = [...ordered];
  const ifExists = ordered.filter((operator) => operator !== 'Null').map((operator) => `${operator}IfExists`);
  const stringOperators = ordered.filter((operator) => operatorFamily(operator) === 'String');
  const qualified = ['ForAnyValue', 'ForAllValues'].flatMap((qualifier) => stringOperators.map((operator) => `${qualifier}:${operator}`));
  const infos = keysUnderOperator.map((key) => conditionKey(key)).filter((info): info is ConditionKeyInfo => info !== undefined);
  const multivalued = infos.length > 0 && infos.every((info) => info.multivalued);
  const names = multivalued ? [...qualified, ...plain, ...ifExists] : [...plain, ...ifExists, ...qualified];
  return names.filter((name) => !present.has(name)).map((name) => memberProposal(context, name, '{ "$1": "$2" }', CompletionItemKind.Operator, {
    detail: operatorSummary(name),
    documentation: describeOperator(name),
  }));
}

let actionSpecificKeys: Set<string> | undefined;

/** Keys some action lists: they apply only to requests of those actions (the others, global keys mostly, apply to all). */
function isActionSpecific(name: string): boolean {
  actionSpecificKeys ??= new Set(s3Actions().flatMap((action) => action.conditionKeys));
  return actionSpecificKeys.has(name);
}

/** The condition keys valid for a statement: every key when it names no specific actions, otherwise the general keys and those its actions list. */
function keysForStatement(statement: PolicyStatement | undefined): ConditionKeyInfo[] {
  if (!statement?.elements.Action) {
    return [...conditionKeys()];
  }
  const supported = new Set(grantedActions(statement).flatMap((action) => action.conditionKeys));
  return conditionKeys().filter((key) => !isActionSpecific(key.name) || supported.has(key.name));
}

/** True when a key of this type can stand under the operator (any key under an unknown operator or Null). */
function fits(key: ConditionKeyInfo, operator: string): boolean {
  const parts = operatorParts(operator);
  const family = operatorFamily(parts.base);
  if (family === undefined || family === 'Null') {
    return true;
  }
  return familiesForType(key.type).includes(family) && key.multivalued === (parts.qualifier !== undefined);
}

/** How a key is written and inserted: a templated key (`aws:ResourceTag/${TagKey}`) with a placeholder for the tag key. */
function keyNameSnippet(name: string): { label: string; snippet: string } {
  const template = /^([^/]+\/)(?:\$\{[^}]+\}|<[^>]+>)$/.exec(name);
  return template ? { label: `${template[1]}tag-key`, snippet: `${template[1]}\${1:tag-key}` } : { label: name, snippet: escapeSnippet(name) };
}

/** The value a new condition key starts with: a choice of its known values, its fixed prefix, or an empty string. */
function valueSnippet(key: string, operator: string, tabStop: number): string {
  const known = knownValues(key, operator);
  if (known.length > 0) {
    return `"\${${tabStop}|${known.map((entry) => entry.value.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}"`;
  }
  const prefix = VALUE_PREFIXES[key.toLowerCase()];
  return `"${prefix ?? ''}$${tabStop}"`;
}

/**
 * The condition keys to propose under an operator: valid for the statement's actions, fitting the
 * operator's type (multivalued keys under ForAnyValue:/ForAllValues: only), not yet listed; common
 * keys first. Each comes with its type and, when inserted with its value, a choice of known values.
 */
export function conditionKeyProposals(statement: PolicyStatement | undefined, operator: string, present: ReadonlySet<string>, withValue: boolean): Proposal[] {
  const candidates = keysForStatement(statement).filter((key) => fits(key, operator) && !present.has(key.name.toLowerCase()));
  const rank = (key: ConditionKeyInfo) => {
    const common = COMMON_KEYS.indexOf(key.name);
    return common >= 0 ? common : COMMON_KEYS.length;
  };
  return candidates.map((key, index) => ({ key, index })).sort((a, b) => rank(a.key) - rank(b.key) || a.index - b.index).map(({ key }) => {
    const { label, snippet } = keyNameSnippet(key.name);
    const tabStop = snippet.includes('${1:') ? 2 : 1;
    return {
      label,
      kind: CompletionItemKind.Field,
      text: withValue ? `"${snippet}": ${valueSnippet(key.name, operator, tabStop)}` : `"${snippet}"`,
      snippet: true,
      detail: key.type,
      documentation: describeConditionKey(key.name),
    };
  });
}

/** The values to propose for a condition key under an operator: its known values, or its fixed prefix. */
export function conditionValueProposals(key: string, operator: string, present: ReadonlySet<string>): Proposal[] {
  const known = knownValues(key, operator).filter((entry) => !present.has(entry.value));
  if (known.length > 0) {
    return known.map((entry) => stringProposal(entry.value, CompletionItemKind.Value, entry.description ? { detail: entry.description } : {}));
  }
  const prefix = VALUE_PREFIXES[key.toLowerCase()];
  return prefix ? [{ label: `${prefix}…`, kind: CompletionItemKind.Value, text: `"${prefix}$1"`, snippet: true, detail: `${key} values start with ${prefix}` }] : [];
}
