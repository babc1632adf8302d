/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { detectTextStyle, lineIndentAt, startsLine } from '../edits/jsonEdits';
import { objectMembers } from '../parser/parsePolicy';
import type { Member } from '../parser/policyDocument';
import type { PolicyFix } from '../policyLanguageTypes';
import type { Rule } from './rule';

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
    const report = (first: Member, repeat: Member): void => {
      const sameSpelling = first.name === repeat.name;
      const merge = sameSpelling ? mergeFix(context.policy.text, first, repeat) : undefined;
      context.report(repeat.keyNode, sameSpelling
        ? `"${repeat.name}" appears twice in this object. S3 keeps only one of them and silently drops the other, with everything inside it. Merge the two into one "${repeat.name}".`
        : `"${repeat.name}" repeats "${first.name}": condition keys are case-insensitive, so S3 keeps only one of them. Merge their values under one key.`, { fixes: merge ? [merge] : [] });
    };
    // `parentKey` is the key whose value holds `node` (arrays pass theirs on); the members of an
    // object under "Condition" → operator are condition keys, compared ignoring case. Only objects
    // and arrays are visited: the strings and other leaves, most of the tree, hold no keys.
    const visit = (node: Node, key: string | undefined, parentKey: string | undefined): void => {
      if (node.type === 'array') {
        for (const child of node.children ?? []) {
          if (child.type === 'object' || child.type === 'array') {
            visit(child, key, parentKey);
          }
        }
        return;
      }
      if (!node.children) {
        return;
      }
      // Statements come in document order, as the objects here do: the next one, if it is this object.
      const statement = statements[nextStatement]?.node === node ? statements[nextStatement++] : undefined;
      if (node.children.length > 1 && statement?.members.length !== node.children.length) {
        findRepeats(node, parentKey === 'Condition', report);
      }
      for (const property of node.children) {
        const keyNode = property.children?.[0];
        const valueNode = property.children?.[1];
        if (keyNode?.type === 'string' && (valueNode?.type === 'object' || valueNode?.type === 'array')) {
          visit(valueNode, String(keyNode.value), key);
        }
      }
    };
    // A statement whose members list is as long as its properties has no repeated name: the parser
    // keeps a repeated name once. Those objects (nearly all statements) are not compared again.
    const { statements, root } = context.policy;
    let nextStatement = 0;
    if (root?.type === 'object' || root?.type === 'array') {
      visit(root, undefined, undefined);
    }
  },
};

/** Objects up to this many members are searched for a repeat pair by pair, which allocates nothing. */
const PAIRWISE_LIMIT = 16;

/**
 * Calls `report` for each member whose key repeats an earlier one of the same object (the first
 * occurrence is the one kept in the message). Builds no index unless a name repeats.
 */
function findRepeats(object: Node, ignoreCase: boolean, report: (first: Member, repeat: Member) => void): void {
  if (!hasRepeat(object.children ?? [], ignoreCase)) {
    return;
  }
  const nameOf = (name: string): string => (ignoreCase ? name.toLowerCase() : name);
  const first = new Map<string, Member>();
  for (const member of objectMembers(object)) {
    const earlier = first.get(nameOf(member.name));
    if (earlier) {
      report(earlier, member);
    } else {
      first.set(nameOf(member.name), member);
    }
  }
}

/** True when two of the properties have the same key (ignoring case if asked). */
function hasRepeat(properties: readonly Node[], ignoreCase: boolean): boolean {
  if (properties.length > PAIRWISE_LIMIT) {
    const names = new Set<string>();
    let count = 0;
    for (const property of properties) {
      const name = keyOf(property, ignoreCase);
      if (name !== undefined) {
        names.add(name);
        count++;
      }
    }
    return names.size !== count;
  }
  for (let index = 1; index < properties.length; index++) {
    const name = keyOf(properties[index], ignoreCase);
    if (name === undefined) {
      continue;
    }
    for (let earlier = 0; earlier < index; earlier++) {
      const other = properties[earlier].children?.[0];
      if (other?.type === 'string' && (ignoreCase ? String(other.value).toLowerCase() : other.value) === name) {
        return true;
      }
    }
  }
  return false;
}

/** A property's key (lowercased if asked), or undefined when it has no string key. */
function keyOf(property: Node, ignoreCase: boolean): string | undefined {
  const keyNode = property.children?.[0];
  if (keyNode?.type !== 'string') {
    return undefined;
  }
  return ignoreCase ? String(keyNode.value).toLowerCase() : String(keyNode.value);
}
