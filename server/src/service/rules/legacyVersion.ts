/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { CURRENT_POLICY_VERSION, LEGACY_POLICY_VERSION } from '../policyVersions';
import type { Rule } from './rule';

/** Version 2008-10-17: valid, but policy variables such as ${aws:username} are taken literally. */
export const legacyVersion: Rule = {
  id: 'legacyVersion',
  defaultSeverity: 'information',
  description: 'Version "2008-10-17" is the legacy language: policy variables are not expanded.',
  runsOnBrokenDocuments: true,
  check(context) {
    const node = context.policy.topMembers.get('Version')?.valueNode;
    if (node?.type !== 'string' || node.value !== LEGACY_POLICY_VERSION) {
      return;
    }
    context.report(node, `Version "${LEGACY_POLICY_VERSION}" is the legacy policy language: policy variables such as \${aws:username} are treated as literal text. Use "${CURRENT_POLICY_VERSION}" unless you depend on that.`, {
      fixes: [{ title: `Upgrade Version to "${CURRENT_POLICY_VERSION}"`, isPreferred: true, edits: [replaceStringEdit(node, CURRENT_POLICY_VERSION)] }],
    });
  },
};
