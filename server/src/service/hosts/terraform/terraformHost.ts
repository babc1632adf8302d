/* S3 Bucket Policy — MIT License. */
import { parsePolicy } from '../../parser/parsePolicy';
import type { EmbeddedPolicy, HostDocument, HostRange } from '../embeddedPolicy';
import type { PolicyView } from '../policyView';
import type { HclNode } from './hclParser';
import { HclPolicyWriter, templateSpan } from './hclPolicyWriter';
import { HclSyntaxWriter, hclQuoted } from './hclSyntax';
import { namedChildrenOf, plainString, traversal, unwrap } from './hclTree';
import { configurationFiles, directoryOf, ModuleFiles, slashed } from './moduleFiles';
import { LoadedModule, loadModule, ModuleFileRecord, objectEntries, parseConfiguration, readConfiguration, PolicyContent, policyContent, PolicySource, policySources, releaseModule, siblingFiles } from './moduleReader';
import { writePolicyDocumentView } from './policyDocument';
import { bucketName, literalBucketName, ReferenceValue, referenceValue, standIn, TerraformModule } from './terraformModule';
import { terraformHostChecks } from './rules';
import { readTemplate, ReadTemplate } from './templateText';
import { policyReads, ReadPolicy } from './policyReads';

/**
 * Text inserted into a policy written as template text: a value the view knows as computed written
 * as its interpolation (`${aws_s3_bucket.b.arn}`, `${bucket_arn}`), every other character by `encodeChar`.
 */
function encodeWithSymbols(content: string, view: PolicyView, encodeChar: (char: string, next: string | undefined) => string): string {
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
    encoded += encodeChar(char, content[index]);
  }
  return encoded;
}

/** How text inserted into a policy written as a heredoc or quoted string is written there. */
function textEncoder(text: string, node: HclNode, view: PolicyView): (content: string) => string | undefined {
  const heredoc = node.type === 'heredoc_template';
  const span = templateSpan(text, node);
  const indent = heredoc && span ? /^[ \t]*/.exec(text.slice(span.start))![0] : '';
  return (content) => encodeWithSymbols(content, view, (char, next) => {
    const encoded = heredoc ? (char === '\n' ? `\n${indent}` : char) : hclQuoted(char).slice(1, -1);
    return (char === '$' || char === '%') && next === '{' ? `${encoded}${char}` : encoded;
  });
}

/** Reads a policy whose text is written in the file being read (a `jsonencode` call, a string, a policy document). */
function readContent(loaded: LoadedModule, content: Extract<PolicyContent, { kind: 'expression' | 'document' }>, depth = 0): ReadPolicy | undefined {
  const { module } = loaded;
  const text = content.file.text;
  if (content.kind === 'document') {
    const written = writePolicyDocumentView(module, text, content.block, (expression, file) => sourceDocument(loaded, expression, file, depth + 1), content.file);
    return { view: written.view, partial: written.partial, writer: written.syntaxWriter, foreign: written.foreign };
  }
  const node = content.node;
  if (node.type === 'function_call') {
    const argument = namedChildrenOf(node).find((child) => child.type === 'function_arguments')?.namedChildren[0];
    if (!argument) {
      return undefined;
    }
    const writer = new HclPolicyWriter(module, text);
    writer.value(argument);
    const firstElement = unwrap(argument).descendantsOfType('object_elem')[0];
    const separator = firstElement?.children.some((child) => child?.type === ':') ? ':' : '=';
    return { view: writer.build(), partial: writer.partial, writer: new HclSyntaxWriter(text, separator), foreign: [] };
  }
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
  return { view: writer.build(), partial: writer.partial, writer: undefined, foreign: [] };
}

/**
 * The JSON of a policy named in `source_policy_documents` or `override_policy_documents`: another
 * policy document, a `jsonencode` object, a string, or a file. Undefined when it is not in the file
 * set or any part of its structure is computed: then the merge is unknown.
 */
function sourceDocument(loaded: LoadedModule, expression: HclNode, file: ModuleFileRecord, depth: number): unknown {
  const content = depth < 4 ? policyContent(loaded, expression, file) : undefined;
  let viewText: string | undefined;
  if (content?.kind === 'template') {
    const target = loaded.moduleFiles?.read(content.path);
    const view = target === undefined || content.literal ? undefined : templateView(loaded, target, content.vars);
    viewText = content.literal ? target : view && !view.partial ? view.view.text : undefined;
  } else if (content) {
    const read = readContent(loaded, content, depth);
    viewText = read && !read.partial ? read.view.text : undefined;
  }
  try {
    return viewText === undefined ? undefined : JSON.parse(viewText);
  } catch {
    return undefined;
  }
}

