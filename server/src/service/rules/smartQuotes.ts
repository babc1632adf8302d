/* S3 Bucket Policy — MIT License. */
import { findQuotedSpans } from '../parser/quotedSpans';
import type { OffsetEdit, PolicyFix } from '../policyLanguageTypes';
import type { OffsetRange, Rule } from './rule';

const DOUBLE_QUOTES = new Set(['\u201C', '\u201D', '\u201E', '\u2033']);
const SINGLE_QUOTES = new Set(['\u2018', '\u2019']);
const TYPOGRAPHIC_QUOTES = new Set([...DOUBLE_QUOTES, ...SINGLE_QUOTES]);

/** A typographic quote closes one of its own kind, double or single: the ’ in “Bob’s” is an apostrophe. */
function closes(open: string, char: string): boolean {
  return DOUBLE_QUOTES.has(open) ? DOUBLE_QUOTES.has(char) : SINGLE_QUOTES.has(char);
}

/** A pair of typographic quotes used where JSON needs `"`, e.g. `“Effect”`, or a lone one. */
interface QuotePair extends OffsetRange {
  closeOffset: number | undefined;
}

/**
 * Finds typographic quotes outside ASCII-quoted strings and comments (there they are just text),
 * paired on their line with one of the same kind; a double quote or the line end stops the search
 * for the closing one.
 */
export function findTypographicQuotePairs(text: string): QuotePair[] {
  return findQuotedSpans(text, TYPOGRAPHIC_QUOTES, closes, /"/).map(({ offset, closeOffset }) => ({ offset, length: (closeOffset ?? offset) - offset + 1, closeOffset }));
}

/** Typographic quotes (“ ” ‘ ’) used as JSON quotes, as happens when a policy is copied from a blog or a document. */
export const smartQuotes: Rule = {
  id: 'smartQuotes',
  defaultSeverity: 'error',
  description: 'Typographic quotes (“ ” ‘ ’) are used where JSON needs straight double quotes.',
  runsOnBrokenDocuments: true,
  check(context) {
    const pairs = findTypographicQuotePairs(context.policy.text);
    if (pairs.length === 0) {
      return;
    }
    const edits: OffsetEdit[] = pairs.flatMap((pair) => [
      { offset: pair.offset, length: 1, content: '"' },
      ...(pair.closeOffset === undefined ? [] : [{ offset: pair.closeOffset, length: 1, content: '"' }]),
    ]);
    const fix: PolicyFix = { title: 'Replace all typographic quotes with straight double quotes', isPreferred: true, edits };
    for (const pair of pairs) {
      context.report(pair, 'Typographic quotes are not JSON quotes: S3 rejects this policy. Use straight double quotes (").', { fixes: [fix] });
    }
  },
};
