/* S3 Bucket Policy — MIT License. */
import type { HostEntry, HostMap, HostScalar, HostSeq, HostValue } from '../hostValue';
import { PolicyView, ViewContainer, ViewWriter } from '../policyView';
import type { HclNode } from './hclParser';
import { namedChildrenOf, traversal, unwrap } from './hclTree';
import { parseTraversal, ReferenceValue, referenceValue, standIn, TerraformModule } from './terraformModule';
import { commonIndent, readTemplate, ReadTemplate, TemplateInterpolation } from './templateText';

/** Where a template's text is in the HCL file, and how it is read. */
export interface TemplateSpan {
  start: number;
  end: number;
  mode: 'quoted' | 'heredoc' | 'file';
  indent: number;
}

/** The span of a quoted string's or heredoc's content; undefined for an unterminated heredoc. */
export function templateSpan(text: string, node: HclNode): TemplateSpan | undefined {
  if (node.type === 'heredoc_template') {
    const identifiers = namedChildrenOf(node).filter((child) => child.type === 'heredoc_identifier');
    const open = identifiers[0];
    const close = identifiers[identifiers.length - 1];
    if (!open || identifiers.length < 2 || close.isMissing) {
      return undefined;
    }
    const start = text.indexOf('\n', open.endIndex) + 1;
    const end = text.lastIndexOf('\n', close.startIndex - 1) + 1;
    if (start <= 0 || end < start) {
      return undefined;
    }
    const flush = node.child(0)?.text === '<<-';
    return { start, end, mode: 'heredoc', indent: flush ? commonIndent(text, start, end) : 0 };
  }
  return { start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1), mode: 'quoted', indent: 0 };
}

/** True for the string forms of HCL: a literal, a quoted template, a heredoc. */
export function isStringNode(node: HclNode): boolean {
  return node.type === 'string_lit' || node.type === 'quoted_template' || node.type === 'heredoc_template';
}

/** Writes the JSON view of policies written in HCL: `jsonencode` objects, and JSON text in strings, heredocs and template files. */
export class HclPolicyWriter {
  readonly writer = new ViewWriter();
  /** True when part of the policy's structure (an object or array) is computed: absences prove nothing. */
  partial = false;

  /**
   * `module` resolves references; `text` is the file the nodes are in; `scope` holds a template's
   * variables (the `vars` of `templatefile`), by name.
   */
  constructor(private readonly module: TerraformModule, private readonly text: string, private readonly scope?: ReadonlyMap<string, ReferenceValue>) {}

  build(): PolicyView {
    return this.writer.build();
  }

  /** A stand-in string token for a value only Terraform knows (a whole value: a reference, a call, a `for`). */
  private computedToken(node: HclNode): ReferenceValue | undefined {
    const names = traversal(node);
    const value = names ? this.reference(names, node.text) : undefined;
    // Text the module writes out (a literal default) is as written; a computed value is a stand-in, known for a bucket of the module.
    const standsFor = !(value?.computed ?? true) ? false : value?.known ? 'known' : true;
    this.writer.punctuation('"', node.startIndex, standsFor);
    this.writer.spanningContent(value?.text ?? standIn(node.type.replace(/_/g, '-')), node.startIndex, node.endIndex, standsFor);
    this.writer.punctuation('"', node.endIndex, standsFor);
    if (value && value.text.length >= 3 && value.computed) {
      this.writer.symbols.set(value.text, value.symbol);
    }
    return value;
  }

  /** What a reference stands for: a template variable of the scope first, then the module's values. */
  private reference(names: string[], expression: string): ReferenceValue {
    return (names.length === 1 ? this.scope?.get(names[0]) : undefined) ?? referenceValue(this.module, names, expression);
  }

  /** The stand-in for an interpolation, written as JSON string content. */
  private interpolation(part: TemplateInterpolation): void {
    const names = parseTraversal(part.expression);
    const value = names ? this.reference(names, part.expression) : undefined;
    this.writer.spanningContent(value?.text ?? standIn('expression'), part.offset, part.end, !(value?.computed ?? true) ? false : value?.known ? 'known' : true);
    if (value && value.text.length >= 3 && value.computed) {
      this.writer.symbols.set(value.text, value.symbol);
    }
  }

