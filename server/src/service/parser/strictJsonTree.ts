/* S3 Bucket Policy — MIT License. */
import type { Node, NodeType } from 'jsonc-parser';
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
 * levels, built in one pass over its characters: the same nodes, offsets, lengths, colon offsets
 * and values as `parseTree`, in about half its time. Returns undefined for anything else (an empty
 * text, a comment, a trailing comma, a single-quoted string, a byte order mark, a malformed string
 * or number, any syntax error, deeper nesting); `parsePolicy` then parses the text with `parseTree`,
 * whose error recovery and messages it relies on. Strict JSON here is what jsonc-parser reads
 * without an error: whitespace is a space, a tab, a line feed or a carriage return in both.
 */
export function strictJsonTree(text: string): Node | undefined {
  const builder = new StrictTreeBuilder(text);
  try {
    builder.skipWhitespace();
    const root = builder.value(undefined, 1);
    builder.skipWhitespace();
    return builder.position === text.length ? root : undefined;
  } catch (error) {
    if (error === NOT_STRICT) {
      return undefined;
    }
    throw error;
  }
}

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** JSON whitespace, from the position it is set to (sticky). */
const WHITESPACE = /[ \t\n\r]*/y;
/** What a backslash and the letter after it stand for (`\u` aside). */
const ESCAPED: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const FOUR_HEX_DIGITS = /^[0-9A-Fa-f]{4}$/;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * A recursive descent over the text. Each method that reads something leaves `position` just after
 * it; whitespace is skipped by the caller where JSON allows it.
 */
class StrictTreeBuilder {
  position = 0;
  /** The members or elements read so far of every container still open, innermost last. */
  private readonly pending: Node[] = [];

  constructor(private readonly text: string) {}

  /** Moves past whitespace; returns the code of the character there (NaN at the end of the text). */
  skipWhitespace(): number {
    const { text } = this;
    let position = this.position;
    let code = text.charCodeAt(position);
    if (code === LINE_FEED || code === CARRIAGE_RETURN) {
      // A line break and the indentation after it: a long run, which a regular expression skips faster.
      WHITESPACE.lastIndex = position;
      WHITESPACE.test(text);
      position = WHITESPACE.lastIndex;
      code = text.charCodeAt(position);
    } else {
      while (code === SPACE || code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN) {
        code = text.charCodeAt(++position);
      }
    }
    this.position = position;
    return code;
  }

  /** The value starting at `position`, which is not whitespace. */
  value(parent: Node | undefined, depth: number): Node {
    const { text } = this;
    const offset = this.position;
    const code = text.charCodeAt(offset);
    switch (code) {
      case QUOTE: {
        const value = this.string();
        return createNode('string', value, offset, this.position - offset, parent, undefined);
      }
      case OPEN_BRACE:
        return this.container('object', parent, depth);
      case OPEN_BRACKET:
        return this.container('array', parent, depth);
      case 0x74: // t
        return this.keyword('true', 'boolean', true, parent);
      case 0x66: // f
        return this.keyword('false', 'boolean', false, parent);
      case 0x6e: // n
        return this.keyword('null', 'null', null, parent);
      default:
        if (code === MINUS || isDigit(code)) {
          const value = this.number();
          return createNode('number', value, offset, this.position - offset, parent, undefined);
        }
        throw NOT_STRICT;
    }
  }

  /** The string whose opening quote is at `position`: its value. */
  private string(): string {
    const { text } = this;
    const start = this.position + 1;
    let position = start;
    let code = text.charCodeAt(position);
    while (code !== QUOTE) {
      if (code === BACKSLASH) {
        return this.escapedString(start);
      }
      // A control character (a line break among them) or the end of the text (NaN).
      if (!(code >= SPACE)) {
        throw NOT_STRICT;
      }
      code = text.charCodeAt(++position);
    }
    this.position = position + 1;
    return text.slice(start, position);
  }

