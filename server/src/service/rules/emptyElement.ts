/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { conditionEntries, ConditionEntry } from '../conditionEntries';
import { removeMemberEdit } from '../fixes/removeMember';
import { objectMembers } from '../parser/parsePolicy';
import { ACTION_ELEMENTS, PRINCIPAL_ELEMENTS, RESOURCE_ELEMENTS } from '../parser/policyDocument';
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
        const members = objectMembers(statement.elements[name]?.valueNode);
        for (const member of members) {
          if (member.valueNode?.type === 'array' && isEmpty(member.valueNode)) {
            context.report(member.valueNode, `"${member.name}" is an empty list and names nobody. List the principals, or remove "${member.name}".`, {
              fixes: members.length > 1 ? removeFix(member.keyNode, `Remove the empty "${member.name}"`) : [],
            });
          }
        }
      }
      const condition = statement.elements.Condition;
      if (condition && condition.valueNode?.type === 'object' && isEmpty(condition.valueNode)) {
        context.report(condition.valueNode, 'The Condition is empty, so it does nothing. Add the conditions you meant, or remove it.', { fixes: removeFix(condition.keyNode, 'Remove the empty Condition') });
      }
      for (const operator of objectMembers(condition?.valueNode)) {
        if (operator.valueNode?.type === 'object' && isEmpty(operator.valueNode)) {
          context.report(operator.valueNode, `"${operator.name}" has no condition keys, so it does nothing. Add the keys you meant, or remove it.`, { fixes: removeFix(operator.keyNode, `Remove the empty "${operator.name}"`) });
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
