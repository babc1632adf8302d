/* S3 Bucket Policy — MIT License. */
import { entryValue, HostScalar, HostValue, scalarText } from '../hostValue';
import type { SymbolSource } from '../policyView';
import { scalarCharOffsets } from '../scalarOffsets';
import type { Template } from './template';

/** What evaluation reads: the template and the text it was read from. */
export interface TemplateContext {
  template: Template;
  text: string;
}

/**
 * A piece of a string the template computes: text as written (`offsets`: character `i` spans
 * `offsets[i]` to `offsets[i + 1]`), or a stand-in for a value only CloudFormation knows (`symbol`), spanning the
 * expression that produces it.
 */
export interface StringPiece {
  text: string;
  hostOffset: number;
  hostEnd: number;
  offsets: ArrayLike<number> | undefined;
  /** True for a computed value we know for what it is (the name or ARN of a bucket of the template). */
  known?: boolean;
  /** For a computed value: how the template writes it, so a fix can write it again. */
  symbol: SymbolSource | undefined;
}

/** What an intrinsic function yields, as far as the template says. */
export type Computed =
  | { kind: 'string'; pieces: StringPiece[] }
  | { kind: 'list'; items: Computed[]; offset: number; end: number }
  | { kind: 'value'; value: HostValue }
  | { kind: 'noValue' };

/** The stand-in for this account: a valid account ID that is no documentation or placeholder ID. */
export const SYMBOLIC_ACCOUNT = '210000000000';

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': SYMBOLIC_ACCOUNT,
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'stack',
  'AWS::StackId': `arn:aws:cloudformation:us-east-1:${SYMBOLIC_ACCOUNT}:stack/stack/id`,
};

/** A name a template value may stand for, reduced to what is valid in a bucket name. */
export function standIn(name: string): string {
  const reduced = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return reduced.length >= 3 ? reduced.slice(0, 63) : `${reduced}-value`.replace(/^-/, '');
}

/** The name of the bucket a logical id declares: its literal `BucketName`, or a stand-in. */
export function bucketNameOf(template: Template, logicalId: string): string {
  return literalBucketName(template, logicalId) ?? standIn(logicalId);
}

/** The `BucketName` a logical id's bucket is given as a literal, valid bucket name; undefined otherwise. */
export function literalBucketName(template: Template, logicalId: string): string | undefined {
  const literal = scalarText(entryValue(template.resources.get(logicalId)?.properties, 'BucketName'));
  return literal !== undefined && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(literal) ? literal : undefined;
}

/**
 * True when the template says for certain which bucket a logical id is: a literal `BucketName`, or
 * none (CloudFormation then makes up a name of its own, which no literal name in a policy can be).
 * A `BucketName` given by a function (`!Ref BucketNameParameter`) is a name we cannot know.
 */
export function isBucketNameKnown(template: Template, logicalId: string): boolean {
  const name = entryValue(template.resources.get(logicalId)?.properties, 'BucketName');
  return name === undefined || name.kind === 'scalar';
}

/** True when a logical id is an S3 bucket of this template. */
export function isBucket(template: Template, logicalId: string): boolean {
  return template.resources.get(logicalId)?.type === 'AWS::S3::Bucket';
}

function symbolPiece(text: string, hostOffset: number, hostEnd: number, symbol: SymbolSource, known = false): StringPiece {
  return { text, hostOffset, hostEnd, offsets: undefined, symbol, known };
}

/** The value of `Ref name` (or `${name}` in a Sub), spanning `[offset, end)`. */
function reference({ template }: TemplateContext, name: string, offset: number, end: number): Computed {
  const symbol: SymbolSource = { short: `!Ref ${name}`, long: JSON.stringify({ Ref: name }), sub: `\${${name}}` };
  if (name === 'AWS::NoValue') {
    return { kind: 'noValue' };
  }
  const pseudo = PSEUDO_PARAMETERS[name];
  if (pseudo !== undefined) {
    return { kind: 'string', pieces: [symbolPiece(pseudo, offset, end, symbol)] };
  }
  const parameter = template.parameters.get(name);
  if (parameter) {
    if (parameter.type?.startsWith('List<') || parameter.type === 'CommaDelimitedList') {
      const values = parameter.defaultValue?.split(',').map((value) => value.trim()) ?? [standIn(name)];
      return { kind: 'list', offset, end, items: values.map((value) => ({ kind: 'string', pieces: [symbolPiece(value, offset, end, symbol)] })) };
    }
    // A Default is one value the stack may be given; an empty one would leave nothing to mark as computed.
    return { kind: 'string', pieces: [symbolPiece(parameter.defaultValue || standIn(name), offset, end, symbol)] };
  }
  if (isBucket(template, name)) {
    return { kind: 'string', pieces: [symbolPiece(bucketNameOf(template, name), offset, end, symbol, isBucketNameKnown(template, name))] };
  }
  return { kind: 'string', pieces: [symbolPiece(standIn(name), offset, end, symbol)] };
}

