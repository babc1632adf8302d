/* S3 Bucket Policy — MIT License. */
import { httpOnlyDenies, missingHalf, policyHttpDenial, statementHttpDenial } from '../access/httpDenial';
import { ConditionEntry, conditionEntries } from '../conditionEntries';
import { isNegated } from '../conditions/keyOperators';
import { appendToArrayOrWrap, detectTextStyle, formatJson, lineIndentAt, renameKeyEdit, replaceStringEdit } from '../edits/jsonEdits';
import type { PolicyStatement } from '../parser/policyDocument';
import type { OffsetEdit, PolicyFix } from '../policyLanguageTypes';
import type { OffsetRange, Rule, RuleContext } from './rule';

const STRICT_KEY = 'aws:SecureTransport';
const STRICT_CONDITION = { Bool: { [STRICT_KEY]: 'false' } };

interface Deviation {
  words: string;
  range: OffsetRange;
  /** The minimal edit that removes this deviation alone; absent when only rewriting the Condition does. */
  edit?: OffsetEdit;
}

/** An HTTPS-only deny: the statement and its test of aws:SecureTransport. */
interface SecureTransportDeny {
  statement: PolicyStatement;
  entry: ConditionEntry;
}

function deviations({ statement, entry }: SecureTransportDeny): Deviation[] {
  const found: Deviation[] = [];
  const operators = new Set(conditionEntries(statement).map((item) => item.operator));
  const negated = isNegated(entry.baseOperator);
  if (entry.baseOperator !== 'Bool' || entry.qualifier !== undefined) {
    // Another operator that the evaluator reads the same way (StringEquals "false", StringNotEquals "true"): only rewriting the Condition fixes it.
    found.push({ words: `"${entry.operator}" instead of "Bool"`, range: entry.operatorNode });
  } else if (entry.ifExists) {
    found.push({ words: '"BoolIfExists" instead of "Bool"', range: entry.operatorNode, edit: operators.has('Bool') ? undefined : renameKeyEdit(entry.operatorNode, 'Bool') });
  }
  if (entry.key !== STRICT_KEY) {
    found.push({ words: `the key spelled "${entry.key}"`, range: entry.keyNode, edit: renameKeyEdit(entry.keyNode, STRICT_KEY) });
  }
  const value = entry.values[0];
  if (!negated && (value.value !== 'false' || entry.valueNode?.type === 'array')) {
    const shown = entry.valueNode?.type === 'array' ? 'a list' : typeof value.value === 'boolean' ? 'the JSON boolean false' : `"${String(value.value)}"`;
    const target = entry.valueNode ?? value;
    found.push({ words: `${shown} where they compare with the string "false"`, range: target, edit: replaceStringEdit(target, 'false') });
  }
  const others = conditionEntries(statement).filter((item) => item.keyNode !== entry.keyNode);
  if (others.length > 0) {
    found.push({ words: `other condition keys (${others.map((item) => item.key).join(', ')}) next to aws:SecureTransport`, range: others[0].keyNode });
  }
  return found;
}

function strictConditionFix(text: string, deny: SecureTransportDeny, dropsKeys: boolean): PolicyFix {
  const condition = deny.statement.elements.Condition?.valueNode;
  const style = detectTextStyle(text);
  const edits = condition ? [{ offset: condition.offset, length: condition.length, content: formatJson(STRICT_CONDITION, lineIndentAt(text, condition.offset), style) }] : [];
  return {
    title: dropsKeys ? 'Replace the Condition with {"Bool": {"aws:SecureTransport": "false"}} (drops the other keys: the deny then covers every plain-HTTP request)' : 'Use {"Bool": {"aws:SecureTransport": "false"}}',
    isPreferred: !dropsKeys,
    edits,
  };
}

/**
 * HTTP denied to everyone only by several statements together (one on the bucket, one on its
 * objects): S3 evaluates them alike, but the scanners look for one statement. Reported on the first
 * that covers one half, with the fix that adds the other half to it.
 */
