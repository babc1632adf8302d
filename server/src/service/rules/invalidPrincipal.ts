/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { isInPrincipal } from './schemaProblems';
import type { Rule } from './rule';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * A principal in a form S3 does not accept: a bare string other than "*" (Access Analyzer
 * "Invalid principal format"). A bare 12-digit account ID gets a fix that wraps it in {"AWS": …}.
 */
export const invalidPrincipal: Rule = {
  id: 'invalidPrincipal',
  defaultSeverity: 'error',
  description: 'A principal is malformed (a bare string other than "*", for example).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'valueNotAllowed' || !isInPrincipal(problem) || problem.node.type !== 'string') {
        continue;
      }
      const value = String(problem.node.value);
      const fixes = [];
      if (ACCOUNT_ID.test(value) || value.startsWith('arn:')) {
        fixes.push({ title: `Change to {"AWS": "${value}"}`, isPreferred: true, edits: [{ offset: problem.node.offset, length: problem.node.length, content: `{"AWS": ${JSON.stringify(value)}}` }] });
      } else if (value.trim() === '*') {
        fixes.push({ title: 'Change to "*"', isPreferred: true, edits: [replaceStringEdit(problem.node, '*')] });
      }
      context.report(problem.node, `A principal given as a plain string must be "*" (everyone); "${value}" is rejected. Name specific principals in an object, such as {"AWS": "arn:aws:iam::111122223333:root"} or {"Service": "logging.s3.amazonaws.com"}.`, { fixes });
    }
  },
};
