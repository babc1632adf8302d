/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { detectTextStyle, formatJson, lineIndentAt, renameKeyEdit } from '../edits/jsonEdits';
import { memoizePerObject } from '../memoizePerObject';
import type { PolicyDocument } from '../parser/policyDocument';
import type { PolicyFix } from '../policyLanguageTypes';
import type { SchemaProblem } from '../schema/validateAgainstSchema';
import { closestNames } from '../suggestions';
import { describeOwner, isInPrincipal } from './schemaProblems';
import type { Rule } from './rule';

const SINGULAR_OF: Record<string, string> = { Principals: 'Principal', Actions: 'Action', Resources: 'Resource', Statements: 'Statement', Conditions: 'Condition', Effects: 'Effect' };

/** The names an unknown element most likely meant, best first: its singular ("Principals"), or the closest allowed names. */
export function suggestedNames(problem: SchemaProblem): string[] {
  const name = String(problem.node.value);
  const allowed = problem.allowedNames ?? [];
  const singular = SINGULAR_OF[name];
  return singular && allowed.includes(singular) ? [singular] : closestNames(name, allowed);
}

/**
 * The policy inside the output of `aws s3api get-bucket-policy` (`{"Policy": "<policy as a JSON
 * string>"}`), when the unknown element is that top-level "Policy" string and nothing else is there.
 */
function wrappedPolicy(problem: SchemaProblem): object | undefined {
  const property = problem.node.parent;
  const value: Node | undefined = property?.children?.[1];
  if (problem.path.length !== 1 || problem.path[0] !== 'Policy' || value?.type !== 'string' || property?.parent?.children?.length !== 1) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(String(value.value));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the object at `ownerPath` has an unknown element that explains why `names` are missing:
 * a misspelling ("Principals" for "Principal", "version" for "Version"), or the get-bucket-policy
 * wrapper at the top. Its `unknownElement` finding already says so and offers the repair, so a
 * "missing" finding would report the same mistake twice.
 */
export function explainsMissing(problems: SchemaProblem[], ownerPath: (string | number)[], names: readonly string[]): boolean {
  return (unknownPropertiesByOwner(problems).get(JSON.stringify(ownerPath)) ?? [])
    .some((problem) => suggestedNames(problem).some((suggestion) => names.includes(suggestion)) || wrappedPolicy(problem) !== undefined);
}

/**
 * The unknown-element problems of a list, grouped by the path of the object they are in, computed
 * once per list: a policy with thousands of statements would otherwise compare every missing
 * element with every unknown one.
 */
const unknownPropertiesByOwner = memoizePerObject((problems: SchemaProblem[]): Map<string, SchemaProblem[]> => {
  const byOwner = new Map<string, SchemaProblem[]>();
  for (const problem of problems) {
    if (problem.kind === 'unknownProperty') {
      const owner = JSON.stringify(problem.path.slice(0, -1));
      const siblings = byOwner.get(owner);
      if (siblings) {
        siblings.push(problem);
      } else {
        byOwner.set(owner, [problem]);
      }
    }
  }
  return byOwner;
});

function unwrapFix(policy: PolicyDocument, wrapped: object): PolicyFix {
  const root = policy.root as Node;
  const content = formatJson(wrapped, lineIndentAt(policy.text, root.offset), detectTextStyle(policy.text));
  return { title: 'Replace with the policy inside "Policy"', isPreferred: true, edits: [{ offset: root.offset, length: root.length, content }] };
}

/**
 * An element S3 does not know, such as `Principals` or `Comment` (Access Analyzer "Invalid policy
 * element", "Invalid principal key"), with a rename to the likely name, and the whole
 * `{"Policy": "…"}` wrapper that `aws s3api get-bucket-policy` prints, with a fix that unwraps it.
 */
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
      const wrapped = wrappedPolicy(problem);
      if (wrapped) {
        context.report(problem.node, 'This is the output of "aws s3api get-bucket-policy", not a policy: the policy is the JSON string inside "Policy". Unwrap it (aws s3api get-bucket-policy --bucket BUCKET --query Policy --output text).', {
          fixes: [unwrapFix(context.policy, wrapped)],
        });
        continue;
      }
      const allowed = problem.allowedNames ?? [];
      const suggestions = suggestedNames(problem);
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
