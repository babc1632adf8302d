/* S3 Bucket Policy — MIT License. */
/**
 * S3's meaning of "public" for a bucket policy (S3-BPA; EVALUATION-FACTS §4.1–§4.4): S3 starts from
 * public and calls a policy non-public only when every Allow grants to fixed principals, or is tied
 * by a condition to fixed values of the keys S3 lists. Block Public Access reads this verdict;
 * whether an anonymous request actually gets in is the evaluator's question, not this one.
 */
import type { Node } from 'jsonc-parser';
import { splitArn } from '../arns';
import { ConditionEntry, conditionEntries } from '../conditionEntries';
import { parseIpRange } from '../conditions/ipRanges';
import { stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { principalValues } from '../principals';
import { hasWildcardOrVariable } from './patterns';

/**
 * The keys whose fixed values make a grant to everyone non-public: S3's list (aws:SourceIp,
 * aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid,
 * s3:DataAccessPointArn, s3:DataAccessPointAccount, and "an AWS principal" such as
 * aws:PrincipalOrgID), plus, as project decisions (§4.2 rule 4), the principal keys that restate a
 * principal (aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn with a fixed account),
 * aws:SourceVpcArn (AWS's recommended form of aws:SourceVpc) and aws:SourceOrgID/OrgPaths. The KMS
 * key id of the 2023 list is left out, as the current list does.
 */
const FIXING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceip', 'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourcevpcarn', 'aws:sourceowner', 'aws:sourceaccount',
  'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:userid', 's3:dataaccesspointarn', 's3:dataaccesspointaccount',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn',
]);

/** Positive operators: the key must be present and equal to (or like, or within) a value. Negated operators never fix. */
const FIXING_OPERATORS: ReadonlySet<string> = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress']);

/** True when a value of a fixing key is fixed in S3's sense. */
function isFixedValue(key: string, value: string): boolean {
  switch (key) {
    case 'aws:sourceip': {
      // Broader than /8 (IPv4) or /32 (IPv6) is public; a bare address is one address.
      const range = parseIpRange(value.trim());
      return range !== undefined && range.prefix >= (range.version === 4 ? 8 : 32);
    }
    case 'aws:userid':
      // Exact IDs, and (reading (a) of "outside the pattern AROLEID:*") one role's sessions.
      return value !== '' && (!hasWildcardOrVariable(value) || /^[A-Z0-9]+:\*$/.test(value));
    case 's3:dataaccesspointarn':
    case 'aws:principalarn': {
      // The account must be fixed; a wildcard in the name after it is allowed (access points: documented; principals: §4.2 rule 4).
      const fields = splitArn(value);
      return fields !== undefined && /^\d{12}$/.test(fields.account) && !hasWildcardOrVariable(`${fields.partition}:${fields.service}:${fields.region}`);
    }
    case 'aws:principalorgpaths':
    case 'aws:sourceorgpaths':
      return /^o-[a-z0-9]+\//.test(value) && !value.includes('${');
    default:
      return value !== '' && !hasWildcardOrVariable(value);
  }
}

/** True when a condition entry ties a statement to fixed callers or networks. */
export function isFixingEntry(entry: ConditionEntry): boolean {
  return FIXING_KEYS.has(entry.lowerKey) && FIXING_OPERATORS.has(entry.baseOperator) && !entry.ifExists
    && entry.qualifier !== 'ForAllValues' && entry.values.length > 0
    && entry.values.every((node) => isFixedValue(entry.lowerKey, String(node.value)));
}

/** True when the statement's principal is everyone: `"*"`, `{"AWS": "*"}`, or NotPrincipal (with Allow: everyone not listed, anonymous included). */
export function grantsToEveryone(statement: PolicyStatement): boolean {
  return statement.elements.NotPrincipal !== undefined
    || principalValues(statement).some((value) => value.element === 'Principal' && value.value === '*' && (value.type === '*' || value.type === 'AWS'));
}

/** Why a statement is public, or undefined when it is not (only Allow statements can be: Denies grant nothing, §4.2 rule 1). */
export function publicStatementReason(statement: PolicyStatement, isUnknown?: (node: Node) => boolean): string | undefined {
  if (stringValue(statement.elements.Effect?.valueNode) !== 'Allow' || !grantsToEveryone(statement)) {
    return undefined;
  }
  const entries = conditionEntries(statement);
  if (entries.some((entry) => isFixingEntry(entry) || (isUnknown !== undefined && entry.values.some(isUnknown)))) {
    return undefined;
  }
  const principal = statement.elements.NotPrincipal ? 'NotPrincipal with Allow (everyone not listed)' : 'Principal "*"';
  return entries.length === 0
    ? `${principal} with no condition`
    : `${principal} with no condition that fixes the caller or network (a fixed aws:SourceIp of /8 or narrower, aws:SourceVpce, aws:PrincipalOrgID, …)`;
}

/** The statements that make a bucket policy public in S3's sense; empty when it is not public. */
export function publicStatements(policy: PolicyDocument | undefined, isUnknown?: (node: Node) => boolean): PolicyStatement[] {
  return policy ? policy.statements.filter((statement) => publicStatementReason(statement, isUnknown) !== undefined) : [];
}
