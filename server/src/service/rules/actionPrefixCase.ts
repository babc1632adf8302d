/* S3 Bucket Policy — MIT License. */
import { stringNodes } from '../parser/nodeUtils';
import { replaceStringEdit } from '../edits/jsonEdits';
import type { Rule } from './rule';
import { ACTION_ELEMENTS } from '../parser/policyDocument';

const ACTION_WITH_PREFIX = /^(\s*)([A-Za-z0-9-]+)(\s*):(\s*)(\S*)(\s*)$/;
/** What ACTION_WITH_PREFIX matches with a lowercase prefix and no space anywhere: nearly every action, settled without capturing. */
const LOWERCASE_ACTION = /^[a-z0-9-]+:\S*$/;

/**
 * A service prefix written with capitals (`S3:GetObject`) or with spaces around the colon
 * (`S3: GetObject`). Action names are case-insensitive, so capitals alone are a style finding;
 * a space makes the action invalid.
 */
export const actionPrefixCase: Rule = {
  id: 'actionPrefixCase',
  defaultSeverity: 'information',
  description: 'An action\'s service prefix is not lowercase (S3:GetObject) or has spaces around the colon.',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const statement of context.policy.statements) {
      for (const element of ACTION_ELEMENTS) {
        for (const node of stringNodes(statement.elements[element]?.valueNode)) {
          const value = String(node.value);
          if (LOWERCASE_ACTION.test(value)) {
            continue;
          }
          const match = ACTION_WITH_PREFIX.exec(value);
          if (!match) {
            continue;
          }
          const [, lead, prefix, beforeColon, afterColon, name, trail] = match;
          const hasSpace = (lead + beforeColon + afterColon + trail).length > 0;
          const hasCapitals = prefix !== prefix.toLowerCase();
          if (!hasSpace && !hasCapitals) {
            continue;
          }
          const fixed = `${prefix.toLowerCase()}:${name}`;
          const message = hasSpace
            ? `"${value}" is not a valid action: it contains spaces, so it matches nothing. Write "${fixed}".`
            : `Service prefixes are conventionally lowercase: write "${fixed}". (Action names are case-insensitive, so this is style only.)`;
          const prefixEnd = node.offset + 1 + lead.length + prefix.length + beforeColon.length + 1 + afterColon.length;
          context.report({ offset: node.offset + 1, length: hasSpace ? node.length - 2 : prefixEnd - node.offset - 1 }, message, {
            severity: hasSpace ? 'error' : undefined,
            fixes: [{ title: `Change to "${fixed}"`, isPreferred: true, edits: [replaceStringEdit(node, fixed)] }],
          });
        }
      }
    }
  },
};
