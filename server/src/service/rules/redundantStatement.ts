/* S3 Bucket Policy — MIT License. */
import { getNodeValue, Node } from 'jsonc-parser';
import { removeElementEdit } from '../edits/removeArrayElement';
import type { Member, PolicyStatement } from '../parser/policyDocument';
import type { Rule } from './rule';

/** Separates the items of a normalised value; JSON text never holds it unescaped. */
const ITEM = '\u0000';
const MEMBER = '\u0001';

/** A value as text: strings as they are, other values as JSON. */
function itemText(node: Node, lower: boolean): string {
  const text = node.type === 'string' ? String(node.value) : JSON.stringify(getNodeValue(node));
  return lower ? text.toLowerCase() : text;
}

/** A string or a list as its sorted items without repeats: `"a"` and `["a"]` are the same. */
function setOf(node: Node, lower = false): string {
  const items = node.type === 'array' ? (node.children ?? []).map((child) => itemText(child, lower)) : [itemText(node, lower)];
  return [...new Set(items)].sort().join(ITEM);
}

/** An object's members, sorted by key, each value normalised; other values as JSON. */
function sortedMembers(node: Node, normaliseValue: (item: Node) => string, lowerKeys = false): string {
  if (node.type !== 'object') {
    return JSON.stringify(getNodeValue(node));
  }
  return (node.children ?? []).map((property) => {
    const key = String(property.children?.[0]?.value);
    const value = property.children?.[1];
    return `${lowerKeys ? key.toLowerCase() : key}${ITEM}${value ? normaliseValue(value) : ''}`;
  }).sort().join(MEMBER);
}

/** An element's value in a form that is equal for elements that mean the same. */
function normalised(name: string, node: Node): string {
  switch (name) {
    case 'Action':
    case 'NotAction':
      return setOf(node, true);
    case 'Resource':
    case 'NotResource':
      return setOf(node);
    case 'Principal':
    case 'NotPrincipal':
      return sortedMembers(node, (item) => setOf(item));
    case 'Condition':
      return sortedMembers(node, (operator) => `{${sortedMembers(operator, (item) => setOf(item), true)}}`);
    default:
      return JSON.stringify(getNodeValue(node));
  }
}

/** The statement without its Sid, as a string that is equal for statements that say the same. */
function signature(statement: PolicyStatement): string {
  const members: string[] = [];
  for (const member of statement.members) {
    if (member.name !== 'Sid') {
      members.push(`${member.name}${MEMBER}${member.valueNode ? normalised(member.name, member.valueNode) : ''}`);
    }
  }
  return members.sort().join('\n');
}

/**
 * A number for one item of a value: its length, and for values compared as written also its middle
 * and last characters (action names and condition keys ignore case: their length only).
 */
function itemPrint(item: Node, exact: boolean): number {
  if (item.type !== 'string') {
    return -item.type.length;
  }
  const text = String(item.value);
  const length = text.length;
  return exact && length > 0 ? (Math.imul(length, 4099) + Math.imul(text.charCodeAt(length - 1), 131) + text.charCodeAt(length >> 1)) | 0 : length;
}

/**
 * The smallest and largest item print of a value (a string or a list), folded into one number: the
 * same for values equal as sets. Reads lengths and characters only, so it allocates nothing.
 */
function valueSpan(node: Node | undefined, exact = true): number {
  if (!node) {
    return 0;
  }
  if (node.type !== 'array') {
    // As a list of one: `"a"` and `["a"]` are the same.
    const print = itemPrint(node, exact);
    return (Math.imul(print, 4099) + print) | 0;
  }
  let smallest = Number.MAX_SAFE_INTEGER;
  let largest = Number.MIN_SAFE_INTEGER;
  for (const item of node.children ?? []) {
    const print = itemPrint(item, exact);
    smallest = Math.min(smallest, print);
    largest = Math.max(largest, print);
  }
  return largest === Number.MIN_SAFE_INTEGER ? 1 : (Math.imul(smallest, 4099) + largest) | 0;
}

