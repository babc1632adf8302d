/* S3 Bucket Policy — MIT License. */
/**
 * Helpers for unit tests on the policy language service: lint a text, find a rule's findings,
 * apply a fix and compare whole texts.
 */
import * as assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../server/src/service/edits/jsonEdits';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import type { PolicyFinding, PolicyLintSettings } from '../../server/src/service/policyLanguageTypes';

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

/** Applies the fix titled `title` (or the preferred one) of the first finding of `ruleId`, returning the whole new text. */
export function applyFix(text: string, ruleId: string, title?: string): string {
  const [finding] = findingsOf(text, ruleId);
  assert.ok(finding, `expected a ${ruleId} finding`);
  const fix = finding.fixes.find((candidate) => (title === undefined ? candidate.isPreferred : candidate.title === title));
  assert.ok(fix, `expected a fix ${title ?? '(preferred)'} on ${ruleId}; have: ${finding.fixes.map((candidate) => candidate.title).join(', ')}`);
  return applyOffsetEdits(text, fix.edits);
}

/** Asserts that a text yields no finding at all. */
export function assertClean(text: string, settings?: PolicyLintSettings): void {
  assert.deepEqual(lint(text, settings).map((finding) => `${finding.ruleId}: ${finding.message}`), []);
}
