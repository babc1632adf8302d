/* S3 Bucket Policy — MIT License. */
import type { Rule } from './rule';

/** `"Statement": []`: a policy that says nothing, which S3 rejects (Access Analyzer "Missing statement"). */
export const emptyStatement: Rule = {
  id: 'emptyStatement',
  defaultSeverity: 'error',
  description: 'The Statement array is empty.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind === 'tooFewItems' && problem.path.length === 1 && problem.path[0] === 'Statement') {
        context.report(problem.node, 'The Statement array is empty: a bucket policy needs at least one statement, and S3 rejects an empty one. Add a statement (type s3policy- for templates), or delete the bucket policy instead.');
      }
    }
  },
};
