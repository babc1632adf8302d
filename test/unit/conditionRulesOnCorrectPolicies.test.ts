/* S3 Bucket Policy — MIT License. */
/**
 * No false alarms: the conditions people really write, in their correct form, produce none of the
 * condition rules' findings (nor any other rule's). CloudFront origin access control (with the
 * console's "AWS:SourceArn"), CloudTrail and Config delivery, server access logging, the VPC endpoint
 * restriction, SSE-KMS and TLS 1.2 are in correctPolicies.test.ts, which runs every rule too.
 */
import { describe, it } from 'node:test';
import { assertClean, HTTPS_ONLY_DENY } from '../helpers/policyTest';

const policy = (...statements: string[]) => `{
  "Version": "2012-10-17",
  "Statement": [
    ${[...statements, HTTPS_ONLY_DENY].join(',\n    ')}
  ]
}`;

const POLICIES: Record<string, string> = {
  'VPC endpoint and VPC restrictions': policy(`{
      "Sid": "DenyOutsideVpcEndpoint",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"],
      "Condition": { "StringNotEquals": { "aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-0a1b2c3d4e5f67890"] } }
    }`, `{
      "Sid": "AllowFromVpcAddresses",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::210987654321:root" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::acme-web-assets/*",
      "Condition": { "IpAddress": { "aws:VpcSourceIp": "10.20.0.0/16" }, "StringEquals": { "aws:SourceVpc": "vpc-0a1b2c3d4e5f67890" } }
    }`),
  'IP allowlist (NotIpAddress on public ranges, IPv4 and IPv6)': policy(`{
      "Sid": "DenyOutsideOfficeNetworks",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"],
      "Condition": {
        "NotIpAddress": { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.17", "2001:db8:1234::/48"] },
        "Bool": { "aws:ViaAWSService": "false" }
      }
    }`),
  'SSE-KMS enforcement: a Null check on the encryption header and a specific key': policy(`{
      "Sid": "DenyMissingEncryptionHeader",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-web-assets/*",
      "Condition": { "Null": { "s3:x-amz-server-side-encryption": "true" } }
    }`, `{
      "Sid": "DenyOtherKmsKeys",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-web-assets/*",
      "Condition": { "StringNotEqualsIfExists": { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }
    }`),
  'organization-wide access with per-user prefixes and org paths': policy(`{
      "Sid": "OrgList",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::acme-web-assets",
      "Condition": {
        "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
        "StringLike": { "s3:prefix": ["home/\${aws:username}/*", "shared/*"] }
      }
    }`, `{
      "Sid": "OrgReadWrite",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::acme-web-assets/home/\${aws:username}/*",
      "Condition": { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } }
    }`),
  'Object Lock retention and tag-based access': policy(`{
      "Sid": "LimitRetentionChanges",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObjectRetention",
      "Resource": "arn:aws:s3:::acme-web-assets/*",
      "Condition": {
        "NumericGreaterThan": { "s3:object-lock-remaining-retention-days": "30" },
        "StringEquals": { "s3:object-lock-mode": "GOVERNANCE" }
      }
    }`, `{
      "Sid": "AllowTaggedReads",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::210987654321:root" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::acme-web-assets/*",
      "Condition": {
        "StringEquals": { "s3:ExistingObjectTag/classification": "public" },
        "DateLessThan": { "aws:CurrentTime": "2030-12-31T23:59:59Z" }
      }
    }`, `{
      "Sid": "RestrictUploadTags",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::210987654321:root" },
      "Action": ["s3:PutObject", "s3:PutObjectTagging"],
      "Resource": "arn:aws:s3:::acme-web-assets/*",
      "Condition": { "ForAllValues:StringEquals": { "s3:RequestObjectTagKeys": ["classification", "owner"] } }
    }`),
};

describe('condition rules on correct policies', () => {
  for (const [name, text] of Object.entries(POLICIES)) {
    it(`report nothing on: ${name}`, () => {
      assertClean(text);
    });
  }
});
