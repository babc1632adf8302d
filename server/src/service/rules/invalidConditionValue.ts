/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry } from '../conditionEntries';
import { isNegated } from '../conditions/keyOperators';
import { policyConditionEntries, StatementEntry } from '../conditions/policyConditions';
import { dateProblem, FormatProblem, intendedValue, isBase64, isBooleanText, isNumberText, VALUE_FORMATS } from '../conditions/valueFormats';
import { wildcardRegExp } from '../data/awsData';
import { replaceStringEdit } from '../edits/jsonEdits';
import { hasMalformingPlaceholder } from '../placeholders';
import type { PolicyFix, RuleSeverity } from '../policyLanguageTypes';
import type { Rule, RuleContext } from './rule';

/** A problem with one value: the message, its severity, and the value that repairs it. */
interface ValueFinding extends FormatProblem {
  severity?: RuleSeverity;
}

function reportValue(context: RuleContext, node: Node, finding: ValueFinding): void {
  const fixes: PolicyFix[] = finding.repaired === undefined
    ? []
    : [{ title: `Change to "${finding.repaired}"`, isPreferred: true, edits: [replaceStringEdit(node, finding.repaired)] }];
  context.report(node, finding.message, { severity: finding.severity, fixes });
}

/** What a value that can never equal the request's says about the condition. */
function neverEqualWords(entry: ConditionEntry): string {
  return isNegated(entry.baseOperator) ? 'so every request differs from it and the condition is always true' : 'so it never matches';
}

/** Several values of one key with different JSON types (Access Analyzer "Invalid condition data type"). */
function checkMixedTypes(context: RuleContext, entry: ConditionEntry): void {
  const types = new Set(entry.values.map((value) => value.type));
  if (entry.valueNode?.type !== 'array' || types.size < 2) {
    return;
  }
  const quoted = entry.values.filter((value) => value.type !== 'string');
  context.report(entry.valueNode, `The values of "${entry.key}" mix strings with ${[...types].filter((type) => type !== 'string').join(' and ')}s; S3 wants one type per key. Write every value as a string.`, {
    fixes: [{ title: 'Write every value as a string', isPreferred: true, edits: quoted.map((value) => replaceStringEdit(value, String(value.value))) }],
  });
}

/** Bool and Null take one Boolean (Access Analyzer "Type mismatch Boolean", "Invalid condition multiple Boolean"). */
function checkBooleans(context: RuleContext, entry: ConditionEntry): void {
  const bad = entry.values.filter((value) => !isBooleanText(String(value.value)));
  for (const value of bad) {
    const trimmed = String(value.value).trim();
    reportValue(context, value, {
      message: `${entry.baseOperator} takes true or false, not "${String(value.value)}".${isBooleanText(trimmed) ? ` Write "${trimmed}".` : ''}`,
      repaired: isBooleanText(trimmed) ? trimmed : undefined,
      severity: 'warning',
    });
  }
  if (bad.length > 0 || entry.valueNode?.type !== 'array' || entry.values.length < 2) {
    return;
  }
  const distinct = new Set(entry.values.map((value) => String(value.value).toLowerCase()));
  const single = distinct.size === 1 ? String(entry.values[0].value).toLowerCase() : undefined;
  const meaning = entry.baseOperator === 'Null' ? 'the key is either present or not, so true and false together always match' : 'true and false together match whenever the key is present';
  context.report(entry.valueNode, single !== undefined
    ? `"${entry.key}" lists the same Boolean more than once; ${entry.baseOperator} takes one value. Write "${single}".`
    : `${entry.baseOperator} takes one value for "${entry.key}", not both: ${meaning}. Keep the value you mean, or remove the condition.`, {
    fixes: single === undefined ? [] : [{ title: `Change to "${single}"`, isPreferred: true, edits: [replaceStringEdit(entry.valueNode, single)] }],
  });
}

function numberProblem(entry: ConditionEntry, value: string): ValueFinding | undefined {
  if (isNumberText(value)) {
    return undefined;
  }
  const tls = entry.lowerKey === 's3:tlsversion' ? /^TLS ?v?(\d(\.\d)?)$/i.exec(value.trim())?.[1] : undefined;
  const repaired = tls ?? (isNumberText(value.trim()) ? value.trim() : undefined);
  return {
    message: `${entry.baseOperator} compares numbers, and "${value}" is not one.${repaired ? ` Write "${repaired}".` : ''}`,
    repaired,
    severity: 'warning',
  };
}

