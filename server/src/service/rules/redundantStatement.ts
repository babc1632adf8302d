/* S3 Bucket Policy — MIT License. */
import { getNodeValue, Node } from 'jsonc-parser';
import { removeElementEdit } from '../edits/removeArrayElement';
import { stringNodes } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
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
  for (const member of statement.members.values()) {
    if (member.name !== 'Sid') {
      members.push(`${member.name}${MEMBER}${member.valueNode ? normalised(member.name, member.valueNode) : ''}`);
    }
  }
  return members.sort().join('\n');
}

/** The smallest string of an element's string values, or '' when it has none. */
function smallestString(node: Node | undefined, lower: boolean): string {
  let smallest: string | undefined;
  for (const item of stringNodes(node)) {
    const value = lower ? String(item.value).toLowerCase() : String(item.value);
    if (smallest === undefined || value < smallest) {
      smallest = value;
    }
  }
  return smallest ?? '';
}

/** The smallest `operator key value` of a Condition element (keys lowercased), or '' when it has none. */
function smallestCondition(node: Node | undefined): string {
  let smallest: string | undefined;
  for (const operator of node?.type === 'object' ? node.children ?? [] : []) {
    const block = operator.children?.[1];
    for (const entry of block?.type === 'object' ? block.children ?? [] : []) {
      const pair = `${String(operator.children?.[0]?.value)} ${String(entry.children?.[0]?.value).toLowerCase()} ${smallestString(entry.children?.[1], false)}`;
      if (smallest === undefined || pair < smallest) {
        smallest = pair;
      }
    }
  }
  return smallest ?? '';
}

/**
 * A cheap key that statements meaning the same always share (their effect, number of elements,
 * smallest action, resource and condition), so the full signature is only computed where two
 * statements may be equal.
 */
function roughKey(statement: PolicyStatement): string {
  const { members } = statement;
  const action = members.get('Action') ?? members.get('NotAction');
  const resource = members.get('Resource') ?? members.get('NotResource');
  const principal = members.get('Principal') ?? members.get('NotPrincipal');
  const principalValues = principal?.valueNode?.type !== 'object' ? principal?.valueNode : principal.valueNode.children?.length === 1 ? principal.valueNode.children[0].children?.[1] : undefined;
  return `${principal?.name}:${smallestString(principalValues, false)}\n${members.size - (members.has('Sid') ? 1 : 0)}\n${String(members.get('Effect')?.valueNode?.value)}\n${action?.name}:${smallestString(action?.valueNode, true)}\n${resource?.name}:${smallestString(resource?.valueNode, false)}\n${smallestCondition(members.get('Condition')?.valueNode)}`;
}

/** The statements that share their rough key with another one: only those can repeat each other. */
function candidates(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const groups = new Map<string, PolicyStatement[]>();
  for (const statement of statements) {
    const key = roughKey(statement);
    const group = groups.get(key);
    if (group) {
      group.push(statement);
    } else {
      groups.set(key, [statement]);
    }
  }
  return [...groups.values()].filter((group) => group.length > 1).flat().sort((a, b) => a.index - b.index);
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
      const sid = statement.members.get('Sid')?.valueNode;
      const edit = removeElementEdit(statement.node);
      context.report(sid ?? { offset: statement.node.offset, length: 1 }, `This statement repeats statement ${earlier.index + 1}${earlier.members.get('Sid') ? ` ("${String(earlier.members.get('Sid')?.valueNode?.value)}")` : ''}: the same effect, principal, actions, resources and conditions. It adds nothing; remove it.`, {
        fixes: edit ? [{ title: 'Remove the repeated statement', isPreferred: false, edits: [edit] }] : [],
      });
    }
  },
};
