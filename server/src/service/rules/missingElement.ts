/* S3 Bucket Policy — MIT License. */
import { describeOwner } from './schemaProblems';
import { explainsMissing } from './unknownElement';
import type { Rule } from './rule';

const ADVICE: Record<string, string> = {
  Statement: 'Add "Statement": [ … ] with at least one statement.',
  Effect: 'Add "Effect": "Allow" or "Effect": "Deny".',
  Action: 'Add "Action" with the S3 actions it covers, e.g. "s3:GetObject".',
  Resource: 'Add "Resource" with the bucket ARN ("arn:aws:s3:::BUCKET") and/or its objects ("arn:aws:s3:::BUCKET/*").',
};

/**
 * A required element is missing: Statement, or a statement's Effect, Action or Resource (Access
 * Analyzer "Missing …"). Silent when a misspelling of it is there ("Actions"): `unknownElement` reports that.
 */
export const missingElement: Rule = {
  id: 'missingElement',
  defaultSeverity: 'error',
  description: 'A required element is missing (Statement, Effect, Action/NotAction or Resource/NotResource).',
  runsOnBrokenDocuments: false,
  check(context) {
    const problems = context.schemaProblems();
    for (const problem of problems) {
      const names = problem.names ?? [];
      if (problem.kind !== 'missingProperty' || names.includes('Principal') || explainsMissing(problems, problem.path, names)) {
        continue;
      }
      const main = names[0];
      const alternative = names.length > 1 ? ` (or ${names.slice(1).join(', ')})` : '';
      context.report({ offset: problem.node.offset, length: 1 }, `${describeOwner(problem) === 'the policy' ? 'The policy' : capitalize(describeOwner(problem))} has no "${main}"${alternative}, so S3 rejects it. ${ADVICE[main] ?? ''}`.trim());
    }
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
