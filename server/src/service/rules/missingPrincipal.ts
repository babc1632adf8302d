/* S3 Bucket Policy — MIT License. */
import { PRINCIPAL_ELEMENTS } from '../parser/policyDocument';
import type { Rule } from './rule';
import { describeOwner } from './schemaProblems';
import { explainsMissing } from './unknownElement';

/**
 * A statement without Principal or NotPrincipal, or with an empty one (`"Principal": {}`): required
 * in a bucket policy (Access Analyzer "Missing principal"). Silent when a misspelling such as
 * "Principals" is there: `unknownElement` reports that, with the rename.
 */
export const missingPrincipal: Rule = {
  id: 'missingPrincipal',
  defaultSeverity: 'error',
  description: 'A statement has no Principal, which every bucket policy statement needs.',
  runsOnBrokenDocuments: false,
  check(context) {
    const problems = context.schemaProblems();
    for (const problem of problems) {
      const element = problem.path[problem.path.length - 1];
      if (problem.kind === 'tooFewItems' && typeof element === 'string' && PRINCIPAL_ELEMENTS.some((name) => name === element)) {
        context.report(problem.node, `"${element}" is empty, so it names nobody and S3 rejects the policy. Name whom ${describeOwner(problem)} applies to, such as {"AWS": "arn:aws:iam::ACCOUNT-ID:root"}, or write "*" for everyone.`);
        continue;
      }
      if (problem.kind !== 'missingProperty' || !problem.names?.includes('Principal') || explainsMissing(problems, problem.path, PRINCIPAL_ELEMENTS)) {
        continue;
      }
      context.report({ offset: problem.node.offset, length: 1 }, `In a bucket policy every statement needs a "Principal" saying whom it applies to; ${describeOwner(problem)} has none, so S3 rejects the policy ("Missing required field Principal"). Add "Principal": {"AWS": "arn:aws:iam::ACCOUNT-ID:root"}, or "Principal": "*" for everyone.`);
    }
  },
};
