/* S3 Bucket Policy — MIT License. */
import { renameKeyEdit } from '../edits/jsonEdits';
import { closestNames } from '../suggestions';
import { describeOwner, isInPrincipal } from './schemaProblems';
import type { Rule } from './rule';

const SINGULAR_OF: Record<string, string> = { Principals: 'Principal', Actions: 'Action', Resources: 'Resource', Statements: 'Statement', Conditions: 'Condition', Effects: 'Effect' };

/** An element S3 does not know, such as `Principals` or `Comment` (Access Analyzer "Invalid policy element", "Invalid principal key"). */
export const unknownElement: Rule = {
  id: 'unknownElement',
  defaultSeverity: 'error',
  description: 'An element name S3 does not accept at that place (e.g. "Principals", "Comment").',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'unknownProperty') {
        continue;
      }
      const name = String(problem.node.value);
      const allowed = problem.allowedNames ?? [];
      const plural = SINGULAR_OF[name];
      const suggestions = plural && allowed.includes(plural) ? [plural] : closestNames(name, allowed);
      const where = isInPrincipal(problem) ? 'a principal type' : problem.path.length <= 1 ? 'a top-level policy element' : `an element of ${describeOwner(problem)}`;
      let message = `"${name}" is not ${where}; S3 rejects the policy.`;
      if (suggestions.length > 0) {
        message += ` Did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(' or ')}?`;
      } else if (name.toLowerCase() === 'comment' || name.toLowerCase() === 'description') {
        message += ' Policies have no comment element: remove it, or label the statement with a short "Sid".';
      } else {
        message += ` Allowed here: ${allowed.join(', ')}.`;
      }
      context.report(problem.node, message, {
        fixes: suggestions.map((suggestion) => ({ title: `Rename to "${suggestion}"`, isPreferred: suggestions.length === 1, edits: [renameKeyEdit(problem.node, suggestion)] })),
      });
    }
  },
};
