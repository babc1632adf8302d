/* S3 Bucket Policy — MIT License. */
/** Whether an address lies in a CIDR block, IPv4 or IPv6 (IAM-OPS IP operators; EVALUATION-FACTS §2.7). */
import { IpRange, parseIpRange } from '../conditions/ipRanges';

/** True when the first `prefix` bits of the two byte lists agree. */
function samePrefix(a: readonly number[], b: readonly number[], prefix: number): boolean {
  for (let index = 0; index * 8 < prefix; index++) {
    const bits = Math.min(8, prefix - index * 8);
    const mask = (0xff << (8 - bits)) & 0xff;
    if ((a[index] & mask) !== (b[index] & mask)) {
      return false;
    }
  }
  return true;
}

/**
 * True when `address` (a request's aws:SourceIp) lies in `block` (a policy value). A block without
 * a prefix is the one address (/32, /128); host bits in a block are ignored (the network is meant).
 * Undefined when either side is not an address.
 */
export function ipInBlock(address: string, block: string): boolean | undefined {
  const requestRange = parseIpRange(address.trim());
  const policyRange = parseIpRange(block.trim());
  if (!requestRange || !policyRange) {
    return undefined;
  }
  return contains(policyRange, requestRange);
}

function contains(block: IpRange, address: IpRange): boolean {
  return block.version === address.version && address.prefix >= block.prefix && samePrefix(block.bytes, address.bytes, block.prefix);
}
