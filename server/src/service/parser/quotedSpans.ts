/* S3 Bucket Policy — MIT License. */

/** A span opened by a quote character outside strings and comments, and where it closes on its line. */
export interface QuotedSpan {
  offset: number;
  /** Offset of the closing quote; undefined when the line (or a stop character) comes first. */
  closeOffset: number | undefined;
}

/** The offset of the quote that closes the double-quoted string opened at `offset` (or of the line end when it is unclosed). */
function endOfDoubleQuotedString(text: string, offset: number): number {
  let index = offset + 1;
  while (index < text.length && text[index] !== '"' && text[index] !== '\n') {
    index += text[index] === '\\' ? 2 : 1;
  }
  return index;
}

/**
 * Finds the spans that open with one of `quotes` outside double-quoted strings and comments (there
 * they are just text) and close on the same line with a quote `closes` accepts for that opening
 * one, unless a character matching `stop` comes first. Used for the quotes S3 rejects: typographic
 * ones and single ones.
 */
export function findQuotedSpans(text: string, quotes: ReadonlySet<string>, closes: (open: string, char: string) => boolean, stop: RegExp): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  // Most documents have none of these quotes: a native search per quote is far cheaper than the scan.
  if (![...quotes].some((quote) => text.includes(quote))) {
    return spans;
  }
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset];
    if (char === '"') {
      offset = endOfDoubleQuotedString(text, offset);
    } else if (char === '/' && text[offset + 1] === '/') {
      const end = text.indexOf('\n', offset);
      offset = end < 0 ? text.length : end;
    } else if (char === '/' && text[offset + 1] === '*') {
      const end = text.indexOf('*/', offset + 2);
      offset = end < 0 ? text.length : end + 1;
    } else if (quotes.has(char)) {
      let close: number | undefined;
      for (let next = offset + 1; next < text.length && text[next] !== '\n' && !stop.test(text[next]); next++) {
        if (closes(char, text[next])) {
          close = next;
          break;
        }
      }
      spans.push({ offset, closeOffset: close });
      offset = close ?? offset;
    }
  }
  return spans;
}
