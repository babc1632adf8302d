/* S3 Bucket Policy — MIT License. */
/**
 * Document generators for the fuzzer: mutations of the seed corpus (what typing, pasting and
 * saving with another editor produce) and documents from scratch (random JSON, random policy
 * structures in random layouts). Each is a pure function of a `Random`.
 */
import type { Random } from './random';

/** A generated document and how it was made (for the report). */
export interface Generated {
  kind: string;
  text: string;
}

/** Characters that matter to a JSON scanner, and characters that break naive text handling. */
const STRUCTURAL = ['{', '}', '[', ']', '"', ':', ',', '\\', '/', '*', '\'', ' ', '\n', '\r', '\t', '0', '-', 'e', '.', 't', 'n', 'a', 'Z'];
const UNICODE = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', // lone surrogates
  '\u0000', '\u0001', '\u001F', '\u007F', // NUL and other controls
  '\uFEFF', // byte order mark
  '\u2028', '\u2029', '\u0085', // line and paragraph separators, next line
  '\u00A0', '\u200B', '\u200D', '\u202E', '\u3000', // no-break space, zero-width, right-to-left override, ideographic space
  '\u201C', '\u201D', '\u2018', '\u2019', '\u2013', '\u2014', '\uFF02', // typographic quotes and dashes, fullwidth quote
  '\u0301', 'e\u0301', '\uD83D\uDE00', '\uD83D', 'ß', 'İ', 'ﬁ', // combining mark, emoji (and half of one), case-folding oddities
];

/** The text with `count` random single characters replaced. */
function flip(random: Random, text: string, count: number): string {
  const characters = [...text];
  for (let index = 0; index < count && characters.length > 0; index++) {
    characters[random.int(characters.length)] = random.chance(0.7) ? random.pick(STRUCTURAL) : random.pick(UNICODE);
  }
  return characters.join('');
}

/** The text with one random code unit changed (which may split a surrogate pair, as a broken encoder would). */
function flipCodeUnit(random: Random, text: string): string {
  if (text.length === 0) {
    return text;
  }
  const at = random.int(text.length);
  return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << random.int(16))) + text.slice(at + 1);
}

function span(random: Random, text: string, maxLength: number): [number, number] {
  const start = random.int(text.length + 1);
  return [start, Math.min(text.length, start + random.between(1, maxLength))];
}

function deleteSpan(random: Random, text: string): string {
  const [start, end] = span(random, text, random.chance(0.7) ? 8 : 200);
  return text.slice(0, start) + text.slice(end);
}

function duplicateSpan(random: Random, text: string): string {
  const [start, end] = span(random, text, random.chance(0.5) ? 20 : 400);
  const at = random.chance(0.5) ? end : random.int(text.length + 1);
  return text.slice(0, at) + text.slice(start, end) + text.slice(at);
}

function insertUnicode(random: Random, text: string): string {
  let result = text;
  for (let count = random.between(1, 4); count > 0; count--) {
    const at = random.int(result.length + 1);
    result = result.slice(0, at) + random.pick(UNICODE) + result.slice(at);
  }
  return result;
}

/** The text with its line endings changed: all CRLF, all CR, or a random mix of LF, CRLF and CR. */
function lineEndings(random: Random, text: string): string {
  const mode = random.int(3);
  return text.replace(/\r\n|\r|\n/g, () => (mode === 0 ? '\r\n' : mode === 1 ? '\r' : random.pick(['\n', '\r\n', '\r'])));
}

/** What typing produces: part of another seed (or of this one) inserted at a random place, as if typed halfway. */
function typeInto(random: Random, text: string, other: string): string {
  const at = random.int(text.length + 1);
  const start = random.int(other.length + 1);
  const typed = other.slice(start, start + random.between(1, 60));
  return text.slice(0, at) + typed + text.slice(at);
}

/** Two seeds cut and joined. */
function splice(random: Random, text: string, other: string): string {
  return text.slice(0, random.int(text.length + 1)) + other.slice(random.int(other.length + 1));
}

/** Applies one random mutation. */
export function mutate(random: Random, text: string, other: string): Generated {
  const mutation = random.weighted<[string, () => string]>([
    [3, ['truncate', () => text.slice(0, random.int(text.length + 1))]],
    [3, ['flip', () => flip(random, text, random.between(1, 5))]],
    [1, ['flipCodeUnit', () => flipCodeUnit(random, text)]],
    [3, ['delete', () => deleteSpan(random, text)]],
    [2, ['duplicate', () => duplicateSpan(random, text)]],
    [2, ['unicode', () => insertUnicode(random, text)]],
    [2, ['lineEndings', () => lineEndings(random, text)]],
    [3, ['type', () => typeInto(random, text, other)]],
    [1, ['splice', () => splice(random, text, other)]],
  ]);
  return { kind: mutation[0], text: mutation[1]() };
}

