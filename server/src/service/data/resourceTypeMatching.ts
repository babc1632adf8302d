/* S3 Bucket Policy — MIT License. */
/**
 * Which S3 resource types a Resource entry can cover. An entry may hold `*` and `?` wildcards and
 * policy variables (`${aws:username}`), so it can cover several types: `arn:aws:s3:::b*` covers the
 * bucket `b` and every object in it. The answer comes from the ARN formats in the AWS data.
 */
import { S3ResourceType, s3ResourceTypes } from './awsData';
import { memoize } from './memoize';

/** One step of a Resource pattern: a literal character, `?` (any one character) or `*` (any run). */
type PatternToken = string | { wildcard: '?' | '*' };

/** One step of an ARN format: a literal character or a `${Variable}` (one or more characters of a class). */
type FormatToken = string | { allows: (character: string) => boolean };

/** Object keys may hold any character; every other variable is one ARN segment or path part. */
const anyCharacter = (): boolean => true;
const segmentCharacter = (character: string): boolean => character !== ':' && character !== '/';

function patternTokens(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    const variableEnd = character === '$' && pattern[index + 1] === '{' ? pattern.indexOf('}', index) : -1;
    if (variableEnd > 0) {
      tokens.push({ wildcard: '*' });
      index = variableEnd;
    } else if (character === '*' || character === '?') {
      tokens.push({ wildcard: character });
    } else {
      tokens.push(character);
    }
  }
  return tokens;
}

function formatTokens(format: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  for (const part of format.split(/(\$\{[^}]+\})/)) {
    if (part.startsWith('${')) {
      tokens.push({ allows: part === '${ObjectName}' ? anyCharacter : segmentCharacter });
    } else {
      tokens.push(...part);
    }
  }
  return tokens;
}

/**
 * True when some string matches both the Resource pattern and the ARN format: a search over pairs of
 * positions, one in each, consuming one character at a time.
 */
function intersects(pattern: PatternToken[], format: FormatToken[]): boolean {
  const width = format.length + 1;
  const seen = new Set<number>();
  const stack: [number, number, boolean][] = [[0, 0, false]];
  while (stack.length > 0) {
    const [p, f, inVariable] = stack.pop()!;
    const key = (p * width + f) * 2 + (inVariable ? 1 : 0);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (p === pattern.length && f === format.length) {
      return true;
    }
    const patternToken = pattern[p];
    const formatToken = format[f];
    if (typeof patternToken === 'object' && patternToken.wildcard === '*') {
      stack.push([p + 1, f, inVariable]);
    }
    if (inVariable) {
      stack.push([p, f + 1, false]);
    }
    if (patternToken === undefined || formatToken === undefined) {
      continue;
    }
    const compatible = typeof patternToken === 'object'
      || (typeof formatToken === 'string' ? patternToken === formatToken : formatToken.allows(patternToken));
    if (!compatible) {
      continue;
    }
    const nextP = typeof patternToken === 'object' && patternToken.wildcard === '*' ? p : p + 1;
    stack.push(typeof formatToken === 'string' ? [nextP, f + 1, false] : [nextP, f, true]);
  }
  return false;
}

let formats: { type: S3ResourceType; tokens: FormatToken[] }[] | undefined;

/**
 * The S3 resource types whose ARNs a Resource entry can match (case-sensitively, as IAM compares
 * ARNs). Empty for `*` alone (handled by callers), malformed ARNs and other services' ARNs.
 */
export const resourceTypesMatching = memoize((resource: string): readonly S3ResourceType[] => {
  if (!resource.startsWith('arn:')) {
    return [];
  }
  formats ??= s3ResourceTypes().map((type) => ({ type, tokens: formatTokens(type.arnFormat) }));
  const tokens = patternTokens(resource);
  return formats.filter((format) => intersects(tokens, format.tokens)).map((format) => format.type);
});
