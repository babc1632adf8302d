/* S3 Bucket Policy — MIT License. */
import { memoizePerObject } from '../memoizePerObject';
import { stringValue } from '../parser/nodeUtils';
import type { PolicyDocument } from '../parser/policyDocument';

/** The Sids of a policy's statements, collected once per parsed document (a rule asks once per statement). */
const sidsOf = memoizePerObject((policy: PolicyDocument): Set<string | undefined> => new Set(policy.statements.map((statement) => stringValue(statement.elements.Sid?.valueNode))));

/**
 * The Sids a rule has proposed in one run, so that two statements are never offered the same new
 * Sid (fix-all applies them together), and, for each wanted Sid, the number to try next.
 */
export interface SidProposals {
  given: Set<string>;
  next: Map<string, number>;
}

/** An empty record of proposals, for one run of a rule. */
export function sidProposals(): SidProposals {
  return { given: new Set(), next: new Map() };
}

/**
 * `wanted`, or `wanted` with the lowest number from 2 up that makes it a Sid no statement of the
 * policy has yet and that `proposals` (when given) has not handed out; the result is recorded there.
 */
export function uniqueSid(policy: PolicyDocument, wanted: string, proposals: SidProposals = sidProposals()): string {
  const taken = sidsOf(policy);
  let counter = proposals.next.get(wanted) ?? 1;
  let sid = counter === 1 ? wanted : `${wanted}${counter}`;
  while (taken.has(sid) || proposals.given.has(sid)) {
    counter++;
    sid = `${wanted}${counter}`;
  }
  proposals.given.add(sid);
  proposals.next.set(wanted, counter + 1);
  return sid;
}
