/* S3 Bucket Policy — MIT License. */
import { SYMBOLIC_ACCOUNT } from '../cloudformation/intrinsics';
import type { SymbolSource } from '../policyView';
import { attributeOf, HclBlock, plainString, unwrap } from './hclTree';

/**
 * The blocks of a Terraform module (one file, or the `.tf` files of its directory) by address, and
 * what a reference to them stands for. Terraform computes most of these values at plan or apply
 * time, so a reference becomes a stand-in: a string of the right shape (a bucket's ARN is
 * `arn:aws:s3:::<name>`) that the view marks as computed, with the expression that writes it again.
 */
export interface TerraformModule {
  /** `aws_s3_bucket.b` → the block; data sources as `data.aws_iam_policy_document.x`. */
  blocks: Map<string, ModuleBlock>;
  variables: Map<string, ModuleBlock>;
  locals: Map<string, { block: ModuleBlock; attribute: NonNullable<ReturnType<typeof attributeOf>> }>;
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
  const module: TerraformModule = { blocks: new Map(), variables: new Map(), locals: new Map() };
  for (const file of files) {
    const source = { path: file.path, text: file.text };
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

/** A name reduced to what is valid in a bucket name, at least three characters. */
export function standIn(name: string): string {
  const reduced = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return reduced.length >= 3 ? reduced.slice(0, 63) : `${reduced}-value`.replace(/^-/, '');
}

/** The name of an `aws_s3_bucket`: its literal `bucket` argument, or a stand-in made of its address. */
export function bucketName(module: TerraformModule, name: string): string {
  const block = module.blocks.get(`aws_s3_bucket.${name}`)?.block;
  const value = attributeOf(block, 'bucket')?.value;
  const literal = value && plainString(unwrap(value));
  return literal !== undefined && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(literal) ? literal : standIn(`${name}-bucket`);
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

/** A variable's default when it is a literal string: a value the caller may override, so still computed. */
function variableDefault(module: TerraformModule, name: string): string | undefined {
  const value = attributeOf(module.variables.get(name)?.block, 'default')?.value;
  return value && plainString(unwrap(value));
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
    return computed(variableDefault(module, second) ?? standIn(`var-${second}`));
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
