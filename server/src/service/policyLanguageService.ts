/* S3 Bucket Policy — MIT License. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, CompletionList, Diagnostic, DiagnosticSeverity, DocumentSymbol, Hover, Position, Range, TextDocumentEdit, TextEdit, VersionedTextDocumentIdentifier } from 'vscode-languageserver-types';
import bucketPolicySchema from '../../../schemas/s3-bucket-policy.schema.json';
import { CompletionSettings, doComplete } from './completion/completion';
import { findDocumentSymbols } from './documentSymbols';
import { applyOffsetEdits } from './edits/jsonEdits';
import { doHover } from './hover/hover';
import { lowerBound } from './lowerBound';
import { memoizePerObject } from './memoizePerObject';
import { pastedSyntaxFix, withPastedReading } from './pasted/pastedFindings';
import { parsePolicy } from './parser/parsePolicy';
import type { PolicyDocument } from './parser/policyDocument';
import { DIAGNOSTIC_SOURCE, PolicyFinding, PolicyFix, PolicyLintSettings, PolicyRecognitionSettings, RULE_DOCS_BASE_URL, RuleSeverity } from './policyLanguageTypes';
import { isBucketPolicy } from './policyRecognition';
import { ALL_RULES, findRule } from './rules';
import { documentTooLarge } from './rules/documentTooLarge';
import type { Rule, RuleContext } from './rules/rule';
import { JsonSchema, SchemaProblem, validateAgainstSchema } from './schema/validateAgainstSchema';

const SEVERITY: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * The most diagnostics `doValidation` returns for one document (VS Code shows no more than 1,000 per
 * file either): a pasted document can hold hundreds of thousands of problems, which would cost
 * seconds to send and to display.
 */
export const MAX_DIAGNOSTICS = 1000;

/** Lint settings when nothing is configured: every rule at its default, all syntax errors reported. */
export const DEFAULT_LINT_SETTINGS: PolicyLintSettings = { rules: {}, reportSyntaxErrors: 'all' };

/** The result of fixing a whole document: the new text and how many fixes were applied. */
export interface FixAllResult {
  text: string;
  appliedFixes: number;
}

/**
 * The policy language service: pure functions from a document to findings, diagnostics and fixes.
 * No LSP connection, no VS Code API, no file system: the LSP adapter, the CLI and the tests all use it.
 */
export interface PolicyLanguageService {
  parse(text: string): PolicyDocument;
  isBucketPolicy(path: string | undefined, policy: PolicyDocument, settings: PolicyRecognitionSettings): boolean;
  /** Every finding in offsets, after severity settings (rules set to `off` report nothing). */
  findProblems(policy: PolicyDocument, settings: PolicyLintSettings): PolicyFinding[];
  /** The findings as LSP diagnostics: at most `MAX_DIAGNOSTICS`, errors first, the last one saying how many more there are. */
  doValidation(document: TextDocument, policy: PolicyDocument, settings: PolicyLintSettings): Diagnostic[];
  /** Quick fixes for the diagnostics of ours in `contextDiagnostics`, recomputed against this version of the document. */
  getCodeActions(document: TextDocument, policy: PolicyDocument, settings: PolicyLintSettings, contextDiagnostics: Diagnostic[]): CodeAction[];
  /** Applies every preferred fix, repeatedly, until none applies (at most 10 rounds). */
  fixAll(text: string, settings: PolicyLintSettings): FixAllResult;
  /** Completion at a position; `settings` says whether the client takes snippets (default: it does). */
  doComplete(document: TextDocument, policy: PolicyDocument, position: Position, settings?: CompletionSettings): CompletionList;
  /** Hover for the string at a position, or null. */
  doHover(document: TextDocument, policy: PolicyDocument, position: Position): Hover | null;
  /** The outline: top-level elements, one symbol per statement, its elements below. */
  findDocumentSymbols(document: TextDocument, policy: PolicyDocument): DocumentSymbol[];
}

/** Turns offsets into an LSP range. */
function toRange(document: TextDocument, offset: number, length: number): Range {
  return Range.create(document.positionAt(offset), document.positionAt(offset + length));
}

function toDiagnostic(document: TextDocument, finding: PolicyFinding): Diagnostic {
  return {
    range: toRange(document, finding.offset, finding.length),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: `${RULE_DOCS_BASE_URL}${finding.ruleId}.md` },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data: { ruleId: finding.ruleId },
  };
}

const SEVERITY_RANK: Record<RuleSeverity, number> = { error: 0, warning: 1, information: 2 };

