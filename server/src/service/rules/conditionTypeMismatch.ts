/* S3 Bucket Policy — MIT License. */
import { changeOperatorFix, isSpaced } from '../conditions/changeOperator';
import { ipProblem, wildcardToCidr } from '../conditions/ipRanges';
import { acceptedFamilies, counterpart, isNegated, OperatorFamily, TYPE_WORDS, withBaseOperator } from '../conditions/keyOperators';
import { policyConditionEntries, StatementEntry } from '../conditions/policyConditions';
import { formatJsonOnOneLine } from '../edits/jsonEdits';
import type { PolicyFix } from '../policyLanguageTypes';
import type { Rule, RuleContext } from './rule';

/** The operators of each family, in words, for "use …" hints. */
const FAMILY_OPERATORS: Record<OperatorFamily, string> = {
  String: 'a String operator (StringEquals, StringLike, …)',
  Arn: 'an Arn operator (ArnEquals, ArnLike, …)',
  Numeric: 'a Numeric operator (NumericEquals, NumericLessThan, …)',
  Date: 'a Date operator (DateEquals, DateLessThan, …)',
  Bool: 'Bool',
  IpAddress: 'IpAddress or NotIpAddress',
  Binary: 'BinaryEquals',
  Null: 'Null',
};

/** The families whose values can carry over to another family by renaming the operator alone. */
const CONVERTIBLE: readonly OperatorFamily[] = ['String', 'Arn', 'Numeric', 'Date'];

/**
 * The values rewritten for IpAddress: `10.1.2.*` becomes `10.1.2.0/24`; undefined when nothing
 * changes, null when some value is no address even then (the fix is then not preferred).
 */
function ipValues({ entry }: StatementEntry, text: string): string | undefined | null {
  let changed = false;
  const values: unknown[] = [];
  for (const node of entry.values) {
    const value = String(node.value);
    const cidr = wildcardToCidr(value);
    if (cidr) {
      changed = true;
      values.push(cidr);
    } else if (node.type === 'string' && ipProblem(value) === undefined) {
      values.push(value);
    } else {
      return null;
    }
  }
  if (!changed || !entry.valueNode) {
    return undefined;
  }
  return formatJsonOnOneLine(entry.valueNode.type === 'array' ? values : values[0], isSpaced(text));
}

/** The operator of the key's own family that makes the same test, and the fix that switches to it. */
function replacement(context: RuleContext, item: StatementEntry, family: OperatorFamily, target: OperatorFamily): { operator?: string; fixes: PolicyFix[] } {
  const { entry, statement } = item;
  const base = CONVERTIBLE.includes(family) ? counterpart(entry.baseOperator, target) : undefined;
  if (!base) {
    return { fixes: [] };
  }
  const operator = withBaseOperator(entry, base);
  const valueText = target === 'IpAddress' ? ipValues(item, context.policy.text) : undefined;
  return {
    operator,
    fixes: changeOperatorFix(context.policy.text, statement, entry, operator, {
      title: `Change to "${operator}"`,
      isPreferred: valueText !== null,
      valueText: valueText ?? undefined,
    }),
  };
}

function check(context: RuleContext, item: StatementEntry): void {
  const { entry, key, family, fits } = item;
  if (fits || !key || !family) {
    return;
  }
  const accepted = acceptedFamilies(key);
  const { operator, fixes } = replacement(context, item, family, accepted[0]);
  const hint = operator ? `Use "${operator}".` : `Use ${accepted.map((name) => FAMILY_OPERATORS[name]).join(' or ')}.`;
  const binary = family === 'Binary' ? ' BinaryEquals compares binary values, and no S3 or global key is binary.' : '';
  const message = family === 'String' && key.type === 'Numeric'
    ? `"${entry.key}" holds ${TYPE_WORDS[key.type]}, and ${entry.baseOperator} compares it as text: a value matches only when it is written with the same characters, so "1.20" is not "1.2" and "1.3" is neither greater nor less than "1.2". ${hint}`
    : `"${entry.key}" holds ${TYPE_WORDS[key.type]}, and ${entry.baseOperator} does not compare that type: ${isNegated(entry.baseOperator) ? 'it does not work as written' : 'it never matches'}.${binary} ${hint}`;
  context.report(entry.operatorNode, message, { fixes });
}

/**
 * A condition operator of the wrong family for its key's type (Access Analyzer "Type mismatch"):
 * StringLike on aws:SourceIp (an IP address), StringEquals on s3:TlsVersion (a number: compared as
 * text, so only the same spelling matches), Bool on a string key, String operators on a date. Where the same test exists in the key's family, the fix
 * switches to it (StringLike → IpAddress, StringNotEquals → NumericNotEquals), rewriting
 * `10.1.2.*` to `10.1.2.0/24` on the way; a key that shares its operator with others moves to a block
 * of its own. ARN keys take Arn and String operators alike.
 */
export const conditionTypeMismatch: Rule = {
  id: 'conditionTypeMismatch',
  defaultSeverity: 'warning',
  description: 'A condition operator does not fit the key\'s type (StringLike on aws:SourceIp, StringEquals on s3:TlsVersion, Bool on a string).',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const item of policyConditionEntries(context.policy)) {
      check(context, item);
    }
  },
};
