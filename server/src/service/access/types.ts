/* S3 Bucket Policy — MIT License. */
/**
 * The shapes of the access evaluator: a request (who, which action, which resource, which context
 * keys), the inputs around it (the bucket policy, the bucket owner, identity policies, Block Public
 * Access), and the answer (the decision, the statements that decided it, and why every statement
 * applied or not). EVALUATION-FACTS §1 and §5.2.
 */
import type { Node } from 'jsonc-parser';
import type { PolicyDocument } from '../parser/policyDocument';

/** Who makes the request. A role never does: its sessions do (`roleSession`). */
export type RequestPrincipal =
  | { kind: 'anonymous' }
  | { kind: 'iamUser'; arn: string }
  /** `arn` is the session (`arn:aws:sts::A:assumed-role/name/session`); `roleArn` the role's full ARN, path included, when known. */
  | { kind: 'roleSession'; arn: string; roleArn?: string }
  | { kind: 'federatedUser'; arn: string }
  | { kind: 'accountRoot'; account: string }
  | { kind: 'service'; name: string };

/** A context value: one string, several (multivalued keys), or undefined for a key the request does not carry. */
export type ContextValue = string | readonly string[] | undefined;

/** One authorization request: one IAM action on one resource. */
export interface AccessRequest {
  principal: RequestPrincipal;
  /** One IAM action, e.g. `s3:GetObject`. */
  action: string;
  /** A bucket ARN or an object ARN. */
  resource: string;
  /**
   * Request context keys (names compare case-insensitively). Keys the principal implies
   * (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:username`, …) are filled in unless given here;
   * an explicit `undefined` removes one.
   */
  context?: Readonly<Record<string, ContextValue>>;
}

/** The bucket's Block Public Access settings, most restrictive of bucket, account and organization level. */
export interface BlockPublicAccess {
  blockPublicAcls?: boolean;
  ignorePublicAcls?: boolean;
  blockPublicPolicy?: boolean;
  restrictPublicBuckets?: boolean;
}

/** Everything the evaluator reads besides the request. */
export interface AccessInputs {
  /** The bucket policy, parsed; undefined when the bucket has none. */
  bucketPolicy: PolicyDocument | undefined;
  /** The bucket owner's account ID: an S3 ARN does not say it. */
  bucketOwnerAccount: string;
  /**
   * The caller's identity policies (no Principal; the same engine reads them). Undefined means
   * unknown, not none: an answer that needs them says so (`requiresIdentityAllow`).
   */
  identityPolicies?: readonly PolicyDocument[];
  blockPublicAccess?: BlockPublicAccess;
  /**
   * True for a policy value the host cannot know (a CloudFormation `!Ref`, a Terraform reference):
   * a statement that depends on it is neither counted as matching nor as not matching, and the
   * answer lists it in `dependsOn` instead of claiming a definite decision.
   */
  isUnknown?: (node: Node) => boolean;
}

/** AWS's three outcomes. */
export type Decision = 'allow' | 'explicitDeny' | 'implicitDeny';

/** Three-valued truth: `maybe` when the answer hangs on a value the evaluator cannot know. */
export type Truth = 'yes' | 'no' | 'maybe';

/** How a statement's principal element matched: the principal itself, or only its whole account. */
export type PrincipalMatch = 'direct' | 'account' | 'none';

/** A statement element the evaluator tests. */
export type TestedElement = 'Effect' | 'Principal' | 'NotPrincipal' | 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Condition';

/** The result of one condition entry (one operator and one key). */
export interface ConditionExplanation {
  operator: string;
  key: string;
  /** The request's values of the key, or undefined when the request does not carry it. */
  requestValues: readonly string[] | undefined;
  result: Truth;
  /** Why, in words: "aws:SourceVpce is absent and StringNotEquals is negated: true". */
  reason: string;
  range: OffsetRange;
}

/** An offset and a length in the policy text. */
export interface OffsetRange {
  offset: number;
  length: number;
}

/** Why one statement applied to the request or not. */
export interface StatementExplanation {
  /** Which policy: the bucket policy, or the n-th identity policy. */
  policy: 'bucket' | number;
  /** Index in the Statement array. */
  index: number;
  sid: string | undefined;
  effect: 'Allow' | 'Deny' | undefined;
  range: OffsetRange;
  /** Whether every element matched: `yes` means the statement applies to the request. */
  applies: Truth;
  /** For bucket-policy statements: how the principal matched. */
  principalMatch: PrincipalMatch;
  /** The first element that did not match (or could not be decided), when the statement does not apply. */
  failedElement?: TestedElement;
  /** One sentence per element tested. */
  reasons: string[];
  conditions: ConditionExplanation[];
}

/** A value the answer depends on and the evaluator cannot know. */
export interface Dependency {
  /** What it is, in words: "the value of aws:SourceVpce in statement 1 (a template reference)". */
  description: string;
  range?: OffsetRange;
}

/** The evaluator's answer for one request. */
export interface AccessResult {
  /**
   * The decision. When `dependsOn` is not empty, the decision holds only under the assumption each
   * dependency names; `possible` lists every decision the unknown values could lead to.
   */
  decision: Decision;
  possible: readonly Decision[];
  dependsOn: readonly Dependency[];
  /** The statements that produced the decision: every applying Deny, or the Allows on the path that granted. */
  deciding: readonly StatementExplanation[];
  /** Set when S3 denies because of something other than a statement. */
  blockedBy?: 'blockPublicAccess';
  /** Set when the S3 exemption for the bucket owner's root user decided (the bucket policy actions). */
  exemption?: 'bucketOwnerRoot';
  /** When identity policies are unknown and the allow needs one: the account whose identity policies must allow. */
  requiresIdentityAllow?: string;
  /** Caveats and assumptions, in words. */
  qualifiers: readonly string[];
  /** One line per step of the evaluation, in words. */
  explanation: readonly string[];
  /** Every statement of every policy, with why it applied or not. */
  statements: readonly StatementExplanation[];
}
