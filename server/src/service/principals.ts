/* S3 Bucket Policy — MIT License. */
/** Reading the Principal and NotPrincipal of a statement: every principal string with its type and node. */
import type { Node } from 'jsonc-parser';
import { propertyNodes, stringNodes } from './parser/nodeUtils';
import { PolicyStatement, PRINCIPAL_ELEMENTS } from './parser/policyDocument';

/** The unique ID of an IAM role (AROA…) or user (AIDA…), which S3 shows in place of a deleted principal's ARN. */
export const IAM_UNIQUE_ID = /^(AROA|AIDA)[A-Z0-9]{12,}$/;

/** A service principal's host name: lowercase, ending in amazonaws.com, amazonaws.com.cn or an ISO partition's domain. */
const SERVICE_PRINCIPAL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.(amazonaws\.com(\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

/**
 * True when a `Service` value has the form of a service principal (`cloudfront.amazonaws.com`).
 * Any other value but `"*"` is malformed, and invalidPrincipal reports it.
 */
export function isServicePrincipalName(value: string): boolean {
  return SERVICE_PRINCIPAL.test(value);
}

/** One principal string: `"*"` given directly (type `*`), or a value under AWS, Service, CanonicalUser or Federated. */
export interface PrincipalValue {
  element: 'Principal' | 'NotPrincipal';
  /** `*` for a bare `"Principal": "*"`, otherwise the key it is listed under. */
  type: string;
  node: Node;
  value: string;
}

/** Every principal string of a statement, in document order; computed once per statement. */
export function principalValues(statement: PolicyStatement): readonly PrincipalValue[] {
  return (statement.analyses.principalValues ??= readPrincipalValues(statement));
}

function readPrincipalValues(statement: PolicyStatement): PrincipalValue[] {
  const values: PrincipalValue[] = [];
  for (const element of PRINCIPAL_ELEMENTS) {
    const node = statement.elements[element]?.valueNode;
    if (node?.type === 'string') {
      values.push({ element, type: '*', node, value: String(node.value) });
    }
    for (const property of propertyNodes(node)) {
      const keyNode = property.children?.[0];
      if (keyNode?.type !== 'string') {
        continue;
      }
      const type = String(keyNode.value);
      for (const item of stringNodes(property.children?.[1])) {
        values.push({ element, type, node: item, value: String(item.value) });
      }
    }
  }
  return values;
}

/**
 * The node that makes a statement's Principal everyone: `"*"` or `"*"` under AWS (the same thing,
 * anonymous users included). Undefined when the Principal names specific principals.
 */
export function everyonePrincipal(statement: PolicyStatement): Node | undefined {
  return principalValues(statement).find((principal) => principal.element === 'Principal' && principal.value === '*' && (principal.type === '*' || principal.type === 'AWS'))?.node;
}
