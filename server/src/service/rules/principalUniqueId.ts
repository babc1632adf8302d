/* S3 Bucket Policy — MIT License. */
import { innerRange } from '../parser/nodeUtils';
import { hasMalformingPlaceholder } from '../placeholders';
import { IAM_UNIQUE_ID, principalValues } from '../principals';
import type { Rule } from './rule';

/**
 * An IAM role or user unique ID (`AROA…`, `AIDA…`) as a principal (Access Analyzer "Invalid role
 * reference", "Invalid user reference"). S3 shows a principal this way after the role or user it
 * named was deleted: the grant no longer reaches anyone, and a re-created role with the same name
 * gets a new ID.
 */
export const principalUniqueId: Rule = {
  id: 'principalUniqueId',
  defaultSeverity: 'warning',
  description: 'A principal is an IAM unique ID (AROA…, AIDA…), typically left behind when the role or user was deleted.',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const statement of context.policy.statements) {
      for (const principal of principalValues(statement)) {
        if (principal.type !== 'AWS' || !IAM_UNIQUE_ID.test(principal.value) || hasMalformingPlaceholder(principal.value)) {
          continue;
        }
        const what = principal.value.startsWith('AROA') ? 'role' : 'user';
        context.report(innerRange(principal.node), `"${principal.value}" is the unique ID of an IAM ${what}, not its ARN. S3 shows a principal this way when the ${what} it named was deleted, so this grant reaches no one, and a new ${what} with the same name will not match it. Replace it with the ${what}'s ARN (arn:aws:iam::ACCOUNT-ID:${what}/NAME), or remove it.`);
      }
    }
  },
};
