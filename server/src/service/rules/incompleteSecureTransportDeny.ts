/* S3 Bucket Policy — MIT License. */
import { appendToArrayOrWrap } from '../edits/jsonEdits';
import { findSecureTransportDenies, isComplete } from '../secureTransport';
import type { Rule } from './rule';

/**
 * An HTTPS-only deny that lists only `bucket/*` (objects) or only the bucket ARN: requests on the
 * part it leaves out (listing the bucket, reading its policy, or reading objects) still work over HTTP.
 * The objects-only form is also what the CIS text shows and what stricter scanners reject.
 */
export const incompleteSecureTransportDeny: Rule = {
  id: 'incompleteSecureTransportDeny',
  defaultSeverity: 'warning',
  description: 'The HTTPS-only deny covers only the bucket or only its objects.',
  runsOnBrokenDocuments: false,
  check(context) {
    const denies = findSecureTransportDenies(context.policy);
    if (denies.some(isComplete)) {
      return;
    }
    for (const deny of denies) {
      const objectsOnly = [...deny.objectArns].find((bucket) => !deny.bucketArns.has(bucket));
      const bucketOnly = [...deny.bucketArns].find((bucket) => !deny.objectArns.has(bucket));
      const resources = deny.resourceNode.type === 'string' ? [deny.resourceNode] : deny.resourceNode.children ?? [];
      const partition = resources.map((node) => /^arn:(aws[a-z-]*):s3:/.exec(String(node.value))?.[1]).find((found) => found !== undefined) ?? 'aws';
      const missingArn = objectsOnly !== undefined
        ? `arn:${partition}:s3:::${objectsOnly}`
        : bucketOnly !== undefined ? `arn:${partition}:s3:::${bucketOnly}/*` : undefined;
      if (!missingArn) {
        continue;
      }
      const what = objectsOnly !== undefined
        ? `covers only the objects of "${objectsOnly}": bucket-level requests (listing, reading the bucket policy or ACL) still work over plain HTTP, and AWS Config, Control Tower and cdk-nag report the bucket as not requiring HTTPS`
        : `covers only the bucket "${bucketOnly}" itself: reading and writing its objects still works over plain HTTP`;
      context.report(deny.resourceNode, `This HTTPS-only deny ${what}. Add "${missingArn}" to its Resource.`, {
        fixes: [{ title: `Add "${missingArn}" to Resource`, isPreferred: true, edits: appendToArrayOrWrap(context.policy.text, deny.resourceNode, missingArn) }],
      });
    }
  },
};
