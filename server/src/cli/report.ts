/* S3 Bucket Policy — MIT License. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { PolicyFinding, RuleSeverity } from '../service/policyLanguageTypes';

/** One finding as the CLI prints it: the rule id, severity, message and a 0-based LSP range. */
export interface CliDiagnostic {
  code: string;
  severity: RuleSeverity;
  message: string;
  range: Range;
}

/** The findings of one linted file, in offset order. */
export interface FileReport {
  /** The path as given (or as found under a directory or glob); `<stdin>` for standard input. */
  file: string;
  /** The absolute path, for SARIF artifact URIs; undefined for standard input. */
  absolutePath: string | undefined;
  diagnostics: CliDiagnostic[];
  /** How many fixes `--fix` wrote into this file. */
  fixesApplied: number;
  /** The bucket policies found in the file: a policy file's one, a template's resources (by logical id). */
  policies: { name: string; range: Range }[];
}

/** The 0-based line/character range of an offset span of `text`. */
export function toRange(text: string, offset: number, length: number): Range {
  const document = TextDocument.create('file:///lint', 'json', 0, text);
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

/** Turns the service's offset-based findings into 0-based line/character ranges of `text`. */
export function toDiagnostics(text: string, findings: readonly PolicyFinding[]): CliDiagnostic[] {
  const document = TextDocument.create('file:///lint', 'json', 0, text);
  return findings.map((finding) => ({
    code: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: { start: document.positionAt(finding.offset), end: document.positionAt(finding.offset + finding.length) },
  }));
}

/** Counts findings of one severity over all reports. */
export function countSeverity(reports: readonly FileReport[], severity: RuleSeverity): number {
  return reports.reduce((sum, report) => sum + report.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length, 0);
}

/** `1 file`, `2 files`. */
export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `file:line:col severity ruleId message` per finding (1-based), then a fix line when `--fix` changed files, then a summary line. */
export function formatText(reports: readonly FileReport[]): string {
  const lines = reports.flatMap((report) => report.diagnostics.map((diagnostic) =>
    `${report.file}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`));
  const fixed = reports.filter((report) => report.fixesApplied > 0);
  if (fixed.length > 0) {
    const fixes = fixed.reduce((sum, report) => sum + report.fixesApplied, 0);
    lines.push(`Fixed ${plural(fixes, 'problem')} in ${plural(fixed.length, 'file')}.`);
  }
  const total = reports.reduce((sum, report) => sum + report.diagnostics.length, 0);
  const policies = reports.reduce((sum, report) => sum + report.policies.length, 0);
  lines.push(`${plural(total, 'problem')} (${plural(countSeverity(reports, 'error'), 'error')}, ${plural(countSeverity(reports, 'warning'), 'warning')}, ${countSeverity(reports, 'information')} information) in ${policies} bucket ${policies === 1 ? 'policy' : 'policies'} in ${plural(reports.length, 'file')}`);
  return `${lines.join('\n')}\n`;
}

/** `[{"file", "policies": [{"name", "range"}], "diagnostics": [{"code", "severity", "message", "range"}]}]`, ranges 0-based as in LSP. */
export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(reports.map((report) => ({ file: report.file, policies: report.policies, diagnostics: report.diagnostics })), null, 2)}\n`;
}
