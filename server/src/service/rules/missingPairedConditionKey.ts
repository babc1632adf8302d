/* S3 Bucket Policy — MIT License. */
import { policyConditionEntries } from '../conditions/policyConditions';
import { innerRange } from '../parser/nodeUtils';
import type { Rule } from './rule';

/** Keys that only say something together with one of their companions (lowercased), and those companions as AWS writes them. */
const PAIRS: ReadonlyMap<string, readonly string[]> = new Map([['aws:vpcsourceip', ['aws:SourceVpc', 'aws:SourceVpce']]]);

/**
 * A condition key whose companion key is missing from the statement's Condition (Access Analyzer
 * security warning "Missing paired condition keys"): `aws:VpcSourceIp` is a private address, and
 * the same private address exists in every VPC, so without `aws:SourceVpc` (or `aws:SourceVpce`,
 * which pins one VPC too) it matches callers in anyone's VPC. No fix: the VPC ID is the user's.
 */
export const missingPairedConditionKey: Rule = {
  id: 'missingPairedConditionKey',
  defaultSeverity: 'warning',
  description: 'aws:VpcSourceIp without aws:SourceVpc (or aws:SourceVpce) in the same Condition: the address matches in any VPC.',
  runsOnBrokenDocuments: false,
  check(context) {
    const entries = policyConditionEntries(context.policy);
    for (const { statement, entry } of entries) {
      const companions = PAIRS.get(entry.lowerKey);
      if (!companions) {
        continue;
      }
      const wanted = new Set(companions.map((key) => key.toLowerCase()));
      const paired = entries.some((other) => other.statement === statement && wanted.has(other.entry.lowerKey));
      if (!paired) {
        context.report(innerRange(entry.keyNode),
          `"${entry.key}" compares an address inside a VPC, and the same private addresses exist in every VPC: on its own it matches requests from anyone's VPC. Add "${companions[0]}" (or "${companions[1]}") to this Condition to name your VPC.`);
      }
    }
  },
};
