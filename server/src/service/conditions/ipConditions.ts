/* S3 Bucket Policy — MIT License. */
/** The IP address conditions of a policy, and the aws:SourceIp values no request ever has. */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry } from '../conditionEntries';
import { memoizePerObject } from '../memoizePerObject';
import type { PolicyDocument } from '../parser/policyDocument';
import { IpRange, nonPublicBlock, parseIpRange } from './ipRanges';
import { policyConditionEntries } from './policyConditions';

/** The condition entries of a policy under IpAddress or NotIpAddress whose key takes IP addresses (or is unknown). */
export const ipConditionEntries = memoizePerObject((policy: PolicyDocument): readonly ConditionEntry[] => policyConditionEntries(policy)
  .filter(({ family, fits }) => family === 'IpAddress' && fits)
  .map(({ entry }) => entry));

/** A value of aws:SourceIp that lies entirely in a block no request's aws:SourceIp is ever in. */
export interface NonPublicValue {
  node: Node;
  range: IpRange;
  /** What the block is, in words: `a private network (RFC 1918)`, `loopback`, … */
  block: string;
}

/** The values of an aws:SourceIp entry of ipConditionEntries that are private, loopback or link-local. */
export const nonPublicSourceIps = memoizePerObject((entry: ConditionEntry): readonly NonPublicValue[] => {
  if (entry.lowerKey !== 'aws:sourceip') {
    return [];
  }
  return entry.values.flatMap((node) => {
    const range = node.type === 'string' ? parseIpRange(String(node.value)) : undefined;
    const block = range && nonPublicBlock(range);
    return range && block ? [{ node, range, block }] : [];
  });
});
