/* S3 Bucket Policy — MIT License. */
import { stringValue } from '../parser/nodeUtils';
import type { PolicyDocument } from '../parser/policyDocument';

const sidsByPolicy = new WeakMap<PolicyDocument, Set<string | undefined>>();

/** The Sids of a policy's statements, collected once per parsed document (a rule asks once per statement). */
function sidsOf(policy: PolicyDocument): Set<string | undefined> {
  let sids = sidsByPolicy.get(policy);
  if (!sids) {
    sids = new Set(policy.statements.map((statement) => stringValue(statement.members.get('Sid')?.valueNode)));
    sidsByPolicy.set(policy, sids);
  }
  return sids;
}

/** `wanted`, or `wanted` with the lowest number from 2 up that makes it a Sid no statement of the policy has yet. */
export function uniqueSid(policy: PolicyDocument, wanted: string): string {
  const taken = sidsOf(policy);
  let sid = wanted;
  for (let counter = 2; taken.has(sid); counter++) {
    sid = `${wanted}${counter}`;
  }
  return sid;
}
