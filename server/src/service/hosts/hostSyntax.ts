/* S3 Bucket Policy — MIT License. */
import type { HostMap, HostScalar, HostSeq, ScalarStyle } from './hostValue';
import type { SymbolSource } from './policyView';

/** The syntax of the host document a fix writes into. */
export type HostSyntaxName = 'yaml' | 'json' | 'hcl';

/** Writes values in a syntax of its own (HCL): a scalar rewritten in place, a new item or entry, a value in full. */
export interface SyntaxWriter {
  scalar(value: unknown, host: HostScalar): string;
  child(container: HostMap | HostSeq, key: string | undefined, value: unknown, options: RenderOptions): string;
  value(value: unknown, options: RenderOptions): string;
  /** What separates a new item or entry from the one before it in this container, before the line break (`,` or nothing). */
  separator(container: HostMap | HostSeq): string;
}

/** Words YAML (1.1 or 1.2) reads as something other than a string when written plain. */
const YAML_SPECIAL_WORDS = /^(?:true|false|yes|no|on|off|y|n|null|~|)$/i;
const YAML_NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+|0[xob][\da-fA-F_]+|\.inf|\.nan|\d+:\d+(?::\d+)*)$/i;

/** True when a string can be written as a plain YAML scalar and read back as the same string. */
export function isPlainSafe(value: string, inFlow: boolean): boolean {
  if (YAML_SPECIAL_WORDS.test(value) || YAML_NUMBER_LIKE.test(value) || /^\d{4}-\d\d-\d\d/.test(value)) {
    return false;
  }
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/^-[^\s]/.test(value) || /\s$/.test(value) || /[\n\r\t]/.test(value)) {
    return false;
  }
  if (/: |:$| #/.test(value)) {
    return false;
  }
  return !(inFlow && /[,[\]{}]|:/.test(value));
}

/**
 * A YAML scalar for a string, in the style of `like` where that style can write it. `like` 'plain'
 * rewrites a scalar the author wrote plain: in a flow collection a colon that is not followed by a
 * space or a flow indicator stays plain there (`[S3:GetObject]` → `[s3:GetObject]`), as the
 * author's own text shows the template's parser takes it; new text in a flow collection is quoted.
 */
export function yamlString(value: string, like: ScalarStyle | undefined, inFlow: boolean): string {
  if (like === 'double' || like === 'json') {
    return JSON.stringify(value);
  }
  if (like !== 'single' && (isPlainSafe(value, inFlow) || (like === 'plain' && inFlow && isPlainSafe(value, false) && !/[,[\]{}]|:(?=[\s,[\]{}]|$)/.test(value)))) {
    return value;
  }
  return /[\n\r\t\\]/.test(value) && like !== 'single' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
}

/** How a host writes a string the view holds: literally, or through the host's functions when it holds computed values. */
export interface StringRendering {
  /** The computed value the whole string stands for, if it is one. */
  whole: SymbolSource | undefined;
  /** The string with each computed value replaced by its `${…}` form, if it holds any and all have one. */
  substituted: string | undefined;
}

/** Finds the computed values inside a string, longest first, and says how to write it. */
export function renderingOf(value: string, symbols: ReadonlyMap<string, SymbolSource>): StringRendering {
  const whole = symbols.get(value);
  if (whole) {
    return { whole, substituted: undefined };
  }
  const candidates = [...symbols.entries()].filter(([text, symbol]) => text.length >= 3 && symbol.sub && value.includes(text)).sort((a, b) => b[0].length - a[0].length);
  if (candidates.length === 0) {
    return { whole: undefined, substituted: undefined };
  }
  let result = '';
  let index = 0;
  while (index < value.length) {
    const found = candidates.find(([text]) => value.startsWith(text, index));
    if (found) {
      result += found[1].sub;
      index += found[0].length;
    } else {
      result += value.startsWith('${', index) ? '${!' : value[index];
      index += value.startsWith('${', index) ? 2 : 1;
    }
  }
  return { whole: undefined, substituted: result };
}

