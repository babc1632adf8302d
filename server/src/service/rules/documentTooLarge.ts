/* S3 Bucket Policy — MIT License. */
import type { Rule } from './rule';

/**
 * A document too large (over 256 KB) or too deeply nested (over 32 levels) to check. The parser does
 * not analyse it (see `parser/documentLimits.ts`), no other rule runs on it, and this rule says so
 * once, so that silence is never mistaken for a clean policy.
 */
export const documentTooLarge: Rule = {
  id: 'documentTooLarge',
  defaultSeverity: 'information',
  description: 'The document is too large (over 256 KB) or too deeply nested (over 32 levels) to check, so it was skipped.',
  runsOnBrokenDocuments: true,
  check(context) {
    const skipped = context.policy.skipped;
    if (skipped) {
      context.report(skipped, skipped.reason);
    }
  },
};
