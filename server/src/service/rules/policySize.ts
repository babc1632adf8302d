/* S3 Bucket Policy — MIT License. */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { Rule } from './rule';

/** S3's limit on the size of a bucket policy: 20 KB. */
export const POLICY_SIZE_LIMIT = 20 * 1024;

const WHITESPACE = new Set([SyntaxKind.Trivia, SyntaxKind.LineBreakTrivia]);

/** The number of bytes of the policy without the whitespace between tokens (whitespace is ASCII: one byte each). */
function minifiedBytes(text: string, bytes: number): number {
  const scanner = createScanner(text, false);
  let whitespace = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (WHITESPACE.has(kind)) {
      whitespace += scanner.getTokenLength();
    }
  }
  return bytes - whitespace;
}

const utf8 = new TextEncoder();
/** Room for the UTF-8 of any text that may still fit the limit (at most 3 bytes per UTF-16 unit), reused. */
const scratch = new Uint8Array(3 * POLICY_SIZE_LIMIT);

/** The UTF-8 length of a text; encoded into a reused buffer when it fits (no allocation), as encoders skip ASCII fast. */
function utf8Length(text: string): number {
  return text.length <= POLICY_SIZE_LIMIT ? utf8.encodeInto(text, scratch).written : utf8.encode(text).length;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB (${bytes.toLocaleString('en-US')} bytes)`;
}

/**
 * A policy over S3's 20 KB limit (Access Analyzer "Policy size exceeds resource policy quota"). The
 * message gives the size as written and without whitespace: AWS does not say whether S3 counts
 * whitespace, so a policy that only fits minified is reported too.
 */
export const policySize: Rule = {
  id: 'policySize',
  defaultSeverity: 'warning',
  description: 'The policy is larger than S3\'s 20 KB limit for bucket policies.',
  runsOnBrokenDocuments: false,
  check(context) {
    const { text } = context.policy;
    if (text.length * 3 <= POLICY_SIZE_LIMIT) {
      return;
    }
    const bytes = utf8Length(text);
    if (bytes <= POLICY_SIZE_LIMIT) {
      return;
    }
    const minified = minifiedBytes(text, bytes);
    const advice = minified <= POLICY_SIZE_LIMIT
      ? 'AWS does not say whether S3 counts whitespace, so minify it before uploading, or make it smaller.'
      : 'Even minified it is too large: merge statements that share a principal and condition, use wildcards such as "s3:Get*" or prefixes, or grant through IAM roles or access points instead.';
    const anchor = context.policy.topMembers.get('Statement')?.keyNode ?? { offset: context.policy.root?.offset ?? 0, length: 1 };
    context.report(anchor, `This policy is ${kilobytes(bytes)}; S3 accepts bucket policies up to ${kilobytes(POLICY_SIZE_LIMIT)}. Without whitespace it is ${kilobytes(minified)}. ${advice}`);
  },
};
