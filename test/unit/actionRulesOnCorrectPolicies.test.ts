/* S3 Bucket Policy — MIT License. */
/**
 * No false alarms: policies in the shapes people really use produce none of the action rules'
 * findings (unknownAction, actionNameCase, nonS3Action, actionResourceMismatch, wildcardServiceName).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HTTPS_ONLY_DENY, lint } from '../helpers/policyTest';

const ACTION_RULES = new Set(['unknownAction', 'actionNameCase', 'nonS3Action', 'actionResourceMismatch', 'wildcardServiceName']);

const POLICIES: Record<string, string> = {
  'CloudFront origin access control read': `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowCloudFrontServicePrincipalReadOnly",
      "Effect": "Allow",
      "Principal": { "Service": "cloudfront.amazonaws.com" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::site-assets/*",
      "Condition": { "StringEquals": { "AWS:SourceArn": "arn:aws:cloudfront::444455556666:distribution/EDFDVBD6EXAMPLE" } }
    },
    ${HTTPS_ONLY_DENY}
  ]
}`,
  'cross-account read': `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ListForPartner",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::444455556666:root" },
      "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
      "Resource": "arn:aws:s3:::site-assets"
    },
    {
      "Sid": "ReadForPartner",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::444455556666:root" },
      "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging"],
      "Resource": "arn:aws:s3:::site-assets/*"
    },
    ${HTTPS_ONLY_DENY}
  ]
}`,
  'server access logging delivery': `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "S3ServerAccessLogsPolicy",
      "Effect": "Allow",
      "Principal": { "Service": "logging.s3.amazonaws.com" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::site-assets/access-logs/*",
      "Condition": {
        "ArnLike": { "aws:SourceArn": "arn:aws:s3:::source-bucket" },
        "StringEquals": { "aws:SourceAccount": "444455556666" }
      }
    },
    ${HTTPS_ONLY_DENY}
  ]
}`,
  'CloudTrail delivery': `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AWSCloudTrailAclCheck",
      "Effect": "Allow",
      "Principal": { "Service": "cloudtrail.amazonaws.com" },
      "Action": "s3:GetBucketAcl",
      "Resource": "arn:aws:s3:::site-assets",
      "Condition": { "StringEquals": { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:444455556666:trail/main" } }
    },
    {
      "Sid": "AWSCloudTrailWrite",
      "Effect": "Allow",
      "Principal": { "Service": "cloudtrail.amazonaws.com" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::site-assets/AWSLogs/444455556666/*",
      "Condition": { "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:444455556666:trail/main" } }
    },
    ${HTTPS_ONLY_DENY}
  ]
}`,
  'organization-wide read and write with per-user prefixes': `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OrgList",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::site-assets",
      "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, "StringLike": { "s3:prefix": ["home/\${aws:username}/*"] } }
    },
    {
      "Sid": "OrgReadWrite",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": "arn:aws:s3:::site-assets/home/\${aws:username}/*",
      "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
    },
    {
      "Sid": "DenyUnencryptedUploads",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::site-assets/*",
      "Condition": { "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }
    },
    {
      "Sid": "DenyOldTls",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::site-assets", "arn:aws:s3:::site-assets/*"],
      "Condition": { "NumericLessThan": { "s3:TlsVersion": "1.2" } }
    },
    ${HTTPS_ONLY_DENY}
  ]
}`,
  'replication destination': `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReplicateInto",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::444455556666:role/replication" },
      "Action": ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
      "Resource": "arn:aws:s3:::site-assets/*"
    },
    {
      "Sid": "ReplicationVersioning",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::444455556666:role/replication" },
      "Action": ["s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:List*"],
      "Resource": "arn:aws:s3:::site-assets"
    },
    ${HTTPS_ONLY_DENY}
  ]
}`,
};

describe('action rules on correct policies', () => {
  for (const [name, text] of Object.entries(POLICIES)) {
    it(`report nothing on: ${name}`, () => {
      const findings = lint(text);
      assert.deepEqual(findings.filter((finding) => finding.ruleId === 'jsonSyntax'), [], 'the test policy itself must parse');
      assert.deepEqual(findings.filter((finding) => ACTION_RULES.has(finding.ruleId)).map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    });
  }
});
