/* S3 Bucket Policy — MIT License. */
import { getNodeValue, Node } from 'jsonc-parser';
import { removeElementEdit } from '../edits/removeArrayElement';
import { stringNodes } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
import type { Rule } from './rule';

/** A string or a list as a sorted list without repeats: `"a"` and `["a"]` are the same. */
function setOf(value: unknown, lower = false): string[] {
  const items = (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  return [...new Set(items.map((item) => (lower ? item.toLowerCase() : item)))].sort();
}

/** An object's members, sorted by key, each value normalised; other values unchanged. */
function sortedMembers(value: unknown, normaliseValue: (item: unknown) => unknown, lowerKeys = false): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return value;
  }
  return Object.entries(value)
    .map(([key, item]) => [lowerKeys ? key.toLowerCase() : key, normaliseValue(item)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An element's value in a form that is equal for elements that mean the same. */
function normalised(name: string, value: unknown): unknown {
  switch (name) {
    case 'Action':
    case 'NotAction':
      return setOf(value, true);
    case 'Resource':
    case 'NotResource':
      return setOf(value);
    case 'Principal':
    case 'NotPrincipal':
      return sortedMembers(value, (item) => setOf(item));
    case 'Condition':
      return sortedMembers(value, (operator) => sortedMembers(operator, (item) => setOf(item), true));
    default:
      return value;
  }
}

/** The statement without its Sid, as a string that is equal for statements that say the same. */
function signature(statement: PolicyStatement): string {
  const members = [...statement.members.values()]
    .filter((member) => member.name !== 'Sid')
    .map((member) => [member.name, member.valueNode ? normalised(member.name, getNodeValue(member.valueNode)) : null] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(members);
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

/**
 * A cheap key that statements meaning the same always share (their effect, number of elements,
 * smallest action and resource), so the full signature is only computed where two statements may
 * be equal.
 */
function roughKey(statement: PolicyStatement): string {
  const { members } = statement;
  const action = members.get('Action') ?? members.get('NotAction');
  const resource = members.get('Resource') ?? members.get('NotResource');
  return `${members.size - (members.has('Sid') ? 1 : 0)}\n${String(members.get('Effect')?.valueNode?.value)}\n${action?.name}:${smallestString(action?.valueNode, true)}\n${resource?.name}:${smallestString(resource?.valueNode, false)}`;
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