/** A JSON value whose objects may repeat keys (a list of entries rather than a record). */
export type GeneratedValue = string | number | boolean | null | GeneratedValue[] | { entries: [string, GeneratedValue][] };

const VERSIONS = ['2012-10-17', '2008-10-17', '2012-10-18', '2012 - 10 - 17', '', 'latest', '2012\u201310\u201317'];
const EFFECTS = ['Allow', 'Deny', 'allow', 'DENY', ' Allow', '', 'Permit'];
const ACTIONS = [
  's3:GetObject', 's3:*', '*', 'S3:getobject', 's3:Get*', 's3:GetObjekt', 'GetObject', 's3:ListBucket', 'kms:Decrypt', 's3:?*',
  's3 : GetObject', 's3:CreateMultipartUpload', 'iam:PassRole', 's3:PutObjectAcl', 's3:', 's*:Get*', 's3:*Object*', 's3:List*',
  's3:DeleteObject', 's3:PutBucketPolicy', 'S3:ListBucket', 's3:getObject', 's3:GetObjectVersion',
];
const RESOURCES = [
  'arn:aws:s3:::acme-fuzz', 'arn:aws:s3:::acme-fuzz/*', '*', 'arn:aws:s3:::acme-fuzz/${aws:username}/*', 'arn:aws:s3:::Bad_Bucket',
  'arn:aws:s3:us-east-1:123456789012:accesspoint/x', 'arn:aws:s3:::other-bucket/*', 'arn:aws:s3:::your-bucket-name/*', 'arn:aws:s3:::',
  'arn:aws:s3::acme-fuzz', 'arn:aws-cn:s3:::acme-fuzz/*', 'arn:aws:s3:::acme-fuzz*', 'arn:aws:s3:::<bucket>/*', 'acme-fuzz',
];
const PRINCIPALS: GeneratedValue[] = [
  '*', 'arn:aws:iam::111122223333:root', '123456789012', 'AROAEXAMPLEID12345678',
  { entries: [['AWS', '*']] },
  { entries: [['AWS', 'arn:aws:iam::111122223333:root']] },
  { entries: [['AWS', ['210987654321', 'arn:aws:iam::210987654321:role/reader', 'arn:aws:iam::12345:root']]] },
  { entries: [['Service', 'cloudfront.amazonaws.com']] },
  { entries: [['Federated', 'cognito-identity.amazonaws.com']] },
  { entries: [['CanonicalUser', '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be']] },
  { entries: [['aws', '*']] },
  { entries: [] },
];
const CONDITION_BLOCKS: [string, [string, GeneratedValue][]][] = [
  ['Bool', [['aws:SecureTransport', 'false']]],
  ['Bool', [['aws:SecureTransport', 'true']]],
  ['Bool', [['aws:securetransport', false]]],
  ['StringEquals', [['aws:SourceVpce', 'vpce-1a2b3c4d']]],
  ['StringNotEquals', [['aws:SourceVpc', 'vpc-111bbb22']]],
  ['IpAddress', [['aws:SourceIp', ['203.0.113.0/24', '10.0.0.1/8', '300.1.1.1']]]],
  ['StringLike', [['s3:x-amz-acl', 'public-*']]],
  ['ForAnyValue:StringEquals', [['aws:PrincipalOrgID', 'o-a1b2c3d4e5']]],
  ['ForAllValues:StringLike', [['s3:prefix', ['home/', 'home/${aws:username}/*']]]],
  ['Null', [['aws:SourceArn', 'false']]],
  ['StringEqualsIfExists', [['aws:SourceAccount', '111122223333']]],
  ['NumericLessThan', [['s3:TlsVersion', '1.2']]],
  ['DateGreaterThan', [['aws:CurrentTime', '2024-01-01T00:00:00Z']]],
  ['StringEquls', [['aws:SourceAccount', '111122223333']]],
  ['ArnLike', [['aws:SourceArn', 'arn:aws:cloudfront::111122223333:distribution/*']]],
];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principals', 'Actions', 'effect', 'Comment', 'Resources'];
const TOP_KEYS = ['Version', 'Id', 'Statement', 'Statements', 'version', 'Policy'];

