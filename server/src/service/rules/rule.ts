/* S3 Bucket Policy — MIT License. */
import type { PolicyFix, RuleSeverity } from '../policyLanguageTypes';
import type { PolicyDocument } from '../parser/policyDocument';
import type { SchemaProblem } from '../schema/validateAgainstSchema';

/** A span of the document, in offsets. jsonc-parser nodes satisfy it. */
export interface OffsetRange {
  offset: number;
  length: number;
}

/** What a rule may say about one problem beyond its range and message. */
export interface ReportOptions {
  fixes?: PolicyFix[];
  /** Severity for this finding when it differs from the rule's default (a user setting still wins). */
  severity?: RuleSeverity;
}

/** Given to every rule: the parsed policy, shared analyses, and the way to report. */
export interface RuleContext {
  readonly policy: PolicyDocument;
  /** Which syntax problems are ours to report; see `PolicyLintSettings.reportSyntaxErrors`. */
  readonly reportSyntaxErrors: 'all' | 'strictOnly' | 'none';
  /** Structural problems found by the schema, computed once per document and shared by the rules that own them. */
  schemaProblems(): SchemaProblem[];
  report(range: OffsetRange, message: string, options?: ReportOptions): void;
}

/**
 * A lint rule. One rule per file in `rules/`, named after its id. Rules only report; the framework
 * applies settings and turns offsets into LSP diagnostics.
 */
export interface Rule {
  /** Stable camelCase id: `Diagnostic.code`, the settings suffix `s3Policy.lint.<id>` and `docs/rules/<id>.md`. */
  readonly id: string;
  readonly defaultSeverity: RuleSeverity;
  /** One line for the settings UI and the docs index. */
  readonly description: string;
  /**
   * True when the rule only looks at tokens it finds and stays correct on a tree with syntax errors
   * (a half-typed document). Other rules run only on documents that parse.
   */
  readonly runsOnBrokenDocuments: boolean;
  check(context: RuleContext): void;
}
