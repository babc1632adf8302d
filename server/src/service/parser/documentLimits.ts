/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import type { SkippedDocument } from './policyDocument';

/**
 * The longest document that is checked: 262,144 characters (256 KB), twelve times S3's 20 KB limit
 * for a bucket policy. Longer documents are skipped (`documentTooLarge` says so). Checking is linear,
 * but the worst documents cost about 2 µs a character: at 1 MB they held the language server (which
 * checks on its one thread) for seconds; at 256 KB, under a second.
 */
export const MAX_DOCUMENT_LENGTH = 256 * 1024;

/**
 * The deepest nesting of objects and arrays that is checked. A bucket policy needs 6 levels
 * (policy, Statement, statement, Condition, operator, values); 32 leaves room for mistakes, and a
 * bound keeps the recursive code (jsonc-parser's parser, tree walks) far from the stack limit.
 */
export const MAX_NESTING_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === LINE_FEED || code === CARRIAGE_RETURN;
}

/** The offset just past the double-quoted string opened at `offset`; like jsonc-parser, a line break ends an unclosed string. */
function endOfString(text: string, offset: number, end: number): number {
  let index = offset + 1;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      return index + 1;
    }
    if (code === LINE_FEED || code === CARRIAGE_RETURN) {
      return index;
    }
    index += code === BACKSLASH ? 2 : 1;
  }
  return end;
}

/** What one pass over the text learns: the names of the top-level members, and where nesting first goes too deep. */
interface Outline {
  topLevelKeys: string[];
  tooDeepAt: number | undefined;
}

/**
 * Scans the first `end` characters without recursion and without building a tree: strings and
 * comments are skipped, brackets counted, and a string followed by a colon at depth 1 is taken as
 * a top-level member name. Linear, a few nanoseconds per character.
 */
function outline(text: string, end: number): Outline {
  const topLevelKeys: string[] = [];
  let tooDeepAt: number | undefined;
  let depth = 0;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const stringEnd = endOfString(text, index, end);
      if (depth === 1) {
        let next = stringEnd;
        while (next < end && isWhitespace(text.charCodeAt(next))) {
          next++;
        }
        if (text.charCodeAt(next) === COLON) {
          topLevelKeys.push(text.slice(index + 1, stringEnd - 1));
        }
      }
      index = stringEnd - 1;
    } else if (code === SLASH && text.charCodeAt(index + 1) === SLASH) {
      const lineEnd = text.indexOf('\n', index);
      index = lineEnd < 0 || lineEnd > end ? end : lineEnd;
    } else if (code === SLASH && text.charCodeAt(index + 1) === STAR) {
      const commentEnd = text.indexOf('*/', index + 2);
      index = commentEnd < 0 || commentEnd > end ? end : commentEnd + 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > MAX_NESTING_DEPTH && tooDeepAt === undefined) {
        tooDeepAt = index;
      }
    } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && depth > 0) {
      depth--;
    }
  }
  return { topLevelKeys, tooDeepAt };
}

/**
 * True when the tree nests objects and arrays more than `MAX_NESTING_DEPTH` levels deep. Without
 * recursion, and it visits containers only: far cheaper than a second pass over the text, so
 * documents within the limits (nearly all) are never scanned by `checkDocumentLimits`.
 */
export function nestsTooDeep(root: Node | undefined): boolean {
  const stack: Node[] = [];
  const depths: number[] = [];
  if (root) {
    stack.push(root);
    depths.push(0);
  }
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    let depth = depths.pop() as number;
    if (node.type === 'object' || node.type === 'array') {
      depth++;
      if (depth > MAX_NESTING_DEPTH) {
        return true;
      }
    }
    for (const child of node.children ?? []) {
      if (child.children) {
        stack.push(child);
        depths.push(depth);
      }
    }
  }
  return false;
}

/**
 * Decides whether a document is within the limits that are checked: at most `MAX_DOCUMENT_LENGTH`
 * characters and `MAX_NESTING_DEPTH` levels. Returns undefined for a document to check, or why it
 * is skipped, where to say so, and its top-level member names (read from the first
 * `MAX_DOCUMENT_LENGTH` characters) so that recognition still works without a tree.
 */
export function checkDocumentLimits(text: string): SkippedDocument | undefined {
  const { topLevelKeys, tooDeepAt } = outline(text, Math.min(text.length, MAX_DOCUMENT_LENGTH));
  if (text.length > MAX_DOCUMENT_LENGTH) {
    const kilobytes = Math.ceil(text.length / 1024).toLocaleString('en-US');
    return {
      offset: 0,
      length: 0,
      topLevelKeys,
      reason: `Not checked: this document is ${text.length.toLocaleString('en-US')} characters long (${kilobytes} KB), and S3 Bucket Policy checks documents up to ${MAX_DOCUMENT_LENGTH.toLocaleString('en-US')} characters (256 KB). S3 itself accepts bucket policies up to 20 KB.`,
    };
  }
  if (tooDeepAt !== undefined) {
    return tooDeep(topLevelKeys, tooDeepAt);
  }
  return undefined;
}

function tooDeep(topLevelKeys: string[], offset: number): SkippedDocument {
  return {
    offset,
    length: 1,
    topLevelKeys,
    reason: `Not checked: objects and arrays are nested more than ${MAX_NESTING_DEPTH} levels deep here, and a bucket policy needs at most 6. S3 Bucket Policy checks documents nested up to ${MAX_NESTING_DEPTH} levels.`,
  };
}

/** Why a document whose tree nests too deep is skipped, and where: the text scan finds the place (the start when it disagrees). */
export function nestingLimitExceeded(text: string): SkippedDocument {
  return checkDocumentLimits(text) ?? tooDeep(outline(text, text.length).topLevelKeys, 0);
}
