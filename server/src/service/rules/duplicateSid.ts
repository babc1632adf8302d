/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { innerRange, stringValue } from '../parser/nodeUtils';
import { sidProposals, uniqueSid } from '../fixes/uniqueSid';
import type { Rule } from './rule';

/**
 * Two statements with the same Sid (Access Analyzer "Unique Sids recommended"). IAM requires unique
 * Sids; S3 accepts duplicates, but tools that refer to statements by Sid (and people reading the
 * policy) cannot tell them apart. Each repeat is reported, with a fix that numbers it.
 */
export const duplicateSid: Rule = {
  id: 'duplicateSid',
  defaultSeverity: 'warning',
  description: 'Two statements have the same Sid.',
  runsOnBrokenDocuments: false,
  check(context) {
    const seen = new Set<string>();
    const proposals = sidProposals();
    for (const statement of context.policy.statements) {
      const node = statement.elements.Sid?.valueNode;
      const sid = stringValue(node);
      if (node === undefined || sid === undefined || sid === '') {
        continue;
      }
      if (!seen.has(sid)) {
        seen.add(sid);
        continue;
      }
      const renamed = uniqueSid(context.policy, sid, proposals);
      context.report(innerRange(node), `Another statement already has the Sid "${sid}". Give each statement its own Sid, so that the statements can be told apart (IAM requires unique Sids, and so do many tools).`, {
        fixes: [{ title: `Rename to "${renamed}"`, isPreferred: true, edits: [replaceStringEdit(node, renamed)] }],
      });
    }
  },
};
