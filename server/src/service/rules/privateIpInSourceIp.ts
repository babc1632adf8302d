/* S3 Bucket Policy — MIT License. */
import type { ConditionEntry } from '../conditionEntries';
import { removeElementEdit } from '../edits/removeArrayElement';
import { ipConditionEntries, NonPublicValue, nonPublicSourceIps } from '../conditions/ipConditions';
import type { Rule, RuleContext } from './rule';

const WHY = 'aws:SourceIp only ever holds public addresses: a request through a VPC endpoint carries no aws:SourceIp, and one over the internet (or through a NAT gateway) carries a public address.';
const INSTEAD = 'To match traffic from your VPC, use aws:VpcSourceIp together with aws:SourceVpc or aws:SourceVpce.';

function reportAll(context: RuleContext, entry: ConditionEntry, values: readonly NonPublicValue[]): void {
  const listed = values.length === 1 ? `${String(values[0].node.value)} is ${values[0].block}` : 'Every listed range is private, loopback or link-local';
  const effect = entry.baseOperator === 'IpAddress' ? 'this IpAddress condition never matches' : 'this NotIpAddress condition is true for every request and restricts nothing';
  context.report(entry.valueNode ?? entry.keyNode, `${listed}, so ${effect}. ${WHY} ${INSTEAD}`);
}

function reportSome(context: RuleContext, values: readonly NonPublicValue[]): void {
  for (const { node, block } of values) {
    const edit = removeElementEdit(node);
    context.report(node, `${String(node.value)} is ${block}, so this entry has no effect. ${WHY} Remove it. ${INSTEAD}`, {
      severity: 'information',
      fixes: edit ? [{ title: `Remove "${String(node.value)}"`, isPreferred: false, edits: [edit] }] : [],
    });
  }
}

/**
 * Private (RFC 1918, IPv6 unique local), loopback or link-local ranges in aws:SourceIp (Access
 * Analyzer "Private IP address", "Private NotIpAddress": errors when every range is such; "Private IP
 * address subset", "Private NotIpAddress subset": suggestions when some are). No request's
 * aws:SourceIp is ever in them, so IpAddress on them never matches and NotIpAddress on them always
 * does.
 */
export const privateIpInSourceIp: Rule = {
  id: 'privateIpInSourceIp',
  defaultSeverity: 'error',
  description: 'aws:SourceIp lists private, loopback or link-local ranges, which never match: use aws:VpcSourceIp with aws:SourceVpc/aws:SourceVpce for VPC traffic.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const entry of ipConditionEntries(context.policy)) {
      const values = nonPublicSourceIps(entry);
      if (values.length === 0) {
        continue;
      }
      if (values.length === entry.values.length) {
        reportAll(context, entry, values);
      } else {
        reportSome(context, values);
      }
    }
  },
};
