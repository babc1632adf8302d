/* S3 Bucket Policy — MIT License. */
import { changeOperatorFix } from '../conditions/changeOperator';
import { policyConditionEntries } from '../conditions/policyConditions';
import { substringRange } from '../valueProblems';
import type { Rule } from './rule';

/**
 * `ForAllValues:Null` or `ForAnyValue:Null` (Access Analyzer suggestion "Null with qualifier"): Null
 * asks whether the key is present at all, and with a set qualifier the answer no longer depends on
 * the request: ForAllValues:Null is always true, ForAnyValue:Null always false. The fix writes plain
 * Null; it changes what the statement does, so it is not preferred.
 */
export const nullWithQualifier: Rule = {
  id: 'nullWithQualifier',
  defaultSeverity: 'information',
  description: 'ForAllValues:Null or ForAnyValue:Null: always true or always false, whatever the request; write Null.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { statement, entry } of policyConditionEntries(context.policy)) {
      if (!entry.qualifier || entry.operator !== `${entry.qualifier}:Null`) {
        continue;
      }
      const always = entry.qualifier === 'ForAllValues' ? 'always true' : 'always false';
      context.report(substringRange(context.policy.text, entry.operatorNode, 0, entry.qualifier.length + 1),
        `${entry.qualifier}:Null is ${always}, whatever the request: Null tests whether "${entry.key}" is present at all, and a set qualifier does not apply to that. Write "Null" to test it.`,
        { fixes: changeOperatorFix(context.policy.text, statement, entry, 'Null', { title: 'Change to "Null"', isPreferred: false }) });
    }
  },
};
