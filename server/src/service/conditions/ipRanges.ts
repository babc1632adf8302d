/* S3 Bucket Policy — MIT License. */
/**
 * IPv4 and IPv6 addresses and CIDR blocks as the IpAddress and NotIpAddress operators take them: a
 * bare address means the one address (/32, /128). Parsing, what is wrong with a value that is not
 * one, host bits, and the address blocks that never appear as a request's aws:SourceIp.
 */
import { memoize } from '../data/memoize';
import { memoizePerObject } from '../memoizePerObject';

/** An address or CIDR block, parsed. */
export interface IpRange {
  version: 4 | 6;
  /** The address as written, one number per byte (4 or 16). */
  bytes: number[];
  /** The prefix length: as written, or the full length (32, 128) for a bare address. */
  prefix: number;
  hasPrefix: boolean;
}

/** Why a value is not an address or CIDR block, and the value it most likely meant when that is mechanical. */
export interface IpProblem {
  message: string;
  repaired?: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(address: string): number[] | undefined {
  const match = IPV4.exec(address);
  const bytes = match?.slice(1).map(Number);
  return bytes?.every((byte) => byte <= 255) ? bytes : undefined;
}

function hexGroups(part: string): number[] | undefined {
  if (part === '') {
    return [];
  }
  const groups = part.split(':');
  return groups.every((group) => HEX_GROUP.test(group)) ? groups.map((group) => parseInt(group, 16)) : undefined;
}

function parseIpv6(address: string): number[] | undefined {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const embedded = parseIpv4(tail);
    if (!embedded) {
      return undefined;
    }
    text = `${text.slice(0, lastColon + 1)}${((embedded[0] << 8) | embedded[1]).toString(16)}:${((embedded[2] << 8) | embedded[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const head = hexGroups(halves[0]);
  const rest = halves.length === 2 ? hexGroups(halves[1]) : [];
  if (!head || !rest) {
    return undefined;
  }
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) {
    return undefined;
  }
  const groups = [...head, ...Array<number>(missing).fill(0), ...rest];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** No address or CIDR block is longer: longer text is not parsed (nor cached). */
const MAX_IP_LENGTH = 64;

const parseCached = memoize((text: string): IpRange | undefined => {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const version = address.includes(':') ? 6 : 4;
  const bytes = version === 4 ? parseIpv4(address) : parseIpv6(address);
  const bits = version === 4 ? 32 : 128;
  if (!bytes || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) {
    return undefined;
  }
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  return prefix <= bits ? { version, bytes, prefix, hasPrefix: prefixText !== undefined } : undefined;
});

/** Parses an address or CIDR block exactly as written (no spaces), or undefined when it is not one; the result is shared. */
export function parseIpRange(text: string): IpRange | undefined {
  return text.length > MAX_IP_LENGTH ? undefined : parseCached(text);
}

/** The bytes with every bit after the first `prefix` cleared. */
function masked(bytes: number[], prefix: number): number[] {
  return bytes.map((byte, index) => {
    const keep = Math.min(8, Math.max(0, prefix - index * 8));
    return byte & (0xff << (8 - keep)) & 0xff;
  });
}

/** True when the address has bits set after the prefix (`10.0.0.5/24`). */
export function hasHostBits(range: IpRange): boolean {
  return masked(range.bytes, range.prefix).some((byte, index) => byte !== range.bytes[index]);
}

function formatIpv6(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, index) => (bytes[index * 2] << 8) | bytes[index * 2 + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) {
      length++;
    }
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) {
    return hex.join(':');
  }
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The CIDR block's network address with its prefix, written canonically: `10.0.0.0/24`, `2001:db8::/32`. */
export function networkText(range: IpRange): string {
  const network = masked(range.bytes, range.prefix);
  const address = range.version === 4 ? network.join('.') : formatIpv6(network);
  return `${address}/${range.prefix}`;
}

/** True when every address of `range` lies inside `block`. */
function within(range: IpRange, block: IpRange): boolean {
  if (range.version !== block.version || range.prefix < block.prefix) {
    return false;
  }
  const network = masked(range.bytes, block.prefix);
  return network.every((byte, index) => byte === block.bytes[index]);
}

/**
 * Address blocks that never appear as the aws:SourceIp of a request: private networks (RFC 1918,
 * IPv6 unique local), loopback and link-local. Requests from a VPC reach S3 through a VPC endpoint,
 * which carries no aws:SourceIp, or through a NAT or internet gateway, which puts a public address in it.
 */
const NON_PUBLIC_BLOCKS: readonly { range: IpRange; name: string }[] = [
  ['10.0.0.0/8', 'a private network (RFC 1918)'],
  ['172.16.0.0/12', 'a private network (RFC 1918)'],
  ['192.168.0.0/16', 'a private network (RFC 1918)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['fc00::/7', 'an IPv6 unique local (private) network'],
  ['::1/128', 'IPv6 loopback'],
  ['fe80::/10', 'IPv6 link-local'],
].map(([cidr, name]) => ({ range: parseIpRange(cidr)!, name }));

/**
 * What kind of non-public block a range lies in entirely (`a private network (RFC 1918)`), or
 * undefined for ranges with public addresses. Once per parsed range (parseIpRange shares them).
 */
export const nonPublicBlock = memoizePerObject((range: IpRange): string | undefined => NON_PUBLIC_BLOCKS.find((block) => within(range, block.range))?.name);

/**
 * A dotted pattern with trailing wildcards as the CIDR block it means: `10.1.2.*` → `10.1.2.0/24`,
 * `10.1.*` and `10.1.*.*` → `10.1.0.0/16`. Undefined for anything else.
 */
export function wildcardToCidr(text: string): string | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3}){0,2})((?:\.\*)+)$/.exec(text);
  if (!match) {
    return undefined;
  }
  const octets = match[1].split('.');
  const stars = match[2].length / 2;
  if (octets.length + stars > 4 || octets.some((octet) => Number(octet) > 255)) {
    return undefined;
  }
  return `${[...octets, ...Array<string>(4 - octets.length).fill('0')].join('.')}/${octets.length * 8}`;
}

/** Why an IPv4-looking value (digits, dots, maybe a prefix) is not an address or CIDR block. */
function ipv4Problem(text: string): IpProblem {
  const [address, prefixText] = text.split('/');
  const octets = address.split('.');
  const tooLarge = octets.find((octet) => Number(octet) > 255);
  if (tooLarge !== undefined) {
    return { message: `${tooLarge} is more than 255: each of the four parts of an IPv4 address is 0 to 255.` };
  }
  if (prefixText === '') {
    return { message: 'Nothing follows the slash: write a prefix length from 0 to 32, or leave out the slash for one address.' };
  }
  if (prefixText !== undefined && Number(prefixText) > 32) {
    return { message: `/${prefixText} is not an IPv4 prefix length (0 to 32).` };
  }
  if (octets.includes('')) {
    return { message: `"${text}" has an empty part between dots: an IPv4 address has four parts from 0 to 255.` };
  }
  if (octets.length < 4 && prefixText !== undefined && Number(prefixText) <= octets.length * 8) {
    const repaired = `${[...octets, ...Array<string>(4 - octets.length).fill('0')].join('.')}/${prefixText}`;
    return { message: `An IPv4 address has four parts; "${text}" has ${octets.length}.`, repaired };
  }
  return { message: `An IPv4 address has four parts from 0 to 255, such as 203.0.113.0/24; "${text}" has ${octets.length}.` };
}

/** Why a value is not an address or CIDR block, or undefined when it is one. */
export function ipProblem(text: string): IpProblem | undefined {
  if (parseIpRange(text)) {
    return undefined;
  }
  const compact = text.replace(/\s+/g, '');
  if (compact !== text && compact !== '' && parseIpRange(compact)) {
    return { message: `"${text}" has spaces; an IP address or CIDR block has none.`, repaired: compact };
  }
  const fromWildcard = wildcardToCidr(compact);
  if (fromWildcard) {
    return { message: `IpAddress and NotIpAddress take CIDR blocks, not wildcards: "${text}" is written ${fromWildcard}.`, repaired: fromWildcard };
  }
  if (compact === '') {
    return { message: 'The value is empty: write an IP address or a CIDR block such as 203.0.113.0/24.' };
  }
  if (/^[\d.]+-[\d.]+$/.test(compact)) {
    return { message: 'IpAddress and NotIpAddress take CIDR blocks such as 203.0.113.0/24, not ranges from one address to another: list the blocks that cover the range.' };
  }
  if (/^\d+(\.\d*)*(\/\d*)?$/.test(compact)) {
    return ipv4Problem(compact);
  }
  if (compact.includes(':') && /^[0-9a-fA-F:.]+(\/\d*)?$/.test(compact)) {
    const [, prefixText] = compact.split('/');
    return prefixText !== undefined && Number(prefixText) > 128 && parseIpRange(compact.split('/')[0])
      ? { message: `/${prefixText} is not an IPv6 prefix length (0 to 128).` }
      : { message: `"${text}" is not a valid IPv6 address: eight groups of up to four hex digits, with "::" at most once for a run of zeros.` };
  }
  return { message: `"${text}" is not an IP address or a CIDR block such as 203.0.113.0/24 or 2001:db8::/32.` };
}
