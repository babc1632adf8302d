/* S3 Bucket Policy — MIT License. */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node as YamlNode, parseDocument, Scalar } from 'yaml';
import type { HostEntry, HostScalar, HostValue, ScalarStyle } from '../hostValue';

/** The YAML short tags of CloudFormation and the long names they stand for. */
const SHORT_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
};
for (const name of ['Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Transform', 'GetStackOutput', 'ToJsonString', 'Length', 'ForEach']) {
  SHORT_TAGS[`!${name}`] = `Fn::${name}`;
}

/** The long names of intrinsic functions: a one-key mapping with one of these keys is a call. */
export const INTRINSIC_NAMES: ReadonlySet<string> = new Set(Object.values(SHORT_TAGS));

/** A YAML problem the CLI reports (the editor leaves YAML syntax to the YAML extensions). */
export interface YamlProblem {
  offset: number;
  length: number;
  message: string;
}

/** A YAML document read into host values. */
export interface YamlValues {
  root: HostValue | undefined;
  problems: YamlProblem[];
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'blockLiteral',
  BLOCK_FOLDED: 'blockFolded',
};

/**
 * Reads a YAML text with eemeli/yaml (YAML 1.2 core: `yes` stays a string and `012` a number whose
 * source keeps the zero; the CloudFormation reading of such scalars is a rule's business) into host
 * values. CloudFormation's short tags become calls; other tags are ignored. Never throws.
 */
export function readYamlValues(text: string): YamlValues {
  let document: Document.Parsed;
  // eemeli/yaml makes an Error (a YAMLWarning "Unresolved tag") for every CloudFormation short tag,
  // and V8 captures a stack trace for each: on a 1,000-line template (233 tags) that was a quarter of
  // the parse (bench/run.mjs). Only their positions and messages are read, so no stacks are taken.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    document = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, strict: false, uniqueKeys: false, stringKeys: false });
  } catch (error) {
    return { root: undefined, problems: [{ offset: 0, length: 0, message: `The YAML could not be read: ${(error as Error).message}` }] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  // The parser may place an error at the end of the text plus one: keep every problem inside the text.
  const clamp = (offset: number) => Math.min(Math.max(offset, 0), text.length);
  const problems = document.errors.map((error) => ({ offset: clamp(error.pos[0]), length: Math.max(0, clamp(error.pos[1]) - clamp(error.pos[0])), message: error.message.split('\n')[0] }));
  return { root: toHostValue(text, document.contents as YamlNode | null), problems };
}

/** Where a node's tag starts, searching back from the node over whitespace. */
function tagStart(text: string, tag: string, nodeOffset: number): number {
  const found = text.lastIndexOf(tag, nodeOffset);
  return found >= 0 && text.slice(found + tag.length, nodeOffset).trim() === '' ? found : nodeOffset;
}

function toScalar(text: string, node: Scalar): HostScalar {
  const [offset, end] = node.range ?? [0, 0];
  const style = STYLES[node.type ?? 'PLAIN'] ?? 'plain';
  const source = text.slice(offset, end);
  const value = node.value as string | number | boolean | null | bigint | Date;
  let contentOffset: number | undefined;
  if (typeof value === 'string') {
    if (style === 'plain' && source === value) {
      contentOffset = offset;
    } else if ((style === 'single' || style === 'double') && source.slice(1, -1) === value) {
      contentOffset = offset + 1;
    }
  }
  return { kind: 'scalar', offset, end, value: typeof value === 'bigint' ? Number(value) : value instanceof Date ? source : value, source, style, contentOffset };
}

function toHostValue(text: string, node: YamlNode | Alias | null | undefined): HostValue | undefined {
  if (!node || isAlias(node)) {
    return undefined;
  }
  const [nodeOffset, nodeEnd] = node.range ?? [0, 0];
  let value: HostValue | undefined;
  if (isScalar(node)) {
    value = toScalar(text, node);
  } else if (isMap(node)) {
    const entries: HostEntry[] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key)) {
        continue;
      }
      entries.push({ key: toScalar(text, key), value: toHostValue(text, pair.value as YamlNode | null) });
    }
    value = { kind: 'map', offset: nodeOffset, end: trimEnd(text, nodeOffset, nodeEnd), entries, flow: node.flow === true };
    if (entries.length === 1 && !node.tag && INTRINSIC_NAMES.has(String(entries[0].key.value))) {
      return { kind: 'call', offset: nodeOffset, end: value.end, name: String(entries[0].key.value), argument: entries[0].value, short: false };
    }
  } else if (isSeq(node)) {
    const items: HostValue[] = [];
    for (const item of node.items) {
      const hostItem = toHostValue(text, item as YamlNode | null);
      if (hostItem) {
        items.push(hostItem);
      }
    }
    value = { kind: 'seq', offset: nodeOffset, end: trimEnd(text, nodeOffset, nodeEnd), items, flow: node.flow === true };
  }
  const longName = node.tag ? SHORT_TAGS[node.tag] : undefined;
  if (value && longName) {
    return { kind: 'call', offset: tagStart(text, node.tag!, value.offset), end: value.end, name: longName, argument: value, short: true };
  }
  return value;
}

/** A block collection's range runs over the line break and comments after it; the value ends at its last non-blank character. */
function trimEnd(text: string, offset: number, end: number): number {
  let last = end;
  while (last > offset && /\s/.test(text[last - 1])) {
    last--;
  }
  return last;
}
