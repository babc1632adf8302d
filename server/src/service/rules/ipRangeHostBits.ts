/* S3 Bucket Policy — MIT License. */
import { ipConditionEntries, nonPublicSourceIps } from '../conditions/ipConditions';
import { hasHostBits, networkText, parseIpRange } from '../conditions/ipRanges';
import { replaceStringEdit } from '../edits/jsonEdits';
import type { Rule } from './rule';

/**
 * A CIDR block written with host bits set (Access Analyzer "Improve IP range"): `10.0.0.5/24` means
 * the block 10.0.0.0/24, every address from 10.0.0.0 to 10.0.0.255, which is easy to misread as the
 * one address. The fix writes the network address; a second fix narrows it to the one address (/32,
 * /128). Silent on aws:SourceIp ranges privateIpInSourceIp already reports.
 */
export const ipRangeHostBits: Rule = {
  id: 'ipRangeHostBits',
  defaultSeverity: 'information',
  description: 'A CIDR block has host bits set (10.0.0.5/24): write its network address (10.0.0.0/24) so the range reads as what it is.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const entry of ipConditionEntries(context.policy)) {
      const reported = new Set(nonPublicSourceIps(entry).map((value) => value.node));
      for (const node of entry.values) {
        const value = String(node.value);
        const range = node.type === 'string' && !reported.has(node) ? parseIpRange(value) : undefined;
        if (!range || !hasHostBits(range)) {
          continue;
        }
        const network = networkText(range);
        const single = `${value.slice(0, value.indexOf('/'))}/${range.version === 4 ? 32 : 128}`;
        context.report(node, `"${value}" has host bits set: it means the whole block ${network}, not the one address ${value.slice(0, value.indexOf('/'))}. Write "${network}", or "${single}" for that address alone.`, {
          fixes: [
            { title: `Change to "${network}"`, isPreferred: true, edits: [replaceStringEdit(node, network)] },
            { title: `Change to "${single}"`, isPreferred: false, edits: [replaceStringEdit(node, single)] },
          ],
        });
      }
    }
  },
};
