/* S3 Bucket Policy — MIT License. */
import { lowerBound } from '../lowerBound';
import { removeCommentEdit } from '../parser/parsePolicy';
import { findQuotedSpans } from '../parser/quotedSpans';
import type { OffsetEdit } from '../policyLanguageTypes';
import { findTypographicQuotePairs } from '../rules/smartQuotes';
import type { RepairEdit } from './offsetMap';

/** The kinds of text that JSON does not allow and a pasted policy often carries, each with an obvious meaning. */
export type RepairForm = 'typographicQuote' | 'singleQuotes' | 'comment' | 'hashComment' | 'trailingComma' | 'template' | 'byteOrderMark';

/** One repair: the minimal change the repaired reading makes, and the edit a person would make for it. */
export interface SyntaxRepair {
  form: RepairForm;
  /** The change in the reading: exact, minimal (a comment alone, without the line around it). */
  edit: RepairEdit;
  /** The change the fix makes: the same, or wider where that reads better (a comment alone on its line takes the line). */
  fixEdit: OffsetEdit;
}

const SINGLE_QUOTE = new Set(['\'']);
const BYTE_ORDER_MARK = '\uFEFF';

/** The offset just past the double-quoted string opening at `offset`, or undefined when the line or the text ends first. */
function stringEnd(text: string, offset: number): number | undefined {
  for (let index = offset + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      return index + 1;
    }
    if (char === '\n' || char === '\r') {
      return undefined;
    }
    if (char === '\\') {
      index++;
    }
  }
  return undefined;
}

/** The offset of the line break ending the line at `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && text[index] !== '\n' && text[index] !== '\r') {
    index++;
  }
  return index;
}

/** The offset just past the `}` closing a `${` template opened at `offset` on the same line, or undefined. */
function templateEnd(text: string, offset: number): number | undefined {
  let depth = 0;
  for (let index = offset + 1; index < text.length && text[index] !== '\n' && text[index] !== '\r'; index++) {
    if (text[index] === '{') {
      depth++;
    } else if (text[index] === '}' && --depth === 0) {
      return index + 1;
    }
  }
  return undefined;
}

