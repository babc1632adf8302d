/* S3 Bucket Policy — MIT License. */
import type { HostMap, HostScalar, HostSeq, HostValue } from './hostValue';

/**
 * A policy written inside another document (a template, a Terraform file), seen as the JSON text
 * S3 would receive: the rules read that text as they read a policy file, and every character of it
 * knows where it came from in the host document.
 *
 * - `hostStart[i]`..`hostEnd[i]` is the host span of view character `i`: one character for a
 *   character written as itself, the whole span of what produced it otherwise (a `!GetAtt`, an
 *   escape), an empty span at the node's edge for punctuation the view adds (quotes, commas).
 * - `flagged[i]` is 1 for characters that stand for a value the host computes and we cannot know
 *   (`!Ref VpceId`, `var.x`), 2 for a stand-in of a value we know for what it is (the name or ARN of
 *   a bucket of the template or module), 0 for text the author wrote. A finding about characters
 *   of the first kind is not about anything the author wrote; no fix rewrites either kind.
 */
export interface PolicyView {
  text: string;
  hostStart: Int32Array;
  hostEnd: Int32Array;
  flagged: Uint8Array;
  /** The view's string tokens that come from one host scalar, in view order. */
  scalars: ViewScalar[];
  /** The view's objects and arrays that come from one host mapping or sequence. */
  containers: ViewContainer[];
  /** View tokens made by the host from computed values, keyed by the string value, with how the host writes them. */
  symbols: Map<string, SymbolSource>;
}

/** A view token (a string, number, boolean or key) that a host scalar wrote directly. */
export interface ViewScalar {
  viewOffset: number;
  viewEnd: number;
  host: HostScalar;
  isKey: boolean;
}

/** A view object or array written from a host mapping or sequence, with its children's view spans. */
export interface ViewContainer {
  viewOffset: number;
  viewEnd: number;
  host: HostMap | HostSeq;
  /** For a sequence: one per item written; for a mapping: one per entry (key start to value end). */
  children: ViewChild[];
}

/** An item or entry of a view container: its view span (an entry's starts at its key), where its value starts, its host nodes. */
export interface ViewChild {
  viewOffset: number;
  valueViewOffset: number;
  viewEnd: number;
  host: HostValue | undefined;
  keyHost?: HostScalar;
}

/** How the host writes a value it computes, for fixes that need to write it again. */
export interface SymbolSource {
  /** The expression in the host's short syntax (`!GetAtt LogsBucket.Arn`), and in its long syntax. */
  short: string;
  long: string;
  /** The `${…}` form for use inside a larger `Fn::Sub` string, when there is one. */
  sub: string | undefined;
}

/** Whether view text stands for a computed value: no (`false`), one we cannot know (`true`), or a known one (`'known'`). */
export type StandIn = boolean | 'known';

/** Builds a view: appends JSON text and records where each character comes from. */
export class ViewWriter {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly flags: number[] = [];
  readonly scalars: ViewScalar[] = [];
  readonly containers: ViewContainer[] = [];
  readonly symbols = new Map<string, SymbolSource>();

  get offset(): number {
    return this.length;
  }

  /** Text the view adds, each character mapped to an empty span at `hostOffset`. */
  punctuation(text: string, hostOffset: number, flagged: StandIn = false): void {
    this.append(text, () => hostOffset, () => hostOffset, flagged);
  }

  /** Text that stands for the whole host span `[hostOffset, hostEnd)`. */
  spanning(text: string, hostOffset: number, hostEnd: number, flagged: StandIn): void {
    this.append(text, () => hostOffset, () => hostEnd, flagged);
  }

  /**
   * The content of a JSON string (without its quotes) for a text whose character `i` spans host
   * offsets `offsetOf(i)` to `offsetOf(i + 1)`; JSON escapes map to the character they escape.
   */
  exactContent(value: string, offsetOf: (index: number) => number): void {
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      // Most characters are written as themselves in JSON; the others as JSON.stringify escapes them.
      const escaped = code >= 0x20 && code !== 0x22 && code !== 0x5c && (code < 0xd800 || code > 0xdfff) ? value[index] : JSON.stringify(value[index]).slice(1, -1);
      const hostOffset = offsetOf(index);
      // Where the next character starts, when the caller knows it (an escape spans up to there).
      const next = offsetOf(index + 1);
      const hostEnd = Number.isFinite(next) && next > hostOffset ? next : hostOffset + 1;
      this.append(escaped, () => hostOffset, () => hostEnd, false);
    }
  }

  /**
   * Text copied as it is (a policy written as a JSON string): character `i` spans host offsets
   * `offsets[i]` to `offsets[i + 1]` (an escape, or a line break with the next line's indentation).
   */
  copied(text: string, offsets: ArrayLike<number>): void {
    this.append(text, (index) => offsets[index], (index) => (index + 1 < offsets.length && offsets[index + 1] > offsets[index] ? offsets[index + 1] : offsets[index] + 1), false);
  }

  /** A JSON string's content standing for the span `[hostOffset, hostEnd)` as a whole. */
  spanningContent(value: string, hostOffset: number, hostEnd: number, flagged: StandIn): void {
    this.spanning(JSON.stringify(value).slice(1, -1), hostOffset, hostEnd, flagged);
  }

  /** A whole scalar written by the host: a string, number, boolean or null token. */
  scalar(host: HostScalar, isKey: boolean, json?: string): void {
    const viewOffset = this.length;
    if (json !== undefined) {
      this.spanning(json, host.offset, host.end, false);
    } else {
      const value = typeof host.value === 'string' ? host.value : host.source;
      this.punctuation('"', host.offset);
      if (host.contentOffset !== undefined) {
        const contentOffset = host.contentOffset;
        this.exactContent(value, (index) => contentOffset + index);
      } else {
        this.spanningContent(value, host.offset, host.end, false);
      }
      this.punctuation('"', host.end);
    }
    this.scalars.push({ viewOffset, viewEnd: this.length, host, isKey });
  }

  build(): PolicyView {
    return {
      text: this.parts.join(''),
      hostStart: Int32Array.from(this.starts),
      hostEnd: Int32Array.from(this.ends),
      flagged: Uint8Array.from(this.flags),
      scalars: this.scalars,
      containers: this.containers,
      symbols: this.symbols,
    };
  }

  private append(text: string, start: (index: number) => number, end: (index: number) => number, flagged: StandIn): void {
    this.parts.push(text);
    for (let index = 0; index < text.length; index++) {
      this.starts.push(start(index));
      this.ends.push(end(index));
      this.flags.push(flagged === 'known' ? 2 : flagged ? 1 : 0);
    }
    this.length += text.length;
  }
}

