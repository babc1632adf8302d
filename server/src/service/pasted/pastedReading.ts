/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { memoizePerObject } from '../memoizePerObject';
import { objectMembers, parsePolicy } from '../parser/parsePolicy';
import type { PolicyDocument } from '../parser/policyDocument';
import { buildOffsetMap, OffsetMap } from './offsetMap';
import { findSyntaxRepairs, SyntaxRepair } from './syntaxRepairs';

/**
 * What the repaired reading had to put around the text: nothing, braces around members pasted
 * with their keys, or a policy around a bare statement, a bare list of statements, or statement
 * elements pasted with their keys.
 */
export type Wrapping = 'none' | 'members' | 'statement' | 'statements' | 'statementMembers';

/** A pasted document read as the person meant it: the repairs, the wrapping and the strict-JSON text they give. */
export interface PastedReading {
  repairs: readonly SyntaxRepair[];
  wrapping: Wrapping;
  /** The repaired text (strict JSON, a policy object) and its map back onto the original. */
  map: OffsetMap;
  /** The repaired text, parsed: no syntax problems. */
  policy: PolicyDocument;
  /** True when the original's own tree cannot be trusted (a syntax problem other than comments, trailing commas, single quotes or a byte order mark). */
  broken: boolean;
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const POLICY_START = '{"Version": "2012-10-17", "Statement": ';

/** Every member a statement element, one of them Effect, Action or NotAction: a statement without its policy. */
function isBareStatement(node: Node | undefined): boolean {
  const names = objectMembers(node).map((member) => member.name);
  return node?.type === 'object' && names.length > 0 && names.every((name) => STATEMENT_ELEMENTS.has(name)) && names.some((name) => name === 'Effect' || name === 'Action' || name === 'NotAction');
}

/** What a parsed strict-JSON root needs around it to be a policy; undefined when it is not clearly a policy, a statement or a list of them. */
function wrappingOf(root: Node | undefined, hasStatement: boolean): Wrapping | undefined {
  if (root?.type === 'object') {
    return hasStatement ? 'none' : isBareStatement(root) ? 'statement' : undefined;
  }
  if (root?.type === 'array') {
    const items = root.children ?? [];
    return items.length > 0 && items.every(isBareStatement) ? 'statements' : undefined;
  }
  return undefined;
}

const PREFIXES: Record<Wrapping, [string, string]> = {
  none: ['', ''],
  members: ['{', '}'],
  statement: [`${POLICY_START}[`, ']}'],
  statements: [POLICY_START, '}'],
  statementMembers: [`${POLICY_START}[{`, '}]}'],
};

/** The reading with this wrapping, when its text is strict JSON. */
function readWith(text: string, repairs: SyntaxRepair[], wrapping: Wrapping): { map: OffsetMap; policy: PolicyDocument } | undefined {
  const [prefix, suffix] = PREFIXES[wrapping];
  const map = buildOffsetMap(text, repairs.map((repair) => repair.edit), prefix, suffix);
  const policy = parsePolicy(map.text);
  return policy.syntaxProblems.length === 0 && !policy.skipped && policy.root ? { map, policy } : undefined;
}

/**
 * False when the parser's own reading is the one meant: strict JSON or comments and the like
 * around a policy object (three field reads for nearly every document), a document too large to
 * read, or strict JSON that is neither an object nor an array.
 */
function needsReading(policy: PolicyDocument): boolean {
  if (policy.skipped) {
    return false;
  }
  if (policy.statementNode !== undefined && policy.root?.type === 'object') {
    return policy.syntaxProblems.some((problem) => !problem.keepsTree);
  }
  return policy.syntaxProblems.length > 0 || policy.root?.type === 'object' || policy.root?.type === 'array';
}

/**
 * Reads a document as pasted from a page, a chat or a template: with typographic or single quotes
 * made straight, comments and trailing commas removed, template values quoted, and a bare
 * statement, a bare list of statements or members pasted with their keys wrapped into a policy.
 * Undefined when the parser's reading is already the one meant (every strict-JSON policy), or
 * when what the repairs leave is not strict JSON or not clearly a policy: then only the syntax is
 * reported.
 */
function computePastedReading(policy: PolicyDocument): PastedReading | undefined {
  if (!needsReading(policy)) {
    return undefined;
  }
  const repairs = findSyntaxRepairs(policy.text);
  if (!repairs) {
    return undefined;
  }
  const broken = policy.syntaxProblems.some((problem) => !problem.keepsTree);
  const plain = readWith(policy.text, repairs, 'none');
  if (plain) {
    const wrapping = wrappingOf(plain.policy.root, plain.policy.statementNode !== undefined);
    if (wrapping === undefined || (wrapping === 'none' && !broken)) {
      return undefined;
    }
    const wrapped = wrapping === 'none' ? plain : readWith(policy.text, repairs, wrapping);
    return wrapped && { repairs, wrapping, ...wrapped, broken };
  }
  // Members pasted with their keys ("Condition": {…}): braces make them an object, whose names say what it is.
  const members = readWith(policy.text, repairs, 'members');
  const names = objectMembers(members?.policy.root).map((member) => member.name);
  if (!members || names.length === 0) {
    return undefined;
  }
  if (names.every((name) => TOP_LEVEL.has(name))) {
    return members.policy.statementNode ? { repairs, wrapping: 'members', ...members, broken: true } : undefined;
  }
  if (names.every((name) => STATEMENT_ELEMENTS.has(name))) {
    const statement = readWith(policy.text, repairs, 'statementMembers');
    return statement && { repairs, wrapping: 'statementMembers', ...statement, broken: true };
  }
  return undefined;
}

/** The pasted reading of a parsed document, computed once per parse. */
export const pastedReading = memoizePerObject(computePastedReading);