  /** The rest of a string that holds an escape sequence, read from `start` (after its opening quote). */
  private escapedString(start: number): string {
    const { text } = this;
    let value = '';
    let copied = start;
    let position = start;
    for (;;) {
      const code = text.charCodeAt(position);
      if (code === QUOTE) {
        break;
      }
      if (!(code >= SPACE)) {
        throw NOT_STRICT;
      }
      if (code !== BACKSLASH) {
        position++;
        continue;
      }
      value += text.slice(copied, position);
      const letter = text.charAt(position + 1);
      if (letter === 'u') {
        const digits = text.slice(position + 2, position + 6);
        if (!FOUR_HEX_DIGITS.test(digits)) {
          throw NOT_STRICT;
        }
        value += String.fromCharCode(parseInt(digits, 16));
        position += 6;
      } else {
        const escaped = ESCAPED[letter];
        if (escaped === undefined) {
          throw NOT_STRICT;
        }
        value += escaped;
        position += 2;
      }
      copied = position;
    }
    this.position = position + 1;
    return value + text.slice(copied, position);
  }

  /** The number starting at `position`: `-`, an integer part without leading zeros, a fraction, an exponent. */
  private number(): number {
    const { text } = this;
    const start = this.position;
    let position = start;
    if (text.charCodeAt(position) === MINUS) {
      position++;
    }
    const first = text.charCodeAt(position);
    if (first === ZERO) {
      position++;
    } else if (isDigit(first)) {
      while (isDigit(text.charCodeAt(++position)));
    } else {
      throw NOT_STRICT;
    }
    if (text.charCodeAt(position) === DOT) {
      if (!isDigit(text.charCodeAt(++position))) {
        throw NOT_STRICT;
      }
      while (isDigit(text.charCodeAt(++position)));
    }
    const exponent = text.charCodeAt(position);
    if (exponent === 0x65 || exponent === 0x45) { // e, E
      const sign = text.charCodeAt(++position);
      if (sign === 0x2b || sign === MINUS) { // +, -
        position++;
      }
      if (!isDigit(text.charCodeAt(position))) {
        throw NOT_STRICT;
      }
      while (isDigit(text.charCodeAt(++position)));
    }
    this.position = position;
    return Number(text.slice(start, position));
  }

  /** `true`, `false` or `null` at `position`. Whatever follows it is checked by the caller, as after any value. */
  private keyword(word: string, type: NodeType, value: boolean | null, parent: Node | undefined): Node {
    const offset = this.position;
    if (!this.text.startsWith(word, offset)) {
      throw NOT_STRICT;
    }
    this.position = offset + word.length;
    return createNode(type, value, offset, word.length, parent, undefined);
  }

  /** The object or array opened at `position`, with its members or elements. */
  private container(type: 'object' | 'array', parent: Node | undefined, depth: number): Node {
    if (depth > MAX_NESTING_DEPTH) {
      throw NOT_STRICT;
    }
    const offset = this.position;
    const close = type === 'object' ? CLOSE_BRACE : CLOSE_BRACKET;
    const container = createNode(type, undefined, offset, 0, parent, undefined);
    const { pending } = this;
    const first = pending.length;
    this.position++;
    let code = this.skipWhitespace();
    if (code !== close) {
      for (;;) {
        pending.push(type === 'object' ? this.property(container, depth) : this.value(container, depth + 1));
        code = this.skipWhitespace();
        if (code === close) {
          break;
        }
        if (code !== COMMA) {
          throw NOT_STRICT;
        }
        this.position++;
        this.skipWhitespace();
      }
    }
    // Made at their final size: an array grown by push keeps room for 17 elements or more.
    container.children = pending.splice(first);
    this.position++;
    container.length = this.position - offset;
    return container;
  }

  /** The member `"key": value` starting at `position`, in an object at `depth`. */
  private property(object: Node, depth: number): Node {
    const offset = this.position;
    if (this.text.charCodeAt(offset) !== QUOTE) {
      throw NOT_STRICT;
    }
    const property = createNode('property', undefined, offset, 0, object, undefined);
    const name = this.string();
    const key = createNode('string', name, offset, this.position - offset, property, undefined);
    if (this.skipWhitespace() !== COLON) {
      throw NOT_STRICT;
    }
    property.colonOffset = this.position;
    this.position++;
    this.skipWhitespace();
    const value = this.value(property, depth + 1);
    property.children = [key, value];
    property.length = value.offset + value.length - offset;
    return property;
  }
}
