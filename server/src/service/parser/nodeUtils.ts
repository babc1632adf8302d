/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';

const NO_NODES: readonly Node[] = [];

/**
 * The items of a value that may be one item or an array of them, kept by `keep`: the value itself,
 * or the array's kept children. An array whose children are all kept (nearly always) is returned as
 * the tree's own list of children, not a copy.
 */
export function itemNodes(node: Node | undefined, keep: (item: Node) => boolean): readonly Node[] {
  if (node?.type !== 'array') {
    return node && keep(node) ? [node] : NO_NODES;
  }
  const children = node.children ?? NO_NODES;
  for (let index = 0; index < children.length; index++) {
    if (!keep(children[index])) {
      return children.filter(keep);
    }
  }
  return children;
}

function isString(node: Node): boolean {
  return node.type === 'string';
}

/**
 * The string nodes of an element that may be a string or an array of strings (Action, Resource,
 * principal lists, condition values). Non-string items are skipped; the schema reports them.
 */
export function stringNodes(node: Node | undefined): readonly Node[] {
  return itemNodes(node, isString);
}

/** The property nodes of an object, as the tree's own list (none for any other value): members read without a Member made for each. */
export function propertyNodes(node: Node | undefined): readonly Node[] {
  return node?.type === 'object' ? node.children ?? NO_NODES : NO_NODES;
}

/** The range of a string node's content, without its quotes. */
export function innerRange(node: Node): { offset: number; length: number } {
  return { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
}

/** The string value of a node, or undefined when it is not a string. */
export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}