/** The value of `Fn::GetAtt logicalId.attribute`, spanning `[offset, end)`. */
function attribute({ template }: TemplateContext, logicalId: string, name: string, offset: number, end: number): Computed {
  const symbol: SymbolSource = { short: `!GetAtt ${logicalId}.${name}`, long: JSON.stringify({ 'Fn::GetAtt': [logicalId, name] }), sub: `\${${logicalId}.${name}}` };
  const type = template.resources.get(logicalId)?.type;
  let text = standIn(`${logicalId}-${name}`);
  if (type === 'AWS::S3::Bucket') {
    const bucket = bucketNameOf(template, logicalId);
    text = name === 'Arn' ? `arn:aws:s3:::${bucket}` : name === 'WebsiteURL' ? `http://${bucket}.s3-website-us-east-1.amazonaws.com` : `${bucket}.s3.amazonaws.com`;
  } else if (name === 'Arn' && type === 'AWS::IAM::Role') {
    text = `arn:aws:iam::${SYMBOLIC_ACCOUNT}:role/${standIn(logicalId)}`;
  } else if (name === 'Arn' && type === 'AWS::IAM::User') {
    text = `arn:aws:iam::${SYMBOLIC_ACCOUNT}:user/${standIn(logicalId)}`;
  }
  return { kind: 'string', pieces: [symbolPiece(text, offset, end, symbol, type === 'AWS::S3::Bucket' && name === 'Arn' && isBucketNameKnown(template, logicalId))] };
}

/** A `${…}` reference inside an `Fn::Sub` string. */
function subReference(context: TemplateContext, name: string, variables: HostValue | undefined, offset: number, end: number): Computed {
  const variable = entryValue(variables, name);
  if (variable) {
    return evaluate(context, variable);
  }
  const dot = name.indexOf('.');
  if (dot > 0 && !name.startsWith('AWS::')) {
    return attribute(context, name.slice(0, dot), name.slice(dot + 1), offset, end);
  }
  return reference(context, name, offset, end);
}

/** The piece of a literal scalar's value that starts at index `from` and reads `text`. */
function literalPiece(context: TemplateContext, scalar: HostScalar, text: string, from: number): StringPiece {
  const all = scalarCharOffsets(context.text, scalar);
  // One entry more than the piece has characters: where its last one ends.
  const offsets = all?.subarray(from, from + text.length + 1);
  return offsets && offsets.length === text.length + 1 && text.length > 0
    ? { text, hostOffset: offsets[0], hostEnd: offsets[text.length], offsets, symbol: undefined }
    : { text, hostOffset: scalar.offset, hostEnd: scalar.end, offsets: undefined, symbol: undefined };
}

/** Evaluates `Fn::Sub` with its string and optional variable map. */
function substitute(context: TemplateContext, argument: HostValue | undefined): Computed | undefined {
  const [source, variables] = argument?.kind === 'seq' ? argument.items : [argument, undefined];
  if (source?.kind !== 'scalar' || typeof source.value !== 'string') {
    return undefined;
  }
  const value = source.value;
  const offsets = scalarCharOffsets(context.text, source);
  const pieces: StringPiece[] = [];
  let copied = 0;
  for (const match of value.matchAll(/\$\{([^}]*)\}/g)) {
    const start = match.index;
    if (start > copied) {
      pieces.push(literalPiece(context, source, value.slice(copied, start), copied));
    }
    copied = start + match[0].length;
    const name = match[1].trim();
    if (name.startsWith('!')) {
      // ${!Literal} is written ${Literal}: the text around the "!" is as written.
      pieces.push(literalPiece(context, source, '${', start), literalPiece(context, source, `${match[1].slice(1)}}`, start + 3));
      continue;
    }
    const hostOffset = offsets ? offsets[start] : source.offset;
    const hostEnd = offsets ? offsets[copied - 1] + 1 : source.end;
    const computed = subReference(context, name, variables, hostOffset, hostEnd);
    if (computed.kind !== 'string') {
      return undefined;
    }
    pieces.push(...computed.pieces);
  }
  if (copied < value.length) {
    pieces.push(literalPiece(context, source, value.slice(copied), copied));
  }
  return { kind: 'string', pieces };
}

