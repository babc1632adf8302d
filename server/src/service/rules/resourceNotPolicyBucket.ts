/* S3 Bucket Policy — MIT License. */
import { innerRange, stringNodes } from '../parser/nodeUtils';
import { otherBucketOf } from './otherBucket';
import type { Rule } from './rule';

/**
 * A Resource on another bucket than the one the policy is attached to, where the document that
 * holds the policy says which bucket that is: a template's `Bucket: !Ref Logs`, Terraform's
 * `bucket = aws_s3_bucket.logs.id`. S3 rejects the policy ("Policy has invalid resource"). In a
 * policy file nothing says which bucket the policy is for, and `mixedBuckets` judges by majority.
 */
export const resourceNotPolicyBucket: Rule = {
  id: 'resourceNotPolicyBucket',
  defaultSeverity: 'error',
  description: 'A Resource names another bucket than the one the template or Terraform resource attaches the policy to.',
  runsOnBrokenDocuments: false,
  check(context) {
    const attached = context.policy.attachedBucket;
    if (!attached) {
      return;
    }
    for (const statement of context.policy.statements) {
      for (const node of stringNodes(statement.elements.Resource?.valueNode)) {
        const bucket = otherBucketOf(context.policy, String(node.value));
        if (!bucket) {
          continue;
        }
        context.report(innerRange(node), `This policy is attached to ${attached.description}, but this Resource is in bucket "${bucket}". A bucket policy can only cover its own bucket and objects, so S3 rejects it ("Policy has invalid resource"). Name ${attached.description} here, or move this statement to the policy of "${bucket}".`);
      }
    }
  },
};
