/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import type { OffsetEdit } from '../policyLanguageTypes';

/** The layout conventions of a document, detected so inserted text looks as if the user typed it. */
export interface TextStyle {
  /** One level of indentation: a tab or some spaces. */
  indentUnit: string;
  eol: string;
}

/** The last document styled and its style: the fixes of one lint ask for the same text many times. */
let lastStyled: { text: string; style: TextStyle } | undefined;

/** Detects the indentation unit and line ending used in a document (two spaces and LF when it has none). */
export function detectTextStyle(text: string): TextStyle {
  if (lastStyled?.text !== text) {
    lastStyled = { text, style: scanTextStyle(text) };
  }
  return { ...lastStyled.style };
}

/** Scans the whole text for its line ending and its smallest indentation. */
function scanTextStyle(text: string): TextStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let indentUnit = '  ';
  const widths: number[] = [];
  for (const match of text.matchAll(/\n([ \t]+)\S/g)) {
    if (match[1].startsWith('\t')) {
      indentUnit = '\t';
      widths.length = 0;
      break;
    }
    widths.push(match[1].length);
  }
  if (widths.length > 0) {
    indentUnit = ' '.repeat(widths.reduce((smallest, width) => Math.min(smallest, width)));
  }
  return { indentUnit, eol };
}

/** The whitespace at the start of the line that contains `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** True when only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(lineStart, offset).trim() === '';
}

/**
 * Serialises a value as JSON in the document's style: every line after the first is indented by
 * `baseIndent`, nested levels by the document's indent unit.
 */
export function formatJson(value: unknown, baseIndent: string, style: TextStyle): string {
  return JSON.stringify(value, null, style.indentUnit).split('\n').join(style.eol + baseIndent);
}

/** An edit that replaces a string node's whole literal (quotes included) with a new string. */
export function replaceStringEdit(node: Node, newValue: string): OffsetEdit {
  return { offset: node.offset, length: node.length, content: JSON.stringify(newValue) };
}

/** An edit that replaces an object key (quotes included) with a new name. */
export function renameKeyEdit(keyNode: Node, newName: string): OffsetEdit {
  return replaceStringEdit(keyNode, newName);
}

/**
 * Applies offset edits to a text; the edits must not overlap. Of two edits at one offset, the
 * shorter comes first and, of equal ones, the later in the list. One pass: thousands of edits to a
 * large document cost one copy of it, not one copy per edit.
 */
export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.offset - b.edit.offset || a.edit.length - b.edit.length || b.index - a.index);
  const pieces: string[] = [];
  let copied = 0;
  for (const { edit } of sorted) {
    pieces.push(text.slice(copied, edit.offset), edit.content);
    copied = edit.offset + edit.length;
  }
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/**
 * Serialises a value as JSON on one line, with a space after colons and commas when the document
 * writes them so (`{"a": 1}`), without when it is minified (`{"a":1}`).
 */
export function formatJsonOnOneLine(value: unknown, spaced: boolean): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => formatJsonOnOneLine(item, spaced)).join(spaced ? ', ' : ',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${spaced ? ' ' : ''}${formatJsonOnOneLine(item, spaced)}`);
    return `{${members.join(spaced ? ', ' : ',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Edits that append a new element to the value of an array, or turn a single value into an array
 * holding it and the new element. Only inserts text (apart from the blank inside an empty array):
 * every existing byte stays as it is. The new element follows the layout around it: on its own
 * line, indented like the last element, in a multi-line array; on the same line, in the document's
 * spacing, in an array written on one line.
 */
export function appendToArrayOrWrap(text: string, valueNode: Node, newElement: unknown): OffsetEdit[] {
  const style = detectTextStyle(text);
  const end = valueNode.offset + valueNode.length;
  const onOneLine = !/[\r\n]/.test(text.slice(valueNode.offset, end));
  const spaced = /["\]}\d]: |, ["{[]/.test(text) || !/[:,]["{[]/.test(text);
  const ownerIndent = lineIndentAt(text, valueNode.offset);
  if (valueNode.type === 'array') {
    const children = valueNode.children ?? [];
    const last = children[children.length - 1];
    if (!last) {
      const childIndent = ownerIndent + style.indentUnit;
      return [{
        offset: valueNode.offset + 1,
        length: valueNode.length - 2,
        content: style.eol + childIndent + formatJson(newElement, childIndent, style) + style.eol + ownerIndent,
      }];
    }
    const lastEnd = last.offset + last.length;
    if (onOneLine) {
      return [{ offset: lastEnd, length: 0, content: (spaced ? ', ' : ',') + formatJsonOnOneLine(newElement, spaced) }];
    }
    if (startsLine(text, last.offset)) {
      const childIndent = lineIndentAt(text, last.offset);
      return [{ offset: lastEnd, length: 0, content: ',' + style.eol + childIndent + formatJson(newElement, childIndent, style) }];
    }
    return [{ offset: lastEnd, length: 0, content: ', ' + formatJson(newElement, lineIndentAt(text, lastEnd), style) }];
  }
  if (valueNode.type !== 'object' || onOneLine) {
    return [
      { offset: valueNode.offset, length: 0, content: '[' },
      { offset: end, length: 0, content: (spaced ? ', ' : ',') + formatJsonOnOneLine(newElement, spaced) + ']' },
    ];
  }
  return [
    { offset: valueNode.offset, length: 0, content: '[' },
    { offset: end, length: 0, content: ',' + style.eol + ownerIndent + formatJson(newElement, ownerIndent, style) + ']' },
  ];
}
