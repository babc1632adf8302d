/* S3 Bucket Policy — MIT License. */
import { stringValue } from '../parser/nodeUtils';
import type { PolicyDocument } from '../parser/policyDocument';

/** `wanted`, or `wanted` with the lowest number from 2 up that makes it a Sid no statement of the policy has yet. */
export function uniqueSid(policy: PolicyDocument, wanted: string): string {
  const taken = new Set(policy.statements.map((statement) => stringValue(statement.members.get('Sid')?.valueNode)));
  let sid = wanted;
  for (let counter = 2; taken.has(sid); counter++) {
    sid = `${wanted}${counter}`;
  }
  return sid;
}
