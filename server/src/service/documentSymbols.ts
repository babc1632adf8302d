/* S3 Bucket Policy — MIT License. */
/**
 * Document symbols for the outline and breadcrumbs: the top-level elements, one symbol per
 * statement named by its Sid or by a short summary such as `Deny s3:* unless HTTPS`, and the
 * statement's elements below it (Condition operators and keys nested).
 */
import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol, Range, SymbolKind } from 'vscode-languageserver-types';
import { splitArn } from './arns';
import { conditionEntries, ConditionEntry } from './conditionEntries';
import { operatorParts } from './conditionOperators';
import { isNegatedOperator } from './hover/conditionTexts';
import { objectMembers } from './parser/parsePolicy';
import { stringNodes, stringValue } from './parser/nodeUtils';
import type { Member, PolicyDocument, PolicyStatement } from './parser/policyDocument';
import { principalValues } from './principals';

/** The longest statement summary; longer ones end in "…". */
const MAX_SUMMARY = 80;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A principal in few words: `everyone`, an account ID, `role/name`, a service name. */
function shortPrincipal(type: string, value: string): string {
  if (value === '*') {
    return 'everyone';
  }
  if (type !== 'AWS') {
    return value;
  }
  const fields = splitArn(value);
  if (!fields) {
    return value;
  }
  return fields.resource === 'root' ? fields.account : fields.resource;
}

function principalPart(statement: PolicyStatement, effect: string | undefined): string {
  const principals = principalValues(statement);
  const first = principals[0];
  if (!first) {
    return '';
  }
  const who = shortPrincipal(first.type, first.value) + (principals.length > 1 ? ` +${principals.length - 1}` : '');
  if (first.element === 'NotPrincipal') {
    return ` to all but ${who}`;
  }
  if (effect === 'Deny') {
    return who === 'everyone' ? '' : ` for ${who}`;
  }
  return ` to ${who}`;
}

function conditionPhrase(entry: ConditionEntry, effect: string | undefined): string {
  const value = entry.values[0] ? String(entry.values[0].value) : '';
  const key = entry.lowerKey;
  const { base } = operatorParts(entry.operator);
  if (key === 'aws:securetransport' && base === 'Bool') {
    const secure = value === 'true';
    return effect === 'Deny' && !secure ? 'unless HTTPS' : secure ? 'over HTTPS' : 'over HTTP';
  }
  if (key === 's3:tlsversion' && base === 'NumericLessThan' && effect === 'Deny') {
    return `unless TLS ≥ ${value}`;
  }
  if (base === 'Null') {
    return `if ${entry.key} is ${value === 'true' ? 'missing' : 'present'}`;
  }
  const values = entry.values.length > 1 ? `${value} +${entry.values.length - 1}` : value;
  return isNegatedOperator(base) ? `unless ${entry.key} ${values}` : `if ${entry.key} ${values}`;
}

/** A short description of what a statement does: `Deny s3:* unless HTTPS`, `Allow s3:GetObject to 210987654321`. */
export function statementSummary(statement: PolicyStatement): string {
  const effect = stringValue(statement.elements.Effect?.valueNode);
  const notAction = statement.elements.NotAction;
  const actions = stringNodes((notAction ?? statement.elements.Action)?.valueNode).map((node) => String(node.value));
  let text = effect ?? 'Statement';
  if (actions.length > 0) {
    text += ` ${notAction ? 'all but ' : ''}${actions[0]}${actions.length > 1 ? ` +${actions.length - 1}` : ''}`;
  }
  text += principalPart(statement, effect);
  const entries = conditionEntries(statement);
  if (entries.length > 0) {
    text += ` ${conditionPhrase(entries[0], effect)}${entries.length > 1 ? ' …' : ''}`;
  }
  return shorten(text, MAX_SUMMARY);
}

/** Builds LSP ranges from offsets, keeping each selection range inside its full range. */
class SymbolBuilder {
  constructor(private readonly document: TextDocument) {}

  range(offset: number, length: number): Range {
    return Range.create(this.document.positionAt(offset), this.document.positionAt(offset + Math.max(0, length)));
  }

  symbol(name: string, detail: string, kind: SymbolKind, full: { offset: number; length: number }, selection: { offset: number; length: number }, children: DocumentSymbol[]): DocumentSymbol {
    const inside = selection.offset >= full.offset && selection.offset + selection.length <= full.offset + Math.max(0, full.length);
    const selectionRange = inside ? this.range(selection.offset, selection.length) : this.range(full.offset, 0);
    return DocumentSymbol.create(name || '""', detail, kind, this.range(full.offset, full.length), selectionRange, children);
  }
}

function kindOf(node: Node | undefined): SymbolKind {
  switch (node?.type) {
    case 'object':
      return SymbolKind.Module;
    case 'array':
      return SymbolKind.Array;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'null':
      return SymbolKind.Null;
    default:
      return SymbolKind.String;
  }
}

/** What a value shows next to its name: a scalar itself, the items of a short array, nothing for an object. */
function valueDetail(node: Node | undefined): string {
  if (!node || node.type === 'object') {
    return '';
  }
  if (node.type === 'array') {
    const items = (node.children ?? []).map((child) => (child.type === 'object' || child.type === 'array' ? '…' : String(child.value)));
    return shorten(items.join(', '), MAX_SUMMARY);
  }
  return shorten(String(node.value), MAX_SUMMARY);
}

/** The span of a member: its key through its value (the property node), or the key alone when the tree has no more. */
function memberSpan(member: Member): { offset: number; length: number } {
  const property = member.keyNode.parent;
  const end = Math.max(member.keyNode.offset + member.keyNode.length, property ? property.offset + property.length : 0, member.valueNode ? member.valueNode.offset + member.valueNode.length : 0);
  return { offset: member.keyNode.offset, length: end - member.keyNode.offset };
}

function memberSymbol(builder: SymbolBuilder, member: Member, depth: number): DocumentSymbol {
  const children = depth > 0 ? objectMembers(member.valueNode).map((child) => memberSymbol(builder, child, depth - 1)) : [];
  return builder.symbol(member.name, valueDetail(member.valueNode), kindOf(member.valueNode), memberSpan(member), member.keyNode, children);
}

function statementSymbol(builder: SymbolBuilder, statement: PolicyStatement): DocumentSymbol {
  const sidNode = statement.elements.Sid?.valueNode;
  const sid = stringValue(sidNode)?.trim();
  const summary = statementSummary(statement);
  const members = objectMembers(statement.node);
  const selection = sid && sidNode ? sidNode : members[0]?.keyNode ?? { offset: statement.node.offset, length: 1 };
  const children = members.map((member) => memberSymbol(builder, member, member.name === 'Condition' ? 2 : 1));
  return builder.symbol(sid || summary, sid ? summary : '', SymbolKind.Object, statement.node, selection, children);
}

/** The outline of a policy: Version, Id and Statement at the top, one symbol per statement under Statement. */
export function findDocumentSymbols(document: TextDocument, policy: PolicyDocument): DocumentSymbol[] {
  if (policy.root?.type !== 'object') {
    return [];
  }
  const builder = new SymbolBuilder(document);
  return objectMembers(policy.root).map((member) => {
    if (member.valueNode && member.valueNode === policy.statementNode) {
      const statements = policy.statements.map((statement) => statementSymbol(builder, statement));
      const detail = member.valueNode.type === 'array' ? `${statements.length} statement${statements.length === 1 ? '' : 's'}` : '';
      return builder.symbol(member.name, detail, kindOf(member.valueNode), memberSpan(member), member.keyNode, statements);
    }
    return memberSymbol(builder, member, 0);
  });
}
