/* S3 Bucket Policy — MIT License. */
import type { PolicyDocument } from '../parser/policyDocument';
import { policyBucket } from '../secureTransport';
import { uniqueSid } from './uniqueSid';

/** Shown in the bucket ARN when the policy names no bucket; the `placeholder` reading of it is deliberate. */
export const BUCKET_PLACEHOLDER = '<your-bucket-name>';

/**
 * The HTTPS-only deny in the one form every compliance checker accepts (POLICY-FACTS §2): an
 * alphanumeric Sid, Deny, Principal "*", Action "s3:*", the bucket and bucket/* ARNs, and
 * Bool aws:SecureTransport "false" as a string with nothing else in the Condition.
 */
export function secureTransportDenyStatement(policy: PolicyDocument): Record<string, unknown> {
  const target = policyBucket(policy) ?? { partition: 'aws', bucket: BUCKET_PLACEHOLDER };
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
