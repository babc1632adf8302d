/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { conditionEntries, ConditionEntry } from '../conditionEntries';
import { wildcardRegExp } from '../data/awsData';
import { innerRange, stringValue } from '../parser/nodeUtils';
import type { Rule } from './rule';

/** Canned ACLs that open objects or the bucket to everyone, or to every AWS user. */
const PUBLIC_CANNED_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];
/** The grantee groups that mean everyone / every AWS user in the x-amz-grant-* headers. */
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/i;
const GRANT_KEYS = new Set(['s3:x-amz-grant-read', 's3:x-amz-grant-write', 's3:x-amz-grant-read-acp', 's3:x-amz-grant-write-acp', 's3:x-amz-grant-full-control']);

function publicAclIn(entry: ConditionEntry, value: Node): string | undefined {
  const text = String(value.value);
  const key = entry.lowerKey;
  if (key === 's3:x-amz-acl') {
    const like = entry.baseOperator.endsWith('Like');
    return PUBLIC_CANNED_ACLS.find((acl) => (like ? wildcardRegExp(text).test(acl) : acl === text.toLowerCase()));
  }
  return GRANT_KEYS.has(key) ? PUBLIC_GROUPS.exec(text)?.[1] : undefined;
}

/**
 * A condition that requires or permits a public ACL: an Allow whose `s3:x-amz-acl` must be
 * `public-read`, `public-read-write` or `authenticated-read` (or a pattern matching one), a Deny whose
 * `StringNotEquals` list exempts one, or an `x-amz-grant-*` value naming the AllUsers or
 * AuthenticatedUsers group.
 */
export const publicAcl: Rule = {
  id: 'publicAcl',
  defaultSeverity: 'warning',
  description: 'A condition requires or permits a public ACL (public-read, public-read-write, authenticated-read).',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      const effect = stringValue(statement.elements.Effect?.valueNode);
      for (const entry of conditionEntries(statement)) {
        const negated = /Not(Equals|Like)/.test(entry.baseOperator);
        if (!entry.baseOperator.startsWith('String') || (effect === 'Allow' && negated) || (effect === 'Deny' && !negated) || (effect !== 'Allow' && effect !== 'Deny')) {
          continue;
        }
        for (const value of entry.values) {
          const acl = publicAclIn(entry, value);
          if (!acl) {
            continue;
          }
          const how = effect === 'Allow' ? 'This Allow lets uploads and ACL changes' : 'This Deny exempts requests that';
          const what = acl.endsWith('Users') ? `grant access to the ${acl} group` : `set the "${acl}" ACL`;
          context.report(innerRange(value), `${how} ${what}, which opens objects to ${acl.startsWith('auth') || acl === 'AuthenticatedUsers' ? 'every AWS account' : 'everyone on the internet'}. Require "bucket-owner-full-control" instead, or disable ACLs altogether (Object Ownership "bucket owner enforced").`);
        }
      }
    }
  },
};
