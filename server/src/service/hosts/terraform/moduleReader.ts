/* S3 Bucket Policy — MIT License. */
import type { HclNode, HclTree } from './hclParser';
import { parseHclFile } from './hclParser';
import { isStringNode, templateSpan } from './hclPolicyWriter';
import { attributeOf, HclBlock, namedChildrenOf, plainString, readConfig, traversal, unwrap } from './hclTree';
import { configurationFiles, directoryOf, joinPath, ModuleFiles, slashed } from './moduleFiles';
import { readTemplate } from './templateText';
import { indexModule, TerraformModule } from './terraformModule';
import { UNESCAPED_VARIABLE } from './rules/unescapedPolicyVariable';

/**
 * A Terraform module read for one document: the document's file and the other configuration files
 * of its directory (when the caller gave `ModuleFiles`), parsed and indexed together, so a policy
 * can name a data source, a local or a variable written in another file.
 */

/** A parsed configuration file of the module. */
export interface ModuleFileRecord {
  path: string | undefined;
  text: string;
  blocks: HclBlock[];
}

/** A module as read for one document: its files (the document's first, when it is a `.tf`), their index, and the trees to delete after. */
export interface LoadedModule {
  module: TerraformModule;
  files: ModuleFileRecord[];
  /** The module's directory, `/`-separated; undefined when the document has no path. */
  directory: string | undefined;
  /** How files the configuration names (`file("policy.json")`) are read; undefined without a caller's `ModuleFiles`. */
  moduleFiles: ModuleFiles | undefined;
  trees: HclTree[];
}

/**
 * Parses the file at `path` (undefined: a document without one) for reading, incrementally from its
 * previous text (`parseHclFile`). An unescaped `${aws:username}` breaks the tree from there on; it
 * is its own finding, so the tree is built from a copy with its brace made a `$` (same length, same offsets).
 */
export function parseConfiguration(text: string, path: string | undefined): HclTree | undefined {
  return parseHclFile(path ?? '', text.replace(UNESCAPED_VARIABLE, (match) => `$$${match.slice(2)}`));
}

/**
 * The top-level blocks whose arguments and nested blocks the host reads: the others (`output`,
 * `provider`, `module`, `terraform`, …) hold nothing a bucket policy is read from, and reading
 * their bodies on every edit would only cost time.
 */
const BLOCKS_READ = new Set(['resource', 'data', 'variable', 'locals']);

/** The top-level blocks of a parsed configuration file, as the host reads them. */
export function readConfiguration(tree: HclTree): HclBlock[] {
  return readConfig(tree.rootNode, (type) => BLOCKS_READ.has(type));
}

/** Parses the configuration files at `paths` and indexes them with `first` (already parsed), when there is one. */
export function loadModule(first: ModuleFileRecord | undefined, others: { path: string; text: string }[], directory: string | undefined, moduleFiles: ModuleFiles | undefined): LoadedModule {
  const loaded: LoadedModule = { module: indexModule([]), files: first ? [first] : [], directory, moduleFiles, trees: [] };
  for (const other of others) {
    const tree = parseConfiguration(other.text, other.path);
    if (tree) {
      loaded.trees.push(tree);
      loaded.files.push({ path: other.path, text: other.text, blocks: readConfiguration(tree) });
    }
  }
  loaded.module = indexModule(loaded.files);
  return loaded;
}

/** The other configuration files of a `.tf` document's directory, when the caller gave a way to read them. */
export function siblingFiles(files: ModuleFiles | undefined, path: string | undefined): { path: string; text: string }[] {
  return files && path !== undefined ? configurationFiles(files, directoryOf(path), slashed(path)) : [];
}

/** Deletes the trees a loaded module parsed. */
export function releaseModule(loaded: LoadedModule): void {
  loaded.trees.forEach((tree) => tree.delete());
}

/** The resources whose `policy` argument is a bucket policy, and the argument naming their bucket. */
const POLICY_RESOURCES: Record<string, string | undefined> = { aws_s3_bucket_policy: 'bucket', aws_s3_bucket: undefined };

