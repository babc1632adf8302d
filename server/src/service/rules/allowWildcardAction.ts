/* S3 Bucket Policy — MIT License. */
import { conditionEntries } from '../conditionEntries';
import { innerRange, stringNodes } from '../parser/nodeUtils';
import type { Rule } from './rule';

/** Condition keys of the access-point delegation pattern: the grant only works through access points, whose own policies decide. */
const DELEGATION_KEYS = new Set(['s3:dataaccesspointaccount', 's3:dataaccesspointarn']);

/**
 * An Allow with the action `*` or `s3:*`: it grants every S3 action, deleting objects and rewriting
 * the bucket policy included, now and for every action AWS adds later. Delegation to access points
 * (a condition on s3:DataAccessPointAccount or s3:DataAccessPointArn) is the documented exception.
 */
export const allowWildcardAction: Rule = {
  id: 'allowWildcardAction',
  defaultSeverity: 'warning',
  description: 'An Allow grants every action ("*" or "s3:*").',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const statement of context.policy.statements) {
      if (statement.elements.Effect?.valueNode?.value !== 'Allow' || conditionEntries(statement).some((entry) => DELEGATION_KEYS.has(entry.lowerKey))) {
        continue;
      }
      for (const node of stringNodes(statement.elements.Action?.valueNode)) {
        const value = String(node.value);
        // Nearly every action has no star: settled without a trimmed, lowercased copy.
        if (!value.includes('*')) {
          continue;
        }
        const action = value.trim().toLowerCase();
        if (action === '*' || action === 's3:*') {
          context.report(innerRange(node), `"${String(node.value)}" grants every S3 action, including deleting objects, changing the bucket policy and ACLs, and every action AWS adds later. List only the actions needed, such as "s3:GetObject" and "s3:ListBucket" for reading.`);
        }
      }
    }
  },
};
