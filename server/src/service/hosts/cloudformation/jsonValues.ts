/* S3 Bucket Policy — MIT License. */
import { Node, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import type { HostEntry, HostScalar, HostValue } from '../hostValue';
import { INTRINSIC_NAMES } from './yamlValues';

/** A JSON text read into host values, with its syntax problems. */
export interface JsonValues {
  root: HostValue | undefined;
  problems: { offset: number; length: number; message: string }[];
}

/** Reads a JSON template into host values: a one-key object `{"Ref": …}` or `{"Fn::…": …}` is a call. */
export function readJsonValues(text: string): JsonValues {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    root: root && toHostValue(text, root),
    problems: errors.map((error) => ({ offset: error.offset, length: error.length, message: `JSON syntax: ${printParseErrorCode(error.error)}` })),
  };
}

function toScalar(text: string, node: Node): HostScalar {
  const source = text.slice(node.offset, node.offset + node.length);
  const value = node.value as string | number | boolean | null;
  const contentOffset = node.type === 'string' && source.slice(1, -1) === value ? node.offset + 1 : undefined;
  return { kind: 'scalar', offset: node.offset, end: node.offset + node.length, value, source, style: 'json', contentOffset };
}

function toHostValue(text: string, node: Node): HostValue | undefined {
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const entries: HostEntry[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key) {
          entries.push({ key: toScalar(text, key), value: value && toHostValue(text, value) });
        }
      }
      if (entries.length === 1 && INTRINSIC_NAMES.has(String(entries[0].key.value))) {
        return { kind: 'call', offset: node.offset, end, name: String(entries[0].key.value), argument: entries[0].value, short: false };
      }
      return { kind: 'map', offset: node.offset, end, entries, flow: true };
    }
    case 'array':
      return { kind: 'seq', offset: node.offset, end, items: (node.children ?? []).map((child) => toHostValue(text, child)).filter((child): child is HostValue => child !== undefined), flow: true };
    default:
      return toScalar(text, node);
  }
}