/** A random JSON value, nested up to `depth`, with policy words among its strings. */
export function randomValue(random: Random, depth: number): GeneratedValue {
  const kind = random.int(depth <= 0 ? 4 : 6);
  switch (kind) {
    case 0:
      return random.pick([...ACTIONS, ...RESOURCES, ...VERSIONS, ...EFFECTS, '', 'x'.repeat(random.int(40)), random.pick(['\u0000', '\uD800', '"', '\\', '\u2028'])]);
    case 1:
      return random.pick([0, -1, 1.5, 1e308, 2012, -0, 123456789012]);
    case 2:
      return random.pick([true, false]);
    case 3:
      return null;
    case 4:
      return Array.from({ length: random.int(4) }, () => randomValue(random, depth - 1));
    default:
      return { entries: Array.from({ length: random.int(5) }, () => [random.pick([...STATEMENT_KEYS, ...TOP_KEYS, 'AWS', 'Bool', 'aws:SecureTransport', 'k']), randomValue(random, depth - 1)] as [string, GeneratedValue]) };
  }
}

/** One of a list of strings, or a list of them, or (rarely) a value of the wrong type. */
function stringOrList(random: Random, choices: readonly string[]): GeneratedValue {
  if (random.chance(0.08)) {
    return randomValue(random, 1);
  }
  return random.chance(0.6) ? random.pick(choices) : Array.from({ length: random.between(0, 4) }, () => random.pick(choices));
}

function randomStatement(random: Random): GeneratedValue {
  const entries: [string, GeneratedValue][] = [];
  const generators: Record<string, () => GeneratedValue> = {
    Sid: () => random.pick(['Read', 'Read', 'DenyInsecureTransport', 'has space', '', 'sid-1', 'Stmt1']),
    Effect: () => random.pick(EFFECTS),
    Principal: () => random.pick(PRINCIPALS),
    NotPrincipal: () => random.pick(PRINCIPALS),
    Action: () => stringOrList(random, ACTIONS),
    NotAction: () => stringOrList(random, ACTIONS),
    Resource: () => stringOrList(random, RESOURCES),
    NotResource: () => stringOrList(random, RESOURCES),
    Condition: () => ({ entries: Array.from({ length: random.between(0, 3) }, () => {
      const [operator, keys] = random.pick(CONDITION_BLOCKS);
      return [operator, { entries: keys }] as [string, GeneratedValue];
    }) }),
  };
  for (const key of STATEMENT_KEYS) {
    const probability = ['Effect', 'Principal', 'Action', 'Resource'].includes(key) ? 0.85 : key === 'Sid' || key === 'Condition' ? 0.5 : 0.06;
    if (random.chance(probability)) {
      entries.push([key, generators[key]?.() ?? randomValue(random, 2)]);
    }
  }
  if (random.chance(0.1) && entries.length > 0) {
    entries.push(random.pick(entries));
  }
  for (let index = entries.length - 1; index > 0; index--) {
    const other = random.int(index + 1);
    if (random.chance(0.3)) {
      [entries[index], entries[other]] = [entries[other], entries[index]];
    }
  }
  return { entries };
}

/** A random policy-shaped value: mostly the right elements, sometimes wrong names, types and values. */
export function randomPolicy(random: Random): GeneratedValue {
  const entries: [string, GeneratedValue][] = [];
  if (random.chance(0.8)) {
    entries.push(['Version', random.chance(0.7) ? '2012-10-17' : random.chance(0.9) ? random.pick(VERSIONS) : 20121017]);
  }
  if (random.chance(0.15)) {
    entries.push(['Id', 'PolicyForFuzzing']);
  }
  const distinct = Array.from({ length: random.between(0, 5) }, () => randomStatement(random));
  // Now and then the same statements many times over, as a copy-paste or a generator produces.
  const statements = random.chance(0.05) ? Array.from({ length: random.between(2, 15) }, () => distinct).flat() : distinct;
  entries.push([random.chance(0.95) ? 'Statement' : random.pick(TOP_KEYS), statements.length === 1 && random.chance(0.3) ? statements[0] : statements]);
  if (random.chance(0.05)) {
    entries.push([random.pick(TOP_KEYS), randomValue(random, 2)]);
  }
  return { entries };
}

