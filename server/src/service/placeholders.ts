/* S3 Bucket Policy — MIT License. */
import { memoize } from './data/memoize';

/**
 * Template text left in a policy: `<bucket>`, `YOUR-BUCKET-NAME`, `REPLACE_ME`, `${BucketName}`,
 * documentation account IDs and example names. The `placeholder` rule reports them; the format
 * rules (`invalidArn`, `invalidPrincipal`) stay silent on a value that holds one, so that the
 * mistake is reported once, as what it is.
 */

/** What kind of template text was found; decides the message. */
export type PlaceholderKind = 'template' | 'templateVariable' | 'documentationAccount' | 'exampleName';

/** Template text found in a string, with its position inside that string. */
export interface PlaceholderMatch {
  /** Offset inside the string value (not the document). */
  index: number;
  text: string;
  kind: PlaceholderKind;
  /**
   * True when the text also makes the value malformed (`<bucket>`, `YOUR-BUCKET`); false for
   * well-formed stand-ins such as a documentation account ID, which other rules check as usual.
   */
  breaksFormat: boolean;
}

/** The account IDs AWS documentation uses in its examples; a real policy never names them. */
export const DOCUMENTATION_ACCOUNT_IDS: readonly string[] = ['111122223333', '444455556666', '777788889999', '123456789012'];

const PATTERNS: readonly { pattern: RegExp; kind: PlaceholderKind; breaksFormat: boolean }[] = [
  { pattern: /<[^<>"\s][^<>"]*>/g, kind: 'template', breaksFormat: true },
  { pattern: /\$\{(?=[^}]*[A-Za-z])(?:[^}:]+|[^}]*::[^}]*)\}/g, kind: 'templateVariable', breaksFormat: true },
  { pattern: /\byour[\s_-]*(?:(?:aws|s3|iam|own)[\s_-]*)?(?:bucket|account|org(?:anization)?|role|user|vpce?|endpoint|distribution|domain|ip|key|name|id)\b(?:[\s_-]*(?:name|id|arn))*/gi, kind: 'template', breaksFormat: true },
  { pattern: /\b(?:REPLACE[_-]?ME|CHANGE[_-]?ME|TODO|FIXME|ACCOUNT[_-]?ID|BUCKET[_-]?NAME)\b|(?<![A-Za-z0-9])[Xx]{4,}(?![A-Za-z0-9])/g, kind: 'template', breaksFormat: true },
  { pattern: new RegExp(`(?<!\\d)(?:${DOCUMENTATION_ACCOUNT_IDS.join('|')})(?!\\d)`, 'g'), kind: 'documentationAccount', breaksFormat: false },
  { pattern: /(?<![A-Za-z0-9-])[A-Za-z0-9-]*EXAMPLE[A-Za-z0-9-]*/g, kind: 'exampleName', breaksFormat: true },
  { pattern: /(?<=^|[:/])(?:amzn-s3-demo-[a-z0-9.-]*|(?:aws)?(?:doc-)?example-?bucket\d*)(?=$|[/:\s])/g, kind: 'exampleName', breaksFormat: false },
];

/** Text that every pattern above needs somewhere: strings without any of it (nearly all) are skipped in one pass. */

/** The words among the triggers below, as one alternation of literals: the regular expression engine searches a whole document for it fast. */
const TEMPLATE_WORD_SOURCE = `EXAMPLE|REPLACE|CHANGE|TODO|FIXME|ACCOUNT|BUCKET|example-?bucket|amzn-s3-demo-|${DOCUMENTATION_ACCOUNT_IDS.join('|')}`;
const TEMPLATE_WORDS = new RegExp(TEMPLATE_WORD_SOURCE);
/** Text that every pattern above needs somewhere: strings without any of it (nearly all) are skipped in one pass. */
const TRIGGER = new RegExp(`[<]|\\$\\{|[Xx]{4}|[Yy][Oo][Uu][Rr]|${TEMPLATE_WORD_SOURCE}`);
/** TRIGGER's `[Xx]{4}` and `[Yy][Oo][Uu][Rr]`, for a whole document. */
const TEMPLATE_LETTERS = /xxxx|your/i;
/**
 * A policy variable at the position it is set to (sticky): closed before the end of the string
 * with one colon in it (`${aws:username}`) or no letter (`${*}`), which the template variable
 * pattern never matches.
 */
const POLICY_VARIABLE = /\$\{(?:[^}":]*:[^}":]*|[^}"A-Za-z]*)\}/y;

/** True when some `${` in the text may open a template variable: one that does not open a policy variable. */
export function hasTemplateVariableOpening(text: string): boolean {
  for (let index = text.indexOf('${'); index >= 0; index = text.indexOf('${', index + 2)) {
    POLICY_VARIABLE.lastIndex = index;
    if (!POLICY_VARIABLE.test(text)) {
      return true;
    }
  }
  return false;
}

/**
 * True when a text may hold template text: false for most policies, policies with policy variables
 * included. Every pattern's match holds a trigger, so a text with none (nor a backslash: an escape
 * such as \u003c may spell one in a string's value) holds no template text. The triggers are looked
 * for one kind at a time, each a search done fast (a character search, a literal alternation, a
 * case-insensitive word): a whole 20 KB policy in about 8 µs, where TRIGGER itself took 60 µs on a
 * policy without any.
 */
export function mayHavePlaceholders(text: string): boolean {
  return text.includes('<') || text.includes('\\') || hasTemplateVariableOpening(text) || TEMPLATE_WORDS.test(text) || TEMPLATE_LETTERS.test(text);
}

/**
 * Every piece of template text in a string, in order, without overlaps (the first pattern to claim a
 * span wins). Memoized: the same values come back on every keystroke, and several rules ask.
 */
export const findPlaceholders: (value: string) => readonly PlaceholderMatch[] = memoize(placeholdersIn);

function placeholdersIn(value: string): PlaceholderMatch[] {
  if (!TRIGGER.test(value)) {
    return [];
  }
  const matches: PlaceholderMatch[] = [];
  for (const { pattern, kind, breaksFormat } of PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of value.matchAll(pattern)) {
      const index = match.index ?? 0;
      const end = index + match[0].length;
      if (match[0].length > 0 && !matches.some((taken) => index < taken.index + taken.text.length && taken.index < end)) {
        matches.push({ index, text: match[0], kind, breaksFormat });
      }
    }
  }
  return matches.sort((a, b) => a.index - b.index);
}

/** True when a value holds template text that also makes it malformed, so format rules should leave it to `placeholder`. */
export function hasMalformingPlaceholder(value: string): boolean {
  return findPlaceholders(value).some((match) => match.breaksFormat);
}
