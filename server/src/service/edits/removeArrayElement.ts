/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import type { OffsetEdit } from '../policyLanguageTypes';

/**
 * The edit that deletes one element of an array with the comma that separates it from its
 * neighbour, so the others keep their layout; undefined when the node is not in an array or is its
 * only element.
 */
export function removeElementEdit(node: Node): OffsetEdit | undefined {
  const siblings = node.parent?.type === 'array' ? node.parent.children ?? [] : [];
  const index = siblings.indexOf(node);
  if (index < 0 || siblings.length < 2) {
    return undefined;
  }
  const start = index > 0 ? siblings[index - 1].offset + siblings[index - 1].length : node.offset;
  const end = index > 0 ? node.offset + node.length : siblings[1].offset;
  return { offset: start, length: end - start, content: '' };
}
