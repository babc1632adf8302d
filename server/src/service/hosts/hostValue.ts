/* S3 Bucket Policy — MIT License. */
/**
 * The value tree a host hands to the policy layer: mappings, sequences and scalars with their
 * ranges in the host document, read from YAML or JSON alike. Intrinsic functions are nodes of their
 * own (`call`), so the CloudFormation semantics are written once for both syntaxes.
 */

/** How a scalar is written in the host, so an edit can write its replacement the same way. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'blockLiteral' | 'blockFolded' | 'json';

/** A scalar: a string, number, boolean or null as the host reads it. */
export interface HostScalar {
  kind: 'scalar';
  /** The scalar's whole source range (quotes included; a tag is not part of it). */
  offset: number;
  end: number;
  /** The value as the host format reads it (YAML 1.2 core or JSON). */
  value: string | number | boolean | null;
  /** The source text of the scalar (quotes included). */
  source: string;
  style: ScalarStyle;
  /**
   * Where each character of a string value is in the document, when every character is written as
   * itself (a plain or quoted scalar without escapes or line folding): `contentOffset + i`.
   */
  contentOffset: number | undefined;
}

/** A key of a mapping with its value (missing while typing). */
export interface HostEntry {
  key: HostScalar;
  value: HostValue | undefined;
}

export interface HostMap {
  kind: 'map';
  offset: number;
  end: number;
  entries: HostEntry[];
  /** `{ … }` in YAML and every JSON object. */
  flow: boolean;
}

export interface HostSeq {
  kind: 'seq';
  offset: number;
  end: number;
  items: HostValue[];
  /** `[ … ]` in YAML and every JSON array. */
  flow: boolean;
}

/** An intrinsic function call: `!Ref X` or `{"Ref": "X"}`, `!Sub …`, `Fn::GetAtt: […]`. */
export interface HostCall {
  kind: 'call';
  offset: number;
  end: number;
  /** The long name: `Ref`, `Fn::GetAtt`, `Fn::Sub`, … (a YAML short tag `!Sub` reads as `Fn::Sub`). */
  name: string;
  argument: HostValue | undefined;
  /** True for the YAML short form (`!Sub`), false for the long form (`Fn::Sub:` or `{"Fn::Sub": …}`). */
  short: boolean;
}

export type HostValue = HostScalar | HostMap | HostSeq | HostCall;

/** The value of a key in a mapping, or undefined. */
export function entryValue(map: HostValue | undefined, key: string): HostValue | undefined {
  return map?.kind === 'map' ? map.entries.find((entry) => entry.key.value === key)?.value : undefined;
}

/** The entry of a key in a mapping, or undefined. */
export function findEntry(map: HostValue | undefined, key: string): HostEntry | undefined {
  return map?.kind === 'map' ? map.entries.find((entry) => entry.key.value === key) : undefined;
}

/** A scalar's value as a string (numbers and booleans as written), or undefined for other nodes. */
export function scalarText(value: HostValue | undefined): string | undefined {
  if (value?.kind !== 'scalar' || value.value === null) {
    return undefined;
  }
  return typeof value.value === 'string' ? value.value : value.style === 'plain' || value.style === 'json' ? value.source : String(value.value);
}

/**
 * Pairs the nodes of two trees read from the same text at different places (`old` and `moved`),
 * node for node, into `pairs`. False when their shapes differ.
 */
export function pairNodes(old: HostValue, moved: HostValue, pairs: Map<HostValue, HostValue>): boolean {
  if (old.kind !== moved.kind) {
    return false;
  }
  pairs.set(old, moved);
  switch (old.kind) {
    case 'scalar':
      return true;
    case 'map': {
      const entries = (moved as HostMap).entries;
      return old.entries.length === entries.length && old.entries.every((entry, index) => {
        const other = entries[index];
        pairs.set(entry.key, other.key);
        return entry.value === undefined ? other.value === undefined : other.value !== undefined && pairNodes(entry.value, other.value, pairs);
      });
    }
    case 'seq': {
      const items = (moved as HostSeq).items;
      return old.items.length === items.length && old.items.every((item, index) => pairNodes(item, items[index], pairs));
    }
    case 'call': {
      const argument = (moved as HostCall).argument;
      return old.argument === undefined ? argument === undefined : argument !== undefined && pairNodes(old.argument, argument, pairs);
    }
  }
}

/** A scalar read again `delta` further in its document. */
export function movedScalar(scalar: HostScalar, delta: number): HostScalar {
  const { value, source, style, contentOffset } = scalar;
  return { kind: 'scalar', offset: scalar.offset + delta, end: scalar.end + delta, value, source, style, contentOffset: contentOffset === undefined ? undefined : contentOffset + delta };
}

/** A value read again `delta` further in its document. */
export function movedValue(value: HostValue, delta: number): HostValue {
  switch (value.kind) {
    case 'scalar':
      return movedScalar(value, delta);
    case 'map':
      return { ...value, offset: value.offset + delta, end: value.end + delta, entries: value.entries.map((entry) => ({ key: movedScalar(entry.key, delta), value: entry.value && movedValue(entry.value, delta) })) };
    case 'seq':
      return { ...value, offset: value.offset + delta, end: value.end + delta, items: value.items.map((item) => movedValue(item, delta)) };
    case 'call':
      return { ...value, offset: value.offset + delta, end: value.end + delta, argument: value.argument && movedValue(value.argument, delta) };
  }
}