/** A character-for-character copy of `text` with the given one-character or same-length replacements. */
function withReplacements(text: string, edits: readonly OffsetEdit[]): string {
  const pieces: string[] = [];
  let copied = 0;
  for (const edit of edits) {
    pieces.push(text.slice(copied, edit.offset), edit.content);
    copied = edit.offset + edit.length;
  }
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/**
 * The repairs that turn pasted text into JSON, or undefined when the text holds something with no
 * obvious meaning (an unclosed string or comment, a `${` without its `}`). Quotes first: typographic
 * quotes become straight (as `smartQuotes` fixes them), then 'single-quoted' strings double-quoted
 * (as `parsePolicy` reads them); then, outside strings, comments (`//`, `/* *\/` and `#`), trailing
 * commas and a byte order mark are removed and an unquoted template value (`${admin_arns}`) is
 * quoted. Anything else is left for the JSON parser to judge. One pass over the text after the quotes.
 */
export function findSyntaxRepairs(text: string): SyntaxRepair[] | undefined {
  const typographic: OffsetEdit[] = findTypographicQuotePairs(text).flatMap((pair) => [
    { offset: pair.offset, length: 1, content: '"' },
    ...(pair.closeOffset === undefined ? [] : [{ offset: pair.closeOffset, length: 1, content: '"' }]),
  ]);
  const straight = typographic.length > 0 ? withReplacements(text, typographic) : text;
  const single: OffsetEdit[] = findQuotedSpans(straight, SINGLE_QUOTE, (_, char) => char === '\'', /["\\\r]/).flatMap(({ offset, closeOffset }) => (closeOffset === undefined
    ? []
    : [{ offset, length: closeOffset - offset + 1, content: JSON.stringify(straight.slice(offset + 1, closeOffset)) }]));
  const quoted = single.length > 0 ? withReplacements(straight, single.map((edit) => ({ ...edit, content: `"${' '.repeat(edit.length - 2)}"` }))) : straight;

  const removed: SyntaxRepair[] = [];
  const drop = (form: RepairForm, offset: number, length: number, fixEdit?: OffsetEdit) => {
    const edit: RepairEdit = { offset, length, content: '', kind: 'drop' };
    removed.push({ form, edit, fixEdit: fixEdit ?? { offset, length, content: '' } });
  };
  let lastComma: number | undefined;
  let index = quoted.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  if (index === 1) {
    drop('byteOrderMark', 0, 1);
  }
  while (index < quoted.length) {
    const char = quoted[index];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index++;
    } else if (char === '"') {
      const end = stringEnd(quoted, index);
      if (end === undefined) {
        return undefined;
      }
      lastComma = undefined;
      index = end;
    } else if ((char === '/' && quoted[index + 1] === '/') || char === '#') {
      const end = lineEnd(quoted, index);
      drop(char === '#' ? 'hashComment' : 'comment', index, end - index, removeCommentEdit(text, index, end - index));
      index = end;
    } else if (char === '/' && quoted[index + 1] === '*') {
      const close = quoted.indexOf('*/', index + 2);
      if (close < 0) {
        return undefined;
      }
      drop('comment', index, close + 2 - index, removeCommentEdit(text, index, close + 2 - index));
      index = close + 2;
    } else if (char === '$' && quoted[index + 1] === '{') {
      const end = templateEnd(quoted, index);
      if (end === undefined) {
        return undefined;
      }
      const edit: RepairEdit = { offset: index, length: end - index, content: JSON.stringify(text.slice(index, end)), kind: 'token' };
      removed.push({ form: 'template', edit, fixEdit: edit });
      lastComma = undefined;
      index = end;
    } else {
      if ((char === ']' || char === '}') && lastComma !== undefined) {
        drop('trailingComma', lastComma, 1);
      }
      lastComma = char === ',' ? index : undefined;
      index++;
    }
  }
  // Quotes inside a comment are the comment's: only those outside every removed span are repairs.
  const drops = removed.filter((repair) => repair.edit.kind === 'drop').map((repair) => repair.edit).sort((a, b) => a.offset - b.offset);
  const insideRemoved = (offset: number) => {
    const index = lowerBound(drops.length, (candidate) => drops[candidate].offset + drops[candidate].length <= offset);
    return index < drops.length && drops[index].offset <= offset;
  };
  const quoteRepairs: SyntaxRepair[] = [
    ...typographic.map((edit): SyntaxRepair => ({ form: 'typographicQuote', edit: { ...edit, kind: 'token' }, fixEdit: edit })),
    ...single.map((edit): SyntaxRepair => ({ form: 'singleQuotes', edit: { ...edit, kind: 'token' }, fixEdit: edit })),
  ].filter((repair) => !insideRemoved(repair.edit.offset));
  return [...quoteRepairs, ...removed].sort((a, b) => a.edit.offset - b.edit.offset);
}

/**
 * The edits of one fix that makes every repair, as a person would: a comment alone on its line
 * goes with its line. Where such a wider edit would overlap another (two comments on one line),
 * both keep to their exact spans, which never overlap.
 */
export function combinedFixEdits(repairs: readonly SyntaxRepair[]): OffsetEdit[] {
  const wide = repairs.map((repair) => repair.fixEdit);
  const exact = repairs.map((repair): OffsetEdit => ({ offset: repair.edit.offset, length: repair.edit.length, content: repair.edit.content }));
  const clashes = wide.map(() => false);
  let furthest = -1;
  let furthestIndex = -1;
  wide.forEach((edit, index) => {
    if (edit.offset < furthest) {
      clashes[index] = true;
      clashes[furthestIndex] = true;
    }
    if (edit.offset + edit.length > furthest) {
      furthest = edit.offset + edit.length;
      furthestIndex = index;
    }
  });
  return wide.map((edit, index) => (clashes[index] ? exact[index] : { ...edit }));
}
