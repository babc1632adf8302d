/* S3 Bucket Policy — MIT License. */
/**
 * Helpers for unit tests on the policy language service: lint a text, find a rule's findings,
 * apply a fix and compare whole texts.
 */
import * as assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../server/src/service/edits/jsonEdits';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import type { PolicyFinding, PolicyLintSettings } from '../../server/src/service/policyLanguageTypes';
import { ALL_RULES } from '../../server/src/service/rules';

/** The service under test, created once. */
export const service = getPolicyLanguageService();

/** Every finding for a policy text, with CLI settings (all syntax errors reported) unless given. */
export function lint(text: string, settings: PolicyLintSettings = DEFAULT_LINT_SETTINGS): PolicyFinding[] {
  return service.findProblems(service.parse(text), settings);
}

/** The findings of one rule. */
export function findingsOf(text: string, ruleId: string, settings?: PolicyLintSettings): PolicyFinding[] {
  return lint(text, settings).filter((finding) => finding.ruleId === ruleId);
}

/** The text each finding of a rule underlines, for asserting exact ranges. */
export function underlined(text: string, ruleId: string): string[] {
  return findingsOf(text, ruleId).map((finding) => text.slice(finding.offset, finding.offset + finding.length));
}

/** Applies the fix titled `title` (or the preferred one) of one finding, returning the whole new text. */
export function applyFindingFix(text: string, finding: PolicyFinding, title?: string): string {
  const fix = finding.fixes.find((candidate) => (title === undefined ? candidate.isPreferred : candidate.title === title));
  assert.ok(fix, `expected a fix ${title ?? '(preferred)'} on ${finding.ruleId}; have: ${finding.fixes.map((candidate) => candidate.title).join(', ')}`);
  return applyOffsetEdits(text, fix.edits);
}

/** Applies the fix titled `title` (or the preferred one) of the first finding of `ruleId`, returning the whole new text. */
export function applyFix(text: string, ruleId: string, title?: string): string {
  const [finding] = findingsOf(text, ruleId);
  assert.ok(finding, `expected a ${ruleId} finding`);
  return applyFindingFix(text, finding, title);
}

/** The titles of the fixes of each finding of a rule. */
export function fixTitles(text: string, ruleId: string, settings?: PolicyLintSettings): string[][] {
  return findingsOf(text, ruleId, settings).map((finding) => finding.fixes.map((fix) => `${fix.title}${fix.isPreferred ? ' (preferred)' : ''}`));
}

/**
 * The core rules: syntax, structure, versions, effect, principals, condition operators, action
 * prefixes and the HTTPS-only deny. Tests of these rules lint with these alone (`coreSettings`), so
 * that rules added later cannot change what they assert.
 */
export const CORE_RULE_IDS: readonly string[] = [
  'jsonSyntax', 'smartQuotes', 'duplicateKey', 'unknownElement', 'invalidType', 'missingElement', 'missingPrincipal',
  'conflictingElements', 'emptyStatement', 'invalidVersion', 'missingVersion', 'legacyVersion', 'invalidEffect',
  'invalidPrincipal', 'unsupportedPrincipalType', 'invalidConditionOperator', 'actionPrefixCase',
  'missingSecureTransportDeny', 'incompleteSecureTransportDeny',
];

/** Settings that run the core rules only, with the given syntax reporting (all, as the CLI does, unless told). */
export function coreSettings(reportSyntaxErrors: PolicyLintSettings['reportSyntaxErrors'] = 'all'): PolicyLintSettings {
  const others = ALL_RULES.filter((rule) => !CORE_RULE_IDS.includes(rule.id));
  return { rules: Object.fromEntries(others.map((rule) => [rule.id, 'off'])), reportSyntaxErrors };
}

/** The rule id of every core finding, in document order: for asserting that a mistake is reported once, by the right rule. */
export function ruleIds(text: string, settings: PolicyLintSettings = coreSettings()): string[] {
  return lint(text, settings).map((finding) => finding.ruleId);
}

/** The text after every preferred fix of the core rules, as `--fix` and fix-all apply them. */
export function fixAll(text: string, settings: PolicyLintSettings = coreSettings()): string {
  return service.fixAll(text, settings).text;
}

/** The HTTPS-only deny every clean test policy carries, so that the secure-transport rules stay quiet. */
export const HTTPS_ONLY_DENY = '{ "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": { "Bool": { "aws:SecureTransport": "false" } } }';

/** A statement letting a partner account read the objects of acme-web-assets, correct in every respect. */
export const PARTNER_READ = '{ "Sid": "PartnerRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }';

/**
 * A policy with Version 2012-10-17 and the given statements (written on one line each), followed by
 * the HTTPS-only deny, laid out with two-space indentation.
 */
export function policyWith(...statements: string[]): string {
  return `{
  "Version": "2012-10-17",
  "Statement": [
    ${[...statements, HTTPS_ONLY_DENY].join(',\n    ')}
  ]
}`;
}

/** Asserts that a text yields no finding at all. */
export function assertClean(text: string, settings?: PolicyLintSettings): void {
  assert.deepEqual(lint(text, settings).map((finding) => `${finding.ruleId}: ${finding.message}`), []);
}

/** The parts of `httpsOnlyPolicy` a test can replace with a mistake. */
export interface HttpsOnlyPolicyParts {
  version?: string;
  effect?: string;
  action?: string;
}

/**
 * A one-statement policy that denies plain HTTP on acme-web-assets, one element per line, clean as
 * it is; each part can be replaced by a mistake. Used by the LSP tests.
 */
export function httpsOnlyPolicy({ version = '2012-10-17', effect = 'Deny', action = 's3:*' }: HttpsOnlyPolicyParts = {}): string {
  return `{
  "Version": "${version}",
  "Statement": [
    {
      "Sid": "DenyPlainHttp",
      "Effect": "${effect}",
      "Principal": "*",
      "Action": "${action}",
      "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    }
  ]
}`;
}
