/* S3 Bucket Policy — MIT License. */
/**
 * Lints a text as `s3-policy-lint` lints a file named on its command line: every rule at its default,
 * every syntax error reported, and a single `notAPolicy` when the text is not recognised as a bucket
 * policy. Used by the tests that pin the exact findings of whole files (corpus, examples, rule docs).
 */
import { DEFAULT_RECOGNITION_SETTINGS } from '../../server/src/service/policyRecognition';
import { lint, service } from './policyTest';

/** A finding as the tests compare it: the rule and what it says. */
export interface CliFinding {
  ruleId: string;
  message: string;
}

/** The findings the CLI reports for a file with this text (and, when given, this path). */
export function cliFindings(text: string, filePath?: string): CliFinding[] {
  if (!service.isBucketPolicy(filePath, service.parse(text), DEFAULT_RECOGNITION_SETTINGS)) {
    return [{ ruleId: 'notAPolicy', message: 'not recognised as a bucket policy' }];
  }
  return lint(text).map(({ ruleId, message }) => ({ ruleId, message }));
}

/** How many findings each rule has, keyed by rule id in alphabetical order: the form the manifests use. */
export function countByRule(findings: readonly CliFinding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ruleId of findings.map((finding) => finding.ruleId).sort()) {
    counts[ruleId] = (counts[ruleId] ?? 0) + 1;
  }
  return counts;
}

/** The findings one per line, for assertion messages. */
export function describeFindings(findings: readonly CliFinding[]): string {
  return findings.map((finding) => `  ${finding.ruleId}: ${finding.message}`).join('\n') || '  (none)';
}
