/* S3 Bucket Policy — MIT License. */
/**
 * Where the cursor stands in a policy text, for completion: in an object where a member name goes
 * or where a value goes, at which JSON path, and which span a proposal replaces. Works on half-typed
 * and broken text: jsonc-parser's `getLocation` gives the path, the scanner the tokens around the
 * cursor (an unclosed string, a word typed without quotes, a missing comma).
 */
import { createScanner, getLocation, JSONPath, ScanError, SyntaxKind } from 'jsonc-parser';

/** What the cursor completes, and how a proposal is put in. */
export interface CursorContext {
  /** `key`: a member name of the object at `path`; `value`: the value at `path` (an array item when it ends in a number). */
  kind: 'key' | 'value';
  path: JSONPath;
  /** The span a proposal replaces: the string token around the cursor (quotes included), a word typed without quotes, or nothing. */
  offset: number;
  length: number;
  /** What is typed in that span up to the cursor, without the opening quote. */
  prefix: string;
  /** The text of the span up to the cursor, quotes included: what editors filter the proposals with. */
  typed: string;
  /** True when the span starts with a double quote. */
  quoted: boolean;
  /** Where a comma must be inserted before the proposal (the end of the value before it), when one is missing. */
  commaBefore: number | undefined;
  /** True when a member or item follows without a comma in between: the proposal must end with one. */
  commaAfter: boolean;
  /** For a key: a colon already follows it, so only the name is inserted. */
  colonFollows: boolean;
  /** True when the span follows a colon directly: a value is inserted with a space before it. */
  afterColon: boolean;
}

interface Token {
  kind: SyntaxKind;
  offset: number;
  end: number;
  closed: boolean;
}

const VALUE_ENDS = new Set([SyntaxKind.StringLiteral, SyntaxKind.NumericLiteral, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword, SyntaxKind.CloseBraceToken, SyntaxKind.CloseBracketToken]);
const WORDS = new Set([SyntaxKind.Unknown, SyntaxKind.NumericLiteral, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword]);
const STARTS_VALUE = new Set([SyntaxKind.StringLiteral, SyntaxKind.NumericLiteral, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword, SyntaxKind.OpenBraceToken, SyntaxKind.OpenBracketToken, SyntaxKind.Unknown]);

/** True when the token holds the cursor: strictly inside a string's quotes (or anywhere after an unclosed quote), or inside or at the end of a word. */
function holdsCursor(token: Token, cursor: number): boolean {
  if (token.kind === SyntaxKind.StringLiteral) {
    return token.offset < cursor && (token.closed ? cursor < token.end : cursor <= token.end);
  }
  return WORDS.has(token.kind) && token.offset < cursor && cursor <= token.end;
}

/** The tokens around the cursor: the one holding it, the two before it and the first one after the cursor's span. */
function tokensAround(text: string, cursor: number): { at?: Token; previous?: Token; beforePrevious?: Token; inComment?: boolean } {
  const scanner = createScanner(text, false);
  let previous: Token | undefined;
  let beforePrevious: Token | undefined;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const token = { kind, offset, end: offset + scanner.getTokenLength(), closed: scanner.getTokenError() !== ScanError.UnexpectedEndOfString };
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      if (offset < cursor && (cursor < token.end || (cursor === token.end && kind === SyntaxKind.LineCommentTrivia))) {
        return { inComment: true };
      }
      continue;
    }
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) {
      continue;
    }
    if (holdsCursor(token, cursor)) {
      return { at: token, previous, beforePrevious };
    }
    if (offset >= cursor) {
      break;
    }
    beforePrevious = previous;
    previous = token;
  }
  return { previous, beforePrevious };
}

function nextTokenKind(text: string, offset: number): SyntaxKind {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  return scanner.scan();
}

/**
 * Reads where the cursor stands. Returns undefined where nothing can be proposed: inside a comment,
 * after a member name that lacks its colon.
 */
export function cursorContext(text: string, cursor: number): CursorContext | undefined {
  const { at, previous, beforePrevious, inComment } = tokensAround(text, cursor);
  if (inComment) {
    return undefined;
  }
  let offset = cursor;
  let end = cursor;
  if (at) {
    offset = at.offset;
    // An unclosed string runs to the end of the line: replace only the word the cursor is in, never what follows it.
    end = at.closed ? at.end : cursor + (/^[^\s",\]}]*/.exec(text.slice(cursor, at.end))?.[0].length ?? 0);
  }
  const quoted = at?.kind === SyntaxKind.StringLiteral;
  const location = getLocation(text, cursor);
  let path = location.path;
  let kind: CursorContext['kind'];
  let commaBefore: number | undefined;
  const last = path[path.length - 1];
  if (previous && VALUE_ENDS.has(previous.kind)) {
    // A value ends before the cursor and no comma follows it: a new member or item starts here.
    const isMemberName = previous.kind === SyntaxKind.StringLiteral && typeof last === 'string'
      && (beforePrevious?.kind === SyntaxKind.OpenBraceToken || beforePrevious?.kind === SyntaxKind.CommaToken);
    if (isMemberName) {
      return undefined;
    }
    commaBefore = previous.end;
    kind = typeof last === 'number' ? 'value' : 'key';
    path = kind === 'key' ? path.slice(0, -1) : path;
  } else if (typeof last === 'number') {
    kind = 'value';
  } else if (location.isAtPropertyKey || (location.previousNode?.type === 'property' && at !== undefined)) {
    kind = 'key';
    path = path.slice(0, -1);
  } else {
    kind = 'value';
  }
  const next = nextTokenKind(text, end);
  const colonFollows = kind === 'key' && next === SyntaxKind.ColonToken;
  return {
    kind,
    path,
    offset,
    length: end - offset,
    prefix: text.slice(offset + (quoted ? 1 : 0), cursor),
    typed: text.slice(offset, cursor),
    quoted,
    commaBefore,
    commaAfter: !colonFollows && STARTS_VALUE.has(next),
    colonFollows,
    afterColon: previous?.kind === SyntaxKind.ColonToken && previous.end === offset,
  };
}
