/* S3 Bucket Policy — MIT License. */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, Node as YamlNode, parseDocument, Scalar } from 'yaml';
import { HostEntry, HostMap, HostScalar, HostValue, movedScalar, movedValue, ScalarStyle } from '../hostValue';
import { LastReadings, Reading } from '../lastReadings';
import { splitTemplate, TemplateChunk } from './templateChunks';

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
 * Reads a YAML text (a template, or any YAML file that may be one) into host values, as
 * `parseYamlValues` reads it whole. A template is read piece by piece (templateChunks.ts), and a
 * piece whose text is unchanged since the last read of the document at `path` is not parsed again:
 * typing in one resource of a 1,000-line template parses that resource only. Never throws.
 */
export function readYamlValues(text: string, path = ''): YamlValues {
  const chunks = splitTemplate(text);
  if (!chunks) {
    return parseYamlValues(text);
  }
  const reading = keptPieces.start(path);
  try {
    return assemble(chunks, (chunk) => readPiece(text, chunk, reading)) ?? parseYamlValues(text);
  } finally {
    reading.finish();
  }
}

/** The host values of a template from its pieces, read by `read`; undefined when a piece is not one mapping entry. */
function assemble(chunks: TemplateChunk[], read: (chunk: TemplateChunk) => Piece | undefined): YamlValues | undefined {
  const topEntries: HostEntry[] = [];
  const problems: YamlProblem[] = [];
  /** The `Resources` mapping being assembled from its pieces. */
  let resources: HostMap | undefined;
  let root: { offset: number; end: number } | undefined;
  for (const chunk of chunks) {
    const piece = read(chunk);
    if (!piece) {
      return undefined;
    }
    problems.push(...piece.problems);
    root = { offset: root?.offset ?? piece.offset, end: piece.end };
    if (chunk.level === 'top') {
      resources = undefined;
      topEntries.push(piece.entry);
      continue;
    }
    if (!resources) {
      const resourcesEntry = topEntries.pop()!;
      resources = { kind: 'map', offset: piece.offset, end: piece.end, entries: [], flow: false };
      topEntries.push({ key: resourcesEntry.key, value: resources });
    }
    resources.entries.push(piece.entry);
    resources.end = piece.end;
  }
  return { root: root && { kind: 'map', offset: root.offset, end: root.end, entries: topEntries, flow: false }, problems };
}

/** A piece of a template read alone: its one mapping entry, the range of the mapping and its problems. */
interface Piece {
  entry: HostEntry;
  offset: number;
  end: number;
  problems: YamlProblem[];
}

/** A piece read before, with offsets into its own text, and its last placement in a document. */
interface ReadPiece {
  relative: Piece | undefined;
  placed: { at: number; piece: Piece } | undefined;
}

/** The pieces of each template's last reading, by text, for the most recent templates. */
const keptPieces = new LastReadings<ReadPiece>(32);

/** Forgets every piece read: the next read parses each again (for tests and benchmarks of a first read). */
export function forgetReadPieces(): void {
  keptPieces.clear();
}

/** A piece of `text` read (or found read before) and placed at its offset; undefined when it is not one mapping entry. */
function readPiece(text: string, chunk: TemplateChunk, reading: Reading<ReadPiece>): Piece | undefined {
  const pieceText = text.slice(chunk.offset, chunk.end);
  let known = reading.get(pieceText);
  if (!known) {
    const values = parseYamlValues(pieceText);
    const root = values.root;
    known = {
      relative: root?.kind === 'map' && !root.flow && root.entries.length === 1 ? { entry: root.entries[0], offset: root.offset, end: root.end, problems: values.problems } : undefined,
      placed: undefined,
    };
  }
  reading.keep(pieceText, known);
  if (!known.relative) {
    return undefined;
  }
  if (known.placed?.at !== chunk.offset) {
    known.placed = { at: chunk.offset, piece: placePiece(known.relative, chunk.offset) };
  }
  return known.placed.piece;
}

/** A piece read alone, moved to `delta` in the document. */
function placePiece(piece: Piece, delta: number): Piece {
  return {
    entry: { key: movedScalar(piece.entry.key, delta), value: piece.entry.value && movedValue(piece.entry.value, delta) },
    offset: piece.offset + delta,
    end: piece.end + delta,
    problems: piece.problems.map((problem) => ({ ...problem, offset: problem.offset + delta })),
  };
}

/**
 * Reads a YAML text whole with eemeli/yaml (YAML 1.2 core: `yes` stays a string and `012` a number
 * whose source keeps the zero; the CloudFormation reading of such scalars is a rule's business) into
 * host values. CloudFormation's short tags become calls; other tags are ignored. Never throws.
 */
export function parseYamlValues(text: string): YamlValues {
  let document: Document.Parsed;
  // eemeli/yaml makes an Error (a YAMLWarning "Unresolved tag") for every CloudFormation short tag,
  // and V8 captures a stack trace for each: on a 1,000-line template (233 tags) that was a quarter of
  // the parse (bench/run.mjs). Only their positions and messages are read, so no stacks are taken.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    document = parseDocument(text, { prettyErrors: false, strict: false, uniqueKeys: false, stringKeys: false });
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
