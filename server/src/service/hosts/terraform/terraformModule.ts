/* S3 Bucket Policy — MIT License. */
import { SYMBOLIC_ACCOUNT } from '../cloudformation/intrinsics';
import type { SymbolSource } from '../policyView';
import type { HclNode } from './hclParser';
import { attributeOf, HclBlock, namedChildrenOf, plainString, traversal, unwrap } from './hclTree';

/**
 * The blocks of a Terraform module (one file, or the `.tf` files of its directory) by address, and
 * what a reference to them stands for. Terraform computes most of these values at plan or apply
 * time, so a reference becomes a stand-in: a string of the right shape (a bucket's ARN is
 * `arn:aws:s3:::<name>`) that the view marks as computed, with the expression that writes it again.
 */
export interface TerraformModule {
  /** `aws_s3_bucket.b` → the block; data sources as `data.aws_iam_policy_document.x`. */
  blocks: ModuleIndex<ModuleBlock>;
  variables: ModuleIndex<ModuleBlock>;
  locals: ModuleIndex<ModuleLocal>;
}

/** What a module holds by name: a map, or a view of one that records what is looked up (`recordingModule`). */
export type ModuleIndex<V> = Pick<ReadonlyMap<string, V>, 'get' | 'has'>;

/** A local value: its `locals` block and its attribute there. */
export interface ModuleLocal {
  block: ModuleBlock;
  attribute: NonNullable<ReturnType<typeof attributeOf>>;
}

/** A block and the file it is written in (undefined: the file being read). */
export interface ModuleBlock {
  block: HclBlock;
  file: { path: string | undefined; text: string };
}

/** What a reference stands for: the stand-in text, whether it is known, how to write it again. */
export interface ReferenceValue {
  text: string;
  /** True when the text is only a stand-in for a value Terraform computes (or a variable's default, which a caller can change). */
  computed: boolean;
  /** True for a stand-in of a value we know for what it is: the name or ARN of a bucket of the module. */
  known?: boolean;
  symbol: SymbolSource;
}

/** Indexes the top-level blocks of a module's files. */
export function indexModule(files: { path: string | undefined; text: string; blocks: HclBlock[] }[]): TerraformModule {
  const module = { blocks: new Map<string, ModuleBlock>(), variables: new Map<string, ModuleBlock>(), locals: new Map<string, ModuleLocal>() };
  for (const file of files) {
    // The file object itself, so a block's file can be compared with the file being read.
    const source: ModuleBlock['file'] = file;
    for (const block of file.blocks) {
      const entry = { block, file: source };
      if (block.type === 'resource' && block.labels.length === 2) {
        setFirst(module.blocks, `${block.labels[0]}.${block.labels[1]}`, entry);
      } else if (block.type === 'data' && block.labels.length === 2) {
        setFirst(module.blocks, `data.${block.labels[0]}.${block.labels[1]}`, entry);
      } else if (block.type === 'variable' && block.labels.length === 1) {
        setFirst(module.variables, block.labels[0], entry);
      } else if (block.type === 'locals') {
        for (const attribute of block.attributes) {
          if (!module.locals.has(attribute.name)) {
            module.locals.set(attribute.name, { block: entry, attribute });
          }
        }
      }
    }
  }
  return module;
}

function setFirst<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key)) {
    map.set(key, value);
  }
}

/** One lookup of a module by name: which index, the name, and the source text of what it found (undefined: nothing; null: text with a syntax error). */
export interface ModuleLookup {
  index: 'blocks' | 'variables' | 'locals';
  name: string;
  found: string | null | undefined;
}

/** The source text of a node of a module's file; null when it has a syntax error, so no two are taken for the same. */
function sourceOf(file: ModuleBlock['file'], node: HclNode): string | null {
  return node.hasError ? null : file.text.slice(node.startIndex, node.endIndex);
}

/** What a lookup of `index` by `name` finds in `module`, as source text: what a `ModuleLookup` compares. */
export function lookedUp(module: TerraformModule, index: ModuleLookup['index'], name: string): string | null | undefined {
  if (index === 'locals') {
    const local = module.locals.get(name);
    return local && sourceOf(local.block.file, local.attribute.node);
  }
  const entry = module[index].get(name);
  return entry && sourceOf(entry.file, entry.block.node);
}

