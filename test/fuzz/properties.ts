/* S3 Bucket Policy — MIT License. */
/**
 * The properties every document must satisfy, checked through the policy language service as the
 * editor and the CLI use it: nothing throws, every range is inside the document, checking is fast,
 * every fix is well formed and does what it says, and fix-all settles.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { applyOffsetEdits } from '../../server/src/service/edits/jsonEdits';
import type { PolicyDocument } from '../../server/src/service/parser/policyDocument';
import { getPolicyLanguageService, MAX_DIAGNOSTICS } from '../../server/src/service/policyLanguageService';
import type { OffsetEdit, PolicyFinding, PolicyFix, PolicyLintSettings } from '../../server/src/service/policyLanguageTypes';
import { ALL_RULES } from '../../server/src/service/rules';
import { MAX_DOCUMENT_LENGTH } from '../../server/src/service/parser/documentLimits';
import { strictTreeDisagreement } from '../helpers/treeComparison';

/** A broken property: its name (the shrinker keeps it), the rule involved if any, and what happened. */
export interface Violation {
  property: string;
  ruleId?: string;
  detail: string;
}

/** What checking one document found: the broken properties and how long linting it took. */
export interface DocumentCheck {
  violations: Violation[];
  /** Milliseconds for parse + findProblems with every syntax error reported (the CLI's settings). */
  lintMs: number;
}

/** Documents up to this size must lint within `LINT_BUDGET_MS`. */
export const TIMED_DOCUMENT_LENGTH = 20 * 1024;

/** The time budget for linting one document of up to 20 KB. */
export const LINT_BUDGET_MS = 50;

const service = getPolicyLanguageService();
const RULE_IDS = new Set(ALL_RULES.map((rule) => rule.id));
const SEVERITIES = new Set(['error', 'warning', 'information']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The CLI's settings (every syntax error is ours) and VS Code's `json` mode (none is). */
const SETTINGS: readonly PolicyLintSettings[] = [
  { rules: {}, reportSyntaxErrors: 'all' },
  { rules: {}, reportSyntaxErrors: 'none' },
];

const onlyRuleSettings = new Map<string, PolicyLintSettings>();

/** Settings that run one rule only: re-checking after a fix needs no other rule. */
function onlyRule(ruleId: string, reportSyntaxErrors: PolicyLintSettings['reportSyntaxErrors']): PolicyLintSettings {
  const key = `${ruleId} ${reportSyntaxErrors}`;
  let settings = onlyRuleSettings.get(key);
  if (!settings) {
    settings = { rules: Object.fromEntries(ALL_RULES.filter((rule) => rule.id !== ruleId).map((rule) => [rule.id, 'off'])), reportSyntaxErrors };
    onlyRuleSettings.set(key, settings);
  }
  return settings;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error);
}

/** Runs `work`; an exception becomes a `throws` violation and the result undefined. */
function attempt<T>(violations: Violation[], what: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    violations.push({ property: 'throws', detail: `${what} threw: ${describe(error)}` });
    return undefined;
  }
}

function inRange(offset: number, length: number, textLength: number): boolean {
  return Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset + length <= textLength;
}

function checkFinding(violations: Violation[], text: string, finding: PolicyFinding): void {
  if (!inRange(finding.offset, finding.length, text.length)) {
    violations.push({ property: 'findingOutOfRange', ruleId: finding.ruleId, detail: `${finding.ruleId} at ${finding.offset}+${finding.length} in a document of ${text.length}` });
  }
  if (!RULE_IDS.has(finding.ruleId) || !SEVERITIES.has(finding.severity) || typeof finding.message !== 'string' || finding.message.trim() === '') {
    violations.push({ property: 'malformedFinding', ruleId: finding.ruleId, detail: `${finding.ruleId} ${finding.severity} "${finding.message}"` });
  }
}

/** Where an offset of the old text lands after the edits: shifted by the edits before it, or at the start of the edit that replaced it. */
function mapOffset(offset: number, edits: readonly OffsetEdit[]): number[] {
  let shift = 0;
  for (const edit of edits) {
    if (edit.offset + edit.length <= offset && !(edit.length === 0 && edit.offset === offset)) {
      shift += edit.content.length - edit.length;
    } else if (edit.offset < offset && offset < edit.offset + edit.length) {
      return [edit.offset + shift];
    }
  }
  const atInsertion = edits.find((edit) => edit.length === 0 && edit.offset === offset);
  return atInsertion ? [offset + shift, offset + shift + atInsertion.content.length] : [offset + shift];
}

