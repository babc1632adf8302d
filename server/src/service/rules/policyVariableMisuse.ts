/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { policyConditionEntries } from '../conditions/policyConditions';
import { findPolicyVariables, PolicyVariable, repairVariable } from '../conditions/policyVariables';
import { conditionKey, conditionKeys } from '../data/awsData';
import { memoize } from '../data/memoize';
import { replaceStringEdit } from '../edits/jsonEdits';
import { lowerBound } from '../lowerBound';
import { stringNodes } from '../parser/nodeUtils';
import { PolicyStatement, RESOURCE_ELEMENTS } from '../parser/policyDocument';
import { overlapsSyntaxProblem } from '../parser/syntaxProblemIndex';
import type { PolicyFix } from '../policyLanguageTypes';
import { CURRENT_POLICY_VERSION, LEGACY_POLICY_VERSION } from '../policyVersions';
import { closestNames } from '../suggestions';
import { substringRange } from '../valueProblems';
import type { Rule, RuleContext } from './rule';

/** Where a string sits, for what a variable may do there. */
type Place =
  | { kind: 'resource' }
  | { kind: 'condition'; operator: string; family: string | undefined }
  | { kind: 'other'; element: string };

const ELEMENTS_WITHOUT_VARIABLES = ['Action', 'NotAction', 'Principal', 'NotPrincipal'] as const;

let names: string[] | undefined;

/** Condition key names a variable may name, for placing a missing brace and for suggestions. */
function variableNames(): string[] {
  return (names ??= conditionKeys().filter((key) => !key.templated && !key.multivalued).map((key) => key.name));
}

const SYNTAX_MESSAGES: Record<string, (variable: PolicyVariable) => string> = {
  missingBrace: (variable) => `The policy variable "${variable.text}" has no closing brace, so S3 reads it as literal text. Add "}" after the variable name.`,
  space: (variable) => `The policy variable "${variable.text}" has a space in it, which variables do not allow (only after the comma before a default value).`,
  empty: () => 'The policy variable "${}" is empty. Put a name inside, such as ${aws:username}, or remove it.',
  unquotedDefault: (variable) => `The default value of "${variable.text}" must be in single quotes, after a comma and a space: \${${variable.name}, 'value'}.`,
};

function repairFix(node: Node, value: string, variable: PolicyVariable): PolicyFix[] {
  const repaired = repairVariable(value, variable);
  return variable.repaired === undefined || repaired === value
    ? []
    : [{ title: `Change to "${variable.repaired}"`, isPreferred: true, edits: [replaceStringEdit(node, repaired)] }];
}