/** A bucket policy resource of the module: where its `policy` argument is and which bucket it is attached to. */
export interface PolicySource {
  address: string;
  nameNode: HclNode;
  expression: HclNode;
  file: ModuleFileRecord;
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

/** The bucket policies of the module's files: `policy` arguments of `aws_s3_bucket_policy` and `aws_s3_bucket`, file by file. */
export function policySources(loaded: LoadedModule): PolicySource[] {
  const sources: PolicySource[] = [];
  for (const file of loaded.files) {
    for (const block of file.blocks) {
      const argument = block.type === 'resource' && block.labels.length === 2 && block.labels[0] in POLICY_RESOURCES ? POLICY_RESOURCES[block.labels[0]] : null;
      const policy = argument !== null ? attributeOf(block, 'policy') : undefined;
      if (policy && argument !== null) {
        sources.push({ address: `${block.labels[0]}.${block.labels[1]}`, nameNode: block.labelNodes[1], expression: policy.value, file, bucket: referencedBucket(loaded.module, block, argument) });
      }
    }
  }
  return sources;
}

/** Where the text of a policy is written. */
export type PolicyContent =
  /** A `jsonencode` call, a heredoc or a quoted string, in `file`. */
  | { kind: 'expression'; node: HclNode; file: ModuleFileRecord }
  /** A `data "aws_iam_policy_document"` block, in `file`. */
  | { kind: 'document'; block: HclBlock; file: ModuleFileRecord }
  /** A file read by `file()` (literally) or as a template (`templatefile`, `data "template_file"`), with the template's variables. */
  | { kind: 'template'; path: string; literal: boolean; vars: HclNode | undefined };

/** The file of the module a block is written in. */
function fileOf(loaded: LoadedModule, block: { file: { text: string; path: string | undefined } }): ModuleFileRecord | undefined {
  return loaded.files.find((file) => file === block.file);
}

/** The arguments of a function call. */
function callArguments(node: HclNode): HclNode[] {
  const list = namedChildrenOf(node).find((child) => child.type === 'function_arguments');
  return list ? namedChildrenOf(list) : [];
}

/**
 * The file a path expression names, relative to the module's directory: a literal (`"policy.json"`)
 * or `"${path.module}/policy.json"`. Undefined for anything else (a variable, `path.root`, a call).
 */
export function resolvePath(text: string, expression: HclNode, directory: string | undefined): string | undefined {
  const node = unwrap(expression);
  if (directory === undefined || !isStringNode(node) || node.type === 'heredoc_template') {
    return undefined;
  }
  const span = templateSpan(text, node);
  const read = span && readTemplate(text, span.start, span.end, 'quoted');
  if (!read || read.directives || read.unterminated !== undefined) {
    return undefined;
  }
  let relative = '';
  for (const [index, part] of read.parts.entries()) {
    if (part.kind === 'text') {
      relative += part.value;
    } else if (index !== 0 || part.expression !== 'path.module') {
      return undefined;
    }
  }
  return relative === '' ? undefined : joinPath(directory, relative);
}

/** What a policy expression written in `file` is: followed through locals and data sources, up to a few steps. */
export function policyContent(loaded: LoadedModule, expression: HclNode, file: ModuleFileRecord, depth = 0): PolicyContent | undefined {
  const node = unwrap(expression);
  if (node.type === 'function_call') {
    const name = node.namedChildren[0]?.text;
    const args = callArguments(node);
    if (name === 'jsonencode') {
      return args[0] && unwrap(args[0]).type === 'object' ? { kind: 'expression', node, file } : undefined;
    }
    if ((name === 'file' && args.length === 1) || (name === 'templatefile' && args.length === 2)) {
      const path = resolvePath(file.text, args[0], loaded.directory);
      return path === undefined ? undefined : { kind: 'template', path, literal: name === 'file', vars: args[1] };
    }
    return undefined;
  }
  if (isStringNode(node)) {
    return { kind: 'expression', node, file };
  }
  const names = traversal(node);
  if (!names || depth >= 4) {
    return undefined;
  }
  if (names[0] === 'data' && names[1] === 'aws_iam_policy_document' && names.length === 4 && (names[3] === 'json' || names[3] === 'minified_json')) {
    const data = loaded.module.blocks.get(`data.aws_iam_policy_document.${names[2]}`);
    const dataFile = data && fileOf(loaded, data);
    return data && dataFile ? { kind: 'document', block: data.block, file: dataFile } : undefined;
  }
  if (names[0] === 'data' && names[1] === 'template_file' && names.length === 4 && names[3] === 'rendered') {
    const data = loaded.module.blocks.get(`data.template_file.${names[2]}`);
    const dataFile = data && fileOf(loaded, data);
    const template = attributeOf(data?.block, 'template')?.value;
    const read = template && unwrap(template);
    if (!data || !dataFile || read?.type !== 'function_call' || read.namedChildren[0]?.text !== 'file') {
      return undefined;
    }
    const path = callArguments(read)[0] && resolvePath(dataFile.text, callArguments(read)[0], loaded.directory);
    return path === undefined ? undefined : { kind: 'template', path, literal: false, vars: attributeOf(data.block, 'vars')?.value };
  }
  if (names[0] === 'local' && names.length === 2) {
    const local = loaded.module.locals.get(names[1]);
    const localFile = local && fileOf(loaded, local.block);
    return local && localFile ? policyContent(loaded, local.attribute.value, localFile, depth + 1) : undefined;
  }
  return undefined;
}

/** The entries of an HCL object (`{ key = value }`) with literal or identifier keys. */
export function objectEntries(expression: HclNode | undefined): { key: string; value: HclNode }[] {
  const node = expression && unwrap(expression);
  if (node?.type !== 'object') {
    return [];
  }
  const entries: { key: string; value: HclNode }[] = [];
  for (const element of namedChildrenOf(node).filter((child) => child.type === 'object_elem')) {
    const [key, value] = namedChildrenOf(element);
    const keyNode = key && unwrap(key);
    const name = keyNode?.type === 'variable_expr' ? keyNode.text : keyNode && plainString(keyNode);
    if (name !== undefined && value) {
      entries.push({ key: name, value });
    }
  }
  return entries;
}