/** Checks one fix of one finding: edits in range and disjoint; applied to a document that parsed, it parses, the finding is gone and no character is split. */
function checkFix(violations: Violation[], text: string, parsed: boolean, before: PolicyFinding[], finding: PolicyFinding, fix: PolicyFix, settings: PolicyLintSettings): void {
  const where = `${finding.ruleId} fix "${fix.title}"`;
  if (fix.edits.length === 0) {
    violations.push({ property: 'emptyFix', ruleId: finding.ruleId, detail: `${where} has no edits` });
    return;
  }
  const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  for (const [index, edit] of sorted.entries()) {
    if (!inRange(edit.offset, edit.length, text.length) || typeof edit.content !== 'string') {
      violations.push({ property: 'fixEditOutOfRange', ruleId: finding.ruleId, detail: `${where}: edit at ${edit.offset}+${edit.length} in a document of ${text.length}` });
      return;
    }
    // An insertion where another edit starts or ends counts as overlapping it: the result would depend
    // on the order the editor applies them in (vscode-languageserver-textdocument rejects some orders).
    const previous = sorted[index - 1];
    const previousEnd = previous ? previous.offset + previous.length : -1;
    if (previous && (previousEnd > edit.offset || (previousEnd === edit.offset && (previous.length === 0 || edit.length === 0)))) {
      violations.push({ property: 'fixEditsOverlap', ruleId: finding.ruleId, detail: `${where}: edits at ${previous.offset}+${previous.length} and ${edit.offset}+${edit.length} overlap` });
      return;
    }
  }
  const fixed = applyOffsetEdits(text, sorted);
  if (!LONE_SURROGATE.test(text) && LONE_SURROGATE.test(fixed)) {
    violations.push({ property: 'fixSplitsCharacter', ruleId: finding.ruleId, detail: `${where} leaves half of a surrogate pair` });
  }
  if (!parsed) {
    return;
  }
  const after = attempt(violations, `linting after ${where}`, () => {
    const policy = service.parse(fixed);
    return { policy, findings: service.findProblems(policy, onlyRule(finding.ruleId, settings.reportSyntaxErrors)) };
  });
  if (!after) {
    return;
  }
  if (after.policy.syntaxProblems.length > 0) {
    violations.push({ property: 'fixBreaksParse', ruleId: finding.ruleId, detail: `${where} turns a document that parsed into one that does not: ${after.policy.syntaxProblems[0].message}` });
  }
  // The same finding: same rule, same place, and the same message or the same text underlined, with no
  // fewer findings of that message than before (a fix that deletes an element leaves the next one at
  // that place, which is another finding, and may be just like it).
  const spots = mapOffset(finding.offset, sorted);
  const underlined = text.slice(finding.offset, finding.offset + finding.length);
  const remaining = after.findings.find((candidate) => candidate.ruleId === finding.ruleId && spots.includes(candidate.offset)
    && (candidate.message === finding.message || fixed.slice(candidate.offset, candidate.offset + candidate.length) === underlined));
  const sameMessage = (candidate: PolicyFinding) => candidate.ruleId === finding.ruleId && candidate.message === finding.message;
  if (remaining && after.findings.filter(sameMessage).length >= before.filter(sameMessage).length) {
    violations.push({ property: 'fixKeepsFinding', ruleId: finding.ruleId, detail: `${where} leaves ${finding.ruleId} at the same place: "${remaining.message}"` });
  }
}

/** Checks that the quick fixes the editor receives (LSP ranges) change exactly what the offset edits change. */
function checkCodeActions(violations: Violation[], text: string, policy: PolicyDocument, findings: PolicyFinding[], settings: PolicyLintSettings): void {
  attempt(violations, 'getCodeActions', () => {
    const document = TextDocument.create('file:///fuzz/fuzz.bucket-policy.json', 'json', 1, text);
    const diagnostics = service.doValidation(document, policy, settings);
    const actions = service.getCodeActions(document, policy, settings, diagnostics);
    const fixes = findings.flatMap((finding) => finding.fixes.slice(0, 3).map((fix) => ({ finding, fix })));
    actions.forEach((action, index) => {
      const expected = fixes[index];
      const change = action.edit?.documentChanges?.[0];
      if (!expected || !change || !TextDocumentEdit.is(change)) {
        violations.push({ property: 'codeActionMismatch', detail: `code action ${index} "${action.title}" has no matching fix or no text edit` });
        return;
      }
      const lspText = TextDocument.applyEdits(document, change.edits.filter((edit): edit is TextEdit => 'newText' in edit));
      if (lspText !== applyOffsetEdits(text, expected.fix.edits)) {
        violations.push({ property: 'codeActionMismatch', ruleId: expected.finding.ruleId, detail: `"${action.title}" changes other text in the editor than its offsets say (a range ends inside a line break or a character?)` });
      }
    });
  });
}

