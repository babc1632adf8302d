/* S3 Bucket Policy — MIT License. */
/**
 * Hover: what the element, action, condition key, operator, principal or resource under the cursor
 * means, in Markdown. Reads the parsed policy only, so it works on every document version the
 * parser produced a tree for, broken ones included.
 */
import { findNodeAtOffset, getNodePath, JSONPath, Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import { bucketOfArn } from '../arns';
import { conditionKey, findS3Action, findS3ResourceType, matchS3Actions, S3Action, s3Actions } from '../data/awsData';
import { resourceTypesMatching } from '../data/resourceTypeMatching';
import type { PolicyDocument } from '../parser/policyDocument';
import { operatorParts } from '../conditionOperators';
import { describeOperator, familiesForType, globalKeyText, operatorFamily, operatorsForType } from './conditionTexts';
import { describePrincipalValue, EFFECT_TEXT, elementDescription, ElementScope, PRINCIPAL_FORMS_TEXT, VERSION_TEXT } from './elementTexts';

/** How many actions a wildcard's hover lists before it says how many more there are. */
const LISTED_ACTIONS = 12;

/** Where a path lies: in a statement (with the path inside it) or at the top of the policy. */
interface StatementPath {
  inStatement: boolean;
  /** The path inside the statement (or the whole path at the top). */
  rest: JSONPath;
}

/** Splits a JSON path into "inside a statement" and the rest, for a Statement that is an array or a single object. */
function statementPath(path: JSONPath): StatementPath {
  if (path[0] !== 'Statement' || path.length < 2) {
    return { inStatement: false, rest: path };
  }
  return typeof path[1] === 'number' ? { inStatement: path.length > 2, rest: path.slice(2) } : { inStatement: true, rest: path.slice(1) };
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '\'')}\``;
}

/** Markdown about one S3 action: description, access level, the resource types it needs, its condition keys. */
function describeAction(action: S3Action): string {
  const lines = [`**${code(`s3:${action.name}`)}** — ${action.accessLevel}`, '', action.description + '.'];
  if (action.resourceTypes.length === 0) {
    lines.push('', '**Resource**: only `"*"` (it does not act on a bucket or an object).');
  } else {
    lines.push('', '**Resources**:');
    for (const type of action.resourceTypes) {
      const format = findS3ResourceType(type.name)?.arnFormat;
      lines.push(`- ${type.name}${format ? ` ${code(format)}` : ''}${type.required ? ' (required)' : ''}`);
    }
  }
  const keys = action.conditionKeys.map(code).join(', ');
  lines.push('', `**Condition keys**: ${keys ? `${keys}, and the global \`aws:\` keys` : 'the global `aws:` keys'}.`);
  return lines.join('\n');
}

function actionHover(value: string): string | undefined {
  if (value.trim() === '*') {
    return `**${code('*')}** — every action. In a bucket policy that means every S3 action (${s3Actions().length}).`;
  }
  if (!/[*?]/.test(value)) {
    const action = findS3Action(value.trim());
    return action ? describeAction(action) : undefined;
  }
  const matches = matchS3Actions(value.trim());
  if (matches.length === 0) {
    return undefined;
  }
  if (matches.length === s3Actions().length) {
    return `**${code(value)}** — every S3 action (${matches.length}).`;
  }
  const lines = [`**${code(value)}** matches ${matches.length} S3 action${matches.length === 1 ? '' : 's'}:`, ''];
  lines.push(...matches.slice(0, LISTED_ACTIONS).map((action) => `- ${code(`s3:${action.name}`)} — ${action.accessLevel}`));
  if (matches.length > LISTED_ACTIONS) {
    lines.push(`- …and ${matches.length - LISTED_ACTIONS} more`);
  }
  return lines.join('\n');
}

/** The actions that support a condition key, by name. */
function actionsSupporting(name: string): S3Action[] {
  return s3Actions().filter((action) => action.conditionKeys.includes(name));
}

/** Markdown about a condition key: type, description, the operators that fit, when a request carries it. */
export function describeConditionKey(key: string, operator?: string): string | undefined {
  const info = conditionKey(key);
  if (!info) {
    return undefined;
  }
  const ours = info.global ? globalKeyText(info.name) : undefined;
  const lines = [`**${code(info.name)}** — ${code(info.type)}, ${info.global ? 'global' : 'S3'} condition key`, ''];
  const description = ours?.description ?? (info.description ? `${info.description}.` : undefined);
  if (description) {
    lines.push(description, '');
  }
  const operators = operatorsForType(info.type).map((name) => (info.multivalued ? `ForAnyValue:${name}` : name));
  lines.push(`**Operators**: ${operators.map(code).join(', ')}; \`Null\` tests whether the key is present.${info.multivalued ? ' Multivalued: qualify the operator with `ForAnyValue:` or `ForAllValues:`.' : ''}`);
  const supporting = actionsSupporting(info.name);
  if (ours) {
    lines.push('', `**Availability**: ${ours.presence}`);
  } else if (supporting.length > 0) {
    const examples = supporting.slice(0, 3).map((action) => code(`s3:${action.name}`)).join(', ');
    lines.push('', `**Availability**: only on requests of the ${supporting.length} S3 action${supporting.length === 1 ? '' : 's'} that support it (${examples}${supporting.length > 3 ? ', …' : ''}).`);
  }
  if (operator) {
    const family = operatorFamily(operatorParts(operator).base);
    if (family && family !== 'Null' && !familiesForType(info.type).includes(family)) {
      lines.push('', `**Note**: ${code(operator)} does not fit a ${info.type} key; use ${operators.slice(0, 2).map(code).join(' or ')}.`);
    }
  }
  return lines.join('\n');
}

