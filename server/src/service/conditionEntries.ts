/* S3 Bucket Policy — MIT License. */
/** Reading a statement's Condition block as a flat list of operator / key / values entries. */
import type { Node } from 'jsonc-parser';
import { operatorParts } from './conditionOperators';
import { memoize } from './data/memoize';
import { itemNodes } from './parser/nodeUtils';
import { objectMembers } from './parser/parsePolicy';
import { memoizePerObject } from './memoizePerObject';
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
export const conditionEntries = memoizePerObject((statement: PolicyStatement): readonly ConditionEntry[] => {
  const entries: ConditionEntry[] = [];
  for (const operator of objectMembers(statement.elements.Condition?.valueNode)) {
    const { qualifier, base, ifExists } = operatorParts(operator.name);
    for (const key of objectMembers(operator.valueNode)) {
      entries.push({
        operator: operator.name,
        operatorNode: operator.keyNode,
        baseOperator: base,
        qualifier,
        ifExists,
        key: key.name,
        lowerKey: lowerCased(key.name),
        keyNode: key.keyNode,
        valueNode: key.valueNode,
        values: itemNodes(key.valueNode, isScalar),
      });
    }
  }
  return entries;
});
