/* S3 Bucket Policy — MIT License. */
import picomatch from 'picomatch';
import type { Node } from 'jsonc-parser';
import { objectMembers, parsePolicy } from './parser/parsePolicy';
import type { PolicyDocument } from './parser/policyDocument';
import type { PolicyRecognitionSettings } from './policyLanguageTypes';

/** Default globs for files that are bucket policies by name. */
export const DEFAULT_POLICY_FILE_GLOBS = ['**/*bucket-policy*.json', '**/*bucket_policy*.json', '**/*.s3-policy.json', '**/*.s3policy.json'];

/** The defaults of the recognition settings, used by the editor and the CLI alike. */
export const DEFAULT_RECOGNITION_SETTINGS: PolicyRecognitionSettings = { files: DEFAULT_POLICY_FILE_GLOBS, detectByContent: true };

const STATEMENT_ELEMENTS = new Set(['Effect', 'Action', 'NotAction', 'Principal', 'NotPrincipal', 'Resource', 'NotResource', 'Condition', 'Sid']);
const TYPOGRAPHIC_QUOTE = /[\u201C\u201D\u2018\u2019]/g;
const matcherCache = new Map<string, (path: string) => boolean>();

/** Drops what makes a path or glob absolute (leading slashes, a drive letter), so both compare alike on every platform. */
function withoutRoot(pathOrGlob: string): string {
  return pathOrGlob.replace(/^\/+/, '').replace(/^[A-Za-z]:/, '').replace(/^\/+/, '');
}

function matcherFor(globs: string[]): (path: string) => boolean {
  const key = globs.join('\u0000');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    matcher = globs.length === 0 ? () => false : picomatch(globs.map(withoutRoot), { dot: true, nocase: true });
    matcherCache.set(key, matcher);
  }
  return matcher;
}

function isStatementShaped(node: Node | undefined): boolean {
  return objectMembers(node).some((member) => STATEMENT_ELEMENTS.has(member.name));
}

function looksLikePolicy(policy: PolicyDocument): boolean {
  if (policy.root?.type !== 'object' || !policy.topMembers.has('Statement')) {
    return false;
  }
  if (policy.topMembers.has('Version') || policy.topMembers.has('Id')) {
    return true;
  }
  const statement = policy.statementNode;
  return statement?.type === 'array' ? (statement.children ?? []).some(isStatementShaped) : isStatementShaped(statement);
}

/**
 * Decides whether a document is an S3 bucket policy (STYLE.md decision 1): its path matches one of
 * the `files` globs, or, with `detectByContent`, its top level is an object with a `Statement` plus a
 * `Version`/`Id` or statement-shaped items. Typographic quotes are read as straight ones here, so a
 * policy pasted from a blog is still recognised and told about its quotes.
 * The one place this rule lives: the language server and the CLI both call it.
 */
export function isBucketPolicy(path: string | undefined, policy: PolicyDocument, settings: PolicyRecognitionSettings): boolean {
  if (path !== undefined) {
    if (matcherFor(settings.files)(withoutRoot(path.replace(/\\/g, '/')))) {
      return true;
    }
  }
  if (!settings.detectByContent) {
    return false;
  }
  if (policy.skipped) {
    // Too large or too deep to parse: the top-level member names, read without a tree, decide.
    const keys = policy.skipped.topLevelKeys;
    return keys.includes('Statement') && (keys.includes('Version') || keys.includes('Id'));
  }
  if (looksLikePolicy(policy)) {
    return true;
  }
  TYPOGRAPHIC_QUOTE.lastIndex = 0;
  if (TYPOGRAPHIC_QUOTE.test(policy.text)) {
    return looksLikePolicy(parsePolicy(policy.text.replace(TYPOGRAPHIC_QUOTE, '"')));
  }
  return false;
}

/**
 * Says why a document is not a policy and how to make it one, for the CLI's `notAPolicy` finding
 * on a file named explicitly.
 */
export function describeNonPolicy(policy: PolicyDocument): string {
  const members = policy.topMembers;
  if (policy.skipped) {
    return policy.skipped.reason;
  }
  if (!policy.root) {
    return 'This file is empty: it holds no bucket policy.';
  }
  const policyString = members.get('Policy')?.valueNode;
  if (policyString?.type === 'string') {
    return 'This looks like the output of "aws s3api get-bucket-policy": the policy is the JSON string inside "Policy". Unwrap it first, for example: aws s3api get-bucket-policy --bucket BUCKET | jq -r .Policy > bucket-policy.json';
  }
  if (policy.root.type === 'object' && isStatementShaped(policy.root)) {
    return 'This file holds a single statement, not a policy. Wrap it: {"Version": "2012-10-17", "Statement": [ …this statement… ]}.';
  }
  if (policy.root.type === 'array') {
    return 'This file holds a JSON array, not a bucket policy: a policy is an object with "Version" and "Statement".';
  }
  return 'This file is not a bucket policy: a policy is a JSON object with "Version" and "Statement" members.';
}
