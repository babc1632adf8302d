/* S3 Bucket Policy — MIT License. */
import { parsePolicy } from '../../parser/parsePolicy';
import type { TranslationContext } from '../editTranslation';
import type { EmbeddedPolicy, HostDocument, HostRange } from '../embeddedPolicy';
import type { HostSyntaxName } from '../hostSyntax';
import { entryValue, findEntry, HostValue, movedScalar, pairNodes, scalarText } from '../hostValue';
import { movedView, PolicyView, SymbolSource } from '../policyView';
import { bucketNameOf, evaluate, isBucket, isBucketNameKnown, literalBucketName, TemplateContext } from './intrinsics';
import { writeTemplatePolicyView } from './policyWriter';
import { bucketPolicyResources, readTemplate, Template, TemplateResource } from './template';
import { readJsonValues } from './jsonValues';
import { templateHostChecks } from './rules';
import { forgetReadPieces, readYamlValues } from './yamlValues';
import { LastReadings, Reading } from '../lastReadings';

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
export function readCloudFormation(text: string, syntax: 'yaml' | 'json', path = ''): HostDocument | undefined {
  const values = syntax === 'yaml' ? readYamlValues(text, path) : readJsonValues(text);
  const template = readTemplate(values.root);
  if (!template) {
    return undefined;
  }
  const context: TemplateContext = { template, text };
  const bucketPolicies = bucketPolicyResources(template);
  const surroundings = policySurroundings(text, template, bucketPolicies);
  const policies: EmbeddedPolicy[] = [];
  const reading = keptPolicies.start(path);
  for (const resource of bucketPolicies) {
    const policy = readBucketPolicy(context, syntax, resource, surroundings, reading);
    if (policy) {
      policies.push(policy);
    }
  }
  reading.finish();
  return { kind: 'cloudformation', text, policies, syntaxProblems: values.problems, hostChecks: templateHostChecks({ text, syntax, template, bucketPolicies, syntaxProblems: values.problems }) };
}

/**
 * The bucket policies of each template's last reading, by the text of their resource: typing in one
 * policy of a template leaves the others as they were, and their views and policy trees need not be
 * written again. One is reused in a template whose other parts (`policySurroundings`) are
 * unchanged, moved if the edit moved it, with the new template text for its fixes.
 */
const keptPolicies = new LastReadings<ReadPolicy>(32);

/** A bucket policy read before: where its resource was, in which syntax and surroundings, and what was read. */
interface ReadPolicy {
  span: { offset: number; end: number };
  value: HostValue;
  syntax: 'yaml' | 'json';
  surroundings: string;
  policy: EmbeddedPolicy | undefined;
}

/** Forgets every template piece and policy read: the next read of a template is a first read (for tests and benchmarks). */
export function forgetReadTemplates(): void {
  keptPolicies.clear();
  forgetReadPieces();
}

/**
 * What a policy's view may depend on besides its own resource: the template without the text of its
 * bucket policy resources, and their logical ids (a policy's `!Ref` reads a resource's type and a
 * bucket's name, never another policy's content).
 */
function policySurroundings(text: string, template: Template, bucketPolicies: TemplateResource[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const resource of bucketPolicies) {
    const span = resourceSpan(template, resource);
    parts.push(text.slice(from, span.offset), `\0${resource.logicalId}\0`);
    from = span.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** A resource's text: from its logical id to the end of its value. */
function resourceSpan(template: Template, resource: TemplateResource): { offset: number; end: number } {
  const key = findResourceKey(template, resource.logicalId);
  return { offset: key?.offset ?? resource.value.offset, end: resource.value.end };
}

/** A bucket policy resource read (or found read before, see `keptPolicies`); undefined without a `PolicyDocument`. */
function readBucketPolicy(context: TemplateContext, syntax: 'yaml' | 'json', resource: TemplateResource, surroundings: string, reading: Reading<ReadPolicy>): EmbeddedPolicy | undefined {
  const { text, template } = context;
  const span = resourceSpan(template, resource);
  const resourceText = text.slice(span.offset, span.end);
  const known = reading.get(resourceText);
  let policy: EmbeddedPolicy | undefined;
  if (known && known.syntax === syntax && known.surroundings === surroundings && (known.value === resource.value || !known.policy)) {
    policy = known.policy;
  } else {
    policy = (known && known.syntax === syntax && known.surroundings === surroundings && movedPolicy(context, syntax, known, span.offset - known.span.offset, resource))
      || writeBucketPolicy(context, syntax, resource);
  }
  if (policy && policy.translation && policy.translation.hostText !== text) {
    policy = { ...policy, translation: { ...policy.translation, hostText: text } };
  }
  reading.keep(resourceText, { span, value: resource.value, syntax, surroundings, policy });
  return policy;
}

/**
 * A policy read before, its resource's text now `delta` further in the template: the same policy tree
 * and view text, the view's host spans and nodes moved. Undefined where the view cannot be moved.
 */
function movedPolicy(context: TemplateContext, syntax: 'yaml' | 'json', known: ReadPolicy, delta: number, resource: TemplateResource): EmbeddedPolicy | undefined {
  const { policy } = known;
  const pairs = new Map<HostValue, HostValue>();
  if (!policy?.view || !policy.translation || !pairNodes(known.value, resource.value, pairs)) {
    return undefined;
  }
  // A scalar the view wrote from a copy (a key) has no pair: it moves as it is.
  const counterpart = <T extends HostValue>(node: T) => (pairs.get(node) ?? (node.kind === 'scalar' ? movedScalar(node, delta) : undefined)) as T | undefined;
  const view = movedView(policy.view, delta, counterpart, { from: known.span.offset, to: known.span.end });
  const document = entryValue(resource.properties, 'PolicyDocument');
  if (!view || !document) {
    return undefined;
  }
  const moved = (range: HostRange | undefined) => range && { offset: range.offset + delta, length: range.length };
  return {
    ...policy,
    range: moved(policy.range)!,
    nameRange: moved(policy.nameRange),
    view,
    translation: { ...policy.translation, hostText: context.text, view, encodeInString: policy.translation.encodeInString && stringEncoder(context.text, document, syntax) },
  };
}

/** A bucket policy resource read: its view, policy tree, bucket and how fixes are written. */
function writeBucketPolicy(context: TemplateContext, syntax: 'yaml' | 'json', resource: TemplateResource): EmbeddedPolicy | undefined {
  const { text, template } = context;
  const document = entryValue(resource.properties, 'PolicyDocument');
  if (!document) {
    return undefined;
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
  return {
    name: resource.logicalId,
    range: { offset: document.offset, length: document.end - document.offset },
    nameRange: key,
    bucket: bucketName === undefined ? undefined : { name: bucketName, description: bucketId ? `the bucket ${bucketId}` : `the bucket ${bucketName}`, certain: bucketId !== undefined ? isBucketNameKnown(template, bucketId) : bucketProperty?.kind === 'scalar', named: bucketId !== undefined ? literalBucketName(template, bucketId) !== undefined : bucketProperty?.kind === 'scalar' },
    policy: parsePolicy(view.text),
    view,
    translation,
  };
}

/** The range of a resource's logical id key. */
function findResourceKey(template: Template, logicalId: string): { offset: number; length: number } | undefined {
  const resources = entryValue(template.root, 'Resources') ?? entryValue(entryValue(template.root, 'resources'), 'Resources');
  const key = findEntry(resources, logicalId)?.key;
  return key && { offset: key.offset, length: key.end - key.offset };
}