/** At most `MAX_DIAGNOSTICS` findings, errors first, then warnings, in document order; the last says how many more there are. */
function withinDiagnosticLimit(findings: PolicyFinding[], settings: PolicyLintSettings): PolicyFinding[] {
  if (findings.length <= MAX_DIAGNOSTICS) {
    return findings;
  }
  const kept = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.offset - b.offset).slice(0, MAX_DIAGNOSTICS - 1);
  if (settings.rules[documentTooLarge.id] === 'off') {
    return kept.sort((a, b) => a.offset - b.offset);
  }
  const hidden = findings.length - kept.length;
  const message = `${hidden.toLocaleString('en-US')} more problems in this document are not shown: S3 Bucket Policy shows at most ${MAX_DIAGNOSTICS.toLocaleString('en-US')} per document. Run s3-policy-lint on the file to list them all.`;
  return [...kept.sort((a, b) => a.offset - b.offset), { ruleId: documentTooLarge.id, severity: 'information', offset: 0, length: 0, message, fixes: [] }];
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The spans the fixes chosen so far edit, sorted and disjoint, so that fix-all tells in a few steps
 * whether another fix touches them (comparing with every span made thousands of fixes quadratic).
 * Overlapping spans clash, and so does an insertion touching a span or a span touching an insertion.
 */
class EditedSpans {
  private readonly spans: { offset: number; end: number }[] = [];

  overlaps(fix: PolicyFix): boolean {
    return fix.edits.some((edit) => {
      const end = edit.offset + edit.length;
      for (let index = this.firstEndingAtOrAfter(edit.offset); index < this.spans.length && this.spans[index].offset <= end; index++) {
        const span = this.spans[index];
        if ((edit.offset < span.end && span.offset < end) || edit.length === 0 || span.offset === span.end) {
          return true;
        }
      }
      return false;
    });
  }

  add(fix: PolicyFix): void {
    for (const edit of fix.edits) {
      const span = { offset: edit.offset, end: edit.offset + edit.length };
      let index = this.spans.length;
      while (index > 0 && this.spans[index - 1].offset > span.offset) {
        index--;
      }
      this.spans.splice(index, 0, span);
    }
  }

  /** The first span that ends at or after `offset` (ends grow with offsets, as the spans are disjoint). */
  private firstEndingAtOrAfter(offset: number): number {
    return lowerBound(this.spans.length, (index) => this.spans[index].end < offset);
  }
}

/**
 * Applies every preferred fix, repeatedly, until none applies (at most 10 rounds): the findings of
 * each round come from `findProblemsOf` (a policy file's, or a template's in host offsets).
 */
export function fixAllWith(text: string, findProblemsOf: (text: string) => PolicyFinding[]): FixAllResult {
  let current = text;
  let appliedFixes = 0;
  for (let round = 0; round < 10; round++) {
    const taken = new EditedSpans();
    const chosen = new Set<PolicyFix>();
    const fixable = findProblemsOf(current).filter((finding) => finding.fixes.some((candidate) => candidate.isPreferred));
    // Whole-document fixes (adding a statement or a Version) wait until the token-level ones are applied:
    // they were computed on a text those change (a "deny" about to become "Deny" is not yet an HTTPS-only deny).
    const tokenLevel = fixable.filter((finding) => findRule(finding.ruleId)?.runsOnBrokenDocuments);
    for (const finding of tokenLevel.length > 0 ? tokenLevel : fixable) {
      const fix = finding.fixes.find((candidate) => candidate.isPreferred);
      if (!fix || chosen.has(fix) || taken.overlaps(fix)) {
        continue;
      }
      chosen.add(fix);
      taken.add(fix);
    }
    if (chosen.size === 0) {
      break;
    }
    const next = applyOffsetEdits(current, [...chosen].flatMap((fix) => fix.edits));
    if (next === current) {
      break;
    }
    current = next;
    appliedFixes += chosen.size;
  }
  return { text: current, appliedFixes };
}

/** The findings of a document as LSP diagnostics: at most `MAX_DIAGNOSTICS`, the last one saying how many more there are. */
export function findingsToDiagnostics(document: TextDocument, findings: PolicyFinding[], settings: PolicyLintSettings): Diagnostic[] {
  return withinDiagnosticLimit(findings, settings).map((finding) => toDiagnostic(document, finding));
}

/** Quick fixes for the diagnostics of ours in `contextDiagnostics`, from the findings of this version of the document. */
export function codeActionsFor(document: TextDocument, findings: PolicyFinding[], contextDiagnostics: Diagnostic[]): CodeAction[] {
  const ours = contextDiagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
  if (ours.length === 0) {
    return [];
  }
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    const current = toDiagnostic(document, finding);
    const requested = ours.find((diagnostic) => diagnostic.code === finding.ruleId && sameRange(diagnostic.range, current.range));
    if (!requested) {
      continue;
    }
    for (const fix of finding.fixes.slice(0, 3)) {
      const edits = fix.edits.map((edit) => TextEdit.replace(toRange(document, edit.offset, edit.length), edit.content));
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [requested],
        isPreferred: fix.isPreferred,
        edit: { documentChanges: [TextDocumentEdit.create(VersionedTextDocumentIdentifier.create(document.uri, document.version), edits)] },
      });
    }
  }
  return actions;
}

