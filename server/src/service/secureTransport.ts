/* S3 Bucket Policy — MIT License. */
import type { ConditionEntry } from './conditionEntries';
import { stringNodes } from './parser/nodeUtils';
import { PolicyDocument, RESOURCE_ELEMENTS } from './parser/policyDocument';

const ANY_S3_ARN = /^arn:(aws[a-z-]*):s3:::([^/*?]+)/;
/** A bucket name without spaces or other characters no bucket name has (`b / *` is a broken ARN, not a bucket). */
const PLAIN_BUCKET_NAME = /^[\w.-]+$/;

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
