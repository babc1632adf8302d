/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry } from '../conditionEntries';
import type { PrincipalValue } from '../principals';
import type { PolicyFix } from '../policyLanguageTypes';

/** A JSON syntax problem, in offsets, with a message in plain words. */
export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
  /**
   * True for problems VS Code's own JSON support does not report in `jsonc` mode (S3-only
   * strictness): comments, which jsonc allows, and a byte order mark, which editors hide. Trailing
   * commas are not among them: VS Code warns about them in jsonc too.
   */
  strictOnly: boolean;
  /** True when the tree around the problem is whole (comments, trailing commas, single quotes, a BOM): structural rules can still run. */
  keepsTree: boolean;
  /** Mechanical repairs (remove a trailing comma, swap single quotes for double quotes, remove a comment). */
  fixes: PolicyFix[];
}

/** A member of a JSON object: its key node and its value node (the value may be missing while typing). */
export interface Member {
  name: string;
  keyNode: Node;
  valueNode: Node | undefined;
}

/** One statement of the policy, with its members looked up once. */
export interface PolicyStatement {
  /** Position of the statement in the Statement array (0 when Statement is a single object). */
  index: number;
  node: Node;
  /**
   * Its members in document order, each name once: a name that repeats is at its first place with
   * its last value, as S3 reads it.
   */
  members: readonly Member[];
  /**
   * The statement elements S3 knows, by name (`elements.Effect` is the member named "Effect", the
   * last one if it repeats): a field read, where a lookup by name would hash the name.
   */
  elements: StatementElements;
  /**
   * The two analyses the rules ask of a statement most often (some 500 times per lint of the 20 KB
   * benchmark policy), kept here when first computed (`conditionEntries`, `principalValues`): a field
   * read each, where memoizePerObject's table would look the answer up.
   */
  analyses: StatementAnalyses;
}

/** What `PolicyStatement.analyses` holds: undefined until first asked for. */
export interface StatementAnalyses {
  conditionEntries: readonly ConditionEntry[] | undefined;
  principalValues: readonly PrincipalValue[] | undefined;
}

/** The element names a statement may use, in one object of one shape. */
export interface StatementElements {
  Sid: Member | undefined;
  Effect: Member | undefined;
  Principal: Member | undefined;
  NotPrincipal: Member | undefined;
  Action: Member | undefined;
  NotAction: Member | undefined;
  Resource: Member | undefined;
  NotResource: Member | undefined;
  Condition: Member | undefined;
}

/** An element name a statement may use. */
export type StatementElementName = keyof StatementElements;

/** Element pairs the rules read alike, made once (a literal in a loop is a new array each time round). */
export const ACTION_ELEMENTS = ['Action', 'NotAction'] as const;
export const RESOURCE_ELEMENTS = ['Resource', 'NotResource'] as const;
export const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'] as const;

/**
 * Why a document was not analysed: it is longer or nested deeper than `parser/documentLimits.ts`
 * allows. It then has no tree; `documentTooLarge` reports `reason` at `offset`.
 */
export interface SkippedDocument {
  reason: string;
  offset: number;
  length: number;
  /** The names of the top-level members, read without building a tree, for recognising a policy. */
  topLevelKeys: string[];
}

/**
 * The typed model of a bucket policy that every rule reads. Built once per document version by
 * `parsePolicy`; keeps the jsonc-parser tree, so every element has an offset and a length.
 */
export interface PolicyDocument {
  text: string;
  /** The jsonc-parser tree; undefined for an empty document. */
  root: Node | undefined;
  syntaxProblems: SyntaxProblem[];
  /** Members of the top-level object (empty when the top level is not an object). */
  topMembers: Map<string, Member>;
  /** The Statement value node, when present. */
  statementNode: Node | undefined;
  statements: PolicyStatement[];
  /** Set when the document is too large or too deeply nested to analyse (no tree, no syntax problems). */
  skipped?: SkippedDocument;
  /**
   * The bucket the policy is attached to, when the document that holds it says so for certain (a
   * template's `Bucket: !Ref Logs`, Terraform's `bucket = aws_s3_bucket.logs.id`); a policy file
   * does not say.
   */
  attachedBucket?: AttachedBucket;
}

/** The bucket a policy is attached to: its name (or the stand-in the view uses for it) and how to name it in a message. */
export interface AttachedBucket {
  name: string;
  description: string;
}
