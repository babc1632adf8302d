/* S3 Bucket Policy — MIT License. */
import { parsePolicy } from '../../parser/parsePolicy';
import type { TranslationContext } from '../editTranslation';
import type { EmbeddedPolicy, HostDocument } from '../embeddedPolicy';
import type { PolicyView } from '../policyView';
import { parseHcl, HclNode } from './hclParser';
import { HclPolicyWriter, isStringNode, templateSpan } from './hclPolicyWriter';
import { HclSyntaxWriter, hclQuoted } from './hclSyntax';
import { attributeOf, HclBlock, namedChildrenOf, readConfig, traversal, unwrap } from './hclTree';
import { writePolicyDocumentView } from './policyDocument';
import { bucketName, indexModule, TerraformModule } from './terraformModule';
import { terraformHostChecks } from './rules';
import { UNESCAPED_VARIABLE } from './rules/unescapedPolicyVariable';
import { readTemplate, ReadTemplate } from './templateText';

/** The resources whose `policy` argument is a bucket policy, and the argument naming their bucket. */
const POLICY_RESOURCES: Record<string, string | undefined> = { aws_s3_bucket_policy: 'bucket', aws_s3_bucket: undefined };

/** A policy found in a Terraform file, before it is read into a view. */
interface PolicySource {
  address: string;
  nameNode: HclNode;
  expression: HclNode;
  /** The `aws_s3_bucket` resource name the policy is attached to, when its `bucket` argument references one. */
  bucket: string | undefined;
}

/** The bucket resource a `bucket` argument references (`aws_s3_bucket.b.id`, `.bucket`, `aws_s3_bucket.b[0].id`). */
function referencedBucket(module: TerraformModule, block: HclBlock, argument: string | undefined): string | undefined {
  if (argument === undefined) {
    return block.labels[1];
  }
  const value = attributeOf(block, argument)?.value;
  const names = value && traversal(value);
  return names && names[0] === 'aws_s3_bucket' && (names[2] === 'id' || names[2] === 'bucket') && module.blocks.has(`aws_s3_bucket.${names[1]}`) ? names[1] : undefined;
}

/** The bucket policies of a file: `policy` arguments of `aws_s3_bucket_policy` and `aws_s3_bucket`. */
function policySources(module: TerraformModule, blocks: HclBlock[]): PolicySource[] {
  const sources: PolicySource[] = [];
  for (const block of blocks) {
    const argument = block.type === 'resource' && block.labels.length === 2 && block.labels[0] in POLICY_RESOURCES ? POLICY_RESOURCES[block.labels[0]] : null;
    const policy = argument !== null ? attributeOf(block, 'policy') : undefined;
    if (policy && argument !== null) {
      sources.push({ address: `${block.labels[0]}.${block.labels[1]}`, nameNode: block.labelNodes[1], expression: policy.value, bucket: referencedBucket(module, block, argument) });
    }
  }
  return sources;
}

/** How text inserted into a policy written as a heredoc or quoted string is written there. */
function textEncoder(text: string, node: HclNode, view: PolicyView): (content: string) => string | undefined {
  const heredoc = node.type === 'heredoc_template';
  const span = templateSpan(text, node);
  const indent = heredoc && span ? /^[ \t]*/.exec(text.slice(span.start))![0] : '';
  return (content) => {
    let encoded = '';
    let index = 0;
    const symbols = [...view.symbols.entries()].filter(([value, symbol]) => value.length >= 3 && symbol.sub).sort((a, b) => b[0].length - a[0].length);
    while (index < content.length) {
      const found = symbols.find(([value]) => content.startsWith(value, index));
      if (found) {
        encoded += found[1].sub;
        index += found[0].length;
        continue;
      }
      const char = content[index++];
      encoded += heredoc ? (char === '\n' ? `\n${indent}` : char) : hclQuoted(char).slice(1, -1);
      if ((char === '$' || char === '%') && content[index] === '{') {
        encoded += char;
      }
    }
    return encoded;
  };
}

/** What one policy expression is: the view written from it and how fixes are written back, or undefined when it is not read. */
interface ReadPolicy {
  view: PolicyView;
  partial: boolean;
  translation: Omit<TranslationContext, 'view'>;
  template: ReadTemplate | undefined;
}