/**
 * The module seen through its lookups: each name looked up is passed to `record` with the source
 * text of what it found, so a reading can tell later whether the module still gives it the same.
 */
export function recordingModule(module: TerraformModule, record: (index: ModuleLookup['index'], name: string) => void): TerraformModule {
  const recording = <V>(index: ModuleLookup['index'], map: ModuleIndex<V>): ModuleIndex<V> => ({
    get: (name) => {
      record(index, name);
      return map.get(name);
    },
    has: (name) => {
      record(index, name);
      return map.has(name);
    },
  });
  return { blocks: recording('blocks', module.blocks), variables: recording('variables', module.variables), locals: recording('locals', module.locals) };
}

/** A name reduced to what is valid in a bucket name, at least three characters. */
export function standIn(name: string): string {
  const reduced = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return reduced.length >= 3 ? reduced.slice(0, 63) : `${reduced}-value`.replace(/^-/, '');
}

/** The name of an `aws_s3_bucket`: its literal `bucket` argument, or a stand-in made of its address. */
export function bucketName(module: TerraformModule, name: string): string {
  return literalBucketName(module, name) ?? standIn(`${name}-bucket`);
}

/** The `bucket` argument of `aws_s3_bucket.<name>` when it is a literal, valid bucket name; undefined otherwise. */
export function literalBucketName(module: TerraformModule, name: string): string | undefined {
  const block = module.blocks.get(`aws_s3_bucket.${name}`)?.block;
  const value = attributeOf(block, 'bucket')?.value;
  const literal = value && plainString(unwrap(value));
  return literal !== undefined && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(literal) ? literal : undefined;
}

/**
 * True when the module says for certain which bucket `aws_s3_bucket.<name>` is: a literal `bucket`,
 * or none (the provider then makes up a name, which no literal name in a policy can be). A name
 * given by an expression (`var.bucket_name`) is one we cannot know.
 */
export function isBucketNameKnown(module: TerraformModule, name: string): boolean {
  const value = attributeOf(module.blocks.get(`aws_s3_bucket.${name}`)?.block, 'bucket')?.value;
  return value === undefined || plainString(unwrap(value)) !== undefined;
}

function symbolOf(expression: string): SymbolSource {
  return { short: expression, long: expression, sub: `\${${expression}}` };
}

/**
 * The literal strings a variable is restricted to by its `validation` blocks: a condition that is
 * `contains([literals], var.x)`, alone or as one operand of `&&` (every operand must hold). Several
 * such validations intersect. Undefined when no validation restricts the value that way.
 */
export function allowedValues(block: HclBlock | undefined): string[] | undefined {
  const name = block?.labels[0];
  let allowed: string[] | undefined;
  for (const validation of block?.blocks.filter((inner) => inner.type === 'validation') ?? []) {
    const condition = attributeOf(validation, 'condition')?.value;
    for (const operand of condition ? conjuncts(condition) : []) {
      const values = containsValues(operand, name);
      if (values) {
        allowed = allowed ? allowed.filter((value) => values.includes(value)) : values;
      }
    }
  }
  return allowed;
}

/** The operands of `a && b && …` (parentheses removed); the expression itself otherwise. */
function conjuncts(expression: HclNode): HclNode[] {
  let node = unwrap(expression);
  while (node.type === 'expression' && node.text.startsWith('(') && node.namedChildCount === 1) {
    node = unwrap(node.namedChildren[0]);
  }
  const operation = node.type === 'operation' ? node.namedChildren[0] : undefined;
  if (operation?.type === 'binary_operation' && operation.child(1)?.text === '&&') {
    const [left, right] = [operation.namedChildren[0], operation.namedChildren[operation.namedChildCount - 1]];
    return left && right ? [...conjuncts(left), ...conjuncts(right)] : [node];
  }
  return [node];
}

