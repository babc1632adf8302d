/* S3 Bucket Policy — MIT License. */
/**
 * No false alarms: the bucket policies people really write, in their correct form, produce no
 * finding of any rule (principals, ARNs, Sids, size, empty elements, public access, service
 * principals, ACLs, placeholders and the HTTPS-only deny included).
 */
import { describe, it } from 'node:test';
import { assertClean, HTTPS_ONLY_DENY } from '../helpers/policyTest';

const httpsOnly = (bucket: string) => HTTPS_ONLY_DENY.replaceAll('acme-web-assets', bucket);

const policy = (bucket: string, ...statements: string[]) => `{
  "Version": "2012-10-17",
  "Statement": [
    ${[...statements, httpsOnly(bucket)].join(',\n    ')}
  ]
}`;

const POLICIES: Record<string, string> = {
  'CloudFront origin access control': policy('acme-site-assets', `{
      "Sid": "AllowCloudFrontServicePrincipalReadOnly",
      "Effect": "Allow",
      "Principal": { "Service": "cloudfront.amazonaws.com" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::acme-site-assets/*",
      "Condition": { "StringEquals": { "AWS:SourceArn": "arn:aws:cloudfront::210987654321:distribution/E1A2B3C4D5F6G7" } }
    }`),
  'CloudFront legacy origin access identity': policy('acme-site-assets', `{
      "Sid": "AllowLegacyOriginAccessIdentity",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::acme-site-assets/*"
    }`),
  'ALB access logs (log delivery service principal)': policy('acme-alb-logs', `{
      "Sid": "AllowAlbAccessLogs",
      "Effect": "Allow",
      "Principal": { "Service": "logdelivery.elasticloadbalancing.amazonaws.com" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-alb-logs/prod/AWSLogs/210987654321/*"
    }`),
  'ELB access logs (Regional ELB account)': policy('acme-alb-logs', `{
      "Sid": "AllowElbAccountAccessLogs",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::127311923021:root" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-alb-logs/prod/AWSLogs/210987654321/*"
    }`),
  'server access logging': policy('acme-access-logs', `{
      "Sid": "S3ServerAccessLogsPolicy",
      "Effect": "Allow",
      "Principal": { "Service": "logging.s3.amazonaws.com" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-access-logs/source-data/*",
      "Condition": {
        "ArnLike": { "aws:SourceArn": "arn:aws:s3:::acme-source-data" },
        "StringEquals": { "aws:SourceAccount": "210987654321" }
      }
    }`),
  'CloudTrail delivery': policy('acme-trail-logs', `{
      "Sid": "AWSCloudTrailAclCheck",
      "Effect": "Allow",
      "Principal": { "Service": "cloudtrail.amazonaws.com" },
      "Action": "s3:GetBucketAcl",
      "Resource": "arn:aws:s3:::acme-trail-logs",
      "Condition": { "StringEquals": { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:210987654321:trail/management-events" } }
    }`, `{
      "Sid": "AWSCloudTrailWrite",
      "Effect": "Allow",
      "Principal": { "Service": "cloudtrail.amazonaws.com" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-trail-logs/AWSLogs/210987654321/*",
      "Condition": {
        "StringEquals": {
          "s3:x-amz-acl": "bucket-owner-full-control",
          "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:210987654321:trail/management-events"
        }
      }
    }`),
  'AWS Config delivery': policy('acme-config-history', `{
      "Sid": "AWSConfigBucketPermissionsCheck",
      "Effect": "Allow",
      "Principal": { "Service": "config.amazonaws.com" },
      "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
      "Resource": "arn:aws:s3:::acme-config-history",
      "Condition": { "StringEquals": { "AWS:SourceAccount": "210987654321" } }
    }`, `{
      "Sid": "AWSConfigBucketDelivery",
      "Effect": "Allow",
      "Principal": { "Service": "config.amazonaws.com" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-config-history/AWSLogs/210987654321/Config/*",
      "Condition": { "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": "210987654321" } }
    }`),
  'cross-account read': policy('acme-shared-data', `{
      "Sid": "AllowPartnerList",
      "Effect": "Allow",
      "Principal": { "AWS": ["arn:aws:iam::135792468013:root", "arn:aws:iam::135792468013:role/analytics/ReportingReader"] },
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::acme-shared-data"
    }`, `{
      "Sid": "AllowPartnerRead",
      "Effect": "Allow",
      "Principal": { "AWS": ["arn:aws:iam::135792468013:root", "arn:aws:iam::135792468013:role/analytics/ReportingReader"] },
      "Action": ["s3:GetObject", "s3:GetObjectVersion"],
      "Resource": "arn:aws:s3:::acme-shared-data/*"
    }`),
  'organization-wide read': policy('acme-shared-data', `{
      "Sid": "AllowOrganizationRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::acme-shared-data", "arn:aws:s3:::acme-shared-data/*"],
      "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
    }`),
  'VPC endpoint restriction': policy('acme-internal-reports', `{
      "Sid": "DenyOutsideVpcEndpoint",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-internal-reports", "arn:aws:s3:::acme-internal-reports/*"],
      "Condition": { "StringNotEquals": { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } }
    }`),
  'delegation to access points': policy('acme-internal-reports', `{
      "Sid": "DelegateToAccessPoints",
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "*",
      "Resource": ["arn:aws:s3:::acme-internal-reports", "arn:aws:s3:::acme-internal-reports/*"],
      "Condition": { "StringEquals": { "s3:DataAccessPointAccount": "210987654321" } }
    }`),
  'SSE-KMS enforcement and TLS 1.2 minimum': policy('acme-secure-records', `{
      "Sid": "DenyUnencryptedUploads",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-secure-records/*",
      "Condition": { "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }
    }`, `{
      "Sid": "DenyOldTls",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-secure-records", "arn:aws:s3:::acme-secure-records/*"],
      "Condition": { "NumericLessThan": { "s3:TlsVersion": "1.2" } }
    }`),
};

describe('correct policies', () => {
  for (const [name, text] of Object.entries(POLICIES)) {
    it(`reports nothing on: ${name}`, () => {
      assertClean(text);
    });
  }
});
