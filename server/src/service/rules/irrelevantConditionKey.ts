/* S3 Bucket Policy — MIT License. */
import { policyConditionEntries } from '../conditions/policyConditions';
import { innerRange } from '../parser/nodeUtils';
import type { Rule } from './rule';

/** Keys that carry no information in a bucket policy (lowercased), with why. */
const IRRELEVANT: ReadonlyMap<string, string> = new Map([
  ['s3:resourceaccount', 'it is the account that owns the resource, and a bucket policy only ever governs its own bucket, whose owner is fixed'],
]);

/**
 * A condition key that means nothing in a bucket policy (Access Analyzer suggestion "Irrelevant
 * condition key in policy"): `s3:ResourceAccount` is the owner of the bucket, which a bucket policy
 * already fixes. The condition is always true or always false. No fix: whether to drop the
 * condition or the statement depends on what the author meant.
 */
export const irrelevantConditionKey: Rule = {
  id: 'irrelevantConditionKey',
  defaultSeverity: 'information',
  description: 'A condition key that says nothing in a bucket policy (s3:ResourceAccount: the bucket\'s owner is always the same).',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { entry } of policyConditionEntries(context.policy)) {
      const why = IRRELEVANT.get(entry.lowerKey);
      if (why !== undefined) {
        context.report(innerRange(entry.keyNode),
          `"${entry.key}" says nothing in a bucket policy: ${why}. The condition is either always true or never true; remove it (or the statement, if it never matches).`);
      }
    }
  },
};
