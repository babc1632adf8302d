/* S3 Bucket Policy — MIT License. */
import type { PolicyDocument } from '../parser/policyDocument';
import type { PolicyFinding, RuleSeverity } from '../policyLanguageTypes';
import type { TranslationContext } from './editTranslation';
import type { PolicyView } from './policyView';

/** What kind of document holds the policies: a policy file, a CloudFormation template, or nothing of ours. */
export type HostKind = 'policy' | 'cloudformation' | 'terraform' | 'none';

/** A span of the host document. */
export interface HostRange {
  offset: number;
  length: number;
}

/**
 * One bucket policy in a document: the policy tree the rules read (of its view, for a policy inside
 * a template), and what the host knows about it.
 */
export interface EmbeddedPolicy {
  /** The logical id of the `AWS::S3::BucketPolicy` resource; undefined for a policy file. */
  name: string | undefined;
  /** Where the policy is in the host (for a template, its `PolicyDocument` value). */
  range: HostRange;
  /** Where the name is written (the logical id), for the outline's selection. */
  nameRange: HostRange | undefined;
  /**
   * The bucket the policy is attached to, as far as the host says: its name or stand-in, how to say
   * it, and whether the host says which bucket for certain (a bucket of the template or module, or a
   * literal name) rather than through a value it cannot see (a parameter, a variable), and whether
   * `name` is the bucket's real name as the document writes it (`named`), not a stand-in for a name
   * the deployment will make up (a bucket without `BucketName` or `bucket`).
   */
  bucket: { name: string; description: string; certain?: boolean; named?: boolean } | undefined;
  policy: PolicyDocument;
  /** The JSON view of a policy written in another syntax; undefined when the host text is the policy itself. */
  view: PolicyView | undefined;
  /** How fixes computed on the view are written into the host; undefined for a policy file. */
  translation: TranslationContext | undefined;
  /** False for a finding the host knows to be unfounded (an absence, where part of the policy is computed). */
  keepFinding?: (finding: PolicyFinding) => boolean;
}

/** A document read for bucket policies: the policies in it and the host's own checks. */
export interface HostDocument {
  kind: HostKind;
  text: string;
  policies: EmbeddedPolicy[];
  /** The YAML or JSON syntax problems of a template, which the CLI reports and the editor leaves to the YAML and JSON extensions. */
  syntaxProblems: { offset: number; length: number; message: string }[];
  /** Checks that exist only in this kind of host (a Resource on another bucket than `Bucket`), given the rule settings. */
  hostChecks: ((report: (rule: { id: string; defaultSeverity: RuleSeverity }, finding: Omit<PolicyFinding, 'ruleId' | 'severity'>) => void) => void) | undefined;
}
