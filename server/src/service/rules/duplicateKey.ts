/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { objectMembers } from '../parser/parsePolicy';
import type { Rule } from './rule';

function isConditionKeyBlock(path: string[]): boolean {
  return path.length >= 2 && path[path.length - 2] === 'Condition';
}

/**
 * A key repeated in one object. JSON parsers, S3 included, keep one of the two and silently drop
 * the other, so a second `"Bool"` block or a repeated condition key loses conditions. Condition keys
 * are case-insensitive, so `aws:SourceIp` and `aws:sourceip` in one block count as the same key.
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
      const seen = new Map<string, string>();
      for (const member of objectMembers(node)) {
        const key = ignoreCase ? member.name.toLowerCase() : member.name;
        const first = seen.get(key);
        if (first !== undefined) {
          const sameSpelling = first === member.name;
          context.report(member.keyNode, sameSpelling
            ? `"${member.name}" appears twice in this object. S3 keeps only one of them and silently drops the other, with everything inside it. Merge the two into one "${member.name}".`
            : `"${member.name}" repeats "${first}": condition keys are case-insensitive, so S3 keeps only one of them. Merge their values under one key.`);
        } else {
          seen.set(key, member.name);
        }
        visit(member.valueNode, [...path, member.name]);
      }
    };
    visit(context.policy.root, []);
  },
};
