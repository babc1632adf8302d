/* S3 Bucket Policy — MIT License. */
import { changeOperatorFix } from '../conditions/changeOperator';
import { isNegated } from '../conditions/keyOperators';
import { policyConditionEntries } from '../conditions/policyConditions';
import { substringRange } from '../valueProblems';
import type { Rule } from './rule';

/**
 * `ForAllValues:` on a single-valued key such as aws:SourceVpce (Access Analyzer security warning
 * "ForAllValues with single valued key"): ForAllValues is also true when the request does not carry
 * the key at all, so an Allow applies to every request made without it. The preferred fix drops the
 * qualifier; in a Deny with a positive operator (StringEquals, …), where that would narrow the deny,
 * no fix is preferred. A second fix writes the same meaning plainly, with IfExists.
 */
export const forAllValuesSingleValued: Rule = {
  id: 'forAllValuesSingleValued',
  defaultSeverity: 'warning',
  description: 'ForAllValues: on a single-valued key (aws:SourceVpce, aws:SourceIp, …) is also true when the key is absent: drop the qualifier.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { statement, entry, key } of policyConditionEntries(context.policy)) {
      if (entry.qualifier !== 'ForAllValues' || entry.baseOperator === 'Null' || !key || key.multivalued) {
        continue;
      }
      const plain = `${entry.baseOperator}${entry.ifExists ? 'IfExists' : ''}`;
      const denyNarrows = statement.elements.Effect?.valueNode?.value === 'Deny' && !isNegated(entry.baseOperator) && !entry.ifExists;
      const text = context.policy.text;
      const fixes = [
        ...changeOperatorFix(text, statement, entry, plain, { title: `Change to "${plain}"`, isPreferred: !denyNarrows }),
        ...(entry.ifExists ? [] : changeOperatorFix(text, statement, entry, `${entry.baseOperator}IfExists`, { title: `Change to "${entry.baseOperator}IfExists" (same meaning)`, isPreferred: false })),
      ];
      context.report(substringRange(text, entry.operatorNode, 0, 'ForAllValues:'.length),
        `"${key.name}" has one value per request, and ForAllValues: is also true when the request does not carry it at all, so this condition matches every request made without "${key.name}". Use "${plain}"; write "${entry.baseOperator}IfExists" if absent keys are meant to match.`,
        { fixes });
    }
  },
};
