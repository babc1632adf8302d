/* S3 Bucket Policy — MIT License. */
import { elementName, isInCondition } from './schemaProblems';
import type { Rule } from './rule';

const TYPE_WORDS: Record<string, string> = { string: 'a string', array: 'an array', object: 'an object', number: 'a number', integer: 'a number', boolean: 'true or false', null: 'null' };

function words(types: string[]): string {
  const unique = [...new Set(types.map((type) => TYPE_WORDS[type] ?? type))];
  return unique.length <= 1 ? unique.join('') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** An element of the wrong JSON type, e.g. Effect as an array or Condition as a string (Access Analyzer "Data type mismatch"). */
export const invalidType: Rule = {
  id: 'invalidType',
  defaultSeverity: 'error',
  description: 'An element has the wrong JSON type (e.g. Effect given as an array).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'wrongType') {
        continue;
      }
      const name = elementName(problem);
      const actual = TYPE_WORDS[problem.node.type] ?? problem.node.type;
      const inConditionKey = isInCondition(problem) && problem.path.length - problem.path.indexOf('Condition') > 2;
      const subject = inConditionKey ? `The value of condition key "${name}"` : `"${name}"`;
      context.report(problem.node, `${subject} must be ${words(problem.expectedTypes ?? [])}, not ${actual}.`);
    }
  },
};