/** The host span of the view span `[offset, offset + length)`. */
export function hostRangeOf(view: PolicyView, offset: number, length: number): { offset: number; length: number } {
  const size = view.text.length;
  if (size === 0) {
    return { offset: 0, length: 0 };
  }
  const first = Math.min(Math.max(offset, 0), size - 1);
  const start = offset >= size ? view.hostEnd[size - 1] : view.hostStart[first];
  const last = Math.min(Math.max(offset + length - 1, 0), size - 1);
  const end = length === 0 ? start : Math.max(start, view.hostEnd[last]);
  return { offset: start, length: end - start };
}

/** The view scalar token containing view offset `offset`, if any. */
export function scalarAt(view: PolicyView, offset: number): ViewScalar | undefined {
  let low = 0;
  let high = view.scalars.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const scalar = view.scalars[middle];
    if (offset < scalar.viewOffset) {
      high = middle - 1;
    } else if (offset >= scalar.viewEnd) {
      low = middle + 1;
    } else {
      return scalar;
    }
  }
  return undefined;
}

/**
 * True when view characters `[offset, end)` hold one that stands for a computed value: one we
 * cannot know (`'unknown'`), or any stand-in, known ones included (`'any'`).
 */
export function holdsStandIn(view: PolicyView, offset: number, end: number, kind: 'unknown' | 'any'): boolean {
  for (let index = Math.max(offset, 0); index < Math.min(end, view.text.length); index++) {
    if (kind === 'any' ? view.flagged[index] !== 0 : view.flagged[index] === 1) {
      return true;
    }
  }
  return false;
}

/**
 * True when a view span lies inside one token and touches a character that stands for a value we
 * cannot know: a finding there would be about the placeholder, not about what the author wrote.
 */
export function isAboutComputedValue(view: PolicyView, offset: number, length: number): boolean {
  if (!holdsStandIn(view, offset, offset + Math.max(length, 1), 'unknown')) {
    return false;
  }
  const first = view.text[offset];
  // A token: a string (quotes included) or a part of one; structures start with { or [.
  return first !== '{' && first !== '[';
}

/** The view offset of a host offset: the first view character whose host span holds it (or starts at it). */
export function viewOffsetOf(view: PolicyView, hostOffset: number): number | undefined {
  let best: number | undefined;
  for (let index = 0; index < view.text.length; index++) {
    const start = view.hostStart[index];
    const end = view.hostEnd[index];
    if (start <= hostOffset && hostOffset < end) {
      return index;
    }
    if (best === undefined && start === hostOffset && end === hostOffset) {
      best = index;
    }
  }
  return best;
}

/**
 * The view of a policy whose host text moved by `delta` unchanged: the same text and flags, each
 * host span moved, each host node replaced by `moved(node)`, its counterpart at the new place.
 * Undefined when `moved` has none for a node, or when `within` is given and the view reads host
 * text outside it, which did not move with the policy.
 */
export function movedView(view: PolicyView, delta: number, moved: <T extends HostValue>(node: T) => T | undefined, within?: { from: number; to: number }): PolicyView | undefined {
  if (within && view.hostStart.some((start, index) => start < within.from || view.hostEnd[index] > within.to)) {
    return undefined;
  }
  const nodes = [...view.scalars.map((scalar) => scalar.host), ...view.containers.flatMap((container) => [container.host, ...container.children.flatMap((child) => [child.host, child.keyHost])])];
  const counterparts = new Map(nodes.flatMap((node) => (node ? [[node, moved(node)] as const] : [])));
  if ([...counterparts.values()].includes(undefined)) {
    return undefined;
  }
  const node = <T extends HostValue>(old: T): T => counterparts.get(old) as T;
  return {
    text: view.text,
    // Unmoved (a JSON template is read again whole), the spans stay as they are.
    hostStart: delta === 0 ? view.hostStart : view.hostStart.map((offset) => offset + delta),
    hostEnd: delta === 0 ? view.hostEnd : view.hostEnd.map((offset) => offset + delta),
    flagged: view.flagged,
    scalars: view.scalars.map((scalar) => ({ ...scalar, host: node(scalar.host) })),
    containers: view.containers.map((container) => ({
      ...container,
      host: node(container.host),
      children: container.children.map((child) => ({ ...child, host: child.host && node(child.host), ...(child.keyHost ? { keyHost: node(child.keyHost) } : {}) })),
    })),
    symbols: new Map(view.symbols),
  };
}
