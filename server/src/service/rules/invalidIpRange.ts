/* S3 Bucket Policy — MIT License. */
import { ipConditionEntries } from '../conditions/ipConditions';
import { ipProblem } from '../conditions/ipRanges';
import { replaceStringEdit } from '../edits/jsonEdits';
import { hasMalformingPlaceholder } from '../placeholders';
import type { Rule } from './rule';

/**
 * A value of IpAddress or NotIpAddress that is not an IP address or CIDR block (Access Analyzer
 * "Type mismatch IP range"): a part over 255, a prefix over /32 or /128, three parts, a wildcard
 * (`10.1.2.*`, fixed to `10.1.2.0/24`), a range `a-b`, spaces. Such a value matches no request.
 */
export const invalidIpRange: Rule = {
  id: 'invalidIpRange',
  defaultSeverity: 'error',
  description: 'An IpAddress or NotIpAddress value is not an IP address or CIDR block (an octet over 255, /33, 10.0.0.*).',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const entry of ipConditionEntries(context.policy)) {
      for (const node of entry.values) {
        const value = String(node.value);
        const problem = value.includes('${') ? undefined : ipProblem(value);
        if (!problem || hasMalformingPlaceholder(value)) {
          continue;
        }
        const write = problem.repaired && !problem.message.includes(problem.repaired) ? ` Write "${problem.repaired}".` : '';
        context.report(node, `${problem.message}${write}`, {
          fixes: problem.repaired ? [{ title: `Change to "${problem.repaired}"`, isPreferred: true, edits: [replaceStringEdit(node, problem.repaired)] }] : [],
        });
      }
    }
  },
};
