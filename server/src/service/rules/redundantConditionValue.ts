/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { conditionEntries } from '../conditionEntries';
import type { Rule } from './rule';

/** Which value matters under each numeric comparison with several values: the widest bound. */
const KEEPS: Readonly<Record<string, 'largest' | 'smallest'>> = {
  NumericLessThan: 'largest',
  NumericLessThanEquals: 'largest',
  NumericGreaterThan: 'smallest',
  NumericGreaterThanEquals: 'smallest',
};

/** The number a condition value holds (a JSON number or a numeric string), or undefined. */
function numberOf(node: Node): number | undefined {
  const text = typeof node.value === 'number' ? String(node.value) : node.type === 'string' ? String(node.value).trim() : '';
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
}

/**
 * Several values for one key under a numeric less-than or greater-than operator (Access Analyzer
 * suggestion "Redundant condition value num"): the values are alternatives, so only the widest
 * bound matters, the largest under `NumericLessThan…` and the smallest under `NumericGreaterThan…`.
 * Values that are not numbers are invalidConditionValue's. The fix keeps the value that matters.
 */
export const redundantConditionValue: Rule = {
  id: 'redundantConditionValue',
  defaultSeverity: 'information',
  description: 'Several values under NumericLessThan or NumericGreaterThan where only the widest bound matters.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      for (const entry of conditionEntries(statement)) {
        const keeps = KEEPS[entry.baseOperator];
        if (!keeps || entry.valueNode?.type !== 'array' || entry.values.length < 2) {
          continue;
        }
        const numbers = entry.values.map(numberOf);
        if (numbers.some((value) => value === undefined)) {
          continue;
        }
        const bound = keeps === 'largest' ? Math.max(...(numbers as number[])) : Math.min(...(numbers as number[]));
        const kept = entry.values[numbers.indexOf(bound)];
        const keptText = context.policy.text.slice(kept.offset, kept.offset + kept.length);
        context.report(entry.valueNode, `Under ${entry.operator} the values of "${entry.key}" are alternatives, so only the ${keeps}, ${keptText}, matters: the others add nothing. Keep ${keptText} alone.`, {
          fixes: [{ title: `Keep only ${keptText}`, isPreferred: true, edits: [{ offset: entry.valueNode.offset, length: entry.valueNode.length, content: keptText }] }],
        });
      }
    }
  },
};
