/* S3 Bucket Policy — MIT License. */
/**
 * Hostile documents: what users paste or generate that no policy looks like. Each is built on
 * demand (some are megabytes). Those over the limits of `documentLimits.ts` must be skipped with one
 * finding; those under them must be checked in bounded time.
 */
import { MAX_DOCUMENT_LENGTH, MAX_NESTING_DEPTH } from '../../server/src/service/parser/documentLimits';

/** A hostile document: a name for reports, and the text. */
export interface HostileDocument {
  name: string;
  /** True when it is over the limits and must be skipped (one `documentTooLarge` finding). */
  skipped: boolean;
  text(): string;
}

const STATEMENT = '{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-hostile/*"}';
const HTTPS_DENY = '{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::acme-hostile","arn:aws:s3:::acme-hostile/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}';

/** A policy whose statements are `count` copies of `statement` (joined with commas), then the HTTPS-only deny. */
export function policyOfStatements(count: number, statement: (index: number) => string = () => STATEMENT): string {
  const statements: string[] = [];
  for (let index = 0; index < count; index++) {
    statements.push(statement(index));
  }
  statements.push(HTTPS_DENY);
  return `{"Version":"2012-10-17","Statement":[${statements.join(',')}]}`;
}

/** A policy with one statement whose Action is an array of `count` items written by `item`. */
export function policyWithActions(count: number, item: (index: number) => string): string {
  const items: string[] = [];
  for (let index = 0; index < count; index++) {
    items.push(item(index));
  }
  return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":[${items.join(',')}],"Resource":"arn:aws:s3:::acme-hostile/*"},${HTTPS_DENY}]}`;
}

/** How many items of `itemLength` characters (plus a comma) fit under the size limit with room to spare. */
function underLimit(itemLength: number): number {
  return Math.floor((MAX_DOCUMENT_LENGTH - 2000) / (itemLength + 1));
}

/** The documents the issue names (10 MB, 100,000 levels, 1,000,000 items, 50,000 statements, a 1 MB string), and their largest variants that are still checked. */
export const HOSTILE_DOCUMENTS: HostileDocument[] = [
  { name: 'a 10 MB policy', skipped: true, text: () => policyOfStatements(Math.ceil((10 * 1024 * 1024) / (STATEMENT.length + 1))) },
  { name: 'arrays nested 100,000 deep', skipped: true, text: () => `{"Version":"2012-10-17","Statement":${'['.repeat(100_000)}${']'.repeat(100_000)}}` },
  { name: 'objects nested 100,000 deep, unclosed', skipped: true, text: () => `{"Statement":${'{"a":'.repeat(100_000)}` },
  { name: `nesting one level over the limit (${MAX_NESTING_DEPTH + 1})`, skipped: true, text: () => `{"Version":"2012-10-17","Statement":${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}}` },
  { name: `nesting at the limit (${MAX_NESTING_DEPTH})`, skipped: false, text: () => `{"Version":"2012-10-17","Statement":${'['.repeat(MAX_NESTING_DEPTH - 1)}${']'.repeat(MAX_NESTING_DEPTH - 1)}}` },
  { name: 'a 1,000,000-element array', skipped: true, text: () => policyWithActions(1_000_000, () => '1') },
  { name: 'the largest array of numbers under the limit', skipped: false, text: () => policyWithActions(underLimit(1), () => '1') },
  { name: 'the largest array of unknown actions under the limit', skipped: false, text: () => policyWithActions(underLimit(18), (index) => `"s3:GetObjec${String(index).padStart(5, '0')}"`) },
  { name: 'the largest array of single-quoted actions under the limit', skipped: false, text: () => policyWithActions(underLimit(14), () => '\'s3:GetObject\'') },
  { name: 'the largest array of smart-quoted actions under the limit', skipped: false, text: () => policyWithActions(underLimit(14), () => '\u201Cs3:GetObject\u201D') },
  { name: 'the largest array of actions with comments under the limit', skipped: false, text: () => policyWithActions(underLimit(20), () => '"s3:GetObject" // c\n') },
  { name: 'the largest array of fixable actions under the limit', skipped: false, text: () => policyWithActions(underLimit(14), () => '"S3:getobject"') },
  { name: '50,000 statements', skipped: true, text: () => policyOfStatements(50_000) },
  { name: '50,000 empty statements', skipped: false, text: () => policyOfStatements(50_000, () => '{}') },
  { name: 'the most statements with a lowercase effect under the limit (fixable)', skipped: false, text: () => policyOfStatements(underLimit(18), () => '{"Effect":"allow"}') },
  { name: 'the most statements under the limit (all with the same Sid)', skipped: false, text: () => policyOfStatements(underLimit(STATEMENT.length)) },
  { name: 'the most mistaken statements under the limit', skipped: false, text: () => policyOfStatements(underLimit(150), (index) => `{"Sid":"s-${index}","Effect":"allow","Principal":"arn:aws:iam::1:root","Action":"S3:getobject","Resource":"arn:aws:s3:::b${index % 7}/*"}`) },
  { name: 'the most repeated Bool blocks under the limit', skipped: false, text: () => `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{${Array.from({ length: underLimit(38) }, () => '"Bool":{"aws:SecureTransport":"false"}').join(',')}}}]}` },
  { name: 'a 1 MB string', skipped: true, text: () => `{"Version":"2012-10-17","Statement":[{"Sid":"${'a'.repeat(1024 * 1024)}","Effect":"Allow"}]}` },
  { name: 'the longest Sid under the limit', skipped: false, text: () => policyOfStatements(1, () => `{"Sid":"${'a'.repeat(MAX_DOCUMENT_LENGTH - 1000)}","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-hostile/*"}`) },
  { name: 'the longest resource under the limit', skipped: false, text: () => policyOfStatements(1, () => `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-hostile/${'*a'.repeat((MAX_DOCUMENT_LENGTH - 1000) / 2)}"}`) },
  { name: 'the longest action under the limit', skipped: false, text: () => policyWithActions(1, () => `"s3:${'Get*'.repeat((MAX_DOCUMENT_LENGTH - 1000) / 4)}"`) },
  { name: 'the longest principal under the limit', skipped: false, text: () => policyOfStatements(1, () => `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${'1:'.repeat((MAX_DOCUMENT_LENGTH - 1000) / 2)}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-hostile/*"}`) },
  { name: 'the longest condition key under the limit', skipped: false, text: () => policyOfStatements(1, () => `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringLike":{"aws:${'x:'.repeat((MAX_DOCUMENT_LENGTH - 1000) / 2)}":"a"}}}`) },
  { name: 'the longest unclosed string under the limit', skipped: false, text: () => `{"Version":"2012-10-17","Statement":[{"Sid":"${'a'.repeat(MAX_DOCUMENT_LENGTH - 1000)}` },
  { name: 'the longest line of punctuation under the limit', skipped: false, text: () => '}{][,:"'.repeat(Math.floor((MAX_DOCUMENT_LENGTH - 1000) / 7)) },
  { name: 'the most unclosed strings under the limit', skipped: false, text: () => `{"Statement":[${'"abc\n'.repeat(Math.floor((MAX_DOCUMENT_LENGTH - 1000) / 5))}` },
  { name: 'the most lines under the limit', skipped: false, text: () => `{"Version":"2012-10-17",${'\n'.repeat(MAX_DOCUMENT_LENGTH - 1000)}"Statement":[${HTTPS_DENY}]}` },
  { name: 'the most lone surrogates and NULs under the limit', skipped: false, text: () => `{"Version":"2012-10-17","Statement":[{"Sid":"${'\uD800\u0000\uDC00\u2028'.repeat((MAX_DOCUMENT_LENGTH - 1000) / 4)}"}]}` },
  { name: 'one character over the size limit', skipped: true, text: () => `{"Statement":[${' '.repeat(MAX_DOCUMENT_LENGTH)}]}` },
];