/** Records how the file names the bucket of a policy, so a fix writes `aws_s3_bucket.b.arn` rather than the stand-in. */
function addBucketSymbols(view: PolicyView, module: TerraformModule, bucket: string): void {
  const name = bucketName(module, bucket);
  const arn = `aws_s3_bucket.${bucket}.arn`;
  view.symbols.set(`arn:aws:s3:::${name}`, { short: arn, long: arn, sub: `\${${arn}}` });
  view.symbols.set(name, { short: `aws_s3_bucket.${bucket}.id`, long: `aws_s3_bucket.${bucket}.id`, sub: `\${aws_s3_bucket.${bucket}.id}` });
}

/** The range of a node. */
function rangeOf(node: HclNode): HostRange {
  return { offset: node.startIndex, length: node.endIndex - node.startIndex };
}

/**
 * Reads a Terraform (or OpenTofu) file for its bucket policies. Undefined until the HCL parser is
 * initialized. With `files`, the other `.tf` files of its directory are read too: a policy is
 * returned by the file its text is written in (a policy document in this file used by a bucket
 * policy in another one, or the reverse), with the bucket of the resource that uses it. Policies
 * held in other files (`file()`, `templatefile()` targets) are read there; module outputs not at all.
 */
export function readTerraform(text: string, path: string | undefined, files?: ModuleFiles): HostDocument | undefined {
  const tree = parseConfiguration(text, path);
  if (!tree) {
    return undefined;
  }
  const self: ModuleFileRecord = { path, text, blocks: readConfiguration(tree) };
  const loaded = loadModule(self, siblingFiles(files, path), path === undefined ? undefined : directoryOf(path), files);
  try {
    const policies: EmbeddedPolicy[] = [];
    const reads = policyReads(path ?? '');
    const seen = new Set<number>();
    for (const source of policySources(loaded)) {
      const content = policyContent(loaded, source.expression, source.file);
      if (!content || content.kind === 'template' || content.file !== self) {
        continue;
      }
      const contentNode = content.kind === 'document' ? content.block.node : content.node;
      const read = seen.has(contentNode.startIndex) ? undefined : reads.read(loaded, content.kind, text, contentNode, (reading) => readContent(reading, content));
      if (!read) {
        continue;
      }
      seen.add(contentNode.startIndex);
      if (source.bucket) {
        addBucketSymbols(read.view, loaded.module, source.bucket);
      }
      const name = source.bucket ? bucketName(loaded.module, source.bucket) : undefined;
      // The outline names the policy by its resource; a document used from another file, by its own label there.
      const nameNode = source.file === self ? source.nameNode : content.kind === 'document' ? content.block.labelNodes[1] ?? content.block.typeNode : contentNode;
      const policy: EmbeddedPolicy = {
        name: source.address,
        range: rangeOf(source.file === self && content.kind === 'expression' && contentNode === unwrap(source.expression) ? source.expression : contentNode),
        nameRange: rangeOf(nameNode),
        bucket: name === undefined ? undefined : { name, description: `the bucket aws_s3_bucket.${source.bucket}`, certain: true, named: literalBucketName(loaded.module, source.bucket!) !== undefined },
        policy: read.policy ?? parsePolicy(read.view.text),
        view: read.view,
        translation: { hostText: text, syntax: 'hcl', view: read.view, ...(read.writer ? { writer: read.writer } : { encodeInString: textEncoder(text, contentNode, read.view) }) },
        keepFinding: keepFindingOf(read.partial, read.foreign),
      };
      policies.push(policy);
    }
    reads.finish();
    return { kind: 'terraform', text, policies, syntaxProblems: syntaxProblems(tree.rootNode), hostChecks: terraformHostChecks({ text, blocks: self.blocks }) };
  } finally {
    releaseModule(loaded);
    tree.delete();
  }
}

/** A template's variables (`templatefile`'s map, `template_file`'s `vars`) as what each stands for, written in the template as `${name}`. */
function templateScope(loaded: LoadedModule, vars: HclNode | undefined): Map<string, ReferenceValue> {
  const scope = new Map<string, ReferenceValue>();
  for (const { key, value } of objectEntries(vars)) {
    const symbol = { short: key, long: key, sub: `\${${key}}` };
    const node = unwrap(value);
    const literal = plainString(node);
    const names = traversal(node);
    const referenced = names && referenceValue(loaded.module, names, value.text);
    scope.set(key, literal !== undefined ? { text: literal, computed: false, symbol } : { text: referenced?.text ?? standIn(`var-${key}`), computed: referenced?.computed ?? true, known: referenced?.known, symbol });
  }
  return scope;
}

/** The view of a template file's text read with Terraform's template rules and the variables `vars` gives it. */
function templateView(loaded: LoadedModule, text: string, vars: HclNode | undefined): { view: PolicyView; partial: boolean; template: ReadTemplate } | undefined {
  const template = readTemplate(text, 0, text.length, 'file');
  if (template.unterminated !== undefined) {
    return undefined;
  }
  const scope = templateScope(loaded, vars);
  const writer = new HclPolicyWriter(loaded.module, text, scope);
  writer.textPolicy(template);
  const view = writer.build();
  // Every variable's value, also those the template does not use yet: a fix writes `${bucket_arn}`, not the stand-in.
  for (const value of scope.values()) {
    if (value.computed && value.text.length >= 3 && !view.symbols.has(value.text)) {
      view.symbols.set(value.text, value.symbol);
    }
  }
  return { view, partial: writer.partial, template };
}

