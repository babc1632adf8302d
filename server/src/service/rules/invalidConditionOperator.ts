/* S3 Bucket Policy — MIT License. */
import { ALL_CONDITION_OPERATORS } from '../conditionOperators';
import { renameKeyEdit } from '../edits/jsonEdits';
import { closestNames } from '../suggestions';
import type { Rule } from './rule';

const UNQUALIFIED_OPERATORS = ALL_CONDITION_OPERATORS.filter((operator) => !operator.includes(':'));
const QUALIFIER = /^(ForAllValues|ForAnyValue):/;

/** The operators a misspelt name most likely means; a correct ForAllValues:/ForAnyValue: qualifier is kept as written. */
function suggestOperators(name: string): string[] {
  const qualifier = QUALIFIER.exec(name)?.[0];
  return qualifier === undefined
    ? closestNames(name, ALL_CONDITION_OPERATORS)
    : closestNames(name.slice(qualifier.length), UNQUALIFIED_OPERATORS).map((operator) => qualifier + operator);
}

/** A condition operator name S3 does not know, e.g. `StringEqual` or `NullIfExists` (Access Analyzer "Invalid condition operator", "Null with if exists"). */
export const invalidConditionOperator: Rule = {
  id: 'invalidConditionOperator',
  defaultSeverity: 'error',
  description: 'A Condition block uses an unknown operator name (operators are case-sensitive).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'invalidPropertyName') {
        continue;
      }
      const name = String(problem.node.value);
      if (/^(ForAllValues:|ForAnyValue:)?NullIfExists$/.test(name)) {
        context.report(problem.node, '"Null" cannot take the IfExists suffix: Null already tests whether the key exists. Use "Null".', {
          fixes: [{ title: 'Change to "Null"', isPreferred: true, edits: [renameKeyEdit(problem.node, 'Null')] }],
        });
        continue;
      }
      const suggestions = suggestOperators(name);
      const hint = suggestions.length > 0
        ? ` Did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(' or ')}?`
        : ' Use one such as StringEquals, StringLike, ArnLike, IpAddress, NumericLessThan, DateGreaterThan, Bool or Null.';
      context.report(problem.node, `"${name}" is not a condition operator; S3 rejects the policy.${hint}`, {
        fixes: suggestions.map((suggestion) => ({ title: `Change to "${suggestion}"`, isPreferred: suggestions.length === 1, edits: [renameKeyEdit(problem.node, suggestion)] })),
      });
    }
  },
};
