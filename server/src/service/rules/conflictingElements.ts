/* S3 Bucket Policy — MIT License. */
import { objectMembers } from '../parser/parsePolicy';
import type { Rule } from './rule';

/** Two mutually exclusive elements in one statement: Action+NotAction, Principal+NotPrincipal, Resource+NotResource. */
export const conflictingElements: Rule = {
  id: 'conflictingElements',
  defaultSeverity: 'error',
  description: 'A statement has both of a mutually exclusive pair (Action and NotAction, and so on).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'conflictingProperties' || !problem.names) {
        continue;
      }
      const [first, second] = problem.names;
      const secondMember = objectMembers(problem.node).find((member) => member.name === second);
      context.report(secondMember?.keyNode ?? { offset: problem.node.offset, length: 1 }, `A statement cannot have both "${first}" and "${second}": S3 rejects it. Keep one of them (usually "${first}"), or split the statement in two.`);
    }
  },
};
