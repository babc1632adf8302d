/* S3 Bucket Policy — MIT License. */
import { Untranslatable } from '../editTranslation';
import type { RenderOptions, SyntaxWriter } from '../hostSyntax';
import type { HostMap, HostScalar, HostSeq, HostValue } from '../hostValue';
import type { SymbolSource } from '../policyView';

/** An HCL quoted string for a literal value: JSON's escapes (HCL reads the same ones), `${` and `%{` escaped. */
export function hclQuoted(value: string): string {
  return JSON.stringify(value)
    .replace(/\\[bf]/g, (escape) => (escape === '\\b' ? '\\u0008' : '\\u000c'))
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
}

/**
 * A string as HCL writes it: a computed value as its expression (`aws_s3_bucket.b.arn`), a string
 * holding computed values as a template (`"${aws_s3_bucket.b.arn}/*"`), a literal quoted.
 */
export function hclString(value: string, symbols: ReadonlyMap<string, SymbolSource>): string {
  const whole = symbols.get(value);
  if (whole?.short) {
    return whole.short;
  }
  const candidates = [...symbols.entries()].filter(([text, symbol]) => text.length >= 3 && symbol.sub && value.includes(text)).sort((a, b) => b[0].length - a[0].length);
  if (candidates.length === 0) {
    return hclQuoted(value);
  }
  let result = '';
  let literal = '';
  let index = 0;
  while (index < value.length) {
    const found = candidates.find(([text]) => value.startsWith(text, index));
    if (found) {
      result += hclQuoted(literal).slice(1, -1) + found[1].sub!;
      literal = '';
      index += found[0].length;
    } else {
      literal += value[index++];
    }
  }
  return `"${result}${hclQuoted(literal).slice(1, -1)}"`;
}

/** An object key: a bare identifier when it is one, else a quoted string. */
function hclKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : hclQuoted(name);
}

/** What a host container of a policy document stands for, so new entries are written as blocks and arguments. */
export type BlockRole = 'document' | 'statements' | 'statement';

/** The HCL attribute name of a statement element, and whether it is a list. */
const STATEMENT_ARGUMENTS: Record<string, string> = { Sid: 'sid', Effect: 'effect', Action: 'actions', NotAction: 'not_actions', Resource: 'resources', NotResource: 'not_resources' };

/**
 * Writes fixes in HCL: inside `jsonencode`, object syntax with the file's key separator; in an
 * `aws_iam_policy_document`, arguments and blocks (`statement`, `principals`, `condition`).
 */
export class HclSyntaxWriter implements SyntaxWriter {
  /**
   * @param roles policy-document containers by role; everything else is a `jsonencode` object or tuple.
   */
  constructor(private readonly text: string, private readonly keySeparator: '=' | ':', readonly roles = new WeakMap<HostValue, BlockRole>()) {}

  /**
   * This writer for the file's text `text`, its roles given to the copies `hosts` maps its
   * containers to; without `hosts` (the policy did not move), to the same containers.
   */
  moved(text: string, hosts?: ReadonlyMap<HostValue, HostValue>): HclSyntaxWriter {
    if (!hosts) {
      return new HclSyntaxWriter(text, this.keySeparator, this.roles);
    }
    const moved = new HclSyntaxWriter(text, this.keySeparator);
    for (const [host, copy] of hosts) {
      const role = this.roles.get(host);
      if (role) {
        moved.roles.set(copy, role);
      }
    }
    return moved;
  }

  scalar(value: unknown, host: HostScalar): string {
    void host;
    return typeof value === 'string' ? hclQuoted(value) : JSON.stringify(value);
  }

  separator(container: HostMap | HostSeq): string {
    if (container.kind === 'seq' && container.flow) {
      return ',';
    }
    if (!container.flow) {
      return '';
    }
    // An object whose entries are on lines of their own, without commas, gets none.
    const inside = this.text.slice(container.offset + 1, container.end - 1);
    return inside.includes('\n') && !/,\s*\n/.test(inside) ? '' : ',';
  }