  /** The value of an HCL expression inside `jsonencode`, as the JSON Terraform writes. */
  value(expression: HclNode): HostValue {
    const node = unwrap(expression);
    switch (node.type) {
      case 'object':
        return this.object(node);
      case 'tuple':
        return this.tuple(node);
      case 'string_lit':
      case 'quoted_template':
      case 'heredoc_template':
        return this.stringToken(node, false);
      case 'numeric_lit':
      case 'bool_lit':
      case 'null_lit': {
        const json = node.type === 'numeric_lit' ? (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(node.text) ? node.text : JSON.stringify(node.text)) : node.text;
        const scalar: HostScalar = { kind: 'scalar', offset: node.startIndex, end: node.endIndex, value: node.type === 'null_lit' ? null : node.type === 'bool_lit' ? node.text === 'true' : Number(node.text), source: node.text, style: 'plain', contentOffset: undefined };
        this.writer.scalar(scalar, false, json);
        return scalar;
      }
      default: {
        const value = this.computedToken(node);
        this.partial ||= value === undefined || (value.computed && !/\.(arn|id|bucket|account_id|partition|name)$/.test(node.text));
        return computedScalar(node);
      }
    }
  }

  private object(node: HclNode): HostMap {
    const map: HostMap = { kind: 'map', offset: node.startIndex, end: node.endIndex, entries: [], flow: true };
    const container: ViewContainer = { viewOffset: this.writer.offset, viewEnd: 0, host: map, children: [] };
    this.writer.containers.push(container);
    this.writer.punctuation('{', node.startIndex);
    let first = true;
    for (const element of namedChildrenOf(node).filter((child) => child.type === 'object_elem')) {
      const [keyExpression, valueExpression] = namedChildrenOf(element);
      if (!keyExpression) {
        continue;
      }
      if (!first) {
        this.writer.punctuation(',', keyExpression.startIndex);
      }
      first = false;
      const childOffset = this.writer.offset;
      const key = this.key(keyExpression);
      this.writer.punctuation(':', key.end);
      const valueOffset = this.writer.offset;
      let value: HostValue | undefined;
      if (valueExpression) {
        value = this.value(valueExpression);
      } else {
        this.writer.punctuation('null', key.end);
      }
      map.entries.push({ key, value } satisfies HostEntry);
      container.children.push({ viewOffset: childOffset, valueViewOffset: valueOffset, viewEnd: this.writer.offset, host: value, keyHost: key });
    }
    this.writer.punctuation('}', node.endIndex);
    container.viewEnd = this.writer.offset;
    return map;
  }

  /** An object key: a bare identifier is its own name; a quoted key a string; `(expression)` a computed key. */
  private key(expression: HclNode): HostScalar {
    const node = unwrap(expression);
    if (expression.text.startsWith('(')) {
      this.partial = true;
      this.computedToken(expression);
      return computedScalar(expression);
    }
    if (node.type === 'variable_expr') {
      const scalar: HostScalar = { kind: 'scalar', offset: node.startIndex, end: node.endIndex, value: node.text, source: node.text, style: 'plain', contentOffset: node.startIndex };
      this.writer.scalar(scalar, true);
      return scalar;
    }
    if (isStringNode(node)) {
      return this.stringToken(node, true);
    }
    this.computedToken(expression);
    return computedScalar(expression);
  }

  private tuple(node: HclNode): HostSeq {
    const seq: HostSeq = { kind: 'seq', offset: node.startIndex, end: node.endIndex, items: [], flow: true };
    const container: ViewContainer = { viewOffset: this.writer.offset, viewEnd: 0, host: seq, children: [] };
    this.writer.containers.push(container);
    this.writer.punctuation('[', node.startIndex);
    namedChildrenOf(node).filter((child) => child.type === 'expression').forEach((item, index) => {
      if (index > 0) {
        this.writer.punctuation(',', item.startIndex);
      }
      const childOffset = this.writer.offset;
      const value = this.value(item);
      seq.items.push(value);
      container.children.push({ viewOffset: childOffset, valueViewOffset: childOffset, viewEnd: this.writer.offset, host: value });
    });
    this.writer.punctuation(']', node.endIndex);
    container.viewEnd = this.writer.offset;
    return seq;
  }