/** The bucket policy of the module that reads the file at `path` (`file`, `templatefile`, `template_file`), looked for in its directory and the two above. */
function templateReader(files: ModuleFiles, path: string): { loaded: LoadedModule; source: PolicySource; content: Extract<PolicyContent, { kind: 'template' }> } | undefined {
  const target = slashed(path);
  let directory = directoryOf(target);
  for (let level = 0; level < 3; level++) {
    const loaded = loadModule(undefined, configurationFiles(files, directory), directory, files);
    for (const source of policySources(loaded)) {
      const content = policyContent(loaded, source.expression, source.file);
      if (content?.kind === 'template' && content.path === target) {
        return { loaded, source, content };
      }
    }
    releaseModule(loaded);
    if (directory === '' || directory === '/' || !directory.includes('/') && level > 0) {
      break;
    }
    directory = directory.includes('/') ? directoryOf(directory) : '';
  }
  return undefined;
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

/**
 * Keeps findings of a policy whose structure is partly computed only when they are about what is
 * written, and none about statements merged in from other documents (`foreign` view spans).
 */
function keepFindingOf(partial: boolean, foreign: [number, number][]): EmbeddedPolicy['keepFinding'] {
  if (!partial && foreign.length === 0) {
    return undefined;
  }
  return (finding) => !(partial && ABSENCE_RULES.has(finding.ruleId)) && !foreign.some(([start, end]) => finding.offset >= start && finding.offset < end);
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
 * content (a JSON object with a `Statement`), read with Terraform's template rules. With `files`,
 * the configuration that reads it is looked for: its variables then stand for what the
 * configuration passes (`${bucket_arn}` for `aws_s3_bucket.b.arn`), the policy is named by that
 * resource, and a file read by `file()` (no template processing) is read as the plain policy it is.
 */
export function readTerraformTemplate(text: string, path?: string, files?: ModuleFiles): HostDocument | undefined {
  if (!/^\s*(%\{[^}]*\}\s*)*\{/.test(text) || !text.includes('Statement')) {
    return undefined;
  }
  const reader = files && path !== undefined ? templateReader(files, path) : undefined;
  try {
    if (reader?.content.literal) {
      // Read by `file()`: the text is the policy as it is, `${…}` included.
      const policy: EmbeddedPolicy = { name: reader.source.address, range: { offset: 0, length: text.length }, nameRange: undefined, bucket: undefined, policy: parsePolicy(text), view: undefined, translation: undefined };
      return { kind: 'policy', text, policies: [policy], syntaxProblems: [], hostChecks: undefined };
    }
    const loaded = reader?.loaded ?? loadModule(undefined, [], undefined, undefined);
    const read = templateView(loaded, text, reader?.content.vars);
    if (!read) {
      return undefined;
    }
    const { view } = read;
    const bucket = reader?.source.bucket;
    const name = bucket === undefined ? undefined : bucketName(loaded.module, bucket);
    const encode = (content: string) => encodeWithSymbols(content, view, (char, next) => ((char === '$' || char === '%') && next === '{' ? `${char}${char}` : char));
    const policy: EmbeddedPolicy = {
      name: reader?.source.address,
      range: { offset: 0, length: text.length },
      nameRange: undefined,
      bucket: name === undefined ? undefined : { name, description: `the bucket aws_s3_bucket.${bucket}`, named: literalBucketName(loaded.module, bucket!) !== undefined },
      policy: parsePolicy(view.text),
      view,
      translation: { hostText: text, syntax: 'hcl', view, encodeInString: encode },
      keepFinding: keepFindingOf(read.partial, []),
    };
    return { kind: 'terraform', text, policies: [policy], syntaxProblems: [], hostChecks: terraformHostChecks({ text, blocks: undefined }) };
  } finally {
    if (reader) {
      releaseModule(reader.loaded);
    }
  }
}

/** Reads a Terraform file or template by language id and path; undefined for other documents. `files` reads the rest of its module. */
export function readTerraformFile(text: string, path: string | undefined, languageId: string | undefined, files?: ModuleFiles): HostDocument | undefined {
  if (languageId === 'terraform' || languageId === 'opentofu' || (!languageId || languageId === 'plaintext') && isTerraformPath(path)) {
    return readTerraform(text, path, files) ?? { kind: 'none', text, policies: [], syntaxProblems: [], hostChecks: undefined };
  }
  if (isTerraformTemplatePath(path)) {
    return readTerraformTemplate(text, path, files);
  }
  return undefined;
}
