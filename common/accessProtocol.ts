/* S3 Bucket Policy — MIT License. */
/**
 * The custom LSP requests of the access features, shared by the client (client/src/access*.ts) and
 * the server (server/src/lsp/accessRequests.ts): the access summary behind *Explain access* and the
 * CodeLens, the choices and the answer of *What if…*. Types only, plus the method names: nothing
 * here runs, so both bundles can import it.
 */
import type { Range } from 'vscode-languageserver-types';

/** *S3 Bucket Policy: Explain access*; the CodeLens runs it with the document's URI and the policy's index. */
export const EXPLAIN_ACCESS_COMMAND = 's3Policy.explainAccess';

/** *S3 Bucket Policy: What if…*. */
export const WHAT_IF_COMMAND = 's3Policy.whatIf';

/** `s3Policy/accessSummary`: the access summary of the policies of a document. */
export const ACCESS_SUMMARY_REQUEST = 's3Policy/accessSummary';

/** `s3Policy/whatIfChoices`: what *What if…* offers, read from one policy. */
export const WHAT_IF_CHOICES_REQUEST = 's3Policy/whatIfChoices';

/** `s3Policy/whatIf`: AWS's decision for one request against one policy of a document. */
export const WHAT_IF_REQUEST = 's3Policy/whatIf';

/** What a CodeLens carries from `textDocument/codeLens` to `codeLens/resolve`. */
export interface AccessLensData {
  uri: string;
  policy: number;
}

/** Which policy of a document: by index in the document, else the one holding `position`, else the first. */
export interface PolicySelector {
  textDocument: { uri: string };
  policy?: number;
  position?: { line: number; character: number };
}

/** A statement a row or a decision rests on, with where it is in the document. */
export interface StatementRef {
  /** Index in the policy's Statement array. */
  index: number;
  sid: string | undefined;
  /** "statement 1 (PartnerRead)". */
  label: string;
  range: Range;
}

/** One row of the summary table: who may do what, from where. */
export interface AccessRow {
  /** "Anyone (anonymous)", "Account 210987654321", "cloudtrail.amazonaws.com for any other source". */
  who: string;
  /** "anywhere", "only through vpce-1a2b3c4d", "only from 203.0.113.0/24". */
  where: string;
  /** The access levels in words: "read and list". */
  access: string;
  /** The S3 actions, `s3:Name`. */
  actions: string[];
  /** The row's caveats in words: "HTTPS only", "if its identity policies allow". */
  notes: string[];
  /** True for access anyone has without credentials. */
  public: boolean;
  statements: StatementRef[];
}

/** The summary of one policy of the document. */
export interface PolicyAccess {
  /** Index of the policy in the document (0 for a policy file). */
  policy: number;
  /** The policy's name: its logical id in a template, its `Id` or the file name otherwise. */
  name: string;
  /** Where the policy is in the document. */
  range: Range;
  /** The summary in one line (the CodeLens title). */
  line: string;
  public: boolean;
  publicActions: string[];
  httpsOnly: boolean;
  rows: AccessRow[];
  /** The statements that make the policy public in S3's sense, each with the reason. */
  publicStatements: { statement: StatementRef; reason: string }[];
  /** What the summary takes requests to send (the values the policy's conditions ask for). */
  assumes: string[];
  /** Values the host computes that the summary could not know (`!Ref VpceId`), in words. */
  unknowns: string[];
}

/** The answer to `s3Policy/accessSummary`. */
export interface AccessSummaryResult {
  uri: string;
  version: number;
  policies: PolicyAccess[];
}

/** One value *What if…* offers, with where it comes from. */
export interface Choice {
  value: string;
  description: string;
}

/** A context key and a value the policy's conditions use. */
export interface ContextChoice {
  key: string;
  value: string;
  description: string;
}

/** The answer to `s3Policy/whatIfChoices`. */
export interface WhatIfChoices {
  /** Which policy the choices are read from. */
  policy: number;
  name: string;
  principals: Choice[];
  actions: Choice[];
  resources: Choice[];
  context: ContextChoice[];
  /** The bucket owner's account the decision assumes, and whether the policy said it or it was assumed. */
  owner: { account: string; assumed: boolean };
}

/** The request of `s3Policy/whatIf`. */
export interface WhatIfParams extends PolicySelector {
  /** "anonymous", an account ID, an IAM or STS ARN, or a service principal. */
  principal: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  /** The bucket owner's account; the choices' owner when not given. */
  resourceAccount?: string;
}

/** How one statement fared. */
export interface StatementVerdict {
  statement: StatementRef;
  effect: 'Allow' | 'Deny' | undefined;
  applies: 'yes' | 'no' | 'maybe';
  /** The reason of the element that decided it: the first that failed, else the last tested. */
  reason: string;
}

/** The answer to `s3Policy/whatIf`. */
export interface WhatIfResult {
  decision: 'allow' | 'explicitDeny' | 'implicitDeny';
  /** The decision in one sentence: "Allowed by statement 0 (PublicRead)". */
  headline: string;
  /** Every decision the values the host computes could lead to (one when nothing is unknown). */
  possible: ('allow' | 'explicitDeny' | 'implicitDeny')[];
  /** What the decision depends on and cannot be known here, in words. */
  dependsOn: string[];
  deciding: StatementRef[];
  /** The evaluation step by step, then its assumptions. */
  explanation: string[];
  statements: StatementVerdict[];
  /** Set instead of an answer when the request cannot be read (a principal that is none); then `decision` is meaningless. */
  error?: string;
}
