/* S3 Bucket Policy — MIT License. */
import { Node, ParseError, parseTree } from 'jsonc-parser';
import { strictJsonTree } from '../../server/src/service/parser/strictJsonTree';
import { nestsTooDeep } from '../../server/src/service/parser/documentLimits';

/** What a tree says, parent links included (as a path check), without the identity of its objects. */
export function treeContent(node: Node | undefined, parent?: Node): unknown {
  if (!node) {
    return undefined;
  }
  return {
    type: node.type,
    value: node.value as unknown,
    offset: node.offset,
    length: node.length,
    colonOffset: node.colonOffset,
    parentIsRight: node.parent === parent,
    children: node.children?.map((child) => treeContent(child, node)),
  };
}

/**
 * How `strictJsonTree` disagrees with jsonc-parser's `parseTree` (with parsePolicy's options) on
 * `text`, or undefined when it agrees: a tree only for text parseTree finds no error in and that nests
 * at most 32 levels, and then the same tree.
 */
export function strictTreeDisagreement(text: string): string | undefined {
  const errors: ParseError[] = [];
  let expected: Node | undefined;
  try {
    expected = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch {
    return strictJsonTree(text) ? 'strictJsonTree built a tree where parseTree ran out of stack' : undefined;
  }
  const strict = strictJsonTree(text);
  const strictExpected = errors.length === 0 && expected !== undefined && !nestsTooDeep(expected);
  if (!strict) {
    return strictExpected ? 'strictJsonTree found no tree in strict JSON that parseTree parses without error' : undefined;
  }
  if (!strictExpected) {
    return `strictJsonTree built a tree where parseTree reports ${errors.length} errors${errors.length === 0 ? ' (or too deep a nesting)' : ''}`;
  }
  return JSON.stringify(treeContent(strict)) === JSON.stringify(treeContent(expected)) ? undefined : 'strictJsonTree and parseTree built different trees';
}
