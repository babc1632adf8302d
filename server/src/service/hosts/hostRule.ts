/* S3 Bucket Policy — MIT License. */
import type { PolicyFinding, RuleSeverity } from '../policyLanguageTypes';
import type { HostDocument } from './embeddedPolicy';

/** A check that exists only in one kind of host (a template, a Terraform file); it reports in the host's offsets. */
export interface HostRule<Input> {
  readonly id: string;
  readonly defaultSeverity: RuleSeverity;
  readonly description: string;
  check(input: Input, report: (finding: Omit<PolicyFinding, 'ruleId' | 'severity'>) => void): void;
}

/** The host checks of a document: every rule run once on its input, the findings replayed for each lint. */
export function hostChecksOf<Input>(rules: readonly HostRule<Input>[], input: Input): HostDocument['hostChecks'] {
  const findings: [HostRule<Input>, Omit<PolicyFinding, 'ruleId' | 'severity'>][] = [];
  for (const rule of rules) {
    rule.check(input, (finding) => findings.push([rule, finding]));
  }
  return (report) => findings.forEach(([rule, finding]) => report(rule, finding));
}
