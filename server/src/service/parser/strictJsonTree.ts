/* S3 Bucket Policy — MIT License. */
import { createScanner, JSONScanner, Node, NodeType, ScanError, SyntaxKind } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from './documentLimits';

/** Thrown inside the builder at the first thing strict JSON does not allow; never escapes it. One instance: no stack trace is captured per document. */
const NOT_STRICT = new Error('not strict JSON');

/** A node while it is built: its length (and a property's colon offset) are known only at its end. */
type NodeBeingBuilt = { -readonly [Key in keyof Node]: Node[Key] };

/**
 * One shape for every node (the same properties in the same order), so the rules' reads of
 * `type`, `offset` or `children` see one hidden class. parseTree's nodes come in five shapes
 * (objects, properties before and after their colon, keys, literals), which makes every site that
 * reads nodes of several kinds polymorphic.
 */
function createNode(type: NodeType, value: unknown, offset: number, length: number, parent: Node | undefined, children: Node[] | undefined): NodeBeingBuilt {
  return { type, value, offset, length, colonOffset: undefined, parent, children };
}

/**
 * The jsonc-parser tree of a document that is strict JSON and nests at most `MAX_NESTING_DEPTH`
 * levels, built in one pass over jsonc-parser's scanner: the same nodes, offsets, lengths, colon
 * offsets and values as `parseTree`, in about three quarters of its time (no visitor callbacks).
 * Returns undefined for anything else (an empty text, a comment, a trailing comma, a single-quoted
 * string, any scan or syntax error, deeper nesting); `parsePolicy` then parses the text with
 * `parseTree`, whose error recovery and messages it relies on.
 */
export function strictJsonTree(text: string): Node | undefined {
  const scanner = createScanner(text, false);
  try {
    next(scanner);
    const root = parseValue(scanner, undefined, 1);
    return scanner.getToken() === SyntaxKind.EOF ? root : undefined;
  } catch (error) {
    if (error === NOT_STRICT) {
      return undefined;
    }
    throw error;
  }
}

/** Moves to the next token that is not whitespace or a line break; a comment or a malformed token ends the build. */
function next(scanner: JSONScanner): SyntaxKind {
  for (;;) {
    const token = scanner.scan();
    if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia) {
      if (scanner.getTokenError() !== ScanError.None) {
        throw NOT_STRICT;
      }
      return token;
    }
  }
}

/** The value starting at the current token, which is left on the token after it. */
function parseValue(scanner: JSONScanner, parent: Node | undefined, depth: number): Node {
  const offset = scanner.getTokenOffset();
  const length = scanner.getTokenLength();
  switch (scanner.getToken()) {
    case SyntaxKind.StringLiteral: {
      const node = createNode('string', scanner.getTokenValue(), offset, length, parent, undefined);
      next(scanner);
      return node;
    }
    case SyntaxKind.NumericLiteral: {
      const value = Number(scanner.getTokenValue());
      if (Number.isNaN(value)) {
        throw NOT_STRICT;
      }
      const node = createNode('number', value, offset, length, parent, undefined);
      next(scanner);
      return node;
    }
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword: {
      const node = createNode('boolean', scanner.getToken() === SyntaxKind.TrueKeyword, offset, length, parent, undefined);
      next(scanner);
      return node;
    }
    case SyntaxKind.NullKeyword: {
      const node = createNode('null', null, offset, length, parent, undefined);
      next(scanner);
      return node;
    }
    case SyntaxKind.OpenBracketToken:
      return parseContainer(scanner, 'array', parent, depth);
    case SyntaxKind.OpenBraceToken:
      return parseContainer(scanner, 'object', parent, depth);
    default:
      throw NOT_STRICT;
  }
}

/** The object or array opened by the current token, with its members or elements. */
function parseContainer(scanner: JSONScanner, type: 'object' | 'array', parent: Node | undefined, depth: number): Node {
  if (depth > MAX_NESTING_DEPTH) {
    throw NOT_STRICT;
  }
  const offset = scanner.getTokenOffset();
  const close = type === 'object' ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
  const children: Node[] = [];
  const container = createNode(type, undefined, offset, 0, parent, children);
  if (next(scanner) !== close) {
    for (;;) {
      children.push(type === 'object' ? parseProperty(scanner, container, depth) : parseValue(scanner, container, depth + 1));
      if (scanner.getToken() === close) {
        break;
      }
      expect(scanner.getToken(), SyntaxKind.CommaToken);
      next(scanner);
    }
  }
  container.length = scanner.getTokenOffset() + 1 - offset;
  next(scanner);
  return container;
}

/** The member `"key": value` starting at the current token of an object at `depth`. */
function parseProperty(scanner: JSONScanner, object: Node, depth: number): Node {
  expect(scanner.getToken(), SyntaxKind.StringLiteral);
  const offset = scanner.getTokenOffset();
  const children: Node[] = [];
  const property = createNode('property', undefined, offset, 0, object, children);
  children.push(createNode('string', scanner.getTokenValue(), offset, scanner.getTokenLength(), property, undefined));
  expect(next(scanner), SyntaxKind.ColonToken);
  property.colonOffset = scanner.getTokenOffset();
  next(scanner);
  const value = parseValue(scanner, property, depth + 1);
  children.push(value);
  property.length = value.offset + value.length - offset;
  return property;
}

function expect(token: SyntaxKind, expected: SyntaxKind): void {
  if (token !== expected) {
    throw NOT_STRICT;
  }
}
