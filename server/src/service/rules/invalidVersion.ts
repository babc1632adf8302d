/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { CURRENT_POLICY_VERSION, LEGACY_POLICY_VERSION } from '../policyVersions';
import type { Rule } from './rule';

function explain(value: string): string {
  const compact = value.replace(/[\s\u2010-\u2015\u2212-]+/g, '-');
  if (compact === CURRENT_POLICY_VERSION || compact === LEGACY_POLICY_VERSION) {
    return `"${value}" has stray spaces or typographic dashes. Version is an exact identifier: write "${CURRENT_POLICY_VERSION}".`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return `"${value}" is not a policy language version. Version is a fixed identifier, not today's date: write "${CURRENT_POLICY_VERSION}".`;
  }
  return `"${value}" is not a policy language version; S3 rejects the policy. Write "${CURRENT_POLICY_VERSION}".`;
}

/** A Version other than exactly 2012-10-17 or 2008-10-17: S3 rejects the policy (Access Analyzer "Invalid version"). */
export const invalidVersion: Rule = {
  id: 'invalidVersion',
  defaultSeverity: 'error',
  description: 'Version is not exactly "2012-10-17" (or the legacy "2008-10-17").',
  runsOnBrokenDocuments: true,
  check(context) {
    const node = context.policy.topMembers.get('Version')?.valueNode;
    if (node?.type !== 'string') {
      return;
    }
    const value = String(node.value);
    if (value === CURRENT_POLICY_VERSION || value === LEGACY_POLICY_VERSION) {
      return;
    }
    context.report(node, explain(value), {
      fixes: [{ title: `Change Version to "${CURRENT_POLICY_VERSION}"`, isPreferred: true, edits: [replaceStringEdit(node, CURRENT_POLICY_VERSION)] }],
    });
  },
};
