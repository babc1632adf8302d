/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { detectTextStyle, lineIndentAt, startsLine } from '../edits/jsonEdits';
import { objectMembers } from '../parser/parsePolicy';
import type { Member } from '../parser/policyDocument';
import type { PolicyFix } from '../policyLanguageTypes';
import type { Rule } from './rule';

function isConditionKeyBlock(path: string[]): boolean {
  return path.length >= 2 && path[path.length - 2] === 'Condition';
}

/**
 * Moves the members of a repeated object (a second "Bool" block, a second "Condition") into the
 * first one and deletes the repeat: both sets of conditions then apply, as the author meant.
 */
function mergeFix(text: string, first: Member, repeat: Member): PolicyFix | undefined {
  const target = first.valueNode;
  const source = repeat.valueNode;
  const repeatProperty = repeat.keyNode.parent;
  const siblings = repeatProperty?.parent?.children ?? [];
  const previous = siblings[siblings.indexOf(repeatProperty as Node) - 1];
  if (target?.type !== 'object' || source?.type !== 'object' || !repeatProperty || !previous) {
    return undefined;
  }
  const moved = source.children ?? [];
  const removed = previous.offset + previous.length;
  const edits = [{ offset: removed, length: repeatProperty.offset + repeatProperty.length - removed, content: '' }];
  if (moved.length > 0) {
    const members = text.slice(moved[0].offset, moved[moved.length - 1].offset + moved[moved.length - 1].length);
    const last = target.children?.[target.children.length - 1];
    const insertAt = last ? last.offset + last.length : target.offset + 1;
    // Only in a half-typed document (the first object not closed) can the insertion meet the removal.
    if (insertAt >= removed) {
      return undefined;
    }
    const separator = !last ? '' : startsLine(text, last.offset) ? `,${detectTextStyle(text).eol}${lineIndentAt(text, last.offset)}` : ', ';
    edits.push({ offset: insertAt, length: 0, content: separator + members });
  }
  return { title: `Merge into the first "${first.name}"`, isPreferred: true, edits };
}

/**
 * A key repeated in one object. JSON parsers, S3 included, keep one of the two and silently drop
 * the other, so a second `"Bool"` block or a repeated condition key loses conditions. Condition keys
 * are case-insensitive, so `aws:SourceIp` and `aws:sourceip` in one block count as the same key.
 * Two objects under one key (two "Bool" blocks) get a fix that merges them; two values do not, as
 * only the author knows which one is meant.
 */
export const duplicateKey: Rule = {
  id: 'duplicateKey',
  defaultSeverity: 'error',
  description: 'A key appears twice in one object; S3 keeps one and silently drops the other.',
  runsOnBrokenDocuments: true,
  check(context) {
    const visit = (node: Node | undefined, path: string[]): void => {
      if (!node) {
        return;
      }
      if (node.type === 'array') {
        node.children?.forEach((child) => visit(child, path));
        return;
      }
      if (node.type !== 'object') {
        return;
      }
      const ignoreCase = isConditionKeyBlock(path);
      const seen = new Map<string, Member>();
      for (const member of objectMembers(node)) {
        const key = ignoreCase ? member.name.toLowerCase() : member.name;
        const first = seen.get(key);
        if (first !== undefined) {
          const sameSpelling = first.name === member.name;
          const merge = sameSpelling ? mergeFix(context.policy.text, first, member) : undefined;
          context.report(member.keyNode, sameSpelling
            ? `"${member.name}" appears twice in this object. S3 keeps only one of them and silently drops the other, with everything inside it. Merge the two into one "${member.name}".`
            : `"${member.name}" repeats "${first.name}": condition keys are case-insensitive, so S3 keeps only one of them. Merge their values under one key.`, { fixes: merge ? [merge] : [] });
        } else {
          seen.set(key, member);
        }
        visit(member.valueNode, [...path, member.name]);
      }
    };
    visit(context.policy.root, []);
  },
};
