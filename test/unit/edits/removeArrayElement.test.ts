/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNodeAtLocation, Node, parseTree } from 'jsonc-parser';
import { applyOffsetEdits } from '../../../server/src/service/edits/jsonEdits';
import { removeElementEdit } from '../../../server/src/service/edits/removeArrayElement';

/** The text without the element at `path`, or undefined when there is no edit. */
function without(text: string, path: (string | number)[]): string | undefined {
  const node = findNodeAtLocation(parseTree(text) as Node, path);
  assert.ok(node, `no node at ${path.join('.')}`);
  const edit = removeElementEdit(node);
  return edit && applyOffsetEdits(text, [edit]);
}

describe('removeElementEdit', () => {
  it('removes the first, a middle and the last element with their separating comma', () => {
    const text = '{"a": ["x", "y", "z"]}';
    assert.equal(without(text, ['a', 0]), '{"a": ["y", "z"]}');
    assert.equal(without(text, ['a', 1]), '{"a": ["x", "z"]}');
    assert.equal(without(text, ['a', 2]), '{"a": ["x", "y"]}');
  });

  it('keeps the layout of a multi-line list', () => {
    assert.equal(without('[\n  "x",\n  "y"\n]', [0]), '[\n  "y"\n]');
  });

  it('offers nothing for the only element or a value outside an array', () => {
    assert.equal(without('{"a": ["x"]}', ['a', 0]), undefined);
    assert.equal(without('{"a": "x"}', ['a']), undefined);
  });
});
