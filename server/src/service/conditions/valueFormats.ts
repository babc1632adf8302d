/* S3 Bucket Policy — MIT License. */
/**
 * What the values of the Numeric, Date, Bool, Null and BinaryEquals operators must look like, and
 * the values some condition keys can take: IDs (vpc-, vpce-, accounts, organizations) and the fixed
 * sets of words S3 sends (encryption, canned ACLs, Object Lock modes, …).
 */
import type { RuleSeverity } from '../policyLanguageTypes';

/** Why a value does not fit, and the value meant when the repair is mechanical. */
export interface FormatProblem {
  message: string;
  repaired?: string;
}

/** True for `true` and `false`, in any case. */
export function isBooleanText(value: string): boolean {
  return /^(true|false)$/i.test(value);
}

/** True for decimal numbers: `12`, `-3`, `1.2`, `.5`, `1e3`. */
export function isNumberText(value: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value);
}

/** True for base64 text: groups of four characters from A–Z, a–z, 0–9, + and /, padded with =. */
export function isBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}

const ISO_DATE = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Why a value is not a date the Date operators accept: ISO 8601 (`2025-01-31`,
 * `2025-01-31T12:00:00Z`, with or without separators, with an offset) or seconds since 1970
 * (`1735689600`). Undefined when it is one.
 */
export function dateProblem(value: string): FormatProblem | undefined {
  if (/^\d+$/.test(value)) {
    return undefined;
  }
  const slashed = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (slashed) {
    const repaired = `${slashed[1]}-${slashed[2].padStart(2, '0')}-${slashed[3].padStart(2, '0')}`;
    return dateProblem(repaired) ?? { message: `Dates are written with dashes, year first (ISO 8601): ${repaired}.`, repaired };
  }
  const match = ISO_DATE.exec(value.trim());
  if (!match) {
    return { message: 'This is not a date: write it in ISO 8601, such as 2025-01-31 or 2025-01-31T23:59:59Z, or as seconds since 1970.' };
  }
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (month < 1 || month > 12) {
    return { message: `${String(month).padStart(2, '0')} is not a month (01 to 12); dates are written year-month-day.` };
  }
  if (day < 1 || day > daysIn(year, month)) {
    return { message: `${MONTHS[month - 1]} ${year} has no day ${day}.` };
  }
  if (hour > 23 || minute > 59 || second > 60) {
    return { message: 'The time of day is out of range (hours 00 to 23, minutes and seconds 00 to 59).' };
  }
  return value.trim() === value ? undefined : { message: 'A date has no spaces around it.', repaired: value.trim() };
}

/** A condition key whose values have a fixed form. */
export interface ValueFormat {
  /** What the values are, for messages: `a VPC endpoint ID (vpce- and 8 or 17 letters and digits)`. */
  description: string;
  /** Tests a value (already lowercased when the operator ignores case). */
  test: (value: string) => boolean;
  /** The values S3 sends, when they are a fixed set: did-you-mean suggestions come from them. */
  values?: readonly string[];
  /** The severity of a value that does not fit: error where Access Analyzer reports it as one. */
  severity: RuleSeverity;
  /** Why it matters, appended to the message. */
  note?: string;
}

function oneOf(values: readonly string[], description: string): ValueFormat {
  return { description: `${description} (${values.join(', ')})`, test: (value) => values.includes(value), values, severity: 'warning' };
}

const ACCOUNT: ValueFormat = { description: 'a 12-digit AWS account ID', test: (value) => /^\d{12}$/.test(value), severity: 'warning' };
const ORGANIZATION: ValueFormat = { description: 'an organization ID (o- and 10 to 32 lowercase letters and digits)', test: (value) => /^o-[a-z0-9]{10,32}$/.test(value), severity: 'warning' };
const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'aws-exec-read', 'authenticated-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'];

/** The condition keys whose values have a fixed form, by lowercased name. */
export const VALUE_FORMATS: ReadonlyMap<string, ValueFormat> = new Map<string, ValueFormat>([
  ['aws:sourcevpce', {
    description: 'a VPC endpoint ID (vpce- and 8 or 17 letters and digits)',
    test: (value) => /^vpce-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$/.test(value),
    severity: 'error',
  }],
  ['aws:sourcevpc', {
    description: 'a VPC ID (vpc- and 8 or 17 letters and digits)',
    test: (value) => /^vpc-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$/.test(value),
    severity: 'error',
  }],
  ['aws:sourceaccount', ACCOUNT],
  ['aws:principalaccount', ACCOUNT],
  ['aws:resourceaccount', ACCOUNT],
  ['aws:vpceaccount', ACCOUNT],
  ['s3:resourceaccount', ACCOUNT],
  ['s3:dataaccesspointaccount', ACCOUNT],
  ['aws:principalorgid', ORGANIZATION],
  ['aws:resourceorgid', ORGANIZATION],
  ['aws:sourceorgid', ORGANIZATION],
  ['aws:vpceorgid', ORGANIZATION],
  ['s3:x-amz-server-side-encryption', oneOf(['AES256', 'aws:kms', 'aws:kms:dsse'], 'one of the encryption types S3 sends')],
  ['s3:x-amz-server-side-encryption-customer-algorithm', oneOf(['AES256'], 'the only customer-key algorithm')],
  ['s3:x-amz-acl', oneOf(CANNED_ACLS, 'a canned ACL')],
  ['s3:object-lock-mode', oneOf(['GOVERNANCE', 'COMPLIANCE'], 'an Object Lock retention mode')],
  ['s3:object-lock-legal-hold', oneOf(['ON', 'OFF'], 'a legal hold status')],
  ['s3:x-amz-metadata-directive', oneOf(['COPY', 'REPLACE'], 'a metadata directive')],
  ['s3:x-amz-object-ownership', oneOf(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'], 'an Object Ownership setting')],
  ['s3:signatureversion', oneOf(['AWS', 'AWS4-HMAC-SHA256'], 'a signature version')],
  ['s3:authtype', oneOf(['REST-HEADER', 'REST-QUERY-STRING', 'POST'], 'an authentication type')],
  ['s3:accesspointnetworkorigin', oneOf(['Internet', 'VPC'], 'an access point network origin')],
]);

/** Spellings people write for the encryption types, by their letters and digits alone, lowercased. */
const ENCRYPTION_ALIASES: Record<string, string> = {
  aes256: 'AES256', sses3: 'AES256', s3: 'AES256',
  kms: 'aws:kms', awskms: 'aws:kms', ssekms: 'aws:kms',
  dsse: 'aws:kms:dsse', dssekms: 'aws:kms:dsse', awskmsdsse: 'aws:kms:dsse',
};

/**
 * The allowed value a wrong one most likely meant: the same letters and digits in another case or
 * with other punctuation (`bucket_owner_full_control`, `aes-256`, `SSE-KMS`), or undefined.
 */
export function intendedValue(key: string, value: string): string | undefined {
  const allowed = VALUE_FORMATS.get(key)?.values;
  if (!allowed) {
    return undefined;
  }
  const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const typed = letters(value);
  if (key.startsWith('s3:x-amz-server-side-encryption') && ENCRYPTION_ALIASES[typed] && allowed.includes(ENCRYPTION_ALIASES[typed])) {
    return ENCRYPTION_ALIASES[typed];
  }
  return allowed.find((candidate) => letters(candidate) === typed);
}