function resourceHover(value: string): string | undefined {
  if (value === '*') {
    return '**`*`** — every resource: in a bucket policy, the bucket and every object in it. Naming the ARNs is clearer.';
  }
  const bucket = bucketOfArn(value);
  if (!bucket) {
    return undefined;
  }
  const types = resourceTypesMatching(value).map((type) => type.name);
  const lines = [`**${code(value)}**`, ''];
  if (types.includes('bucket')) {
    lines.push(`- the bucket ${code(bucket)} itself: bucket actions such as \`s3:ListBucket\` need this ARN`);
  }
  if (types.includes('object')) {
    lines.push(`- objects of ${code(bucket)}${value.includes('/') ? ` whose key matches ${code(value.slice(value.indexOf('/') + 1))}` : ''}: object actions such as \`s3:GetObject\` need an ARN like this`);
  }
  return types.length > 0 ? lines.join('\n') : undefined;
}

function elementHover(scope: ElementScope, name: string): string | undefined {
  if (scope === 'policy' && name === 'Version') {
    return VERSION_TEXT;
  }
  if (scope === 'statement' && name === 'Effect') {
    return EFFECT_TEXT;
  }
  const description = elementDescription(scope, name);
  if (!description) {
    return undefined;
  }
  const text = `**${name}**\n\n${description}`;
  return scope === 'statement' && (name === 'Principal' || name === 'NotPrincipal') ? `${text}\n\n---\n\n${PRINCIPAL_FORMS_TEXT}` : text;
}

function keyHover(path: JSONPath): string | undefined {
  const name = String(path[path.length - 1]);
  if (path.length === 1) {
    return elementHover('policy', name);
  }
  const { inStatement, rest } = statementPath(path);
  if (!inStatement) {
    return undefined;
  }
  if (rest.length === 1) {
    return elementHover('statement', name);
  }
  if (rest.length === 2 && (rest[0] === 'Principal' || rest[0] === 'NotPrincipal')) {
    return elementHover('principal', name);
  }
  if (rest[0] === 'Condition' && rest.length === 2) {
    return describeOperator(name);
  }
  if (rest[0] === 'Condition' && rest.length === 3) {
    return describeConditionKey(name, String(rest[1]));
  }
  return undefined;
}

function valueHover(path: JSONPath, value: string): string | undefined {
  if (path.length === 1 && path[0] === 'Version') {
    return VERSION_TEXT;
  }
  const { inStatement, rest } = statementPath(path);
  if (!inStatement) {
    return undefined;
  }
  const element = rest[0];
  if (element === 'Effect' && rest.length === 1) {
    return EFFECT_TEXT;
  }
  if ((element === 'Action' || element === 'NotAction') && rest.length <= 2) {
    return actionHover(value);
  }
  if ((element === 'Resource' || element === 'NotResource') && rest.length <= 2) {
    return resourceHover(value);
  }
  if (element === 'Principal' || element === 'NotPrincipal') {
    const line = describePrincipalValue(rest.length === 1 ? '*' : String(rest[1]), value);
    return rest.length === 1 ? `${line ? `${line}\n\n---\n\n` : ''}${PRINCIPAL_FORMS_TEXT}` : line;
  }
  return undefined;
}

function isPropertyKey(node: Node): boolean {
  return node.parent?.type === 'property' && node.parent.children?.[0] === node;
}

/** The hover for the string under `position`, or null when there is nothing to say about it. */
export function doHover(document: TextDocument, policy: PolicyDocument, position: Position): Hover | null {
  if (!policy.root) {
    return null;
  }
  const node = findNodeAtOffset(policy.root, document.offsetAt(position), true);
  if (node?.type !== 'string') {
    return null;
  }
  const path = getNodePath(node);
  const value = String(node.value);
  const markdown = isPropertyKey(node) ? keyHover(path) : valueHover(path, value);
  if (!markdown) {
    return null;
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: Range.create(document.positionAt(node.offset), document.positionAt(node.offset + node.length)),
  };
}
