/* S3 Bucket Policy — MIT License. */
import { conditionEntries } from '../conditionEntries';
import { matchS3Actions, s3Actions } from '../data/awsData';
import { innerRange, stringNodes } from '../parser/nodeUtils';
import { describeAccess, grantedActions } from '../statementAccess';
import type { Rule } from './rule';

/** Condition keys of the access-point delegation pattern: the grant only works through access points, whose own policies decide. */
const DELEGATION_KEYS = new Set(['s3:dataaccesspointaccount', 's3:dataaccesspointarn']);

/**
 * An Allow that grants every S3 action: an Action item that matches them all (`*`, `s3:*`, `*:*`, as
 * the evaluator matches actions: case-insensitive, with wildcards), or a NotAction that leaves out
 * less than half of them (EVALUATION-FACTS §2.4: NotAction with Allow grants every action it does not
 * list). Deleting objects and rewriting the bucket policy included, now and for every action AWS adds
 * later. Delegation to access points (a condition on s3:DataAccessPointAccount or
 * s3:DataAccessPointArn) is the documented exception. A statement with both Action and NotAction is
 * `conflictingElements`'s: AWS rejects it.
 */
export const allowWildcardAction: Rule = {
  id: 'allowWildcardAction',
  defaultSeverity: 'warning',
  description: 'An Allow grants every action ("*" or "s3:*"), or every action but a few (NotAction).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const statement of context.policy.statements) {
      if (statement.elements.Effect?.valueNode?.value !== 'Allow' || conditionEntries(statement).some((entry) => DELEGATION_KEYS.has(entry.lowerKey))) {
        continue;
      }
      const { Action, NotAction } = statement.elements;
      if (NotAction && !Action) {
        const granted = grantedActions(statement);
        const all = s3Actions().length;
        if (granted.length * 2 > all) {
          context.report(NotAction.keyNode, `"NotAction" makes this Allow grant every action it does not list: ${all - granted.length} of the ${all} S3 actions are left out, and it still grants ${describeAccess(granted)}, and every action AWS adds later. List the actions needed in "Action" instead, such as "s3:GetObject" and "s3:ListBucket" for reading.`);
        }
        continue;
      }
      for (const node of stringNodes(Action?.valueNode)) {
        const value = String(node.value);
        // Nearly every action has no star: settled without a trimmed copy.
        if (value.includes('*') && matchS3Actions(value.trim()).length === s3Actions().length) {
          context.report(innerRange(node), `"${value}" grants every S3 action, including deleting objects, changing the bucket policy and ACLs, and every action AWS adds later. List only the actions needed, such as "s3:GetObject" and "s3:ListBucket" for reading.`);
        }
      }
    }
  },
};
