/* S3 Bucket Policy — MIT License. */
import { createScanner, Node, ParseError, ParseErrorCode, parseTree, printParseErrorCode, SyntaxKind } from 'jsonc-parser';
import type { OffsetEdit } from '../policyLanguageTypes';
import { checkDocumentLimits, MAX_DOCUMENT_LENGTH, nestingLimitExceeded, nestsTooDeep } from './documentLimits';
import type { Member, PolicyDocument, PolicyStatement, SkippedDocument, StatementElementName, StatementElements, SyntaxProblem } from './policyDocument';
import { findQuotedSpans } from './quotedSpans';
import { strictJsonTree } from './strictJsonTree';

const PLAIN_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character. S3 accepts strict JSON only: double-quoted strings and no comments.',
  [ParseErrorCode.InvalidCommentToken]: 'Comments are not allowed: S3 accepts strict JSON only. Remove the comment (use a "Sid" to label a statement).',
  [ParseErrorCode.PropertyNameExpected]: 'A property name in double quotes is expected here.',
  [ParseErrorCode.ValueExpected]: 'A value is expected here.',
  [ParseErrorCode.ColonExpected]: 'A colon is expected after the property name.',
  [ParseErrorCode.CommaExpected]: 'A comma is expected between elements.',
  [ParseErrorCode.CloseBraceExpected]: 'A closing brace "}" is expected.',
  [ParseErrorCode.CloseBracketExpected]: 'A closing bracket "]" is expected.',
  [ParseErrorCode.EndOfFileExpected]: 'Unexpected text after the end of the policy.',
  [ParseErrorCode.UnexpectedEndOfString]: 'The string is not closed: a double quote is missing.',
  [ParseErrorCode.UnexpectedEndOfComment]: 'The comment is not closed; S3 does not accept comments at all.',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape sequence in the string.',
  [ParseErrorCode.InvalidCharacter]: 'Invalid character in the string (control characters must be escaped).',
};

/** Finds the members of an object node, in document order. */
export function objectMembers(node: Node | undefined): Member[] {
  if (!node || node.type !== 'object' || !node.children) {
    return [];
  }
  const members: Member[] = [];
  for (const property of node.children) {
    const keyNode = property.children?.[0];
    if (!keyNode || keyNode.type !== 'string') {
      continue;
    }
    members.push({ name: String(keyNode.value), keyNode, valueNode: property.children?.[1] });
  }
  return members;
}

function memberMap(node: Node | undefined): Map<string, Member> {
  const map = new Map<string, Member>();
  for (const member of objectMembers(node)) {
    map.set(member.name, member);
  }
  return map;
}

/**
 * The offsets of trailing commas: commas whose next token, comments aside, closes an object or an
 * array. jsonc-parser reports them as a missing property name or value at the closing token.
 */
function findTrailingCommas(text: string): Map<number, number> {
  const commaBeforeClose = new Map<number, number>();
  const scanner = createScanner(text, true);
  let previousComma: number | undefined;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      continue;
    }
    if (previousComma !== undefined && (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken)) {
      commaBeforeClose.set(scanner.getTokenOffset(), previousComma);
    }
    previousComma = kind === SyntaxKind.CommaToken ? scanner.getTokenOffset() : undefined;
  }
  return commaBeforeClose;
}

/** A string written in single quotes, as JavaScript allows and JSON does not. */
interface SingleQuotedString {
  offset: number;
  length: number;
  value: string;
}

const SINGLE_QUOTE = new Set(['\'']);
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Finds 'single-quoted' strings. Only those on one line with no double quote or backslash inside
 * are taken: swapping their quotes is then safe.
 */
function findSingleQuotedStrings(text: string): SingleQuotedString[] {
  return findQuotedSpans(text, SINGLE_QUOTE, (_, char) => char === '\'', /["\\\r]/).flatMap(({ offset, closeOffset }) => (closeOffset === undefined
    ? []
    : [{ offset, length: closeOffset - offset + 1, value: text.slice(offset + 1, closeOffset) }]));
}

/**
 * The edit that removes a comment: the whole line when the comment is alone on it, otherwise the
 * comment and the spaces that separate it from the code.
 */