function arnProblem(entry: ConditionEntry, value: string): ValueFinding | undefined {
  if (/^arn:/i.test(value) || /[*?]/.test(value)) {
    return undefined;
  }
  return { message: `"${entry.key}" is compared with ARNs (arn:partition:service:region:account:resource), and "${value}" is not one, ${neverEqualWords(entry)}.`, severity: 'warning' };
}

/** A value that is not of the form the key's values have (a vpce- ID, a canned ACL, an encryption type). */
function formatProblem(entry: ConditionEntry, value: string): ValueFinding | undefined {
  const format = VALUE_FORMATS.get(entry.lowerKey);
  if (!format) {
    return undefined;
  }
  const ignoreCase = entry.baseOperator.endsWith('IgnoreCase');
  const like = entry.baseOperator.endsWith('Like');
  if (/[*?]/.test(value)) {
    const pattern = new RegExp(wildcardRegExp(value).source, 's');
    if (!like || !format.values || format.values.some((allowed) => pattern.test(allowed))) {
      return undefined;
    }
    return { message: `"${entry.key}" takes ${format.description}; the pattern "${value}" matches none of them, ${neverEqualWords(entry)}.`, severity: format.severity };
  }
  const fits = ignoreCase
    ? (format.values ? format.values.some((allowed) => allowed.toLowerCase() === value.toLowerCase()) : format.test(value) || format.test(value.toLowerCase()))
    : format.test(value);
  if (fits) {
    return undefined;
  }
  const key = entry.lowerKey;
  const repaired = intendedValue(key, value) ?? (format.test(value.trim()) ? value.trim() : undefined);
  const swapped = key === 'aws:sourcevpce' && /^vpc-/i.test(value) ? ' This is a VPC ID: to allow a VPC, use "aws:SourceVpc".'
    : key === 'aws:sourcevpc' && /^vpce-/i.test(value) ? ' This is a VPC endpoint ID: use "aws:SourceVpce".' : '';
  return {
    message: `"${entry.key}" takes ${format.description}, and "${value}" is not one, ${neverEqualWords(entry)}.${swapped}${repaired ? ` Write "${repaired}".` : ''}`,
    repaired,
    severity: format.severity,
  };
}

/** The problem of one value given its operator's family, if any. */
function valueProblem(entry: ConditionEntry, family: string, value: string, keyType: string | undefined): ValueFinding | undefined {
  switch (family) {
    case 'Numeric':
      return numberProblem(entry, value);
    case 'Date': {
      const problem = dateProblem(value);
      return problem && { ...problem, message: `${entry.baseOperator} compares dates. ${problem.message}${problem.repaired ? ` Write "${problem.repaired}".` : ''}`, severity: 'warning' };
    }
    case 'Binary':
      return isBase64(value) ? undefined : { message: `BinaryEquals takes base64-encoded values, and "${value}" is not base64.`, severity: 'warning' };
    case 'Arn':
      return arnProblem(entry, value);
    case 'String':
      return formatProblem(entry, value) ?? (keyType === 'ARN' ? arnProblem(entry, value) : undefined);
    default:
      return undefined;
  }
}

function checkEntry(context: RuleContext, { entry, key, family, fits }: StatementEntry): void {
  if (!family || !fits) {
    return;
  }
  if (family === 'Bool' || family === 'Null') {
    checkBooleans(context, entry);
    return;
  }
  checkMixedTypes(context, entry);
  if (family === 'IpAddress') {
    return;
  }
  for (const node of entry.values) {
    const value = String(node.value);
    const problem = value.includes('${') ? undefined : valueProblem(entry, family, value, key?.type);
    if (problem && !hasMalformingPlaceholder(value)) {
      reportValue(context, node, problem);
    }
  }
}

/**
 * A condition value that cannot match (Access Analyzer "Type mismatch Boolean / number / date /
 * string", "Invalid condition multiple Boolean", "Invalid condition data type", "Invalid date
 * value", "Invalid vpc format", "Invalid vpce format"): Bool or Null with something other than
 * true/false, or with both; values of mixed JSON types; a Numeric operator with a non-number; a Date
 * operator with a non-date; BinaryEquals with non-base64; an ARN key or Arn operator with a value
 * that is no ARN; and keys whose values have a fixed form: `vpce-`/`vpc-` IDs, account and
 * organization IDs, encryption types, canned ACLs, Object Lock modes and the like. IP addresses
 * are invalidIpRange's.
 */
export const invalidConditionValue: Rule = {
  id: 'invalidConditionValue',
  defaultSeverity: 'error',
  description: 'A condition value that cannot match: Bool other than true/false, a non-number, a bad date, a malformed vpce- ID, an unknown canned ACL or encryption type.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const item of policyConditionEntries(context.policy)) {
      checkEntry(context, item);
    }
  },
};
