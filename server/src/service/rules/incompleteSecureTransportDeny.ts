/* S3 Bucket Policy — MIT License. */
import { httpOnlyDenies, missingHalf, policyHttpDenial } from '../access/httpDenial';
import { appendToArrayOrWrap } from '../edits/jsonEdits';
import type { Rule } from './rule';

/**
 * An HTTPS-only deny that covers only `bucket/*` (objects) or only the bucket ARN: requests on the
 * part it leaves out (listing the bucket, reading its policy, or reading objects) still work over HTTP.
 * The objects-only form is also what the CIS text shows and what stricter scanners reject. The verdict
 * is the access evaluator's (`access/httpDenial.ts`, the access summary's "HTTP" row): it fires when
 * HTTP requests are not denied to everyone, and a deny refuses them to everyone on one part of the
 * bucket and not the other, with an Action that covers both.
 */
export const incompleteSecureTransportDeny: Rule = {
  id: 'incompleteSecureTransportDeny',
  defaultSeverity: 'warning',
  description: 'The HTTPS-only deny covers only the bucket or only its objects.',
  runsOnBrokenDocuments: false,
  check(context) {
    const { policy } = context;
    if (policyHttpDenial(policy).everyone !== 'no') {
      return;
    }
    for (const statement of httpOnlyDenies(policy)) {
      const half = missingHalf(policy, statement);
      const resourceNode = statement.elements.Resource?.valueNode;
      if (!half || !resourceNode) {
        continue;
      }
      const what = half.covered === 'objects'
        ? `covers only the objects of "${half.bucket}": bucket-level requests (listing, reading the bucket policy or ACL) still work over plain HTTP, and AWS Config, Control Tower and cdk-nag report the bucket as not requiring HTTPS`
        : `covers only the bucket "${half.bucket}" itself: reading and writing its objects still works over plain HTTP`;
      context.report(resourceNode, `This HTTPS-only deny ${what}. Add "${half.arn}" to its Resource.`, {
        fixes: [{ title: `Add "${half.arn}" to Resource`, isPreferred: true, edits: appendToArrayOrWrap(policy.text, resourceNode, half.arn) }],
      });
    }
  },
};
