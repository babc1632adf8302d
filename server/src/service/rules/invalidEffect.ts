/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { elementName } from './schemaProblems';
import type { Rule } from './rule';

/** Effect other than exactly `Allow` or `Deny` (case-sensitive; Access Analyzer "Invalid effect"). */
export const invalidEffect: Rule = {
  id: 'invalidEffect',
  defaultSeverity: 'error',
  description: 'Effect is not exactly "Allow" or "Deny" (the value is case-sensitive).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'valueNotAllowed' || elementName(problem) !== 'Effect') {
        continue;
      }
      const value = String(problem.node.value);
      const intended = ['Allow', 'Deny'].find((allowed) => allowed.toLowerCase() === value.trim().toLowerCase());
      let message = `Effect must be "Allow" or "Deny"; "${value}" is rejected by S3.`;
      if (intended) {
        message = value.trim() === intended
          ? `Effect must be exactly "${intended}": the spaces in "${value}" make S3 reject it.`
          : `Effect is case-sensitive: "${value}" is rejected. Write "${intended}".`;
      }
      context.report(problem.node, message, {
        fixes: intended ? [{ title: `Change Effect to "${intended}"`, isPreferred: true, edits: [replaceStringEdit(problem.node, intended)] }] : [],
      });
    }
  },
};
