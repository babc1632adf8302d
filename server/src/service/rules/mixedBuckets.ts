/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { bucketOfArn, isWellFormedBucketName } from '../arns';
import { replaceStringEdit } from '../edits/jsonEdits';
import { innerRange, stringNodes } from '../parser/nodeUtils';
import { hasMalformingPlaceholder } from '../placeholders';
import { editDistance } from '../suggestions';
import type { Rule } from './rule';

/**
 * Resources on more than one bucket. A bucket policy belongs to one bucket, and S3 rejects one whose
 * resources name another bucket ("Policy has invalid resource"). The bucket most resources name is
 * taken as the policy's own; every resource on another bucket is reported. Names with wildcards,
 * variables or template text, and malformed names (`invalidArn`'s), are left out.
 */
export const mixedBuckets: Rule = {
  id: 'mixedBuckets',
  defaultSeverity: 'error',
  description: 'The policy\'s resources name more than one bucket; a bucket policy can only cover its own bucket.',
  runsOnBrokenDocuments: false,
  check(context) {
    // Where the document says which bucket the policy is attached to, resourceNotPolicyBucket judges by that instead.
    if (context.policy.attachedBucket) {
      return;
    }
    // Most policies name one bucket. The checks below only drop buckets, so a policy that names fewer
    // than two before them has nothing to report.
    const named = new Set<string | undefined>();
    for (const statement of context.policy.statements) {
      for (const node of stringNodes(statement.elements.Resource?.valueNode)) {
        named.add(bucketOfArn(String(node.value)));
      }
    }
    named.delete(undefined);
    if (named.size < 2) {
      return;
    }
    const resources: { node: Node; bucket: string }[] = [];
    const counts = new Map<string, number>();
    for (const statement of context.policy.statements) {
      for (const node of stringNodes(statement.elements.Resource?.valueNode)) {
        const value = String(node.value);
        const bucket = bucketOfArn(value);
        if (!bucket || !isWellFormedBucketName(bucket) || hasMalformingPlaceholder(value)) {
          continue;
        }
        resources.push({ node, bucket });
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
    }
    if (counts.size < 2) {
      return;
    }
    const [own] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    for (const { node, bucket } of resources) {
      if (bucket === own) {
        continue;
      }
      const value = String(node.value);
      const start = value.indexOf(':::') + 3;
      const end = value.indexOf('/', start) < 0 ? value.length : value.indexOf('/', start);
      const typo = start >= 3 && editDistance(bucket, own, 2) <= 2;
      context.report(innerRange(node), `This policy is about bucket "${own}", but this resource is in bucket "${bucket}". A bucket policy can only cover its own bucket and objects, so S3 rejects it. Fix the name if it is a typo, or move this grant to the bucket policy of "${bucket}".`, {
        fixes: typo ? [{ title: `Change the bucket to "${own}"`, isPreferred: false, edits: [replaceStringEdit(node, value.slice(0, start) + own + value.slice(end))] }] : [],
      });
    }
  },
};
