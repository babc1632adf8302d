/* S3 Bucket Policy — MIT License. */
/**
 * IAM wildcard patterns as the evaluator compares them: `*` matches any run of characters (`/` and
 * `:` included), `?` exactly one, and policy variables are replaced before the wildcards are read
 * (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and the escapes `${*}`, `${?}`, `${$}`
 * for the literal characters). IAM-RESOURCE, IAM-VARS; EVALUATION-FACTS §2.5, §2.9.
 */
import { memoize } from '../data/memoize';
import type { RequestContext } from './requestContext';

/** One piece of a compiled pattern: a literal character, `*` or `?`. */
type Piece = string | typeof STAR | typeof ONE;
const STAR = 0;
const ONE = 1;

/** A pattern ready to match, or the name of the variable that had no value (the pattern then matches nothing). */
export type CompiledPattern = { pieces: readonly Piece[]; ignoreCase: boolean } | { missingVariable: string };

/** How to read a pattern. */
export interface PatternOptions {
  /** Whether `*` and `?` are wildcards (Like, ARN and the elements) or literal (Equals). */
  wildcards: boolean;
  /** Whether `${…}` is a policy variable: only under Version 2012-10-17, and only where the element allows it. */
  variables: boolean;
  ignoreCase: boolean;
}

const VARIABLE = /^\$\{([^},]+)(?:,\s*'([^']*)')?\}/;

/**
 * Reads a pattern into pieces, replacing policy variables with the request's values. A variable
 * whose key the request does not carry, and that has no default, makes the whole pattern match
 * nothing (IAM-VARS "Policy variables with no value").
 */
export function compilePattern(text: string, options: PatternOptions, context: RequestContext | undefined): CompiledPattern {
  const pieces: Piece[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (options.variables && char === '$' && text[index + 1] === '{') {
      const variable = VARIABLE.exec(text.slice(index));
      if (variable) {
        index += variable[0].length - 1;
        const name = variable[1].trim();
        if (name === '*' || name === '?' || name === '$') {
          pieces.push(name);
          continue;
        }
        const values = context?.get(name.toLowerCase());
        // Multivalued keys cannot be used as variables: a list resolves to no value.
        const value = values?.length === 1 ? values[0] : variable[2];
        if (value === undefined) {
          return { missingVariable: name };
        }
        // The substituted value is literal text.
        pieces.push(...value);
        continue;
      }
    }
    pieces.push(options.wildcards && char === '*' ? STAR : options.wildcards && char === '?' ? ONE : char);
  }
  return { pieces: options.ignoreCase ? pieces.map((piece) => (typeof piece === 'string' ? piece.toLowerCase() : piece)) : pieces, ignoreCase: options.ignoreCase };
}

/**
 * True when `value` matches the pattern. The classic two-pointer glob walk: on a mismatch after a
 * `*`, the star takes one more character; never exponential.
 */
export function matchesPattern(pattern: CompiledPattern, value: string): boolean {
  if ('missingVariable' in pattern) {
    return false;
  }
  const pieces = pattern.pieces;
  const text = pattern.ignoreCase ? value.toLowerCase() : value;
  let p = 0;
  let t = 0;
  let starPiece = -1;
  let starText = 0;
  while (t < text.length) {
    const piece = pieces[p];
    if (p < pieces.length && (piece === ONE || piece === text[t])) {
      p++;
      t++;
    } else if (p < pieces.length && piece === STAR) {
      starPiece = p++;
      starText = t;
    } else if (starPiece >= 0) {
      p = starPiece + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < pieces.length && pieces[p] === STAR) {
    p++;
  }
  return p === pieces.length;
}

/** True when the text has a wildcard or a policy variable: not a fixed value (S3's meaning of "public"). */
export function hasWildcardOrVariable(text: string): boolean {
  return /[*?]|\$\{/.test(text);
}

/** A wildcard pattern without variables, case-sensitive (StringLike, ARN parts), compiled once per text. */
export const likePattern = memoize((text: string): CompiledPattern => compilePattern(text, { wildcards: true, variables: false, ignoreCase: false }, undefined));