  /** A quoted string or heredoc as one JSON string token: literal characters mapped one by one, interpolations as stand-ins. */
  stringToken(node: HclNode, isKey: boolean): HostScalar {
    const span = templateSpan(this.text, node);
    const read = span ? readTemplate(this.text, span.start, span.end, span.mode, span.indent) : undefined;
    const viewOffset = this.writer.offset;
    const value = read?.parts.map((part) => (part.kind === 'text' ? part.value : '')).join('') ?? '';
    const exact = read !== undefined && read.parts.every((part) => part.kind === 'text') && !read.directives;
    const scalar: HostScalar = {
      kind: 'scalar',
      offset: node.startIndex,
      end: node.endIndex,
      value,
      source: node.text,
      style: node.type === 'heredoc_template' ? 'blockLiteral' : 'double',
      contentOffset: exact && span && value.length === span.end - span.start ? span.start : undefined,
    };
    const flagged = !read || read.directives || read.unterminated !== undefined;
    this.writer.punctuation('"', node.startIndex, flagged);
    if (!read || read.unterminated !== undefined) {
      this.writer.spanningContent(standIn('string'), node.startIndex, node.endIndex, true);
    } else {
      for (const part of read.parts) {
        if (part.kind === 'text') {
          this.writer.exactContent(part.value, (index) => part.offsets[index]);
        } else {
          this.interpolation(part);
        }
      }
    }
    this.writer.punctuation('"', node.endIndex, flagged);
    this.writer.scalars.push({ viewOffset, viewEnd: this.writer.offset, host: scalar, isKey });
    return scalar;
  }

  /** Literal template text: runs written as themselves copied, each escape (`\"`, `$${`) spanning its whole source. */
  private copiedText(value: string, offsets: number[]): void {
    let runStart = 0;
    for (let index = 0; index <= value.length; index++) {
      const width = index < value.length ? escapeWidth(this.text, offsets[index]) : 0;
      if (index === value.length || width > 1) {
        if (index > runStart) {
          this.writer.copied(value.slice(runStart, index), offsets.slice(runStart, index));
        }
        if (index < value.length) {
          this.writer.spanning(value[index], offsets[index], offsets[index] + width, false);
        }
        runStart = index + 1;
      }
    }
  }

  /**
   * A policy written as JSON text (a heredoc, a quoted string, a template file): the text copied
   * character by character; an interpolation inside a JSON string becomes its stand-in's text, one
   * elsewhere a stand-in string token.
   */
  textPolicy(read: ReadTemplate): void {
    let inString = false;
    for (const part of read.parts) {
      if (part.kind === 'text') {
        this.copiedText(part.value, part.offsets);
        for (let index = 0; index < part.value.length; index++) {
          const char = part.value[index];
          if (char === '\\' && inString) {
            index++;
          } else if (char === '"') {
            inString = !inString;
          }
        }
      } else if (inString) {
        this.interpolation(part);
      } else {
        this.partial = true;
        this.writer.punctuation('"', part.offset, true);
        this.interpolation(part);
        this.writer.punctuation('"', part.end, true);
      }
    }
    this.partial ||= read.directives;
  }
}

/** How many source characters write the character at `offset`: an HCL escape, `$${` or `%%{` (the doubled sign), or 1. */
function escapeWidth(text: string, offset: number): number {
  const char = text[offset];
  if (char === '\\') {
    const kind = text[offset + 1];
    return kind === 'u' ? 6 : kind === 'U' ? 10 : 2;
  }
  return (char === '$' || char === '%') && text[offset + 1] === char && text[offset + 2] === '{' ? 2 : 1;
}

/** The host node of a value only Terraform computes. */
function computedScalar(node: HclNode): HostScalar {
  return { kind: 'scalar', offset: node.startIndex, end: node.endIndex, value: node.text, source: node.text, style: 'plain', contentOffset: undefined };
}

export type { ReadTemplate };
