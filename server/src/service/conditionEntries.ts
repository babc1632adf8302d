/* S3 Bucket Policy — MIT License. */
/** Reading a statement's Condition block as a flat list of operator / key / values entries. */
import type { Node } from 'jsonc-parser';
import { operatorParts } from './conditionOperators';
import { memoize } from './data/memoize';
import { itemNodes, propertyNodes } from './parser/nodeUtils';
import type { PolicyStatement } from './parser/policyDocument';

/** One condition key under one operator, with its value nodes. */
export interface ConditionEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  operatorNode: Node;
  /** The operator without its set qualifier and IfExists suffix, e.g. `StringLike`. */
  baseOperator: string;
  qualifier: 'ForAllValues' | 'ForAnyValue' | undefined;
  ifExists: boolean;
  /** The key as written, e.g. `aws:SourceIp`. */
  key: string;
  /**
   * The key lowercased, as condition keys compare (`aws:sourceip`). The same string on every lint,
   * so the rules' many lookups by it find its hash already computed.
   */
  lowerKey: string;
  keyNode: Node;
  valueNode: Node | undefined;
  /** The scalar value nodes (strings, booleans, numbers): the value itself, or the items of an array. */
  values: readonly Node[];
}

const lowerCased = memoize((key: string): string => key.toLowerCase());

function isScalar(node: Node): boolean {
  return node.type !== 'array' && node.type !== 'object';
}

/** Every operator/key pair of a statement's Condition, in document order; computed once per statement. */
export function conditionEntries(statement: PolicyStatement): readonly ConditionEntry[] {
  return (statement.analyses.conditionEntries ??= readConditionEntries(statement));
}

function readConditionEntries(statement: PolicyStatement): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  // Read from the tree in place: no Member is made for each operator and key.
  for (const operatorProperty of propertyNodes(statement.elements.Condition?.valueNode)) {
    const operatorNode = operatorProperty.children?.[0];
    if (operatorNode?.type !== 'string') {
      continue;
    }
    const operator = String(operatorNode.value);
    const { qualifier, base, ifExists } = operatorParts(operator);
    for (const keyProperty of propertyNodes(operatorProperty.children?.[1])) {
      const keyNode = keyProperty.children?.[0];
      if (keyNode?.type !== 'string') {
        continue;
      }
      const key = String(keyNode.value);
      const valueNode = keyProperty.children?.[1];
      entries.push({
        operator,
        operatorNode,
        baseOperator: base,
        qualifier,
        ifExists,
        key,
        lowerKey: lowerCased(key),
        keyNode,
        valueNode,
        values: itemNodes(valueNode, isScalar),
      });
    }
  }
  return entries;
}
