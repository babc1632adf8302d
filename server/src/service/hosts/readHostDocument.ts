/* S3 Bucket Policy — MIT License. */
import { parsePolicy } from '../parser/parsePolicy';
import type { PolicyDocument } from '../parser/policyDocument';
import type { PolicyRecognitionSettings } from '../policyLanguageTypes';
import { isBucketPolicy } from '../policyRecognition';
import { forgetReadTemplates, readCloudFormation } from './cloudformation/cloudFormationHost';
import type { HostDocument } from './embeddedPolicy';
import type { ModuleFiles } from './terraform/moduleFiles';
import { forgetKeptTrees } from './terraform/hclParser';
import { forgetKeptReads } from './terraform/policyReads';
import { readTerraformFile } from './terraform/terraformHost';

/**
 * The syntax a document is read in: the editor's language id when there is one; else the file's
 * extension (`.yaml`, `.yml`; `.json`; `.template`, either), else the text itself (standard input,
 * and JSON policies named `*.txt` or without an extension).
 */
export function documentSyntax(path: string | undefined, languageId: string | undefined, text: string): 'json' | 'yaml' | undefined {
  if (languageId !== undefined) {
    return languageId === 'yaml' ? 'yaml' : languageId === 'json' || languageId === 'jsonc' ? 'json' : undefined;
  }
  const looksLikeJson = /^\uFEFF?\s*[{[\u201C\u201D]/.test(text);
  if (/\.ya?ml$/i.test(path ?? '')) {
    return 'yaml';
  }
  if (/\.json$/i.test(path ?? '') || looksLikeJson) {
    return 'json';
  }
  return path === undefined || /\.template$/i.test(path) ? 'yaml' : 'json';
}

/** A policy file: the host document is the policy. */
export function policyFileDocument(text: string, policy: PolicyDocument): HostDocument {
  return {
    kind: 'policy',
    text,
    policies: [{ name: undefined, range: { offset: 0, length: text.length }, nameRange: undefined, bucket: undefined, policy, view: undefined, translation: undefined }],
    syntaxProblems: [],
    hostChecks: undefined,
  };
}

/** Cheap tests that rule a text out as a template before it is parsed. */
function mayBeTemplate(text: string): boolean {
  return text.includes('Resources');
}

/**
 * Reads a document for the bucket policies in it: a policy file (by name or by content, as
 * `isBucketPolicy` decides), a CloudFormation template in YAML or JSON, or nothing of ours.
 * `parsed` is the document parsed as a policy, when the caller has it already; `files` reads the
 * rest of a Terraform module (other `.tf` files, the files `templatefile` reads).
 */
export function readHostDocument(text: string, path: string | undefined, languageId: string | undefined, recognition: PolicyRecognitionSettings, parsed?: PolicyDocument, files?: ModuleFiles): HostDocument {
  // A JSON document the recognition settings take for a policy file stays one, whatever else it holds.
  const embedded = readTerraformFile(text, path, languageId, files) ?? readPolicyFile(text, path, languageId, recognition, parsed) ?? readTemplate(text, path, languageId);
  if (!embedded) {
    return { kind: 'none', text, policies: [], syntaxProblems: [], hostChecks: undefined };
  }
  // The rules learn the bucket a policy is attached to where the host says it for certain. A policy
  // tree kept from an earlier read (its text unchanged) may have been attached to another bucket.
  for (const policy of embedded.policies) {
    policy.policy.attachedBucket = policy.bucket?.certain ? { name: policy.bucket.name, description: policy.bucket.description } : undefined;
  }
  return embedded;
}

/**
 * Forgets what reads keep to reuse after an edit (the pieces and policies of templates, the trees
 * and policies of Terraform files): the next read of any document is a first read. For benchmarks
 * and tests of a first read.
 */
export function forgetEarlierReads(): void {
  forgetReadTemplates();
  forgetKeptTrees();
  forgetKeptReads();
}

/** A CloudFormation template, or undefined. */
function readTemplate(text: string, path: string | undefined, languageId: string | undefined): HostDocument | undefined {
  const syntax = documentSyntax(path, languageId, text);
  if (syntax === undefined || !mayBeTemplate(text)) {
    return undefined;
  }
  // The cheap test first: a JSON template has a "Resources" member.
  return syntax === 'json' && !/"Resources"\s*:/.test(text) ? undefined : readCloudFormation(text, syntax, path);
}

/** A policy file (by name or content), or undefined. */
function readPolicyFile(text: string, path: string | undefined, languageId: string | undefined, recognition: PolicyRecognitionSettings, parsed: PolicyDocument | undefined): HostDocument | undefined {
  if (documentSyntax(path, languageId, text) !== 'json') {
    return undefined;
  }
  const policy = parsed ?? parsePolicy(text);
  return isBucketPolicy(path, policy, recognition) ? policyFileDocument(text, policy) : undefined;
}