/** Options for writing a new value into the host. */
export interface RenderOptions {
  syntax: HostSyntaxName;
  /** The indentation of the line the value starts on (block YAML: the indentation of its items or keys). */
  indent: string;
  /** One level of indentation in this document. */
  unit: string;
  eol: string;
  /** True inside a YAML flow collection or for a JSON value on one line. */
  inFlow: boolean;
  symbols: ReadonlyMap<string, SymbolSource>;
  /** Host text for a view JSON text that already exists in the host (a value kept as it was written). */
  reuse: (viewJson: string) => string | undefined;
  /** The writer of a syntax this module does not know, which then writes every value. */
  writer?: SyntaxWriter;
}

/**
 * A string as a YAML or JSON template writes it: a computed value as its function (`!GetAtt X.Arn`,
 * `{"Fn::GetAtt": …}`), a string holding computed values as `Fn::Sub`, a literal as a scalar in the
 * style of `like` where that style can write it.
 */
export function templateString(value: string, syntax: 'yaml' | 'json', symbols: ReadonlyMap<string, SymbolSource>, like: ScalarStyle | undefined, inFlow: boolean): string {
  const rendering = renderingOf(value, symbols);
  if (syntax === 'json') {
    return rendering.whole ? rendering.whole.long : rendering.substituted !== undefined ? JSON.stringify({ 'Fn::Sub': rendering.substituted }) : JSON.stringify(value);
  }
  if (rendering.whole) {
    return rendering.whole.short;
  }
  if (rendering.substituted !== undefined) {
    return `!Sub ${yamlString(rendering.substituted, 'single', inFlow)}`;
  }
  return yamlString(value, like, inFlow);
}

/**
 * Writes a JSON value in the host's syntax: JSON as the document indents it, or block YAML (flow
 * YAML inside a flow collection). Values that already exist in the host are copied as written.
 * The first line is not indented (the caller places it); later lines are.
 */
export function renderValue(value: unknown, options: RenderOptions): string {
  const reused = options.reuse(JSON.stringify(value));
  if (reused !== undefined) {
    return reused;
  }
  if (options.writer) {
    return options.writer.value(value, options);
  }
  if (typeof value === 'string') {
    return templateString(value, options.syntax === 'json' ? 'json' : 'yaml', options.symbols, undefined, options.inFlow);
  }
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  const inner = { ...options, indent: options.indent + options.unit };
  if (options.syntax === 'json' || options.inFlow) {
    const oneLine = options.inFlow;
    const separator = oneLine ? ', ' : `,${options.eol}${inner.indent}`;
    const open = oneLine ? '' : `${options.eol}${inner.indent}`;
    const close = oneLine ? '' : `${options.eol}${options.indent}`;
    if (Array.isArray(value)) {
      return value.length === 0 ? '[]' : `[${open}${value.map((item) => renderValue(item, inner)).join(separator)}${close}]`;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    const key = (name: string) => options.syntax === 'json' ? JSON.stringify(name) : yamlString(name, undefined, true);
    return entries.length === 0 ? '{}' : `{${open}${entries.map(([name, item]) => `${key(name)}: ${renderValue(item, inner)}`).join(separator)}${close}}`;
  }
  return blockYaml(value, options);
}

/** Block YAML for an array or object whose first line the caller has placed (after `- ` or `key:`). */
function blockYaml(value: object, options: RenderOptions): string {
  const lines: string[] = [];
  const child = { ...options, indent: options.indent + options.unit };
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return '[]';
    }
    value.forEach((item, index) => lines.push(`${index === 0 ? '' : options.indent}- ${renderValue(item, { ...options, indent: options.indent + '  ' })}`));
    return lines.join(options.eol);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) {
    return '{}';
  }
  entries.forEach(([name, item], index) => {
    const prefix = `${index === 0 ? '' : options.indent}${yamlString(name, undefined, false)}:`;
    const reused = child.reuse(JSON.stringify(item));
    if (reused === undefined && item !== null && typeof item === 'object' && Object.keys(item).length > 0) {
      lines.push(`${prefix}${options.eol}${child.indent}${renderValue(item, child)}`);
    } else {
      lines.push(`${prefix} ${renderValue(item, child)}`);
    }
  });
  return lines.join(options.eol);
}