/** The sum over an object's members of their key's length and their value's print (order does not matter); `valueSpan` for other values. */
function membersPrint(node: Node | undefined, valuePrint: (value: Node | undefined) => number): number {
  if (node?.type !== 'object') {
    return valueSpan(node);
  }
  let print = 0;
  for (const property of node.children ?? []) {
    print = (print + Math.imul(String(property.children?.[0]?.value).length + 1, 131) + valuePrint(property.children?.[1])) | 0;
  }
  return print;
}

/** Adds an element's print to a rough key: `slot` tells the elements apart, as their names do in a signature. */
function withElement(print: number, slot: number, member: Member | undefined, valuePrint: (value: Node | undefined) => number): number {
  return member ? (print + Math.imul(slot, 7919) + Math.imul(valuePrint(member.valueNode), 31)) | 0 : print;
}

const exactSpan = (value: Node | undefined): number => valueSpan(value);
const lengthSpan = (value: Node | undefined): number => valueSpan(value, false);
/** The print of an object of lists: a Principal, or one operator block of a Condition. */
const listsPrint = (value: Node | undefined): number => membersPrint(value, valueSpan);
const conditionPrint = (value: Node | undefined): number => membersPrint(value, listsPrint);

/**
 * A number that statements with equal signatures always share, read from the lengths and a few
 * characters of each element's values (condition keys and action names by length, as they ignore
 * case), so the full signature is only computed where two statements may be equal. Unknown members,
 * which a signature also holds, are left out: the key only has to agree where signatures do.
 */
function roughKey(statement: PolicyStatement): number {
  const { elements } = statement;
  let print = withElement(0, 1, elements.Effect, exactSpan);
  print = withElement(print, 2, elements.Principal, listsPrint);
  print = withElement(print, 3, elements.NotPrincipal, listsPrint);
  print = withElement(print, 4, elements.Action, lengthSpan);
  print = withElement(print, 5, elements.NotAction, lengthSpan);
  print = withElement(print, 6, elements.Resource, exactSpan);
  print = withElement(print, 7, elements.NotResource, exactSpan);
  return withElement(print, 8, elements.Condition, conditionPrint);
}

/** The statements that share their rough key with another one: only those can repeat each other. */
function candidates(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const keys = statements.map(roughKey);
  const counts = new Map<number, number>();
  for (const key of keys) {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return statements.filter((_, index) => (counts.get(keys[index]) ?? 0) > 1);
}

/**
 * A statement that repeats an earlier one (Access Analyzer suggestion "Redundant statement"): the
 * same Effect, Principal, Action, Resource and Condition, whatever the Sid. Values are compared as
 * sets (a string and a one-element list alike, order ignored), action names and condition keys
 * ignoring case. The last of equal statements is reported at its Sid, or its opening brace; the fix, not
 * preferred, removes it.
 */
export const redundantStatement: Rule = {
  id: 'redundantStatement',
  defaultSeverity: 'information',
  description: 'A statement repeats an earlier one: same Effect, Principal, Action, Resource and Condition.',
  runsOnBrokenDocuments: false,
  check(context) {
    const first = new Map<string, PolicyStatement>();
    const last = new Map<string, PolicyStatement>();
    const signatures = candidates(context.policy.statements).map((statement) => [statement, signature(statement)] as const);
    for (const [statement, key] of signatures) {
      first.set(key, first.get(key) ?? statement);
      last.set(key, statement);
    }
    // Of equal statements only the last is reported: removing an earlier one would leave an equal one in its place.
    for (const [statement, key] of signatures) {
      const earlier = first.get(key);
      if (!earlier || earlier === statement || last.get(key) !== statement) {
        continue;
      }
      const sid = statement.elements.Sid?.valueNode;
      const edit = removeElementEdit(statement.node);
      context.report(sid ?? { offset: statement.node.offset, length: 1 }, `This statement repeats statement ${earlier.index + 1}${earlier.elements.Sid ? ` ("${String(earlier.elements.Sid?.valueNode?.value)}")` : ''}: the same effect, principal, actions, resources and conditions. It adds nothing; remove it.`, {
        fixes: edit ? [{ title: 'Remove the repeated statement', isPreferred: false, edits: [edit] }] : [],
      });
    }
  },
};
