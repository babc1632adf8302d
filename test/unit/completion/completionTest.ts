/* S3 Bucket Policy — MIT License. */
/**
 * Helpers for completion tests: the cursor is marked with `|` in inline text; an accepted proposal
 * is applied (its snippet read as the plain text it inserts) to get the whole new text.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionList, InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import type { CompletionSettings } from '../../../server/src/service/completion/completion';
import { snippetToPlain } from '../../../server/src/service/completion/proposals';
import { service } from '../../helpers/policyTest';

/** A completion list at the `|` of a marked text, with helpers to read and accept its items. */
export interface Completion {
  list: CompletionList;
  labels: string[];
  /** The item with this label (fails when there is none). */
  item(label: string): CompletionItem;
  /** The whole text after accepting the item with this label. */
  accept(label: string): string;
}

/** Splits a marked text into the text and the cursor offset. */
export function unmark(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'mark the cursor with |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Completes at the `|` of `marked`. */
export function complete(marked: string, settings?: CompletionSettings): Completion {
  const { text, offset } = unmark(marked);
  const document = TextDocument.create('file:///work/bucket-policy.json', 'json', 1, text);
  const list = service.doComplete(document, service.parse(text), document.positionAt(offset), settings);
  const item = (label: string) => {
    const found = list.items.find((candidate) => candidate.label === label);
    assert.ok(found, `no proposal "${label}"; proposed: ${JSON.stringify(list.items.map((candidate) => candidate.label))}`);
    return found;
  };
  return {
    list,
    labels: list.items.map((candidate) => candidate.label),
    item,
    accept(label) {
      const chosen = item(label);
      const edit = chosen.textEdit as TextEdit;
      const newText = chosen.insertTextFormat === InsertTextFormat.Snippet ? snippetToPlain(edit.newText) : edit.newText;
      return TextDocument.applyEdits(document, [{ ...edit, newText }, ...(chosen.additionalTextEdits ?? [])]);
    },
  };
}

/** Asserts that a text is JSON and returns its value. */
export function parsesAsJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    assert.fail(`not valid JSON (${String(error)}):\n${text}`);
  }
}