export function removeCommentEdit(text: string, offset: number, length: number): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset + length);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset + length, lineEnd);
  if (before.trim() === '' && after.trim() === '') {
    if (newline >= 0) {
      return { offset: lineStart, length: newline + 1 - lineStart, content: '' };
    }
    const previousLineEnd = lineStart > 0 ? lineStart - (text[lineStart - 2] === '\r' ? 2 : 1) : lineStart;
    return { offset: previousLineEnd, length: text.length - previousLineEnd, content: '' };
  }
  if (after.trim() === '') {
    const start = offset - (before.length - before.trimEnd().length);
    return { offset: start, length: lineEnd - start - (text[lineEnd - 1] === '\r' ? 1 : 0), content: '' };
  }
  const spacesAfter = after.length - after.trimStart().length;
  return { offset, length: length + spacesAfter, content: '' };
}

/**
 * Parses policy text into the typed model. Never throws: broken text yields a partial tree and
 * syntax problems. Comments and trailing commas are reported (S3 rejects them); comments are
 * marked `strictOnly`, as VS Code's `jsonc` mode accepts them without a word.
 * A 'single-quoted' string is one problem (not the three parse errors it provokes) and is read as
 * the string it means, so the tree around it stays whole; so is a leading byte order mark.
 * A document over the limits of `documentLimits.ts` is not parsed: it comes back `skipped`.
 */
