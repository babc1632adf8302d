/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { conditionEntries, ConditionEntry } from '../conditionEntries';
import { removeMemberEdit } from '../fixes/removeMember';
import { propertyNodes } from '../parser/nodeUtils';
import { objectMembers } from '../parser/parsePolicy';
import { ACTION_ELEMENTS, Member, PRINCIPAL_ELEMENTS, RESOURCE_ELEMENTS } from '../parser/policyDocument';
import type { PolicyFix } from '../policyLanguageTypes';
import type { Rule } from './rule';

const ACTION_AND_RESOURCE_ELEMENTS = [...ACTION_ELEMENTS, ...RESOURCE_ELEMENTS] as const;

function isEmpty(node: Node | undefined): boolean {
  return (node?.type === 'array' || node?.type === 'object') && (node.children ?? []).length === 0;
}

function removeFix(keyNode: Node, title: string): PolicyFix[] {
  const edit = removeMemberEdit(keyNode);
  return edit ? [{ title, isPreferred: true, edits: [edit] }] : [];
}

/** What an empty list of values does under each kind of operator (Access Analyzer's four "Empty array condition" checks). */
function emptyValuesMeaning(entry: ConditionEntry): string {
  if (entry.qualifier === 'ForAllValues') {
    return `with ForAllValues and no values, the condition matches only requests that do not carry ${entry.key} at all`;
  }
  if (entry.qualifier === 'ForAnyValue') {
    return 'with ForAnyValue and no values, the condition never matches';
  }
  if (entry.ifExists) {
    return `with IfExists and no values, the condition matches only requests that do not carry ${entry.key}`;
  }
  return 'with no values, nothing can match it';
}

/**
 * An element that is present but empty (Access Analyzer suggestions "Empty array action / resource /
 * principal / condition", "Empty object condition", "Empty Sid value"): `"Action": []`,
 * `"Resource": []`, `{"AWS": []}`, `"Condition": {}`, an operator with `{}`, a condition key with
 * `[]`, `"Sid": ""`. An empty `Principal: {}` is missingPrincipal's and an empty Statement
 * emptyStatement's. Where removing the element keeps the meaning, the fix removes it.
 */
export const emptyElement: Rule = {
  id: 'emptyElement',
  defaultSeverity: 'information',
  description: 'An element is present but empty ("Action": [], "Condition": {}, {"AWS": []}, "Sid": "").',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      for (const name of ACTION_AND_RESOURCE_ELEMENTS) {
        const node = statement.elements[name]?.valueNode;
        if (node?.type === 'array' && isEmpty(node)) {
          const what = name.endsWith('Action') ? 'action' : 'resource';
          context.report(node, `"${name}" is an empty list, so this statement ${name.startsWith('Not') ? `excludes no ${what}` : `applies to no ${what}`}. List the ${what}s it is meant for, or remove the statement.`);
        }
      }
      for (const name of PRINCIPAL_ELEMENTS) {
        const principal = statement.elements[name]?.valueNode;
        // Members are read in place: only an empty list among them needs the member list.
        for (const property of propertyNodes(principal)) {
          const valueNode = property.children?.[1];
          if (valueNode?.type === 'array' && isEmpty(valueNode) && property.children?.[0]?.type === 'string') {
            const members = objectMembers(principal);
            const member = members.find((candidate) => candidate.valueNode === valueNode) as Member;
            context.report(valueNode, `"${member.name}" is an empty list and names nobody. List the principals, or remove "${member.name}".`, {
              fixes: members.length > 1 ? removeFix(member.keyNode, `Remove the empty "${member.name}"`) : [],
            });
          }
        }
      }
      const condition = statement.elements.Condition;
      const operators = condition?.valueNode;
      if (condition && operators?.type === 'object' && isEmpty(operators)) {
        context.report(operators, 'The Condition is empty, so it does nothing. Add the conditions you meant, or remove it.', { fixes: removeFix(condition.keyNode, 'Remove the empty Condition') });
      }
      for (const property of propertyNodes(operators)) {
        const keyNode = property.children?.[0];
        const valueNode = property.children?.[1];
        if (keyNode?.type === 'string' && valueNode?.type === 'object' && isEmpty(valueNode)) {
          context.report(valueNode, `"${String(keyNode.value)}" has no condition keys, so it does nothing. Add the keys you meant, or remove it.`, { fixes: removeFix(keyNode, `Remove the empty "${String(keyNode.value)}"`) });
        }
      }
      for (const entry of conditionEntries(statement)) {
        if (entry.valueNode?.type === 'array' && isEmpty(entry.valueNode)) {
          context.report(entry.valueNode, `"${entry.key}" has an empty list of values: ${emptyValuesMeaning(entry)}. List the values, or remove the key.`);
        }
      }
      const sid = statement.elements.Sid;
      if (sid?.valueNode?.type === 'string' && sid.valueNode.value === '') {
        context.report(sid.valueNode, 'The Sid is empty. Give the statement a short name of letters and digits, or remove the Sid.', { fixes: removeFix(sid.keyNode, 'Remove the empty Sid') });
      }
    }
  },
};
