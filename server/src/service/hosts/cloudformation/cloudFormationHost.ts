/* S3 Bucket Policy — MIT License. */
import { parsePolicy } from '../../parser/parsePolicy';
import type { TranslationContext } from '../editTranslation';
import type { EmbeddedPolicy, HostDocument } from '../embeddedPolicy';
import type { HostSyntaxName } from '../hostSyntax';
import { entryValue, findEntry, HostValue, scalarText } from '../hostValue';
import type { PolicyView, SymbolSource } from '../policyView';
import { bucketNameOf, evaluate, isBucket, isBucketNameKnown, TemplateContext } from './intrinsics';
import { writeTemplatePolicyView } from './policyWriter';
import { bucketPolicyResources, readTemplate, Template } from './template';
import { readJsonValues } from './jsonValues';
import { templateHostChecks } from './rules';
import { readYamlValues } from './yamlValues';

/** The logical id a `Bucket` property refers to with `!Ref X`, if X is a bucket of the template. */
function referencedBucket(template: Template, bucket: HostValue | undefined): string | undefined {
  if (bucket?.kind === 'call' && bucket.name === 'Ref') {
    const name = scalarText(bucket.argument);
    return name !== undefined && isBucket(template, name) ? name : undefined;
  }
  return undefined;
}

/** Records how the template names the bucket of a policy, so a fix writes `!GetAtt X.Arn` rather than the stand-in. */
function addBucketSymbols(view: PolicyView, template: Template, logicalId: string): void {
  const name = bucketNameOf(template, logicalId);
  const arn: SymbolSource = { short: `!GetAtt ${logicalId}.Arn`, long: JSON.stringify({ 'Fn::GetAtt': [logicalId, 'Arn'] }), sub: `\${${logicalId}.Arn}` };
  const bucketName: SymbolSource = { short: `!Ref ${logicalId}`, long: JSON.stringify({ Ref: logicalId }), sub: `\${${logicalId}}` };
  view.symbols.set(`arn:aws:s3:::${name}`, arn);
  if (!view.symbols.has(name)) {
    view.symbols.set(name, bucketName);
  }
}

/** How text inserted into a policy written as a string is written in that string's style; undefined where it cannot be. */
function stringEncoder(text: string, document: HostValue, syntax: HostSyntaxName): ((content: string) => string | undefined) | undefined {
  const scalar = document.kind === 'call' ? (document.argument?.kind === 'seq' ? document.argument.items[0] : document.argument) : document;
  if (scalar?.kind !== 'scalar') {
    return () => undefined;
  }
  switch (syntax === 'json' ? 'json' : scalar.style) {
    case 'json':
    case 'double':
      return (content) => JSON.stringify(content).slice(1, -1);
    case 'single':
      return (content) => content.includes('\n') ? undefined : content.replace(/'/g, "''");
    case 'blockLiteral': {
      const firstLine = text.slice(text.indexOf('\n', scalar.offset) + 1);
      const indent = /^[ \t]*/.exec(firstLine)?.[0] ?? '';
      return (content) => content.replace(/\r?\n/g, (eol) => `${eol}${indent}`);
    }
    default:
      return () => undefined;
  }
}

/**
 * Reads a CloudFormation template (YAML or JSON; SAM, `cdk synth` output and serverless.yml
 * included) for its bucket policies. Undefined when the text is not a template.
 */
export function readCloudFormation(text: string, syntax: 'yaml' | 'json'): HostDocument | undefined {
  const values = syntax === 'yaml' ? readYamlValues(text) : readJsonValues(text);
  const template = readTemplate(values.root);
  if (!template) {
    return undefined;
  }
  const context: TemplateContext = { template, text };
  const policies: EmbeddedPolicy[] = [];
  for (const resource of bucketPolicyResources(template)) {
    const document = entryValue(resource.properties, 'PolicyDocument');
    if (!document) {
      continue;
    }
    const view = writeTemplatePolicyView(context, document);
    const bucketProperty = entryValue(resource.properties, 'Bucket');
    const bucketId = referencedBucket(template, bucketProperty);
    if (bucketId) {
      addBucketSymbols(view, template, bucketId);
    }
    const bucketValue = bucketProperty && evaluate(context, bucketProperty);
    const bucketName = bucketValue?.kind === 'string' ? bucketValue.pieces.map((piece) => piece.text).join('') : scalarText(bucketProperty);
    const textual = document.kind === 'scalar' || (document.kind === 'call' && evaluate(context, document).kind === 'string');
    const translation: TranslationContext = { hostText: text, syntax, view, encodeInString: textual ? stringEncoder(text, document, syntax) : undefined };
    const key = [...template.resources.values()].includes(resource) ? findResourceKey(template, resource.logicalId) : undefined;
    policies.push({
      name: resource.logicalId,
      range: { offset: document.offset, length: document.end - document.offset },
      nameRange: key,
      bucket: bucketName === undefined ? undefined : { name: bucketName, description: bucketId ? `the bucket ${bucketId}` : `the bucket ${bucketName}`, certain: bucketId !== undefined ? isBucketNameKnown(template, bucketId) : bucketProperty?.kind === 'scalar' },
      policy: parsePolicy(view.text),
      view,
      translation,
    });
  }
  return { kind: 'cloudformation', text, policies, syntaxProblems: values.problems, hostChecks: templateHostChecks({ text, syntax, template, bucketPolicies: bucketPolicyResources(template), syntaxProblems: values.problems }) };
}

/** The range of a resource's logical id key. */
function findResourceKey(template: Template, logicalId: string): { offset: number; length: number } | undefined {
  const resources = entryValue(template.root, 'Resources') ?? entryValue(entryValue(template.root, 'resources'), 'Resources');
  const key = findEntry(resources, logicalId)?.key;
  return key && { offset: key.offset, length: key.end - key.offset };
}
