/* S3 Bucket Policy — MIT License. */
import { detectTextStyle, lineIndentAt, startsLine } from '../edits/jsonEdits';
import { CURRENT_POLICY_VERSION } from '../policyVersions';
import type { Rule } from './rule';
import { explainsMissing } from './unknownElement';

/**
 * No Version element: the policy is read with the legacy 2008-10-17 rules (Access Analyzer "Missing
 * version"). Silent when a misspelt "version" is there: `unknownElement` renames it, and adding a
 * second Version next to it would leave a duplicate key after fix-all.
 */
export const missingVersion: Rule = {
  id: 'missingVersion',
  defaultSeverity: 'warning',
  description: 'The policy has no Version, so the legacy 2008-10-17 language applies.',
  runsOnBrokenDocuments: false,
  check(context) {
    const { root, topMembers, text } = context.policy;
    if (root?.type !== 'object' || topMembers.has('Version') || explainsMissing(context.schemaProblems(), [], ['Version'])) {
      return;
    }
    const firstProperty = root.children?.[0];
    const style = detectTextStyle(text);
    let edit;
    if (firstProperty && startsLine(text, firstProperty.offset)) {
      const indent = lineIndentAt(text, firstProperty.offset);
      edit = { offset: firstProperty.offset, length: 0, content: `"Version": "${CURRENT_POLICY_VERSION}",${style.eol}${indent}` };
    } else if (firstProperty) {
      edit = { offset: firstProperty.offset, length: 0, content: `"Version": "${CURRENT_POLICY_VERSION}", ` };
    } else {
      edit = { offset: root.offset + 1, length: 0, content: `"Version": "${CURRENT_POLICY_VERSION}"` };
    }
    const anchor = topMembers.get('Statement')?.keyNode ?? { offset: root.offset, length: 1 };
    context.report(anchor, `The policy has no Version, so S3 reads it with the legacy 2008-10-17 rules (policy variables are not expanded). Add "Version": "${CURRENT_POLICY_VERSION}".`, {
      fixes: [{ title: `Add "Version": "${CURRENT_POLICY_VERSION}"`, isPreferred: true, edits: [edit] }],
    });
  },
};