/** A computed value that stands for an unknown string spanning the call. */
function unknownString(value: HostValue, label: string): Computed {
  const symbol: SymbolSource = { short: '', long: '', sub: undefined };
  return { kind: 'string', pieces: [symbolPiece(standIn(label), value.offset, value.end, symbol)] };
}

/**
 * What a value yields once CloudFormation has run its intrinsic functions, as far as the template
 * says: literal text stays as written; references become stand-ins that know what they stand for
 * (the name or ARN of a bucket of this template, this account, a parameter's default); what
 * cannot be known becomes a stand-in string no rule reports on.
 */
export function evaluate(context: TemplateContext, value: HostValue): Computed {
  const template = context.template;
  if (value.kind === 'scalar') {
    return typeof value.value === 'string' ? { kind: 'string', pieces: [literalPiece(context, value, value.value, 0)] } : { kind: 'value', value };
  }
  if (value.kind !== 'call') {
    return { kind: 'value', value };
  }
  const argument = value.argument;
  const items = argument?.kind === 'seq' ? argument.items : [];
  switch (value.name) {
    case 'Ref': {
      const name = scalarText(argument);
      return name === undefined ? unknownString(value, 'ref') : reference(context, name, value.offset, value.end);
    }
    case 'Fn::GetAtt': {
      const [logicalId, name] = argument?.kind === 'scalar' ? splitOnce(scalarText(argument) ?? '') : [scalarText(items[0]), scalarText(items[1])];
      return logicalId && name ? attribute(context, logicalId, name, value.offset, value.end) : unknownString(value, 'attribute');
    }
    case 'Fn::Sub':
      return substitute(context, argument) ?? unknownString(value, 'sub');
    case 'Fn::Join': {
      const delimiter = scalarText(items[0]);
      const list = items[1] && evaluate(context, items[1]);
      if (delimiter === undefined || list?.kind !== 'list' && !(items[1]?.kind === 'seq')) {
        return unknownString(value, 'join');
      }
      const parts = list.kind === 'list' ? list.items : (items[1] as { items: HostValue[] }).items.map((item) => evaluate(context, item));
      const pieces: StringPiece[] = [];
      for (const [index, part] of parts.entries()) {
        if (part.kind !== 'string') {
          return unknownString(value, 'join');
        }
        if (index > 0 && delimiter !== '') {
          pieces.push(literalPiece(context, items[0] as HostScalar, delimiter, 0));
        }
        pieces.push(...part.pieces);
      }
      return { kind: 'string', pieces };
    }
    case 'Fn::If': {
      const [, whenTrue, whenFalse] = items;
      const branches = [whenTrue, whenFalse].filter((branch): branch is HostValue => branch !== undefined).map((branch) => evaluate(context, branch));
      const kept = branches.filter((branch) => branch.kind !== 'noValue');
      // With AWS::NoValue as one branch, the other is what the policy holds when it holds anything.
      return kept[0] ?? { kind: 'noValue' };
    }
    case 'Fn::Split': {
      const delimiter = scalarText(items[0]);
      const source = items[1] && evaluate(context, items[1]);
      if (delimiter && source?.kind === 'string' && source.pieces.every((piece) => piece.symbol === undefined)) {
        return { kind: 'list', offset: value.offset, end: value.end, items: source.pieces.map((piece) => piece.text).join('').split(delimiter).map((text) => ({ kind: 'string', pieces: [{ text, hostOffset: value.offset, hostEnd: value.end, offsets: undefined, symbol: undefined }] })) };
      }
      return { kind: 'list', offset: value.offset, end: value.end, items: [unknownString(value, 'split')] };
    }
    case 'Fn::Select': {
      const index = Number(scalarText(items[0]));
      const list = items[1] && (items[1].kind === 'seq' ? { kind: 'list' as const, items: items[1].items.map((item) => evaluate(context, item)) } : evaluate(context, items[1]));
      return list?.kind === 'list' && Number.isInteger(index) && list.items[index] ? list.items[index] : unknownString(value, 'select');
    }
    case 'Fn::FindInMap': {
      const [mapName, topKey, secondKey] = items.map(scalarText);
      const found = mapName && topKey && secondKey ? entryValue(entryValue(entryValue(template.mappings, mapName), topKey), secondKey) : undefined;
      return found ? evaluate(context, found) : unknownString(value, `${mapName ?? 'map'}-value`);
    }
    default:
      return unknownString(value, value.name.replace(/^Fn::/, ''));
  }
}

function splitOnce(text: string): [string | undefined, string | undefined] {
  const dot = text.indexOf('.');
  return dot > 0 ? [text.slice(0, dot), text.slice(dot + 1)] : [undefined, undefined];
}
