/* S3 Bucket Policy — MIT License. */
import { bucketOfArn, isWellFormedBucketName } from '../arns';
import type { PolicyDocument } from '../parser/policyDocument';
import { hasMalformingPlaceholder } from '../placeholders';

/**
 * The bucket a Resource value names when it is not the bucket the policy is attached to (where the
 * template or Terraform file says which that is), or undefined: what `resourceNotPolicyBucket` reports.
 */
export function otherBucketOf(policy: PolicyDocument, value: string): string | undefined {
  const attached = policy.attachedBucket;
  const bucket = attached && bucketOfArn(value);
  return bucket && bucket !== attached.name && isWellFormedBucketName(bucket) && !hasMalformingPlaceholder(value) ? bucket : undefined;
}
