/* S3 Bucket Policy — MIT License. */
import type { HostCall, HostScalar, HostValue } from '../hostValue';
import { PolicyView, ViewContainer, ViewWriter } from '../policyView';
import { scalarCharOffsets } from '../scalarOffsets';
import { Computed, evaluate, standIn, StringPiece, TemplateContext } from './intrinsics';

/** YAML 1.1 words CloudFormation reads as booleans where YAML 1.2 (and eemeli/yaml) reads strings. */
const YAML_11_BOOLEANS: Record<string, boolean> = { yes: true, on: true, y: true, no: false, off: false, n: false };

/** A JSON number token for a scalar that is one, or undefined (octal, hex, `.5`, `1_000`). */
function jsonNumber(source: string): string | undefined {
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(source) ? source : undefined;
}

/** True when a value is removed by `Fn::If` … `AWS::NoValue`. */
function isRemoved(context: TemplateContext, value: HostValue | undefined): boolean {
  return value?.kind === 'call' && evaluate(context, value).kind === 'noValue';
}

/** Writes the view of a template's value as the JSON CloudFormation would send. */
class TemplatePolicyWriter {
  readonly writer = new ViewWriter();

  constructor(private readonly context: TemplateContext) {}

  value(value: HostValue): void {
    switch (value.kind) {
      case 'scalar': {
        const word = value.style === 'plain' && typeof value.value === 'string' ? YAML_11_BOOLEANS[value.value.toLowerCase()] : undefined;
        if (typeof value.value === 'string' && this.context.template.isServerless && value.value.includes('${')) {
          this.frameworkString(value, value.value);
        } else if (typeof value.value === 'string' && word === undefined) {
          this.writer.scalar(value, false);
        } else if (typeof value.value === 'number') {
          const number = jsonNumber(value.source);
          this.writer.scalar(value, false, number);
        } else {
          this.writer.scalar(value, false, String(word ?? value.value));
        }
        return;
      }
      case 'map': {
        const container: ViewContainer = { viewOffset: this.writer.offset, viewEnd: 0, host: value, children: [] };
        this.writer.containers.push(container);
        this.writer.punctuation('{', value.offset);
        let first = true;
        for (const entry of value.entries) {
          if (isRemoved(this.context, entry.value)) {
            continue;
          }
          if (!first) {
            this.writer.punctuation(',', entry.key.offset);
          }
          first = false;
          const childOffset = this.writer.offset;
          this.writer.scalar({ ...entry.key, value: String(entry.key.value ?? entry.key.source) }, true);
          this.writer.punctuation(':', entry.key.end);
          const valueOffset = this.writer.offset;
          if (entry.value) {
            this.value(entry.value);
          } else {
            this.writer.punctuation('null', entry.key.end);
          }
          container.children.push({ viewOffset: childOffset, valueViewOffset: valueOffset, viewEnd: this.writer.offset, host: entry.value, keyHost: entry.key });
        }
        this.writer.punctuation('}', value.end);
        container.viewEnd = this.writer.offset;
        return;
      }
      case 'seq': {
        const container: ViewContainer = { viewOffset: this.writer.offset, viewEnd: 0, host: value, children: [] };
        this.writer.containers.push(container);
        this.writer.punctuation('[', value.offset);
        this.items(value.items, container);
        this.writer.punctuation(']', value.end);
        container.viewEnd = this.writer.offset;
        return;
      }
      case 'call':
        this.computed(evaluate(this.context, value), value);
    }
  }

