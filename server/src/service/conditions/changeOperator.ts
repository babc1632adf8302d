/* S3 Bucket Policy — MIT License. */
/**
 * The edits that put one condition key under another operator: renaming the operator when the key is
 * alone under it, otherwise moving the key (with its value) into the operator's block, which is
 * created when the Condition has none.
 */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry } from '../conditionEntries';
import { detectTextStyle, lineIndentAt, renameKeyEdit, startsLine } from '../edits/jsonEdits';
import { removeMemberEdit } from '../fixes/removeMember';
import { objectMembers } from '../parser/parsePolicy';
import type { PolicyStatement } from '../parser/policyDocument';
import type { OffsetEdit, PolicyFix } from '../policyLanguageTypes';

/** True when the document writes a space after colons and commas (`{"a": 1}`), as most do. */
export function isSpaced(text: string): boolean {
  return /["\]}\d]: |, ["{[]/.test(text) || !/[:,]["{[]/.test(text);
}

/**
 * The edit that appends a member, given as JSON text (`"key": value`), to an object, in the
 * object's layout: on its own line, indented like the last member, in a multi-line object; on the
 * same line otherwise.
 */
export function appendMemberEdit(text: string, objectNode: Node, member: string): OffsetEdit {
  const children = objectNode.children ?? [];
  const last = children[children.length - 1];
  const separator = isSpaced(text) ? ' ' : '';
  if (!last) {
    return { offset: objectNode.offset, length: objectNode.length, content: `{${separator}${member}${separator}}` };
  }
  const lastEnd = last.offset + last.length;
  const onOneLine = !/[\r\n]/.test(text.slice(objectNode.offset, objectNode.offset + objectNode.length));
  if (!onOneLine && startsLine(text, last.offset)) {
    return { offset: lastEnd, length: 0, content: `,${detectTextStyle(text).eol}${lineIndentAt(text, last.offset)}${member}` };
  }
  return { offset: lastEnd, length: 0, content: `,${separator}${member}` };
}

/** The text of a node as written in the document. */
function textOf(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

/**
 * The edits that make `entry`'s key be tested by `operator` (a full operator name, qualifier and
 * IfExists included), leaving every other key where it is. `valueText` replaces the key's value when
 * given. Undefined when the key cannot move: the target block already tests the same key.
 */
export function changeOperatorEdits(text: string, statement: PolicyStatement, entry: ConditionEntry, operator: string, valueText?: string): OffsetEdit[] | undefined {
  const condition = statement.elements.Condition?.valueNode;
  const block = entry.keyNode.parent?.parent;
  if (condition?.type !== 'object' || block?.type !== 'object' || !entry.valueNode) {
    return undefined;
  }
  const alone = objectMembers(block).length === 1;
  const value = valueText ?? textOf(text, entry.valueNode);
  const member = `${textOf(text, entry.keyNode)}:${isSpaced(text) ? ' ' : ''}${value}`;
  const target = objectMembers(condition).find((candidate) => candidate.name === operator && candidate.valueNode?.type === 'object');
  if (target?.valueNode) {
    const { lowerKey } = entry;
    const removal = removeMemberEdit(alone ? entry.operatorNode : entry.keyNode);
    if (objectMembers(target.valueNode).some((other) => other.name.toLowerCase() === lowerKey) || !removal) {
      return undefined;
    }
    return [removal, appendMemberEdit(text, target.valueNode, member)];
  }
  if (alone) {
    const edits = [renameKeyEdit(entry.operatorNode, operator)];
    return valueText === undefined ? edits : [...edits, { offset: entry.valueNode.offset, length: entry.valueNode.length, content: valueText }];
  }
  const removal = removeMemberEdit(entry.keyNode);
  const separator = isSpaced(text) ? ' ' : '';
  return removal && [removal, appendMemberEdit(text, condition, `${JSON.stringify(operator)}:${separator}{${separator}${member}${separator}}`)];
}

/** A fix that puts `entry`'s key under `operator`, or nothing when it cannot move. */
export function changeOperatorFix(
  text: string,
  statement: PolicyStatement,
  entry: ConditionEntry,
  operator: string,
  options: { title: string; isPreferred: boolean; valueText?: string },
): PolicyFix[] {
  const edits = changeOperatorEdits(text, statement, entry, operator, options.valueText);
  return edits ? [{ title: options.title, isPreferred: options.isPreferred, edits }] : [];
}
