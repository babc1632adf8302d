/* S3 Bucket Policy — MIT License. */
import type { HostScalar } from './hostValue';

/**
 * Where each character of a string scalar's value is in the host text, when it can be told: a
 * scalar written as itself, a YAML literal block (`|`, indentation stripped), or a JSON or YAML
 * double-quoted string with escapes (an escape maps to its first character). One entry more than
 * the value has characters: where the value ends, so that character `i` spans `[offsets[i],
 * offsets[i + 1])`, a whole escape or a line break with the next line's indentation. Undefined for
 * folded and multi-line flow scalars, whose line breaks the parser rewrote.
 */
export function scalarCharOffsets(text: string, scalar: HostScalar): Int32Array | undefined {
  // Asked for once per piece and per check of the same scalar: kept with it.
  if (!computed.has(scalar)) {
    computed.set(scalar, charOffsets(text, scalar));
  }
  return computed.get(scalar);
}

/** The character offsets of each scalar asked about, for as long as the scalar lives. */
const computed = new WeakMap<HostScalar, Int32Array | undefined>();

function charOffsets(text: string, scalar: HostScalar): Int32Array | undefined {
  if (typeof scalar.value !== 'string') {
    return undefined;
  }
  const value = scalar.value;
  if (scalar.contentOffset !== undefined) {
    return Int32Array.from({ length: value.length + 1 }, (_, index) => scalar.contentOffset! + index);
  }
  if (scalar.style === 'blockLiteral') {
    return blockLiteralOffsets(text, scalar, value);
  }
  if ((scalar.style === 'json' || scalar.style === 'double') && !scalar.source.includes('\n')) {
    return doubleQuotedOffsets(scalar, value);
  }
  return undefined;
}

/** A literal block: the lines after the header, each without the block's indentation. */
function blockLiteralOffsets(text: string, scalar: HostScalar, value: string): Int32Array | undefined {
  const headerEnd = text.indexOf('\n', scalar.offset);
  if (headerEnd < 0) {
    return undefined;
  }
  const offsets = new Int32Array(value.length + 1);
  let hostIndex = headerEnd + 1;
  let valueIndex = 0;
  let indent = -1;
  while (valueIndex < value.length && hostIndex <= text.length) {
    const lineEnd = text.indexOf('\n', hostIndex) < 0 ? text.length : text.indexOf('\n', hostIndex);
    const line = text.slice(hostIndex, lineEnd).replace(/\r$/, '');
    if (indent < 0 && line.trim() !== '') {
      indent = line.length - line.trimStart().length;
    }
    const skip = Math.min(Math.max(indent, 0), line.length - line.trimStart().length);
    const content = line.slice(skip);
    for (let index = 0; index < content.length && valueIndex < value.length; index++) {
      if (value[valueIndex] !== content[index]) {
        return undefined;
      }
      offsets[valueIndex++] = hostIndex + skip + index;
    }
    if (valueIndex < value.length && value[valueIndex] === '\n') {
      // A block that ends the text without a line break still ends its value with one: map it to the last character.
      offsets[valueIndex++] = Math.min(hostIndex + line.length, text.length - 1);
    }
    hostIndex = lineEnd + 1;
  }
  if (valueIndex !== value.length) {
    return undefined;
  }
  offsets[value.length] = value.length > 0 ? Math.min(offsets[value.length - 1] + 1, text.length) : headerEnd + 1;
  return offsets;
}

/** A double-quoted string on one line: each escape sequence maps to the character it writes. */
function doubleQuotedOffsets(scalar: HostScalar, value: string): Int32Array | undefined {
  const source = scalar.source;
  const offsets = new Int32Array(value.length + 1);
  let sourceIndex = 1;
  let valueIndex = 0;
  while (sourceIndex < source.length - 1 && valueIndex < value.length) {
    const start = scalar.offset + sourceIndex;
    if (source[sourceIndex] === '\\') {
      const kind = source[sourceIndex + 1];
      const width = kind === 'u' ? 6 : kind === 'U' ? 10 : kind === 'x' ? 4 : 2;
      const written = kind === 'U' ? String.fromCodePoint(parseInt(source.slice(sourceIndex + 2, sourceIndex + 10), 16)).length : 1;
      for (let index = 0; index < written; index++) {
        offsets[valueIndex++] = start;
      }
      sourceIndex += width;
    } else {
      offsets[valueIndex++] = start;
      sourceIndex++;
    }
  }
  if (valueIndex !== value.length) {
    return undefined;
  }
  offsets[value.length] = scalar.offset + sourceIndex;
  return offsets;
}
