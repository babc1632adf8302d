/* S3 Bucket Policy — MIT License. */
/**
 * Template completion from the extension's snippets (`snippets/s3-bucket-policy.json`): whole
 * statements inside the Statement array, the whole policy in an empty document. The bucket the
 * policy already names fills the bucket placeholder.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import snippets from '../../../../snippets/s3-bucket-policy.json';
import type { PolicyDocument } from '../parser/policyDocument';
import { stringValue } from '../parser/nodeUtils';
import { escapeSnippet, Proposal } from './proposals';
import { namedBuckets } from './resources';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

/** The snippet of the whole policy; every other snippet holds statements. */
const WHOLE_POLICY_PREFIX = 's3policy-bucket-policy';

const BUCKET_PLACEHOLDER = '${1:your-bucket-name}';

function proposal(name: string, snippet: Snippet, bucket: string | undefined): Proposal {
  const body = snippet.body.join('\n');
  const text = bucket ? body.replace(BUCKET_PLACEHOLDER, `\${1:${escapeSnippet(bucket)}}`) : body;
  return {
    label: name.replace(/^S3 bucket policy statements?: /, ''),
    kind: CompletionItemKind.Snippet,
    text,
    snippet: true,
    detail: snippet.prefix === WHOLE_POLICY_PREFIX ? 'bucket policy' : 'statement template',
    documentation: snippet.description,
  };
}

/** The Sids a snippet's statements carry when they are fixed (not placeholders). */
function fixedSids(snippet: Snippet): string[] {
  return [...snippet.body.join('\n').matchAll(/"Sid": "([A-Za-z0-9]+)"/g)].map((match) => match[1]);
}

/** Statement templates for a place in the Statement array; a template whose fixed Sid the policy already has is left out. */
export function statementTemplateProposals(policy: PolicyDocument): Proposal[] {
  const bucket = namedBuckets(policy)[0]?.bucket;
  const sids = new Set(policy.statements.map((statement) => stringValue(statement.elements.Sid?.valueNode)));
  return Object.entries(snippets as Record<string, Snippet>)
    .filter(([, snippet]) => snippet.prefix !== WHOLE_POLICY_PREFIX && !fixedSids(snippet).some((sid) => sids.has(sid)))
    .map(([name, snippet]) => proposal(name, snippet, bucket));
}

/** The whole-policy template, for an empty document. */
export function policyTemplateProposals(): Proposal[] {
  return Object.entries(snippets as Record<string, Snippet>).filter(([, snippet]) => snippet.prefix === WHOLE_POLICY_PREFIX).map(([name, snippet]) => proposal(name, snippet, undefined));
}