function readPolicyExpression(context: ReaderContext, expression: HclNode, depth = 0): ReadPolicy | undefined {
  const node = unwrap(expression);
  const { text, module } = context;
  if (node.type === 'function_call' && node.namedChildren[0]?.text === 'jsonencode') {
    const argument = namedChildrenOf(node).find((child) => child.type === 'function_arguments')?.namedChildren[0];
    if (!argument || unwrap(argument).type !== 'object') {
      return undefined;
    }
    const writer = new HclPolicyWriter(module, text);
    writer.value(argument);
    const firstElement = unwrap(argument).descendantsOfType('object_elem')[0];
    const separator = firstElement?.children.some((child) => child?.type === ':') ? ':' : '=';
    return { view: writer.build(), partial: writer.partial, translation: { hostText: text, syntax: 'hcl', writer: new HclSyntaxWriter(text, separator) }, template: undefined };
  }
  if (isStringNode(node)) {
    const span = templateSpan(text, node);
    if (!span) {
      return undefined;
    }
    const template = readTemplate(text, span.start, span.end, span.mode, span.indent);
    if (template.unterminated !== undefined || !template.parts.some((part) => part.kind === 'text' && /^\s*\{/.test(part.value))) {
      return undefined;
    }
    const writer = new HclPolicyWriter(module, text);
    writer.textPolicy(template);
    const view = writer.build();
    return { view, partial: writer.partial, translation: { hostText: text, syntax: 'hcl', encodeInString: textEncoder(text, node, view) }, template };
  }
  const names = traversal(node);
  if (names && names[0] === 'data' && names[1] === 'aws_iam_policy_document' && (names[3] === 'json' || names[3] === 'minified_json')) {
    const data = module.blocks.get(`data.aws_iam_policy_document.${names[2]}`);
    if (!data || data.file.text !== text) {
      return undefined;
    }
    const written = writePolicyDocumentView(module, text, data.block);
    return { view: written.view, partial: written.partial, translation: { hostText: text, syntax: 'hcl', writer: written.syntaxWriter }, template: undefined };
  }
  if (names && names[0] === 'local' && names.length === 2 && depth < 4) {
    const local = module.locals.get(names[1]);
    return local && local.block.file.text === text ? readPolicyExpression(context, local.attribute.value, depth + 1) : undefined;
  }
  return undefined;
}

interface ReaderContext {
  text: string;
  module: TerraformModule;
}

/** Records how the file names the bucket of a policy, so a fix writes `aws_s3_bucket.b.arn` rather than the stand-in. */
function addBucketSymbols(view: PolicyView, module: TerraformModule, bucket: string): void {
  const name = bucketName(module, bucket);
  const arn = `aws_s3_bucket.${bucket}.arn`;
  view.symbols.set(`arn:aws:s3:::${name}`, { short: arn, long: arn, sub: `\${${arn}}` });
  view.symbols.set(name, { short: `aws_s3_bucket.${bucket}.id`, long: `aws_s3_bucket.${bucket}.id`, sub: `\${aws_s3_bucket.${bucket}.id}` });
}

/** A Terraform file read for its bucket policies, with what the Terraform checks need. */
export interface TerraformDocument extends HostDocument {
  /** The templates (heredocs, quoted strings) the policies were read from, for the template checks. */
  templates: { policy: EmbeddedPolicy; template: ReadTemplate }[];
}

/**
 * Reads a Terraform (or OpenTofu) file for its bucket policies. Undefined until the HCL parser is
 * initialized. Policies the file does not hold in a form we can read (a `file()` call, a module
 * output, a document in another file) are not returned.
 */
export function readTerraform(text: string, path: string | undefined): TerraformDocument | undefined {
  // An unescaped `${aws:username}` breaks the HCL tree from there on; it is its own finding, so the
  // tree is built from a copy with its brace made a `$` (same length, same offsets).
  const tree = parseHcl(text.replace(UNESCAPED_VARIABLE, (match) => `$$${match.slice(2)}`));
  if (!tree) {
    return undefined;
  }
  try {
    const blocks = readConfig(tree.rootNode);
    const module = indexModule([{ path, text, blocks }]);
    const context: ReaderContext = { text, module };
    const policies: EmbeddedPolicy[] = [];
    const templates: TerraformDocument['templates'] = [];
    for (const source of policySources(module, blocks)) {
      const read = readPolicyExpression(context, source.expression);
      if (!read) {
        continue;
      }
      if (source.bucket) {
        addBucketSymbols(read.view, module, source.bucket);
      }
      const name = source.bucket ? bucketName(module, source.bucket) : undefined;
      const policy: EmbeddedPolicy = {
        name: source.address,
        range: { offset: source.expression.startIndex, length: source.expression.endIndex - source.expression.startIndex },
        nameRange: { offset: source.nameNode.startIndex, length: source.nameNode.endIndex - source.nameNode.startIndex },
        bucket: name === undefined ? undefined : { name, description: `the bucket aws_s3_bucket.${source.bucket}`, certain: true },
        policy: parsePolicy(read.view.text),
        view: read.view,
        translation: { ...read.translation, view: read.view },
        keepFinding: keepFindingOf(read.partial),
      };
      policies.push(policy);
      if (read.template) {
        templates.push({ policy, template: read.template });
      }
    }
    return { kind: 'terraform', text, policies, syntaxProblems: syntaxProblems(tree.rootNode), hostChecks: terraformHostChecks({ text, blocks }), templates };
  } finally {
    tree.delete();
  }
}

/** The HCL syntax errors of a file (the first few), for the CLI; the editor leaves them to terraform-ls. */
function syntaxProblems(root: HclNode): HostDocument['syntaxProblems'] {
  const problems: HostDocument['syntaxProblems'] = [];
  const visit = (node: HclNode) => {
    if (problems.length >= 10 || !node.hasError) {
      return;
    }
    if (node.isError || node.isMissing) {
      problems.push({ offset: node.startIndex, length: node.endIndex - node.startIndex, message: node.isMissing ? `HCL syntax error: missing ${node.type}.` : 'HCL syntax error.' });
      return;
    }
    namedChildrenOf(node).forEach(visit);
    node.children.filter((child): child is HclNode => child !== null && child.isMissing).forEach(visit);
  };
  visit(root);
  return problems;
}

/**
 * Rules that report something missing from the whole policy, and JSON syntax (a template's
 * directives keep one branch, whose commas need not fit): unfounded when part of it is computed.
 */
const ABSENCE_RULES = new Set(['jsonSyntax', 'missingSecureTransportDeny', 'incompleteSecureTransportDeny', 'duplicateSid', 'mixedBuckets', 'emptyElement', 'emptyStatement', 'policySize', 'documentTooLarge', 'redundantStatement', 'conflictingElements']);

/** Keeps findings of a policy whose structure is partly computed only when they are about what is written. */
function keepFindingOf(partial: boolean): EmbeddedPolicy['keepFinding'] {
  return partial ? (finding) => !ABSENCE_RULES.has(finding.ruleId) : undefined;
}

/** True for a path Terraform or OpenTofu reads as configuration. */
export function isTerraformPath(path: string | undefined): boolean {
  return /\.(tf|tofu)$/i.test(path ?? '');
}

/** True for a path of a template that `templatefile` reads (`*.tftpl`, `*.json.tpl`, `*.tpl`). */
export function isTerraformTemplatePath(path: string | undefined): boolean {
  return /\.(tftpl|tpl)$/i.test(path ?? '');
}

/**
 * Reads a standalone template (`templatefile` target) holding a policy as JSON text: recognised by
 * content (a JSON object with a `Statement`), read with Terraform's template rules. Interpolations
 * stand for the template's variables, which only the caller knows.
 */
export function readTerraformTemplate(text: string): TerraformDocument | undefined {
  if (!/^\s*(%\{[^}]*\}\s*)*\{/.test(text) || !text.includes('Statement')) {
    return undefined;
  }
  const template = readTemplate(text, 0, text.length, 'file');
  if (template.unterminated !== undefined) {
    return undefined;
  }
  const module = indexModule([]);
  const writer = new HclPolicyWriter(module, text);
  writer.textPolicy(template);
  const view = writer.build();
  const encode = (content: string) => content.replace(/([$%])\{/g, '$1$1{');
  const policy: EmbeddedPolicy = {
    name: undefined,
    range: { offset: 0, length: text.length },
    nameRange: undefined,
    bucket: undefined,
    policy: parsePolicy(view.text),
    view,
    translation: { hostText: text, syntax: 'hcl', view, encodeInString: encode },
    keepFinding: keepFindingOf(writer.partial),
  };
  return { kind: 'terraform', text, policies: [policy], syntaxProblems: [], hostChecks: terraformHostChecks({ text, blocks: undefined }), templates: [{ policy, template }] };
}

/** Reads a Terraform file or template by language id and path; undefined for other documents. */
export function readTerraformFile(text: string, path: string | undefined, languageId: string | undefined): HostDocument | undefined {
  if (languageId === 'terraform' || languageId === 'opentofu' || (!languageId || languageId === 'plaintext') && isTerraformPath(path)) {
    return readTerraform(text, path) ?? { kind: 'none', text, policies: [], syntaxProblems: [], hostChecks: undefined };
  }
  if (isTerraformTemplatePath(path)) {
    return readTerraformTemplate(text);
  }
  return undefined;
}
