/* S3 Bucket Policy — MIT License. */
/**
 * Public types of the policy language service: rule ids, severities, settings and the typed
 * `Diagnostic.data` that carries everything a quick fix needs. Shared by the LSP adapter, the CLI
 * and the tests.
 */

/** Severity a rule can be set to; `off` silences it. */
export type RuleSetting = 'off' | 'information' | 'warning' | 'error';

/** Severity a rule reports at when it is not configured. */
export type RuleSeverity = Exclude<RuleSetting, 'off'>;

/** Settings the service reads on every validation (per document). */
export interface PolicyLintSettings {
  /** Per-rule overrides, keyed by rule id. */
  rules: Partial<Record<string, RuleSetting>>;
  /**
   * Which JSON syntax problems to report: `all` (CLI, editors without JSON support), `strictOnly`
   * (only comments and a byte order mark: VS Code's `jsonc` mode accepts them silently, S3 does not) or `none`
   * (VS Code's `json` mode already reports every one of them).
   */
  reportSyntaxErrors: 'all' | 'strictOnly' | 'none';
}

/** Settings that decide which files are bucket policies (STYLE.md decision 1). */
export interface PolicyRecognitionSettings {
  /** Glob patterns matched against the file path; a match makes the file a policy. */
  files: string[];
  /** Also treat any JSON document whose top level looks like a policy as one. */
  detectByContent: boolean;
}

/** The source name shown next to every diagnostic of ours. */
export const DIAGNOSTIC_SOURCE = 's3-bucket-policy';

/** Where the per-rule documentation lives; `Diagnostic.codeDescription.href` points here. */
export const RULE_DOCS_BASE_URL = 'https://github.com/s3-bucket-policy/s3-bucket-policy/blob/main/docs/rules/';

/** A text replacement in offsets, the unit every fix is made of before it becomes a `TextEdit`. */
export interface OffsetEdit {
  offset: number;
  length: number;
  content: string;
}

/**
 * One repair for one finding: a title for the light-bulb menu and the edits, in offsets of the
 * document version the finding was computed on. `isPreferred` marks the single obviously right fix,
 * the one `--fix` and fix-all apply.
 */
export interface PolicyFix {
  title: string;
  isPreferred: boolean;
  edits: OffsetEdit[];
}

/** A problem found by a rule, in offsets; the facade turns it into an LSP `Diagnostic`. */
export interface PolicyFinding {
  ruleId: string;
  severity: RuleSeverity;
  offset: number;
  length: number;
  message: string;
  fixes: PolicyFix[];
}
