/* S3 Bucket Policy — MIT License. */
/**
 * The files `access` and `simulate` read: a JSON policy file, or the bucket policies of a
 * CloudFormation template or a Terraform file, read as the lint command reads them. Each policy
 * comes with its name, its place in the file, and the values its host computes (unknown to the
 * evaluator, so that an answer resting on them says so).
 */
import type { Node } from 'jsonc-parser';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { embeddedPolicyName, unknownValues, UnknownValues } from '../service/access/accessInEditor';
import { getHostedLanguageService } from '../service/hostedLanguageService';
import type { EmbeddedPolicy } from '../service/hosts/embeddedPolicy';
import { hostRangeOf } from '../service/hosts/policyView';
import { policyFileDocument } from '../service/hosts/readHostDocument';
import { isTerraformPath, isTerraformTemplatePath } from '../service/hosts/terraform/terraformHost';
import type { ModuleFiles } from '../service/hosts/terraform/moduleFiles';
import { parsePolicy } from '../service/parser/parsePolicy';
import { getPolicyLanguageService } from '../service/policyLanguageService';
import { DEFAULT_RECOGNITION_SETTINGS } from '../service/policyRecognition';
import { diskModuleFiles } from './diskModuleFiles';
import { readUtf8 } from './files';
import { UsageError } from './options';
import { loadTerraformParser } from './terraformWasm';

/** One bucket policy of a file, ready for the evaluator. */
export interface AccessPolicy {
  /** The logical id of a template's policy, the address of a Terraform one, or a policy file's Id or file name. */
  name: string;
  embedded: EmbeddedPolicy;
  /** The text of the file that holds it. */
  hostText: string;
  /** The policy's place in the file. */
  range: Range;
  /** Why the policy cannot be evaluated (its whole document is computed by the host), or undefined. */
  unavailable: string | undefined;
  /** The values the host computes, or undefined for a policy with none (every policy file). */
  unknowns: UnknownValues | undefined;
  /** `isUnknown` for the evaluator: only nodes of this policy's tree (identity policies are other trees). */
  isUnknown: ((node: Node) => boolean) | undefined;
  /** A span of the policy tree, in the file's lines and characters. */
  rangeOf(offset: number, length: number): Range;
}

/** One file read: its kind and its bucket policies. */
export interface AccessFile {
  file: string;
  kind: 'policy' | 'cloudformation' | 'terraform';
  policies: AccessPolicy[];
}

const NO_TERRAFORM_POLICY = 'no bucket policy written in this Terraform file (an aws_s3_bucket_policy, or a policy of a bucket, whose document is in this module)';

let hosted: ReturnType<typeof getHostedLanguageService> | undefined;

/** True for the files only the Terraform parser reads. */
function needsTerraform(file: string): boolean {
  return isTerraformPath(file) || isTerraformTemplatePath(file);
}

/** The root of a node's tree. */
function rootOf(node: Node): Node {
  let root = node;
  while (root.parent) {
    root = root.parent;
  }
  return root;
}

function accessPolicy(document: TextDocument, embedded: EmbeddedPolicy, fileName: string, hostText: string): AccessPolicy {
  const view = embedded.view;
  const rangeOf = (offset: number, length: number): Range => {
    const span = view ? hostRangeOf(view, offset, length) : { offset, length };
    return { start: document.positionAt(span.offset), end: document.positionAt(span.offset + span.length) };
  };
  const root = embedded.policy.root;
  const whole = view ? embedded.range : { offset: root?.offset ?? 0, length: root?.length ?? 0 };
  const unknowns = unknownValues(embedded, hostText);
  const isObject = root?.type === 'object' && embedded.policy.statementNode !== undefined;
  return {
    name: embeddedPolicyName(embedded, fileName),
    embedded,
    hostText,
    range: { start: document.positionAt(whole.offset), end: document.positionAt(whole.offset + whole.length) },
    unavailable: isObject ? undefined : `its policy document is computed by the host (${hostText.slice(whole.offset, whole.offset + whole.length).trim()}), so what it allows cannot be known here`,
    unknowns,
    isUnknown: unknowns && root ? (node) => rootOf(node) === root && unknowns.isUnknown(node) : undefined,
    rangeOf,
  };
}

/**
 * Reads the files: a template or Terraform file for every bucket policy in it, anything else as a
 * JSON policy file. A file that is none of these, or holds no bucket policy, is bad input.
 */
export async function readAccessFiles(files: readonly string[]): Promise<AccessFile[]> {
  if (files.some(needsTerraform)) {
    const error = await loadTerraformParser();
    if (error) {
      throw new UsageError(`Terraform files cannot be read: the HCL parser did not load (${error.message}).`);
    }
  }
  hosted ??= getHostedLanguageService(getPolicyLanguageService());
  const moduleFiles: ModuleFiles = diskModuleFiles(process.cwd());
  return files.map((file) => readAccessFile(file, moduleFiles));
}

function readAccessFile(file: string, moduleFiles: ModuleFiles): AccessFile {
  let text: string;
  try {
    text = readUtf8(file);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  const document = TextDocument.create('file:///access', 'plaintext', 1, text);
  const fileName = path.basename(file);
  const host = hosted!.read(text, file, undefined, { ...DEFAULT_RECOGNITION_SETTINGS, detectByContent: true }, undefined, moduleFiles);
  if (host.kind === 'cloudformation' || host.kind === 'terraform') {
    if (host.policies.length === 0) {
      throw new UsageError(`${file}: ${host.kind === 'cloudformation' ? 'no bucket policy in this template (no AWS::S3::BucketPolicy)' : NO_TERRAFORM_POLICY}.`);
    }
    return { file, kind: host.kind, policies: host.policies.map((policy) => accessPolicy(document, policy, fileName, text)) };
  }
  if (needsTerraform(file)) {
    throw new UsageError(`${file}: ${NO_TERRAFORM_POLICY}.`);
  }
  const policy = parsePolicy(text);
  if (policy.root?.type !== 'object' || policy.statementNode === undefined) {
    throw new UsageError(`${file}: not a policy (a JSON object with a Statement), nor a CloudFormation template or Terraform file with a bucket policy.`);
  }
  return { file, kind: 'policy', policies: [accessPolicy(document, policyFileDocument(text, policy).policies[0], fileName, text)] };
}
