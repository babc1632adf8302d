/* S3 Bucket Policy — MIT License. */
import type { Rule } from './rule';
import { findTypographicQuotePairs } from './smartQuotes';

/**
 * Strict JSON, as S3 requires: no comments, no trailing commas, double-quoted strings only.
 * Trailing commas and single quotes get a preferred fix; removing a comment is offered, not preferred.
 * Problems VS Code's `json` mode already underlines are left to it in the editor (see `RuleContext.reportSyntaxErrors`).
 * When typographic quotes are the cause, `smartQuotes` alone reports: the parse errors they provoke are the same problem.
 */
export const jsonSyntax: Rule = {
  id: 'jsonSyntax',
  defaultSeverity: 'error',
  description: 'The policy is not strict JSON (comments, trailing commas, single quotes, missing punctuation).',
  runsOnBrokenDocuments: true,
  check(context) {
    if (findTypographicQuotePairs(context.policy.text).length > 0) {
      return;
    }
    for (const problem of context.policy.syntaxProblems) {
      if (context.reportSyntaxErrors === 'all' || (context.reportSyntaxErrors === 'strictOnly' && problem.strictOnly)) {
        context.report(problem, problem.message, { fixes: problem.fixes });
      }
    }
  },
};
