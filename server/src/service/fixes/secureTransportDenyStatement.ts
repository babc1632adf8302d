/* S3 Bucket Policy — MIT License. */
import type { PolicyDocument } from '../parser/policyDocument';
import { findPolicyBucket } from '../secureTransport';

/** Shown in the bucket ARN when the policy names no bucket; the `placeholder` reading of it is deliberate. */
export const BUCKET_PLACEHOLDER = '<your-bucket-name>';

function uniqueSid(policy: PolicyDocument, wanted: string): string {
  const taken = new Set(policy.statements.map((statement) => statement.members.get('Sid')?.valueNode?.value));
  let sid = wanted;
  for (let counter = 2; taken.has(sid); counter++) {
    sid = `${wanted}${counter}`;
  }
  return sid;
}

/**
 * The HTTPS-only deny in the one form every compliance checker accepts (POLICY-FACTS §2): an
 * alphanumeric Sid, Deny, Principal "*", Action "s3:*", the bucket and bucket/* ARNs, and
 * Bool aws:SecureTransport "false" as a string with nothing else in the Condition.
 */
export function secureTransportDenyStatement(policy: PolicyDocument): Record<string, unknown> {
  const target = findPolicyBucket(policy) ?? { partition: 'aws', bucket: BUCKET_PLACEHOLDER };
  const bucketArn = `arn:${target.partition}:s3:::${target.bucket}`;
  return {
    Sid: uniqueSid(policy, 'DenyInsecureTransport'),
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
