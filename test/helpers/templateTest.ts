/* S3 Bucket Policy — MIT License. */
/**
 * Helpers for tests on templates: read a template as the CLI reads it (every rule at its default,
 * every syntax error), describe findings by rule, line and underlined text, and apply fixes to the
 * whole template.
 */
import { applyOffsetEdits } from '../../server/src/service/edits/jsonEdits';
import { getHostedLanguageService } from '../../server/src/service/hostedLanguageService';
import type { HostDocument } from '../../server/src/service/hosts/embeddedPolicy';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import type { PolicyFinding, PolicyFix } from '../../server/src/service/policyLanguageTypes';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../server/src/service/policyRecognition';

/** The document-level service under test, created once. */
export const hosted = getHostedLanguageService(getPolicyLanguageService());

/** A finding as the template manifest writes it. */
export interface LineFinding {
  rule: string;
  line: number;
  text: string;
}

/** Reads a document at `filePath` (which decides YAML or JSON) with the default recognition settings. */
export function readTemplate(text: string, filePath: string): HostDocument {
  return hosted.read(text, filePath, undefined, DEFAULT_RECOGNITION_SETTINGS);
}

/** The findings of a document with the CLI's settings, in document order. */
export function templateFindings(text: string, filePath: string): PolicyFinding[] {
  return hosted.findProblems(readTemplate(text, filePath), DEFAULT_LINT_SETTINGS);
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
  }
  return line;
}

/** A finding as rule, line and the exact text it underlines. */
export function lineFinding(text: string, finding: PolicyFinding): LineFinding {
  return { rule: finding.ruleId, line: lineOf(text, finding.offset), text: text.slice(finding.offset, finding.offset + finding.length) };
}

/** The text each finding of a rule underlines. */
export function underlinedIn(text: string, filePath: string, ruleId: string): string[] {
  return templateFindings(text, filePath).filter((finding) => finding.ruleId === ruleId).map((finding) => text.slice(finding.offset, finding.offset + finding.length));
}

/** The whole template after one fix. */
export function applyTemplateFix(text: string, fix: PolicyFix): string {
  return applyOffsetEdits(text, fix.edits);
}