/** Checks that fix-all settles: applied once, nothing preferred is left to fix; a document that parsed still parses. */
function checkFixAll(violations: Violation[], text: string, parsed: boolean, settings: PolicyLintSettings): void {
  const result = attempt(violations, 'fixAll', () => service.fixAll(text, settings));
  if (!result) {
    return;
  }
  const after = attempt(violations, 'linting after fixAll', () => {
    const policy = service.parse(result.text);
    return { policy, findings: service.findProblems(policy, settings) };
  });
  if (!after) {
    return;
  }
  const left = after.findings.find((finding) => finding.fixes.some((fix) => fix.isPreferred));
  if (left) {
    violations.push({ property: 'fixAllNotIdempotent', ruleId: left.ruleId, detail: `after fixAll (${result.appliedFixes} fixes) ${left.ruleId} still offers "${left.fixes.find((fix) => fix.isPreferred)?.title}": running it again would change the text` });
  }
  if (parsed && after.policy.syntaxProblems.length > 0) {
    violations.push({ property: 'fixAllBreaksParse', detail: `fixAll turns a document that parsed into one that does not: ${after.policy.syntaxProblems[0].message}` });
  }
  if (!LONE_SURROGATE.test(text) && LONE_SURROGATE.test(result.text)) {
    violations.push({ property: 'fixSplitsCharacter', detail: 'fixAll leaves half of a surrogate pair' });
  }
}

/** A document parsed and linted with the CLI's settings, timed. */
interface Linted {
  policy: PolicyDocument;
  findings: PolicyFinding[];
  lintMs: number;
}

/** A first lint slower than this is timed again: most documents lint in about a millisecond. */
const REMEASURE_MS = 10;

/**
 * Parses and lints a text with every syntax error reported, timing both; the fastest of up to five
 * runs when the first is slow (a collection pause or a busy machine is not the code's).
 */
function timedLint(text: string): Linted {
  let linted: Linted | undefined;
  for (let run = 0; run < 5 && (!linted || (linted.lintMs > REMEASURE_MS && text.length <= TIMED_DOCUMENT_LENGTH)); run++) {
    const started = performance.now();
    const policy = service.parse(text);
    const findings = service.findProblems(policy, SETTINGS[0]);
    const lintMs = performance.now() - started;
    linted = { policy, findings, lintMs: Math.min(lintMs, linted?.lintMs ?? Infinity) };
  }
  return linted!;
}

/**
 * Checks every property on one document. Findings are checked with both settings; each distinct fix,
 * the editor's code actions and recognition once; fix-all with `fixAllWith` (the costliest check).
 */
export function checkDocument(text: string, fixAllWith: 'all' | 'none' = 'all'): DocumentCheck {
  const violations: Violation[] = [];
  const linted = attempt(violations, 'parse + findProblems (all)', () => timedLint(text));
  if (!linted) {
    return { violations, lintMs: 0 };
  }
  const { policy, lintMs } = linted;
  if (text.length <= TIMED_DOCUMENT_LENGTH && lintMs > LINT_BUDGET_MS) {
    violations.push({ property: 'slow', detail: `linting took ${lintMs.toFixed(1)} ms (budget ${LINT_BUDGET_MS} ms for documents up to 20 KB)` });
  }
  // The one-pass tree of strict JSON must be parseTree's tree, and must be taken whenever it can be.
  const disagreement = text.length <= MAX_DOCUMENT_LENGTH ? attempt(violations, 'comparing strictJsonTree with parseTree', () => strictTreeDisagreement(text)) : undefined;
  if (disagreement) {
    violations.push({ property: 'strictTreeDiffers', detail: disagreement });
  }
  const parsed = policy.syntaxProblems.length === 0 && policy.skipped === undefined;
  const checkedFixes = new Set<string>();
  for (const settings of SETTINGS) {
    const findings = settings === SETTINGS[0] ? linted.findings : attempt(violations, `findProblems (${settings.reportSyntaxErrors})`, () => service.findProblems(policy, settings));
    if (!findings) {
      continue;
    }
    findings.forEach((finding) => checkFinding(violations, text, finding));
    for (const finding of findings.filter((candidate) => candidate.fixes.length > 0)) {
      const key = `${finding.ruleId} ${finding.offset} ${finding.message}`;
      if (!checkedFixes.has(key)) {
        checkedFixes.add(key);
        finding.fixes.forEach((fix) => checkFix(violations, text, parsed, findings, finding, fix, settings));
      }
    }
    if (settings === SETTINGS[0] && checkedFixes.size > 0 && findings.length < MAX_DIAGNOSTICS) {
      checkCodeActions(violations, text, policy, findings, settings);
    }
    if (settings.reportSyntaxErrors === fixAllWith && findings.some((finding) => finding.fixes.some((fix) => fix.isPreferred))) {
      checkFixAll(violations, text, parsed, settings);
    }
  }
  attempt(violations, 'isBucketPolicy', () => {
    service.isBucketPolicy('/work/fuzz/fuzz.bucket-policy.json', policy, { files: ['**/*.bucket-policy.json'], detectByContent: false });
    service.isBucketPolicy(undefined, policy, { files: [], detectByContent: true });
  });
  return { violations, lintMs };
}
