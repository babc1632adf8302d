/* S3 Bucket Policy — MIT License. */
import { describeOwner } from './schemaProblems';
import type { Rule } from './rule';

/** A statement without Principal or NotPrincipal: required in a bucket policy (Access Analyzer "Missing principal"). */
export const missingPrincipal: Rule = {
  id: 'missingPrincipal',
  defaultSeverity: 'error',
  description: 'A statement has no Principal, which every bucket policy statement needs.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'missingProperty' || !problem.names?.includes('Principal')) {
        continue;
      }
      context.report({ offset: problem.node.offset, length: 1 }, `In a bucket policy every statement needs a "Principal" saying whom it applies to; ${describeOwner(problem)} has none, so S3 rejects the policy ("Missing required field Principal"). Add "Principal": {"AWS": "arn:aws:iam::ACCOUNT-ID:root"}, or "Principal": "*" for everyone.`);
    }
  },
};
