/* S3 Bucket Policy — MIT License. */
/**
 * Completion for bucket policies, context-aware and tolerant of half-typed text: element names,
 * Version and Effect values, S3 actions, Resource ARNs, principals, condition operators, keys and
 * values, and statement templates. Each proposal replaces the whole string being typed (or is put
 * in with its quotes), with the commas the surrounding JSON needs.
 */
import { findNodeAtLocation, JSONPath, Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Position } from 'vscode-languageserver-types';
import { objectMembers } from '../parser/parsePolicy';
import { stringNodes } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { actionProposals } from './actions';
import { conditionKeyProposals, conditionValueProposals, operatorProposals } from './conditions';
import { CursorContext, cursorContext } from './cursorContext';
import { effectProposals, policyElementProposals, principalProposals, principalTypeProposals, principalValueProposals, statementElementProposals, versionProposals } from './elements';
import { CompletionSettings, placeProposals, Proposal } from './proposals';
import { resourceProposals } from './resources';
import { policyTemplateProposals, statementTemplateProposals } from './templates';

export type { CompletionSettings } from './proposals';

/** What a position proposes, and whether the list depends on what is typed (clients then ask again as typing goes on). */
interface Proposals {
  proposals: Proposal[];
  isIncomplete: boolean;
}

const NONE: Proposals = { proposals: [], isIncomplete: false };

/** The path inside a statement, for a path into the Statement array or the single Statement object; undefined elsewhere. */
function insideStatement(path: JSONPath): { index: number; rest: JSONPath } | undefined {
  if (path[0] !== 'Statement') {
    return undefined;
  }
  return typeof path[1] === 'number' ? { index: path[1], rest: path.slice(2) } : { index: 0, rest: path.slice(1) };
}

/** The node at a path of the parsed tree, if the tree has it. */
function nodeAt(policy: PolicyDocument, path: JSONPath): Node | undefined {
  return policy.root ? findNodeAtLocation(policy.root, path) : undefined;
}

/** The member names of the object at `path`, except the one being typed. */
function presentNames(policy: PolicyDocument, path: JSONPath, context: CursorContext): Set<string> {
  return new Set(objectMembers(nodeAt(policy, path)).filter((member) => member.keyNode.offset !== context.offset).map((member) => member.name));
}

/** The strings of the value at `path` (a string or an array of them), except the one being typed. */
function presentValues(policy: PolicyDocument, path: JSONPath, context: CursorContext): Set<string> {
  return new Set(stringNodes(nodeAt(policy, path)).filter((node) => node.offset !== context.offset).map((node) => String(node.value)));
}

function keyProposals(context: CursorContext, policy: PolicyDocument, statement: PolicyStatement | undefined, rest: JSONPath | undefined): Proposals {
  const present = presentNames(policy, context.path, context);
  if (context.path.length === 0) {
    return { proposals: policyElementProposals(context, present), isIncomplete: false };
  }
  if (!rest) {
    return NONE;
  }
  if (rest.length === 0) {
    return { proposals: statementElementProposals(context, policy, statement, present), isIncomplete: false };
  }
  if (rest.length === 1 && (rest[0] === 'Principal' || rest[0] === 'NotPrincipal')) {
    return { proposals: principalTypeProposals(context, present), isIncomplete: false };
  }
  if (rest.length === 1 && rest[0] === 'Condition') {
    const current = objectMembers(nodeAt(policy, context.path)).find((member) => member.keyNode.offset === context.offset);
    return { proposals: operatorProposals(context, present, objectMembers(current?.valueNode).map((member) => member.name)), isIncomplete: false };
  }
  if (rest.length === 2 && rest[0] === 'Condition') {
    const lowercased = new Set([...present].map((name) => name.toLowerCase()));
    return { proposals: conditionKeyProposals(statement, String(rest[1]), lowercased, !context.colonFollows), isIncomplete: false };
  }
  return NONE;
}

function valueProposals(context: CursorContext, policy: PolicyDocument, statement: PolicyStatement | undefined, rest: JSONPath | undefined): Proposals {
  const { path } = context;
  if (path.length === 1 && path[0] === 'Version') {
    return { proposals: versionProposals(), isIncomplete: false };
  }
  if (!rest) {
    return NONE;
  }
  if (rest.length === 0) {
    return typeof path[1] === 'number' && !context.quoted ? { proposals: statementTemplateProposals(policy), isIncomplete: false } : NONE;
  }
  const element = rest[0];
  const elementPath = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  if (element === 'Effect' && rest.length === 1) {
    return { proposals: effectProposals(), isIncomplete: false };
  }
  if ((element === 'Action' || element === 'NotAction') && rest.length <= 2) {
    const present = new Set([...presentValues(policy, elementPath, context)].map((value) => value.toLowerCase()));
    return { proposals: actionProposals(context.prefix, context.typed, present), isIncomplete: true };
  }
  if ((element === 'Resource' || element === 'NotResource') && rest.length <= 2) {
    return { proposals: resourceProposals(policy, statement, presentValues(policy, elementPath, context)), isIncomplete: false };
  }
  if ((element === 'Principal' || element === 'NotPrincipal') && rest.length === 1) {
    return { proposals: principalProposals(context), isIncomplete: false };
  }
  if ((element === 'Principal' || element === 'NotPrincipal') && rest.length <= 3) {
    return { proposals: principalValueProposals(policy, String(rest[1]), presentValues(policy, elementPath, context)), isIncomplete: false };
  }
  if (element === 'Condition' && (rest.length === 3 || rest.length === 4)) {
    return { proposals: conditionValueProposals(String(rest[2]), String(rest[1]), presentValues(policy, elementPath, context)), isIncomplete: false };
  }
  return NONE;
}

/**
 * The completion list at a position of a policy document (the whole-policy template in an empty
 * one). `settings` says what the client supports (snippets by default).
 */
export function doComplete(document: TextDocument, policy: PolicyDocument, position: Position, settings: CompletionSettings = { snippetSupport: true }): CompletionList {
  const text = document.getText();
  const context = cursorContext(text, document.offsetAt(position));
  if (!context) {
    return { isIncomplete: false, items: [] };
  }
  const inside = insideStatement(context.path);
  const statement = inside && policy.statements.find((candidate) => candidate.index === inside.index);
  const { proposals, isIncomplete } = text.trim() === ''
    ? { proposals: policyTemplateProposals(), isIncomplete: false }
    : context.kind === 'key' ? keyProposals(context, policy, statement, inside?.rest) : valueProposals(context, policy, statement, inside?.rest);
  const place = placeProposals(document, context, settings);
  return { isIncomplete, items: proposals.map(place) };
}
