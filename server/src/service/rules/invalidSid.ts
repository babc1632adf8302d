/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { sidProposals, uniqueSid } from '../fixes/uniqueSid';
import { innerRange, stringValue } from '../parser/nodeUtils';
import type { Rule } from './rule';

/** Joins the letter-and-digit runs of a Sid, capitalising each run after the first: "allow-public read" → "allowPublicRead". */
function alphanumeric(sid: string): string {
  return (sid.match(/[A-Za-z0-9]+/g) ?? []).map((run, index) => (index === 0 ? run : run.charAt(0).toUpperCase() + run.slice(1))).join('');
}

/**
 * A Sid with characters other than letters and digits (Access Analyzer "Unsupported Sid"). S3 itself
 * accepts more, but IAM, and every tool that shares policy text with it, allows only [A-Za-z0-9].
 * The fix joins the words.
 */
export const invalidSid: Rule = {
  id: 'invalidSid',
  defaultSeverity: 'warning',
  description: 'A Sid has characters other than letters and digits (IAM allows only A-Z, a-z, 0-9).',
  runsOnBrokenDocuments: true,
  check(context) {
    const proposals = sidProposals();
    for (const statement of context.policy.statements) {
      const node = statement.elements.Sid?.valueNode;
      const sid = stringValue(node);
      if (node === undefined || sid === undefined || /^[A-Za-z0-9]*$/.test(sid)) {
        continue;
      }
      const joined = alphanumeric(sid);
      const fixed = joined === '' ? '' : uniqueSid(context.policy, joined, proposals);
      context.report(innerRange(node), `The Sid "${sid}" has characters other than letters and digits. S3 accepts it, but IAM and many tools allow only A-Z, a-z and 0-9 in a Sid, so the policy cannot be reused there.${fixed ? ` Write "${fixed}".` : ''}`, {
        fixes: fixed ? [{ title: `Change the Sid to "${fixed}"`, isPreferred: true, edits: [replaceStringEdit(node, fixed)] }] : [],
      });
    }
  },
};