/** The list of `contains([…literals], var.name)`, or undefined when the expression is not that (or a list item is not a literal string). */
function containsValues(expression: HclNode, name: string | undefined): string[] | undefined {
  const node = unwrap(expression);
  if (node.type !== 'function_call' || node.namedChildren[0]?.text !== 'contains') {
    return undefined;
  }
  const args = node.namedChildren.find((child) => child?.type === 'function_arguments');
  const [list, value] = args ? namedChildrenOf(args) : [];
  const names = value && traversal(value);
  const tuple = list && unwrap(list);
  if (!names || names.length !== 2 || names[0] !== 'var' || names[1] !== name || tuple?.type !== 'tuple' || args!.namedChildCount !== 2) {
    return undefined;
  }
  const items = namedChildrenOf(tuple).filter((child) => child.type === 'expression').map((item) => plainString(unwrap(item)));
  return items.every((item): item is string => item !== undefined) ? items : undefined;
}

/**
 * What a variable is known to be. A validation that allows one value makes it that value: known.
 * Otherwise its literal default (when a validation allows it), or one of the allowed values, or a
 * stand-in; still computed, since a caller sets it.
 */
function variableValue(module: TerraformModule, name: string): { text: string; known: boolean } {
  const block = module.variables.get(name)?.block;
  const allowed = allowedValues(block);
  const value = attributeOf(block, 'default')?.value;
  const fallback = value && plainString(unwrap(value));
  if (allowed && allowed.length === 1) {
    return { text: allowed[0], known: true };
  }
  if (allowed && allowed.length > 1) {
    return { text: fallback !== undefined && allowed.includes(fallback) ? fallback : allowed[0], known: false };
  }
  return { text: fallback ?? standIn(`var-${name}`), known: false };
}

/**
 * What the reference `names` (written `expression`) stands for. Known references: a bucket's
 * `arn`, `id` and `bucket`; the account of `aws_caller_identity`; the partition; an IAM role's or
 * user's ARN; a local or variable with a literal string. Anything else is an unknown stand-in.
 */
export function referenceValue(module: TerraformModule, names: string[], expression: string): ReferenceValue {
  const symbol = symbolOf(expression);
  const computed = (text: string): ReferenceValue => ({ text, computed: true, symbol });
  const [root, second, third, fourth] = names;
  if (root === 'data' && second === 'aws_caller_identity' && fourth === 'account_id') {
    return computed(SYMBOLIC_ACCOUNT);
  }
  if (root === 'data' && second === 'aws_partition' && fourth === 'partition') {
    return computed('aws');
  }
  if (root === 'data' && second === 'aws_region' && (fourth === 'name' || fourth === 'region' || fourth === 'id')) {
    return computed('us-east-1');
  }
  if (root === 'aws_s3_bucket' && second !== undefined && module.blocks.has(`aws_s3_bucket.${second}`)) {
    const name = bucketName(module, second);
    const known = isBucketNameKnown(module, second);
    if (third === 'arn') {
      return { ...computed(`arn:aws:s3:::${name}`), known };
    }
    if (third === 'id' || third === 'bucket') {
      return { ...computed(name), known };
    }
  }
  if ((root === 'aws_iam_role' || root === 'aws_iam_user') && second !== undefined && third === 'arn') {
    return computed(`arn:aws:iam::${SYMBOLIC_ACCOUNT}:${root === 'aws_iam_role' ? 'role' : 'user'}/${standIn(second)}`);
  }
  if (root === 'var' && second !== undefined && names.length === 2) {
    const variable = variableValue(module, second);
    return variable.known ? { text: variable.text, computed: false, symbol } : computed(variable.text);
  }
  if (root === 'local' && second !== undefined && names.length === 2) {
    const local = module.locals.get(second)?.attribute.value;
    const literal = local && plainString(unwrap(local));
    return computed(literal ?? standIn(`local-${second}`));
  }
  return computed(standIn(names.join('-')));
}

/** Parses the source of a plain traversal (`aws_s3_bucket.b[0].arn`, `var.x`) into names; undefined for other expressions. */
export function parseTraversal(expression: string): string[] | undefined {
  const trimmed = expression.trim();
  if (!/^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]]*\])*$/.test(trimmed)) {
    return undefined;
  }
  return trimmed.replace(/\[[^\]]*\]/g, '').split('.');
}