  child(container: HostMap | HostSeq, key: string | undefined, value: unknown, options: RenderOptions): string {
    const role = this.roles.get(container);
    if (role === 'statements') {
      return this.statementBlock(value, options);
    }
    if (role === 'statement' && key !== undefined) {
      return this.statementElement(key, value, options).join(`${options.eol}${options.indent}`);
    }
    if (role === 'document' && key !== undefined) {
      return key === 'Version' ? `version = ${hclQuoted(String(value))}` : key === 'Id' ? `policy_id = ${hclQuoted(String(value))}` : `# ${key}`;
    }
    return key === undefined ? this.value(value, options) : `${hclKey(key)} ${this.keySeparator} ${this.value(value, options)}`;
  }

  value(value: unknown, options: RenderOptions): string {
    if (typeof value === 'string') {
      return hclString(value, options.symbols);
    }
    if (value === null || typeof value !== 'object') {
      return String(value);
    }
    const inner = { ...options, indent: options.indent + options.unit, writer: this };
    if (Array.isArray(value)) {
      const items = value.map((item) => this.value(item, inner));
      const oneLine = `[${items.join(', ')}]`;
      return !oneLine.includes('\n') && oneLine.length <= 100 ? oneLine : `[${options.eol}${items.map((item) => `${inner.indent}${item},`).join(options.eol)}${options.eol}${options.indent}]`;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) {
      return '{}';
    }
    const separator = this.keySeparator === '=' ? ' =' : ':';
    return `{${options.eol}${entries.map(([name, item]) => `${inner.indent}${hclKey(name)}${separator} ${this.value(item, inner)}`).join(options.eol)}${options.eol}${options.indent}}`;
  }

  /** A list argument: a JSON string or array as an HCL tuple. */
  private list(value: unknown, options: RenderOptions): string {
    return this.value(Array.isArray(value) ? value : [value], options);
  }

  /** The arguments and blocks of one statement element (`"Principal": "*"` → a `principals` block). */
  private statementElement(key: string, value: unknown, options: RenderOptions): string[] {
    const argument = STATEMENT_ARGUMENTS[key];
    if (argument) {
      return [`${argument} = ${key === 'Sid' || key === 'Effect' ? this.value(value, options) : this.list(value, options)}`];
    }
    const inner = `${options.indent}${options.unit}`;
    const block = (name: string, lines: string[]) => `${name} {${options.eol}${lines.map((line) => `${inner}${line}`).join(options.eol)}${options.eol}${options.indent}}`;
    const innerOptions = { ...options, indent: inner };
    if (key === 'Principal' || key === 'NotPrincipal') {
      const name = key === 'Principal' ? 'principals' : 'not_principals';
      if (value === '*') {
        return [block(name, ['type        = "*"', 'identifiers = ["*"]'])];
      }
      return Object.entries((value ?? {}) as Record<string, unknown>).map(([type, identifiers]) => block(name, [`type        = ${hclQuoted(type)}`, `identifiers = ${this.list(identifiers, innerOptions)}`]));
    }
    if (key === 'Condition') {
      const blocks: string[] = [];
      for (const [test, keys] of Object.entries((value ?? {}) as Record<string, Record<string, unknown>>)) {
        for (const [variable, values] of Object.entries(keys ?? {})) {
          blocks.push(block('condition', [`test     = ${hclQuoted(test)}`, `variable = ${hclQuoted(variable)}`, `values   = ${this.list(typeof values === 'string' ? values : Array.isArray(values) ? values.map(String) : String(values), innerOptions)}`]));
        }
      }
      return blocks;
    }
    throw new Untranslatable();
  }

  /** A `statement` block for a JSON statement. */
  private statementBlock(value: unknown, options: RenderOptions): string {
    const inner = { ...options, indent: `${options.indent}${options.unit}` };
    const lines = Object.entries((value ?? {}) as Record<string, unknown>).flatMap(([key, item]) => this.statementElement(key, item, inner));
    return `statement {${options.eol}${lines.map((line) => `${inner.indent}${line}`).join(options.eol)}${options.eol}${options.indent}}`;
  }
}