export function parsePolicy(text: string): PolicyDocument {
  const skippedDocument = (skipped: SkippedDocument | undefined): PolicyDocument => ({ text, root: undefined, syntaxProblems: [], topMembers: new Map(), statementNode: undefined, statements: [], skipped });
  if (text.length > MAX_DOCUMENT_LENGTH) {
    return skippedDocument(checkDocumentLimits(text));
  }
  // Most documents are strict JSON: one pass builds their tree. Anything else takes the long way below.
  const strictRoot = strictJsonTree(text);
  if (strictRoot) {
    return withStatements(text, strictRoot, []);
  }
  const singleQuoted = findSingleQuotedStrings(text);
  const hasByteOrderMark = text.startsWith(BYTE_ORDER_MARK);
  // The same text with each single-quoted string in double quotes (same length), assembled in one pass.
  const pieces: string[] = [];
  let copied = 0;
  for (const string of singleQuoted) {
    pieces.push(text.slice(copied, string.offset), `"${string.value}"`);
    copied = string.offset + string.length;
  }
  pieces.push(text.slice(copied));
  const parseText = hasByteOrderMark ? ` ${pieces.join('').slice(1)}` : pieces.join('');
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(parseText, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch (error) {
    // Thousands of levels of nesting exhaust the stack of jsonc-parser's recursive parser; the text scan says where.
    if (error instanceof RangeError) {
      return skippedDocument(nestingLimitExceeded(text));
    }
    throw error;
  }
  // Deep trees are checked on the tree, and only then is the text scanned to say where nesting first goes too deep.
  if (nestsTooDeep(root)) {
    return skippedDocument(nestingLimitExceeded(text));
  }
  // jsonc-parser's scanner counts one character past the end for a block comment left open at the end
  // of the text (scanner.js: `if (!commentClosed) { pos++; …`): the nodes ending there reach past it.
  for (let node = root; node; node = node.children?.[node.children.length - 1]) {
    (node as { length: number }).length = Math.min(node.length, text.length - node.offset);
  }
  const syntaxProblems: SyntaxProblem[] = singleQuoted.map((string) => ({
    offset: string.offset,
    length: string.length,
    message: `Single quotes are not JSON quotes: S3 accepts strict JSON only. Write ${JSON.stringify(string.value)}.`,
    strictOnly: false,
    keepsTree: true,
    fixes: [{ title: 'Use double quotes', isPreferred: true, edits: [{ offset: string.offset, length: string.length, content: JSON.stringify(string.value) }] }],
  }));
  if (hasByteOrderMark) {
    syntaxProblems.push({
      offset: 0,
      length: 1,
      message: 'The file starts with a byte order mark (BOM), which S3 does not accept. Save it as UTF-8 without BOM.',
      strictOnly: true,
      keepsTree: true,
      fixes: [{ title: 'Remove the byte order mark', isPreferred: true, edits: [{ offset: 0, length: 1, content: '' }] }],
    });
  }
  // A trailing comma always provokes a parse error: without errors there is nothing to look for.
  const trailingCommas = errors.length > 0 ? findTrailingCommas(parseText) : new Map<number, number>();
  const reportedCommas = new Set<number>();
  for (const error of errors) {
    const comma = trailingCommas.get(error.offset);
    if (comma !== undefined && (error.error === ParseErrorCode.PropertyNameExpected || error.error === ParseErrorCode.ValueExpected)) {
      if (!reportedCommas.has(comma)) {
        reportedCommas.add(comma);
        syntaxProblems.push({
          offset: comma,
          length: 1,
          message: 'Trailing comma: S3 accepts strict JSON only. Remove this comma.',
          strictOnly: false,
          keepsTree: true,
          fixes: [{ title: 'Remove the trailing comma', isPreferred: true, edits: [{ offset: comma, length: 1, content: '' }] }],
        });
      }
      continue;
    }
    const isComment = error.error === ParseErrorCode.InvalidCommentToken;
    syntaxProblems.push({
      offset: error.offset,
      // At least one character, so the squiggle shows; none at the end of the text, where there is none.
      length: Math.min(Math.max(error.length, 1), text.length - error.offset),
      message: PLAIN_MESSAGES[error.error] ?? `JSON syntax error: ${printParseErrorCode(error.error)}.`,
      strictOnly: isComment,
      keepsTree: isComment,
      fixes: isComment ? [{ title: 'Remove the comment', isPreferred: false, edits: [removeCommentEdit(text, error.offset, Math.min(error.length, text.length - error.offset))] }] : [],
    });
  }
  syntaxProblems.sort((a, b) => a.offset - b.offset);
  return withStatements(text, root, syntaxProblems);
}

/** Each name once, at its first place, with its last value (as S3 reads a repeated key). */
function lastOfEachName(members: Member[]): Member[] {
  return [...new Map(members.map((member) => [member.name, member])).values()];
}

/** The element a member name is, or undefined for a name a statement does not have in S3. */
function elementName(name: string): StatementElementName | undefined {
  // Each case returns its own literal, not `name`: a literal is an internalized string, which an
  // element read by it (`elements[element]`) finds without hashing.
  switch (name) {
    case 'Sid':
      return 'Sid';
    case 'Effect':
      return 'Effect';
    case 'Principal':
      return 'Principal';
    case 'NotPrincipal':
      return 'NotPrincipal';
    case 'Action':
      return 'Action';
    case 'NotAction':
      return 'NotAction';
    case 'Resource':
      return 'Resource';
    case 'NotResource':
      return 'NotResource';
    case 'Condition':
      return 'Condition';
    default:
      return undefined;
  }
}

/**
 * A statement's members and its elements, in one pass over its properties. A statement of known
 * names that do not repeat (nearly all) keeps its list as read; no table of names is built.
 */
function policyStatement(index: number, node: Node): PolicyStatement {
  const elements: StatementElements = { Sid: undefined, Effect: undefined, Principal: undefined, NotPrincipal: undefined, Action: undefined, NotAction: undefined, Resource: undefined, NotResource: undefined, Condition: undefined };
  const members: Member[] = [];
  // An unknown name is not looked for among the others: its statement is deduplicated by name instead.
  let mayRepeat = false;
  for (const property of node.children ?? []) {
    const keyNode = property.children?.[0];
    if (!keyNode || keyNode.type !== 'string') {
      continue;
    }
    const member: Member = { name: String(keyNode.value), keyNode, valueNode: property.children?.[1] };
    members.push(member);
    const element = elementName(member.name);
    mayRepeat ||= element === undefined || elements[element] !== undefined;
    if (element !== undefined) {
      elements[element] = member;
    }
  }
  return { index, node, members: mayRepeat ? lastOfEachName(members) : members, elements, analyses: { conditionEntries: undefined, principalValues: undefined } };
}

/** The policy model over a parsed tree: its top-level members and its statements. */
function withStatements(text: string, root: Node | undefined, syntaxProblems: SyntaxProblem[]): PolicyDocument {
  const topMembers = memberMap(root);
  const statementNode = topMembers.get('Statement')?.valueNode;
  const statements: PolicyStatement[] = [];
  if (statementNode?.type === 'object') {
    statements.push(policyStatement(0, statementNode));
  } else if (statementNode?.type === 'array') {
    (statementNode.children ?? []).forEach((child, index) => {
      if (child.type === 'object') {
        statements.push(policyStatement(index, child));
      }
    });
  }
  return { text, root, syntaxProblems, topMembers, statementNode, statements };
}
