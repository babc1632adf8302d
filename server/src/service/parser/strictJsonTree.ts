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
 * offsets and values as `parseTree`, in about two thirds of its time. Returns undefined for anything
 * else (an empty text, a comment, a trailing comma, a single-quoted string, any scan or syntax error,
 * deeper nesting); `parsePolicy` then parses the text with `parseTree`, whose error recovery and
 * messages it relies on.
 */
export function strictJsonTree(text: string): Node | undefined {
  const builder = new StrictTreeBuilder(text);
  try {
    builder.next();
    const root = builder.value(undefined, 1);
    return builder.scanner.getToken() === SyntaxKind.EOF ? root : undefined;
  } catch (error) {
    if (error === NOT_STRICT) {
      return undefined;
    }
    throw error;
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** JSON whitespace, from the position it is set to (sticky). */
const WHITESPACE = /[ \t\n\r]*/y;

/** A recursive descent over the scanner's tokens; each method leaves the scanner on the token after what it read. */
class StrictTreeBuilder {
  readonly scanner: JSONScanner;
  /** The members or elements read so far of every container still open, innermost last. */
  private readonly pending: Node[] = [];

  constructor(private readonly text: string) {
    this.scanner = createScanner(text, false);
  }

  /**
   * Moves to the next token. Whitespace and line breaks are skipped here, before the scanner sees
   * them: it would build each run of them into a string one character at a time. A malformed token
   * ends the build here; a comment ends it where a value or a separator was expected instead.
   */
  next(): SyntaxKind {
    const { scanner, text } = this;
    const start = scanner.getPosition();
    let position = start;
    let code = text.charCodeAt(position);
    if (code === LINE_FEED || code === CARRIAGE_RETURN) {
      // A line break and the indentation after it: a long run, which a regular expression skips faster.
      WHITESPACE.lastIndex = position;
      WHITESPACE.test(text);
      position = WHITESPACE.lastIndex;
    } else {
      while (code === SPACE || code === LINE_FEED || code === CARRIAGE_RETURN || code === TAB) {
        code = text.charCodeAt(++position);
      }
    }
    if (position !== start) {
      scanner.setPosition(position);
    }
    const token = scanner.scan();
    if (scanner.getTokenError() !== ScanError.None) {
      throw NOT_STRICT;
    }
    return token;
  }

  /** The value starting at the current token. */
  value(parent: Node | undefined, depth: number): Node {
    const { scanner } = this;
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    let node: Node;
    switch (scanner.getToken()) {
      case SyntaxKind.StringLiteral:
        node = createNode('string', scanner.getTokenValue(), offset, length, parent, undefined);
        break;
      case SyntaxKind.NumericLiteral: {
        const number = Number(scanner.getTokenValue());
        if (Number.isNaN(number)) {
          throw NOT_STRICT;
        }
        node = createNode('number', number, offset, length, parent, undefined);
        break;
      }
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        node = createNode('boolean', scanner.getToken() === SyntaxKind.TrueKeyword, offset, length, parent, undefined);
        break;
      case SyntaxKind.NullKeyword:
        node = createNode('null', null, offset, length, parent, undefined);
        break;
      case SyntaxKind.OpenBracketToken:
        return this.container('array', parent, depth);
      case SyntaxKind.OpenBraceToken:
        return this.container('object', parent, depth);
      default:
        throw NOT_STRICT;
    }
    this.next();
    return node;
  }

  /** The object or array opened by the current token, with its members or elements. */
  private container(type: 'object' | 'array', parent: Node | undefined, depth: number): Node {
    if (depth > MAX_NESTING_DEPTH) {
      throw NOT_STRICT;
    }
    const { scanner } = this;
    const offset = scanner.getTokenOffset();
    const close = type === 'object' ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
    const container = createNode(type, undefined, offset, 0, parent, undefined);
    const { pending } = this;
    const first = pending.length;
    if (this.next() !== close) {
      for (;;) {
        pending.push(type === 'object' ? this.property(container, depth) : this.value(container, depth + 1));
        if (scanner.getToken() === close) {
          break;
        }
        expect(scanner.getToken(), SyntaxKind.CommaToken);
        this.next();
      }
    }
    // Made at their final size: an array grown by push keeps room for 17 elements or more.
    container.children = pending.splice(first);
    container.length = scanner.getTokenOffset() + 1 - offset;
    this.next();
    return container;
  }

  /** The member `"key": value` starting at the current token, in an object at `depth`. */
  private property(object: Node, depth: number): Node {
    const { scanner } = this;
    expect(scanner.getToken(), SyntaxKind.StringLiteral);
    const offset = scanner.getTokenOffset();
    const property = createNode('property', undefined, offset, 0, object, undefined);
    const key = createNode('string', scanner.getTokenValue(), offset, scanner.getTokenLength(), property, undefined);
    expect(this.next(), SyntaxKind.ColonToken);
    property.colonOffset = scanner.getTokenOffset();
    this.next();
    const value = this.value(property, depth + 1);
    property.children = [key, value];
    property.length = value.offset + value.length - offset;
    return property;
  }
}

function expect(token: SyntaxKind, expected: SyntaxKind): void {
  if (token !== expected) {
    throw NOT_STRICT;
  }
}
