/* S3 Bucket Policy — MIT License. */
import { lowerBound } from '../lowerBound';
import type { OffsetEdit } from '../policyLanguageTypes';

/**
 * What a stretch of the repaired text is, seen from the original:
 * - `copy`: the original characters, one for one (exact);
 * - `token`: a token written another way (a typographic or single quote made straight, a template
 *   value put in quotes); an edit may replace it whole, never cut into it;
 * - `wrap`: text the repair added around the document (`{"Version": …, "Statement": [` … `]}`),
 *   which the original does not have; nothing that touches it maps back.
 * Text the repair removed (comments, trailing commas, a byte order mark) has no stretch: it is the
 * gap between two stretches' original ends. Quotes put around a template value are tokens that
 * stand for no original text, around a copy of the value.
 */
export type StretchKind = 'copy' | 'token' | 'wrap';

/** One stretch of the repaired text and the original span it stands for. */
export interface Stretch {
  kind: StretchKind;
  from: number;
  to: number;
  originalFrom: number;
  originalTo: number;
}

/** A change the repair makes to the original text: removed (`content` empty, kind `drop`) or a token rewritten. */
export interface RepairEdit extends OffsetEdit {
  kind: 'drop' | 'token';
}

/** The repaired text and the stretches that map it back onto the original, in order, covering it without gaps. */
export interface OffsetMap {
  readonly text: string;
  readonly originalLength: number;
  readonly stretches: readonly Stretch[];
}

/**
 * Builds the repaired text from the original, the repair's edits (sorted, disjoint) and the text to
 * wrap it in. Runs of untouched text become `copy` stretches.
 */
export function buildOffsetMap(original: string, edits: readonly RepairEdit[], prefix = '', suffix = ''): OffsetMap {
  const stretches: Stretch[] = [];
  const pieces: string[] = [];
  let length = 0;
  const add = (kind: StretchKind, piece: string, originalFrom: number, originalTo: number) => {
    if (piece.length === 0) {
      return;
    }
    pieces.push(piece);
    stretches.push({ kind, from: length, to: length + piece.length, originalFrom, originalTo });
    length += piece.length;
  };
  add('wrap', prefix, 0, 0);
  let copied = 0;
  for (const edit of edits) {
    add('copy', original.slice(copied, edit.offset), copied, edit.offset);
    const end = edit.offset + edit.length;
    if (edit.kind === 'token' && edit.content === `"${original.slice(edit.offset, end)}"`) {
      // A value put in quotes: the value inside stays a copy, the quotes are tokens of no original length.
      add('token', '"', edit.offset, edit.offset);
      add('copy', original.slice(edit.offset, end), edit.offset, end);
      add('token', '"', end, end);
    } else if (edit.kind === 'token') {
      add('token', edit.content, edit.offset, end);
    }
    copied = edit.offset + edit.length;
  }
  add('copy', original.slice(copied), copied, original.length);
  add('wrap', suffix, original.length, original.length);
  return { text: pieces.join(''), originalLength: original.length, stretches };
}

/** The index of the stretch holding the character at `offset` (the last stretch for the end of the text); -1 for an empty text. */
function stretchAt(map: OffsetMap, offset: number): number {
  return Math.min(lowerBound(map.stretches.length, (index) => map.stretches[index].to <= offset), map.stretches.length - 1);
}

/** The original offset of a position inside a stretch, or at its start (`atStart`) or end. */
function originalOffset(stretch: Stretch, offset: number): number {
  if (stretch.kind === 'copy' || stretch.to - stretch.from === stretch.originalTo - stretch.originalFrom) {
    return stretch.originalFrom + (offset - stretch.from);
  }
  return offset <= stretch.from ? stretch.originalFrom : stretch.originalTo;
}

/**
 * Where a finding's range of the repaired text lies in the original: its first and last characters
 * that stand for original text. Undefined when it touches text the repair added around the
 * document: such a finding is about the wrapping, which is ours, not the user's.
 */
export function mapFindingRange(map: OffsetMap, range: { offset: number; length: number }): { offset: number; length: number } | undefined {
  if (map.stretches.length === 0) {
    return undefined;
  }
  const end = range.offset + range.length;
  const first = map.stretches[stretchAt(map, range.offset)];
  const last = map.stretches[stretchAt(map, Math.max(range.offset, end - 1))];
  if (first.kind === 'wrap' || last.kind === 'wrap' || end > map.text.length) {
    return undefined;
  }
  const start = originalOffset(first, range.offset);
  const originalEnd = range.length === 0 ? start : Math.max(start, originalOffset(last, end));
  return { offset: start, length: originalEnd - start };
}

/** The stretches on either side of a position between two characters (undefined at the ends of the text). */
function around(map: OffsetMap, offset: number): { left: Stretch | undefined; right: Stretch | undefined; inside: Stretch | undefined } {
  const index = stretchAt(map, offset);
  const stretch = map.stretches[index];
  if (!stretch) {
    return { left: undefined, right: undefined, inside: undefined };
  }
  if (offset > stretch.from && offset < stretch.to) {
    return { left: stretch, right: stretch, inside: stretch };
  }
  if (offset >= stretch.to) {
    return { left: stretch, right: undefined, inside: undefined };
  }
  return { left: map.stretches[index - 1], right: stretch, inside: undefined };
}

/**
 * An edit of the repaired text as the same edit of the original, or undefined when it cannot be
 * made exactly: when it touches the wrapping, cuts into a rewritten token, or would also remove
 * text the repair took out (a comment between its ends). An insertion between copied text and
 * removed text goes before the removed text (after a value, before its trailing comma or comment).
 */
export function mapEdit(map: OffsetMap, edit: OffsetEdit): OffsetEdit | undefined {
  const end = edit.offset + edit.length;
  if (end > map.text.length) {
    return undefined;
  }
  const atStart = around(map, edit.offset);
  const atEnd = around(map, end);
  if (edit.length === 0) {
    const { left, right, inside } = atStart;
    // Nothing goes between added quotes and the value they quote, nor inside a rewritten token.
    const added = (stretch: Stretch | undefined) => stretch?.kind === 'wrap' || (stretch?.kind === 'token' && stretch.originalFrom === stretch.originalTo);
    if (added(left) || added(right) || inside?.kind === 'token') {
      return undefined;
    }
    const offset = inside ? originalOffset(inside, edit.offset) : left ? left.originalTo : (right?.originalFrom ?? 0);
    return { offset, length: 0, content: edit.content };
  }
  const first = atStart.right;
  const last = atEnd.left;
  if (!first || !last || first.kind === 'wrap' || last.kind === 'wrap' || atStart.inside?.kind === 'token' || atEnd.inside?.kind === 'token') {
    return undefined;
  }
  // Every stretch in between must follow the one before without a gap: a gap is removed text the edit would take with it.
  for (let index = stretchAt(map, edit.offset); map.stretches[index] !== last; index++) {
    const stretch = map.stretches[index];
    const next = map.stretches[index + 1];
    if (next.kind === 'wrap' || next.originalFrom !== stretch.originalTo) {
      return undefined;
    }
  }
  const offset = originalOffset(first, edit.offset);
  return { offset, length: originalOffset(last, end) - offset, content: edit.content };
}