function reportSplitDeny(context: RuleContext): void {
  const { policy } = context;
  for (const statement of httpOnlyDenies(policy)) {
    const half = missingHalf(policy, statement);
    const resourceNode = statement.elements.Resource?.valueNode;
    if (!half || !resourceNode) {
      continue;
    }
    const covered = half.covered === 'objects' ? `only the objects of "${half.bucket}"` : `only the bucket "${half.bucket}" itself`;
    context.report(resourceNode, `Plain HTTP is denied to everyone only by several statements together: this one covers ${covered}, another the rest. S3 treats them the same, yet stricter compliance scanners (AWS Control Tower CT.S3.PR.8, cdk-nag, Prowler) look for one statement that denies HTTP on the bucket and its objects, and would report the bucket as not requiring HTTPS. Add "${half.arn}" to this statement's Resource.`, {
      fixes: [{ title: `Add "${half.arn}" to Resource`, isPreferred: true, edits: appendToArrayOrWrap(policy.text, resourceNode, half.arn) }],
    });
    return;
  }
}

/**
 * An HTTPS-only deny that works but fails stricter compliance scanners (AWS Control Tower CT.S3.PR.8
 * compares the Condition for exact equality; cdk-nag and Prowler want the string "false"):
 * `BoolIfExists`, another operator the evaluator reads alike (StringEquals "false"), boolean `false`,
 * a list, another spelling of the key, or other keys in the same Condition. Whether the deny holds is
 * the access evaluator's verdict (`access/httpDenial.ts`, the access summary's "HTTP" row): the policy
 * denies every HTTP request, and this statement alone does. Other keys that let some HTTP requests
 * through (an aws:SourceVpce exception, say) mean the deny does not hold: that is
 * `missingSecureTransportDeny`'s. Silent when another deny already has the strict form. The fix
 * writes `{"Bool": {"aws:SecureTransport": "false"}}`; it is preferred only when that keeps the meaning.
 */
export const secureTransportDenyNotStrict: Rule = {
  id: 'secureTransportDenyNotStrict',
  defaultSeverity: 'information',
  description: 'The HTTPS-only deny works, but in a form stricter compliance scanners (Control Tower, cdk-nag, Prowler) reject.',
  runsOnBrokenDocuments: false,
  check(context) {
    const { policy } = context;
    // The deny must hold (the evaluator: every HTTP request denied), and be one statement that holds alone.
    if (policyHttpDenial(policy).everyone !== 'yes') {
      return;
    }
    const denies = httpOnlyDenies(policy).filter((statement) => statementHttpDenial(policy, statement).everyone === 'yes')
      .map((statement) => ({ statement, entry: conditionEntries(statement).find((item) => item.lowerKey === 'aws:securetransport')! }));
    if (denies.length === 0) {
      reportSplitDeny(context);
      return;
    }
    const found = denies.map((deny) => ({ deny, deviations: deviations(deny) }));
    if (found.some((item) => item.deviations.length === 0)) {
      return;
    }
    for (const { deny, deviations: list } of found) {
      const minimal = list.every((deviation) => deviation.edit);
      const fix: PolicyFix = minimal
        ? { title: 'Use {"Bool": {"aws:SecureTransport": "false"}}', isPreferred: true, edits: list.map((deviation) => deviation.edit as OffsetEdit) }
        : strictConditionFix(policy.text, deny, conditionEntries(deny.statement).length > 1);
      const conditionKey = deny.statement.elements.Condition?.keyNode;
      const range = list.length === 1 || !conditionKey ? list[0].range : conditionKey;
      context.report(range, `This statement denies plain HTTP, but with ${list.map((deviation) => deviation.words).join(', ')}. S3 treats it the same, yet stricter compliance scanners (AWS Control Tower CT.S3.PR.8, cdk-nag, Prowler) accept only {"Bool": {"aws:SecureTransport": "false"}} and would report the bucket as not requiring HTTPS.`, { fixes: [fix] });
    }
  },
};
