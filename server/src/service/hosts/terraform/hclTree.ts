/* S3 Bucket Policy — MIT License. */
import type { HclNode } from './hclParser';

/**
 * What the Terraform host reads of an HCL tree: blocks with their labels, attributes and nested
 * blocks, and expressions unwrapped from the grammar's wrapper nodes. Offsets are UTF-16 code
 * units of the text, as web-tree-sitter gives them when it parses a JavaScript string.
 */

/** An attribute `name = expression`. */
export interface HclAttribute {
  name: string;
  nameNode: HclNode;
  /** The expression, unwrapped (a `function_call`, an `object`, a `string_lit`, …). */
  value: HclNode;
  node: HclNode;
}

/** A block `type "label" … { body }`. */
export interface HclBlock {
  type: string;
  typeNode: HclNode;
  labels: string[];
  labelNodes: HclNode[];
  attributes: HclAttribute[];
  blocks: HclBlock[];
  node: HclNode;
  /** Where the body's content starts and ends (inside the braces). */
  bodyStart: number;
  bodyEnd: number;
}

/** The node an expression wrapper stands for: `expression`, `literal_value`, `collection_value`, `template_expr` and parentheses removed. */
export function unwrap(node: HclNode): HclNode {
  let current = node;
  for (;;) {
    if ((current.type === 'expression' || current.type === 'literal_value' || current.type === 'collection_value' || current.type === 'template_expr') && current.namedChildCount === 1) {
      current = current.namedChildren[0]!;
    } else {
      return current;
    }
  }
}

/** The named children of a node, without nulls. */
export function namedChildrenOf(node: HclNode): HclNode[] {
  return node.namedChildren.filter((child): child is HclNode => child !== null);
}

/** The text of a string literal with no interpolation or escape (a block label), or undefined. */
export function plainString(node: HclNode | undefined): string | undefined {
  if (!node || node.type !== 'string_lit') {
    return undefined;
  }
  const literals = namedChildrenOf(node).filter((child) => child.type === 'template_literal');
  const text = literals.map((child) => child.text).join('');
  return text.includes('\\') ? undefined : text;
}

/** Reads the arguments and blocks of a body into `block`; `readsBody` is passed to `readBlock` for its blocks. */
function readBody(body: HclNode | undefined, block: Pick<HclBlock, 'attributes' | 'blocks'>, readsBody?: (type: string) => boolean): void {
  if (!body) {
    return;
  }
  for (const child of namedChildrenOf(body)) {
    if (child.type === 'attribute') {
      const nameNode = child.namedChildren[0];
      const value = child.namedChildren[1];
      if (nameNode && value) {
        block.attributes.push({ name: nameNode.text, nameNode, value: unwrap(value), node: child });
      }
    } else if (child.type === 'block') {
      const read = readBlock(child, readsBody);
      if (read) {
        block.blocks.push(read);
      }
    }
  }
}

/** Reads a `block` node; its arguments and nested blocks only when `readsBody` (if given) says so of its type. */
export function readBlock(node: HclNode, readsBody?: (type: string) => boolean): HclBlock | undefined {
  const children = namedChildrenOf(node);
  const typeNode = children[0];
  if (!typeNode || typeNode.type !== 'identifier') {
    return undefined;
  }
  const labelNodes = children.filter((child) => child.type === 'string_lit' || (child.type === 'identifier' && child !== typeNode));
  const start = children.find((child) => child.type === 'block_start');
  const end = children.find((child) => child.type === 'block_end');
  const block: HclBlock = {
    type: typeNode.text,
    typeNode,
    labels: labelNodes.map((label) => plainString(label) ?? label.text),
    labelNodes,
    attributes: [],
    blocks: [],
    node,
    bodyStart: start?.endIndex ?? node.endIndex,
    bodyEnd: end?.startIndex ?? node.endIndex,
  };
  if (readsBody?.(block.type) ?? true) {
    readBody(children.find((child) => child.type === 'body'), block);
  }
  return block;
}

/**
 * The top-level blocks of a configuration file. The arguments and nested blocks of a top-level
 * block are read when `readsBody` says so of its type; the others have none.
 */
export function readConfig(root: HclNode, readsBody?: (type: string) => boolean): HclBlock[] {
  const file: Pick<HclBlock, 'attributes' | 'blocks'> = { attributes: [], blocks: [] };
  readBody(namedChildrenOf(root).find((child) => child.type === 'body'), file, readsBody);
  return file.blocks;
}

/** An attribute of a block by name. */
export function attributeOf(block: HclBlock | undefined, name: string): HclAttribute | undefined {
  return block?.attributes.find((attribute) => attribute.name === name);
}

/**
 * A reference's names: `aws_s3_bucket.b.arn` → ['aws_s3_bucket', 'b', 'arn'], with index steps
 * (`[0]`, `["k"]`, `[*]`) skipped. Undefined for an expression that is not a plain traversal.
 */
export function traversal(node: HclNode): string[] | undefined {
  const inner = unwrap(node);
  const parts = inner.type === 'variable_expr' ? [inner] : inner.type === 'expression' ? namedChildrenOf(inner) : [];
  if (parts.length === 0 || parts[0].type !== 'variable_expr') {
    return undefined;
  }
  const names = [parts[0].text];
  for (const part of parts.slice(1)) {
    if (part.type === 'get_attr') {
      names.push(part.namedChildren[0]?.text ?? '');
    } else if (part.type !== 'index' && part.type !== 'splat' && part.type !== 'new_index' && part.type !== 'legacy_index') {
      return undefined;
    }
  }
  return names;
}

/** True when a node (or a node under it) is an ERROR or missing node. */
export function hasErrors(node: HclNode): boolean {
  return node.hasError;
}
