/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';

const NO_NODES: readonly Node[] = [];

/**
 * The string nodes of an element that may be a string or an array of strings (Action, Resource,
 * principal lists, condition values). Non-string items are skipped; the schema reports them. An
 * array of strings only (nearly all) is returned as the tree's own list of children, not a copy.
 */
export function stringNodes(node: Node | undefined): readonly Node[] {
  if (node?.type === 'string') {
    return [node];
  }
  if (node?.type !== 'array' || !node.children) {
    return NO_NODES;
  }
  const { children } = node;
  for (let index = 0; index < children.length; index++) {
    if (children[index].type !== 'string') {
      return children.filter((child) => child.type === 'string');
    }
  }
  return children;
}

/** The range of a string node's content, without its quotes. */
export function innerRange(node: Node): { offset: number; length: number } {
  return { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
}

/** The string value of a node, or undefined when it is not a string. */
export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}
