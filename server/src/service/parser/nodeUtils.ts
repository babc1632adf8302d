/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';

/**
 * The string nodes of an element that may be a string or an array of strings (Action, Resource,
 * principal lists, condition values). Non-string items are skipped; the schema reports them.
 */
export function stringNodes(node: Node | undefined): Node[] {
  if (!node) {
    return [];
  }
  if (node.type === 'string') {
    return [node];
  }
  if (node.type === 'array') {
    return (node.children ?? []).filter((child) => child.type === 'string');
  }
  return [];
}

/** The range of a string node's content, without its quotes. */
export function innerRange(node: Node): { offset: number; length: number } {
  return { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
}

/** The string value of a node, or undefined when it is not a string. */
export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}
