/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { objectMembers } from './parser/parsePolicy';
import { stringNodes } from './parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from './parser/policyDocument';

const BUCKET_ARN = /^arn:(aws[a-z-]*):s3:::([^/*?]+)$/;
const ALL_OBJECTS_ARN = /^arn:(aws[a-z-]*):s3:::([^/*?]+)\/\*$/;
const ANY_S3_ARN = /^arn:(aws[a-z-]*):s3:::([^/*?]+)/;

/** A Deny statement that refuses every S3 action to everyone over plain HTTP, and what it covers. */
export interface SecureTransportDeny {
  statement: PolicyStatement;
  resourceNode: Node;
  coversAll: boolean;
  /** Buckets whose bucket ARN is listed. */
  bucketArns: Set<string>;
  /** Buckets whose `bucket/*` ARN is listed. */
  objectArns: Set<string>;
}

function isAllPrincipals(node: Node | undefined): boolean {
  if (node?.type === 'string') {
    return node.value === '*';
  }
  const aws = objectMembers(node).find((member) => member.name === 'AWS')?.valueNode;
  return stringNodes(aws).some((item) => item.value === '*');
}

function isAllS3Actions(node: Node | undefined): boolean {
  const actions = stringNodes(node).map((item) => String(item.value).toLowerCase());
  return actions.length > 0 && actions.every((action) => action === 's3:*' || action === '*');
}

function deniesPlainHttp(condition: Node | undefined): boolean {
  return objectMembers(condition).some((operator) => (operator.name === 'Bool' || operator.name === 'BoolIfExists')
    && objectMembers(operator.valueNode).some((key) => key.name.toLowerCase() === 'aws:securetransport' && isFalse(key.valueNode)));
}

function isFalse(node: Node | undefined): boolean {
  if (node?.type === 'array') {
    return (node.children ?? []).length === 1 && isFalse(node.children?.[0]);
  }
  return node?.value === false || (node?.type === 'string' && String(node.value).toLowerCase() === 'false');
}

/**
 * Finds the statements that deny all S3 actions to all principals when `aws:SecureTransport` is
 * false (POLICY-FACTS §2, the semantic reading: `Bool` or `BoolIfExists`, string or boolean false).
 */
export function findSecureTransportDenies(policy: PolicyDocument): SecureTransportDeny[] {
  const denies: SecureTransportDeny[] = [];
  for (const statement of policy.statements) {
    const get = (name: string) => statement.members.get(name)?.valueNode;
    const resourceNode = get('Resource');
    if (get('Effect')?.value !== 'Deny' || !resourceNode || !isAllPrincipals(get('Principal'))
      || !isAllS3Actions(get('Action')) || !deniesPlainHttp(get('Condition'))) {
      continue;
    }
    const deny: SecureTransportDeny = { statement, resourceNode, coversAll: false, bucketArns: new Set(), objectArns: new Set() };
    for (const item of stringNodes(resourceNode)) {
      const value = String(item.value);
      deny.coversAll ||= value === '*' || value === 'arn:aws:s3:::*';
      const bucket = BUCKET_ARN.exec(value);
      const objects = ALL_OBJECTS_ARN.exec(value);
      if (bucket) {
        deny.bucketArns.add(bucket[2]);
      }
      if (objects) {
        deny.objectArns.add(objects[2]);
      }
    }
    denies.push(deny);
  }
  return denies;
}

/** True when a deny covers both a bucket and all of its objects (or every resource). */
export function isComplete(deny: SecureTransportDeny): boolean {
  return deny.coversAll || [...deny.bucketArns].some((bucket) => deny.objectArns.has(bucket));
}

/** The partition and bucket name the policy is about: from the first S3 ARN of its resources. */
export function findPolicyBucket(policy: PolicyDocument): { partition: string; bucket: string } | undefined {
  for (const statement of policy.statements) {
    for (const element of ['Resource', 'NotResource']) {
      for (const item of stringNodes(statement.members.get(element)?.valueNode)) {
        const match = ANY_S3_ARN.exec(String(item.value));
        if (match) {
          return { partition: match[1], bucket: match[2] };
        }
      }
    }
  }
  return undefined;
}