  /**
   * A string of a Serverless Framework file with `${…}` variables, which the framework replaces
   * before CloudFormation sees the template: each variable is a value we cannot know.
   */
  private frameworkString(scalar: HostScalar, value: string): void {
    const offsets = scalarCharOffsets(this.context.text, scalar);
    const viewOffset = this.writer.offset;
    this.writer.punctuation('"', scalar.offset);
    let copied = 0;
    const literal = (from: number, to: number) => {
      if (to > from) {
        if (offsets) {
          this.writer.exactContent(value.slice(from, to), (index) => offsets[from + index]);
        } else {
          this.writer.spanningContent(value.slice(from, to), scalar.offset, scalar.end, false);
        }
      }
    };
    for (const match of value.matchAll(/\$\{[^}]*\}?/g)) {
      literal(copied, match.index);
      copied = match.index + match[0].length;
      this.writer.spanningContent(standIn(match[0]), offsets ? offsets[match.index] : scalar.offset, offsets ? offsets[copied] : scalar.end, true);
    }
    literal(copied, value.length);
    this.writer.punctuation('"', scalar.end);
    this.writer.scalars.push({ viewOffset, viewEnd: this.writer.offset, host: scalar, isKey: false });
  }

  private items(items: HostValue[], container: ViewContainer | undefined): void {
    let first = true;
    for (const item of items) {
      if (isRemoved(this.context, item)) {
        continue;
      }
      if (!first) {
        this.writer.punctuation(',', item.offset);
      }
      first = false;
      const childOffset = this.writer.offset;
      this.value(item);
      container?.children.push({ viewOffset: childOffset, valueViewOffset: childOffset, viewEnd: this.writer.offset, host: item });
    }
  }

  private computed(computed: Computed, call: HostCall): void {
    switch (computed.kind) {
      case 'string':
        this.writer.punctuation('"', call.offset);
        this.pieces(computed.pieces, (piece) => this.writer.exactContent(piece.text, (index) => piece.offsets![index]), (piece) => this.writer.spanningContent(piece.text, piece.hostOffset, piece.hostEnd, piece.known ? 'known' : piece.symbol !== undefined));
        this.writer.punctuation('"', call.end);
        return;
      case 'list': {
        this.writer.punctuation('[', computed.offset);
        computed.items.forEach((item, index) => {
          if (index > 0) {
            this.writer.punctuation(',', computed.offset);
          }
          this.computed(item, call);
        });
        this.writer.punctuation(']', computed.end);
        return;
      }
      case 'value':
        this.value(computed.value);
        return;
      case 'noValue':
        this.writer.punctuation('null', call.offset, true);
    }
  }

  /** Writes string pieces: literal ones character by character, computed ones as stand-ins (recorded as symbols). */
  pieces(pieces: StringPiece[], literal: (piece: StringPiece) => void, standIn: (piece: StringPiece) => void): void {
    for (const piece of pieces) {
      if (piece.offsets && !piece.symbol) {
        literal(piece);
      } else {
        standIn(piece);
        if (piece.symbol?.short) {
          this.writer.symbols.set(piece.text, piece.symbol);
        }
      }
    }
  }
}

/**
 * The view of a `PolicyDocument`: a mapping is written as the JSON it becomes; a string (a JSON
 * text in a `|` block, a quoted string, an `Fn::Sub` or `Fn::Join`) is the policy text itself,
 * each character mapped to where it is written.
 */
export function writeTemplatePolicyView(context: TemplateContext, document: HostValue): PolicyView {
  const policyWriter = new TemplatePolicyWriter(context);
  const writer = policyWriter.writer;
  const textual = document.kind === 'scalar' && typeof document.value === 'string'
    ? { kind: 'string' as const, pieces: [{ text: document.value, hostOffset: document.offset, hostEnd: document.end, offsets: scalarCharOffsets(context.text, document), symbol: undefined }] }
    : document.kind === 'call' ? evaluate(context, document) : undefined;
  if (textual?.kind === 'string') {
    policyWriter.pieces(textual.pieces, (piece) => writer.copied(piece.text, piece.offsets!), (piece) => writer.spanning(piece.text, piece.hostOffset, piece.hostEnd, piece.known ? 'known' : piece.symbol !== undefined));
  } else {
    policyWriter.value(textual?.kind === 'value' ? textual.value : document);
  }
  return writer.build();
}