/** What is wrong with a well-formed variable's name, if anything. */
function nameProblem(variable: PolicyVariable): { message: string; fixes: string[] } | undefined {
  if (['*', '?', '$'].includes(variable.name)) {
    return undefined;
  }
  const key = conditionKey(variable.name);
  if (key?.multivalued) {
    return { message: `"${key.name}" can hold several values, and such keys cannot be policy variables: "${variable.text}" stays literal text. Test it in a Condition with ForAnyValue: or ForAllValues: instead.`, fixes: [] };
  }
  if (key) {
    return undefined;
  }
  const suggestions = closestNames(variable.name, variableNames(), 2);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((name) => `"\${${name}}"`).join(' or ')}?` : '';
  return { message: `"${variable.name}" is not a condition key, so the variable "${variable.text}" has no value in any request.${hint}`, fixes: suggestions };
}

/** What is wrong with a well-formed, known variable where it stands, if anything. */
function placeProblem(context: RuleContext, variable: PolicyVariable, place: Place): { message: string; fixes: PolicyFix[] } | undefined {
  if (place.kind === 'other') {
    return { message: `Policy variables work only in Resource and in Condition values; in ${place.element}, "${variable.text}" is literal text. Write the value out.`, fixes: [] };
  }
  if (place.kind === 'condition' && place.family !== undefined && place.family !== 'String' && place.family !== 'Arn') {
    return { message: `Policy variables work only with String and Arn operators; with ${place.operator}, "${variable.text}" is not replaced. Compare the value without a variable, or use a String operator.`, fixes: [] };
  }
  const versionNode = context.policy.topMembers.get('Version')?.valueNode;
  if (versionNode && versionNode.value !== LEGACY_POLICY_VERSION) {
    return undefined;
  }
  const why = versionNode ? `Version is "${LEGACY_POLICY_VERSION}"` : 'The policy has no Version';
  return {
    message: `${why}, so S3 reads "${variable.text}" as literal text: policy variables need Version "${CURRENT_POLICY_VERSION}".${versionNode ? '' : ` Add "Version": "${CURRENT_POLICY_VERSION}".`}`,
    fixes: versionNode?.type === 'string'
      ? [{ title: `Change Version to "${CURRENT_POLICY_VERSION}"`, isPreferred: true, edits: [replaceStringEdit(versionNode, CURRENT_POLICY_VERSION)] }]
      : [],
  };
}

/** The policy variables of a string value, read once per distinct value (the same few values repeat in every statement). Shared: not to be modified. */
const variablesIn = memoize((value: string): readonly PolicyVariable[] => findPolicyVariables(value, variableNames()));

function checkString(context: RuleContext, node: Node, place: Place): void {
  const value = String(node.value);
  if (!value.includes('${') || overlapsSyntaxProblem(context.policy, node)) {
    return;
  }
  for (const variable of variablesIn(value)) {
    const range = substringRange(context.policy.text, node, variable.index, variable.text.length);
    if (variable.problem) {
      context.report(range, SYNTAX_MESSAGES[variable.problem](variable), { fixes: repairFix(node, value, variable) });
      continue;
    }
    const named = nameProblem(variable);
    if (named) {
      context.report(range, named.message, {
        fixes: named.fixes.map((name) => ({
          title: `Change to "\${${name}}"`,
          isPreferred: named.fixes.length === 1,
          edits: [replaceStringEdit(node, repairVariable(value, { ...variable, repaired: `\${${name}}` }))],
        })),
      });
      continue;
    }
    const placed = placeProblem(context, variable, place);
    if (placed) {
      context.report(range, placed.message, { fixes: placed.fixes });
    }
  }
}

/** The offsets of every `${` in a text, in order. */
function variableStarts(text: string): number[] {
  const starts: number[] = [];
  for (let index = text.indexOf('${'); index >= 0; index = text.indexOf('${', index + 2)) {
    starts.push(index);
  }
  return starts;
}

/** True when some of the sorted offsets lies in [start, end). */
function anyWithin(offsets: readonly number[], start: number, end: number): boolean {
  const low = lowerBound(offsets.length, (index) => offsets[index] < start);
  return low < offsets.length && offsets[low] < end;
}

/**
 * Policy variables (`${aws:username}`) written or used so that S3 does not replace them (Access
 * Analyzer "Missing brace in variable", "Unsupported space in variable", "Empty variable", "Missing
 * quote in variable", "Variable unsupported in element", "Variable unsupported in version", "Invalid
 * variable for operator"): a missing `}`, a space, `${}`, an unquoted default value, a name that is
 * no condition key or is multivalued, a variable outside Resource and Condition values, with an
 * operator other than String and Arn ones, or in a policy whose Version is 2008-10-17 or missing.
 * `${…}` whose name does not start with `aws:` or `s3:` is template text, the placeholder rule's.
 */
export const policyVariableMisuse: Rule = {
  id: 'policyVariableMisuse',
  defaultSeverity: 'error',
  description: 'A policy variable S3 does not replace: ${aws:username without }, a space, ${}, an unknown name, in Action or Principal, with a Numeric operator, or without Version 2012-10-17.',
  runsOnBrokenDocuments: true,
  check(context) {
    const starts = variableStarts(context.policy.text);
    if (starts.length === 0) {
      return;
    }
    const withVariables = new Set<PolicyStatement>();
    for (const statement of context.policy.statements) {
      if (!anyWithin(starts, statement.node.offset, statement.node.offset + statement.node.length)) {
        continue;
      }
      withVariables.add(statement);
      for (const element of RESOURCE_ELEMENTS) {
        stringNodes(statement.elements[element]?.valueNode).forEach((node) => checkString(context, node, { kind: 'resource' }));
      }
      for (const element of ELEMENTS_WITHOUT_VARIABLES) {
        const valueNode = statement.elements[element]?.valueNode;
        const nodes = valueNode?.type === 'object' ? (valueNode.children ?? []).flatMap((property) => stringNodes(property.children?.[1])) : stringNodes(valueNode);
        nodes.forEach((node) => checkString(context, node, { kind: 'other', element }));
      }
    }
    for (const { statement, entry, family } of policyConditionEntries(context.policy)) {
      if (withVariables.has(statement)) {
        const place: Place = { kind: 'condition', operator: entry.operator, family };
        entry.values.filter((node) => node.type === 'string').forEach((node) => checkString(context, node, place));
      }
    }
  },
};