/** Creates the policy language service. */
export function getPolicyLanguageService(): PolicyLanguageService {
  const schema = bucketPolicySchema as JsonSchema;

  // The findings of each parsed document for the last settings it was linted with (and the bucket it
  // was attached to: a template's or Terraform file's policy tree is kept across edits): the editor
  // asks for diagnostics and then for quick fixes on the same version, and each would lint it again.
  const linted = memoizePerObject((_policy: PolicyDocument): { key?: string; findings: readonly PolicyFinding[] } => ({ findings: [] }));
  const findProblems = (policy: PolicyDocument, settings: PolicyLintSettings): PolicyFinding[] => {
    const key = `${settings.reportSyntaxErrors}\n${JSON.stringify(settings.rules)}\n${policy.attachedBucket?.name ?? ''}`;
    const entry = linted(policy);
    if (entry.key !== key) {
      // A pasted document (typographic quotes, a bare statement, …) also gets the findings of its repaired reading.
      entry.findings = withPastedReading(policy, settings, lint(policy, settings), (repaired) => lint(repaired, settings));
      entry.key = key;
    }
    return [...entry.findings];
  };

  const lint = (policy: PolicyDocument, settings: PolicyLintSettings): PolicyFinding[] => {
    const findings: PolicyFinding[] = [];
    // Comments, trailing commas and the like leave the tree whole: only other syntax problems make it untrustworthy.
    const broken = policy.syntaxProblems.some((problem) => !problem.keepsTree);
    let schemaProblems: SchemaProblem[] | undefined;
    // One context for every rule, reporting for the rule that is running (rules report synchronously).
    let running: Rule = documentTooLarge;
    let override: RuleSeverity | undefined;
    const context: RuleContext = {
      policy,
      reportSyntaxErrors: settings.reportSyntaxErrors,
      schemaProblems: () => (schemaProblems ??= policy.root ? validateAgainstSchema(policy.root, schema) : []),
      report: (range, message, options) => {
        findings.push({
          ruleId: running.id,
          severity: override ?? options?.severity ?? running.defaultSeverity,
          offset: range.offset,
          length: range.length,
          message,
          fixes: options?.fixes ?? [],
        });
      },
    };
    for (const rule of ALL_RULES) {
      const configured = settings.rules[rule.id];
      // A document too large or too deep to analyse gets one finding saying so, and nothing else.
      if (configured === 'off' || (broken && !rule.runsOnBrokenDocuments) || (policy.skipped && rule !== documentTooLarge)) {
        continue;
      }
      running = rule;
      override = configured === rule.defaultSeverity ? undefined : (configured as RuleSeverity | undefined);
      rule.check(context);
    }
    return findings.sort((a, b) => a.offset - b.offset);
  };

  const fixAll = (text: string, settings: PolicyLintSettings): FixAllResult => fixAllWith(text, (current) => findProblems(parsePolicy(current), settings));

  return {
    parse: parsePolicy,
    isBucketPolicy,
    findProblems,
    doValidation: (document, policy, settings) => findingsToDiagnostics(document, findProblems(policy, settings), settings),
    getCodeActions(document, policy, settings, contextDiagnostics) {
      const actions: CodeAction[] = [];
      // Where the editor reports the syntax itself (VS Code's json mode), its diagnostics get the fix-all-syntax fix of a pasted document.
      const foreign = contextDiagnostics.filter((diagnostic) => diagnostic.source !== DIAGNOSTIC_SOURCE);
      const syntaxFix = foreign.length > 0 && settings.reportSyntaxErrors !== 'all' ? pastedSyntaxFix(policy) : undefined;
      if (syntaxFix) {
        const edits = syntaxFix.edits.map((edit) => TextEdit.replace(toRange(document, edit.offset, edit.length), edit.content));
        actions.push({ title: syntaxFix.title, kind: CodeActionKind.QuickFix, diagnostics: foreign, edit: { documentChanges: [TextDocumentEdit.create(VersionedTextDocumentIdentifier.create(document.uri, document.version), edits)] } });
      }
      if (foreign.length < contextDiagnostics.length) {
        actions.push(...codeActionsFor(document, findProblems(policy, settings), contextDiagnostics));
      }
      return actions;
    },
    fixAll,
    doComplete,
    doHover,
    findDocumentSymbols,
  };
}
