/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { ConditionEntry, conditionEntries } from './conditionEntries';
import { memoizePerObject } from './memoizePerObject';
import { stringNodes } from './parser/nodeUtils';
import { PolicyDocument, PolicyStatement, RESOURCE_ELEMENTS } from './parser/policyDocument';
import { everyonePrincipal } from './principals';

const BUCKET_ARN = /^arn:(aws[a-z-]*):s3:::([^/*?]+)$/;
const ALL_OBJECTS_ARN = /^arn:(aws[a-z-]*):s3:::([^/*?]+)\/\*$/;
const ANY_S3_ARN = /^arn:(aws[a-z-]*):s3:::([^/*?]+)/;
/** A bucket name without spaces or other characters no bucket name has (`b / *` is a broken ARN, not a bucket). */
const PLAIN_BUCKET_NAME = /^[\w.-]+$/;

/** A Deny statement that refuses every S3 action to everyone over plain HTTP, and what it covers. */
export interface SecureTransportDeny {
  statement: PolicyStatement;
  resourceNode: Node;
  /** The `Bool`/`BoolIfExists` entries on aws:SecureTransport that make it an HTTPS-only deny. */
  conditions: ConditionEntry[];
  coversAll: boolean;
  /** Buckets whose bucket ARN is listed. */
  bucketArns: Set<string>;
  /** Buckets whose `bucket/*` ARN is listed. */
  objectArns: Set<string>;
}

/** True when every item of an Action value is `s3:*` or `*`. */
export function isAllS3Actions(node: Node | undefined): boolean {
  const items = stringNodes(node);
  return items.length > 0 && items.every((item) => {
    const action = String(item.value);
    return action === '*' || (action.length === 4 && action.toLowerCase() === 's3:*');
  });
}

/** The boolean a condition value stands for: `true`/`false` or their strings in any case, alone or as a one-item array. */
export function booleanValue(entry: ConditionEntry): boolean | undefined {
  if (entry.values.length !== 1 || (entry.valueNode?.type === 'array' && (entry.valueNode.children ?? []).length !== 1)) {
    return undefined;
  }
  const value: unknown = entry.values[0].value;
  if (typeof value === 'boolean') {
    return value;
  }
  const text = String(value).toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** The `Bool`/`BoolIfExists` entries of a statement that test aws:SecureTransport against `wanted`. */
export function secureTransportConditions(statement: PolicyStatement, wanted: boolean): ConditionEntry[] {
  return conditionEntries(statement).filter((entry) => entry.baseOperator === 'Bool' && entry.qualifier === undefined
    && entry.lowerKey === 'aws:securetransport' && booleanValue(entry) === wanted);
}

/**
 * Finds the statements that deny all S3 actions to all principals when `aws:SecureTransport` is
 * false (POLICY-FACTS §2, the semantic reading: `Bool` or `BoolIfExists`, string or boolean false).
 * Computed once per parsed document.
 */
export const findSecureTransportDenies = memoizePerObject((policy: PolicyDocument): readonly SecureTransportDeny[] => {
  const denies: SecureTransportDeny[] = [];
  for (const statement of policy.statements) {
    const resourceNode = statement.elements.Resource?.valueNode;
    // The cheap tests first: most statements are not Denies.
    if (statement.elements.Effect?.valueNode?.value !== 'Deny' || !resourceNode || !isAllS3Actions(statement.elements.Action?.valueNode) || !everyonePrincipal(statement)) {
      continue;
    }
    const conditions = secureTransportConditions(statement, false);
    if (conditions.length === 0) {
      continue;
    }
    const deny: SecureTransportDeny = { statement, resourceNode, conditions, coversAll: false, bucketArns: new Set(), objectArns: new Set() };
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
});

/** True when a deny covers both a bucket and all of its objects (or every resource). */
export function isComplete(deny: SecureTransportDeny): boolean {
  return deny.coversAll || [...deny.bucketArns].some((bucket) => deny.objectArns.has(bucket));
}

/** The partition and bucket name the policy is about: from the first S3 ARN of its resources whose bucket name is plain, else from the first S3 ARN. */
export function findPolicyBucket(policy: PolicyDocument): { partition: string; bucket: string } | undefined {
  let first: { partition: string; bucket: string } | undefined;
  for (const statement of policy.statements) {
    for (const element of RESOURCE_ELEMENTS) {
      for (const item of stringNodes(statement.elements[element]?.valueNode)) {
        const match = ANY_S3_ARN.exec(String(item.value));
        if (match && PLAIN_BUCKET_NAME.test(match[2])) {
          return { partition: match[1], bucket: match[2] };
        }
        first ??= match ? { partition: match[1], bucket: match[2] } : undefined;
      }
    }
  }
  return first;
}

/**
 * The bucket a policy is about: the one it is attached to, when its template says which (a
 * template's view names it by a stand-in), else the one its first S3 ARN names; the partition from
 * its first S3 ARN. Undefined when neither says.
 */
export function policyBucket(policy: PolicyDocument): { partition: string; bucket: string } | undefined {
  const found = findPolicyBucket(policy);
  const attached = policy.attachedBucket?.name;
  return attached !== undefined ? { partition: found?.partition ?? 'aws', bucket: attached } : found;
}