/** How a generated value is written out: indentation, line ending, and the mistakes S3 rejects. */
interface Layout {
  indent: string;
  eol: string;
  /** Probability of a trailing comma after the last member or item. */
  trailingComma: number;
  /** Probability of a comment before a member or item. */
  comment: number;
  /** Probability of writing a string in single or typographic quotes. */
  oddQuotes: number;
}

function randomLayout(random: Random): Layout {
  const mistakes = random.chance(0.4);
  return {
    indent: random.pick(['', '  ', '    ', '\t']),
    eol: random.pick(['\n', '\n', '\r\n']),
    trailingComma: mistakes ? 0.15 : 0,
    comment: mistakes ? 0.1 : 0,
    oddQuotes: mistakes ? 0.08 : 0,
  };
}

function writeString(random: Random, value: string, layout: Layout): string {
  if (random.chance(layout.oddQuotes) && !/['"\\\n\r\u2018\u2019\u201C\u201D]/.test(value)) {
    return random.chance(0.5) ? `'${value}'` : `\u201C${value}\u201D`;
  }
  return JSON.stringify(value);
}

/** Writes a value in a layout; the indentation of nested lines follows `level`. */
export function write(random: Random, value: GeneratedValue, layout: Layout, level = 0): string {
  if (typeof value === 'string') {
    return writeString(random, value, layout);
  }
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  const items: string[] = Array.isArray(value)
    ? value.map((item) => write(random, item, layout, level + 1))
    : value.entries.map(([key, item]) => `${writeString(random, key, layout)}:${layout.indent ? ' ' : ''}${write(random, item, layout, level + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) {
    return open + close;
  }
  const inner = layout.indent ? layout.eol + layout.indent.repeat(level + 1) : '';
  const outer = layout.indent ? layout.eol + layout.indent.repeat(level) : '';
  const withComments = items.map((item) => (random.chance(layout.comment) ? `${random.pick(['// note', '/* note */'])}${layout.indent ? inner : '\n'}${item}` : item));
  return `${open}${inner}${withComments.join(`,${inner || ''}`)}${random.chance(layout.trailingComma) ? ',' : ''}${outer}${close}`;
}

/** The text of a written object without its outer braces: members as pasted with their keys. */
function withoutBraces(text: string): string {
  return text.trim().replace(/^\{/, '').replace(/\}$/, '');
}

/**
 * A policy as people paste it (issue 19): a bare statement, a bare list of statements, a policy's
 * or a statement's members without their braces, or a whole policy; then, at random, `#` comments
 * on lines of their own or after a value, and string values after a colon left as unquoted
 * `${…}` template expressions. The layout may add comments, trailing commas and odd quotes too.
 */
export function pasted(random: Random): Generated {
  const layout = randomLayout(random);
  const statements = () => Array.from({ length: random.between(1, 3) }, () => randomStatement(random));
  const [form, text] = random.weighted<[string, () => string]>([
    [3, ['bareStatement', () => write(random, randomStatement(random), layout)]],
    [2, ['bareList', () => write(random, statements(), layout)]],
    [2, ['policyMembers', () => withoutBraces(write(random, randomPolicy(random), layout))]],
    [2, ['statementMembers', () => withoutBraces(write(random, randomStatement(random), layout))]],
    [2, ['policy', () => write(random, randomPolicy(random), layout)]],
  ]);
  let document = text();
  if (random.chance(0.4)) {
    document = document.replace(/(: ?)"[^"\\\n]*"/g, (match, colon: string) => (random.chance(0.3) ? `${colon}\${${random.pick(['admin_arns', 'var.bucket', 'jsonencode(local.ids)'])}}` : match));
  }
  if (random.chance(0.4)) {
    document = document.split(layout.eol).map((line) => (random.chance(0.2) ? `${line} # ${random.pick(['note', 'it\'s "quoted"', '\u201Csmart\u201D'])}` : line)).join(layout.eol);
    document = random.chance(0.5) ? `# pasted from the wiki${layout.eol}${document}` : document;
  }
  return { kind: `pasted:${form}`, text: document };
}

/** A document from scratch: a random policy structure or random JSON, written in a random layout; or a policy as people paste it. */
export function fromScratch(random: Random): Generated {
  if (random.chance(0.2)) {
    return pasted(random);
  }
  if (random.chance(0.75)) {
    return { kind: 'randomPolicy', text: write(random, randomPolicy(random), randomLayout(random)) };
  }
  return { kind: 'randomJson', text: write(random, randomValue(random, 4), randomLayout(random)) };
}
