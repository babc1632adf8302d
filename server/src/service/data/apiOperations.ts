/* S3 Bucket Policy — MIT License. */
/**
 * Amazon S3 API operations whose name is not an IAM action, and the action that authorises each.
 * Hand-maintained from the "Permissions" sections of the S3 API Reference; people write these names
 * in policies (cfn-lint #4108: `s3:CreateMultipartUpload`; parliament #186: `s3:GetBucketLifecycle`,
 * `s3:HeadBucket`). Operations that share their name with an action (GetObject, AbortMultipartUpload,
 * DeleteBucketPolicy, …) are not listed. test/unit/data/apiOperations.test.ts checks that no name here
 * is an action and that every target is one.
 */

/** An API operation and the S3 action (canonical name, without `s3:`) that authorises it. */
export interface ApiOperation {
  readonly operation: string;
  readonly action: string;
  /** A further requirement worth saying, e.g. for copies: the source needs s3:GetObject. */
  readonly note?: string;
}

const FROM_SOURCE = 'copying also needs s3:GetObject on the source object';

const OPERATIONS: readonly ApiOperation[] = [
  { operation: 'CreateMultipartUpload', action: 'PutObject' },
  { operation: 'UploadPart', action: 'PutObject' },
  { operation: 'CompleteMultipartUpload', action: 'PutObject' },
  { operation: 'UploadPartCopy', action: 'PutObject', note: FROM_SOURCE },
  { operation: 'CopyObject', action: 'PutObject', note: FROM_SOURCE },
  { operation: 'PostObject', action: 'PutObject' },
  { operation: 'HeadObject', action: 'GetObject' },
  { operation: 'SelectObjectContent', action: 'GetObject' },
  { operation: 'DeleteObjects', action: 'DeleteObject', note: 'deleting specific versions also needs s3:DeleteObjectVersion' },
  { operation: 'HeadBucket', action: 'ListBucket' },
  { operation: 'ListObjects', action: 'ListBucket' },
  { operation: 'ListObjectsV2', action: 'ListBucket' },
  { operation: 'ListObjectVersions', action: 'ListBucketVersions' },
  { operation: 'ListParts', action: 'ListMultipartUploadParts' },
  { operation: 'ListMultipartUploads', action: 'ListBucketMultipartUploads' },
  { operation: 'ListBuckets', action: 'ListAllMyBuckets' },
  { operation: 'GetBucketLifecycle', action: 'GetLifecycleConfiguration' },
  { operation: 'GetBucketLifecycleConfiguration', action: 'GetLifecycleConfiguration' },
  { operation: 'PutBucketLifecycle', action: 'PutLifecycleConfiguration' },
  { operation: 'PutBucketLifecycleConfiguration', action: 'PutLifecycleConfiguration' },
  { operation: 'DeleteBucketLifecycle', action: 'PutLifecycleConfiguration' },
  { operation: 'GetBucketEncryption', action: 'GetEncryptionConfiguration' },
  { operation: 'PutBucketEncryption', action: 'PutEncryptionConfiguration' },
  { operation: 'DeleteBucketEncryption', action: 'PutEncryptionConfiguration' },
  { operation: 'GetBucketReplication', action: 'GetReplicationConfiguration' },
  { operation: 'PutBucketReplication', action: 'PutReplicationConfiguration' },
  { operation: 'DeleteBucketReplication', action: 'PutReplicationConfiguration' },
  { operation: 'DeleteBucketCors', action: 'PutBucketCORS' },
  { operation: 'DeleteBucketTagging', action: 'PutBucketTagging' },
  { operation: 'DeleteBucketOwnershipControls', action: 'PutBucketOwnershipControls' },
  { operation: 'GetPublicAccessBlock', action: 'GetBucketPublicAccessBlock' },
  { operation: 'PutPublicAccessBlock', action: 'PutBucketPublicAccessBlock' },
  { operation: 'DeletePublicAccessBlock', action: 'PutBucketPublicAccessBlock' },
  { operation: 'GetBucketNotificationConfiguration', action: 'GetBucketNotification' },
  { operation: 'PutBucketNotificationConfiguration', action: 'PutBucketNotification' },
  { operation: 'GetObjectLockConfiguration', action: 'GetBucketObjectLockConfiguration' },
  { operation: 'PutObjectLockConfiguration', action: 'PutBucketObjectLockConfiguration' },
  { operation: 'GetBucketAccelerateConfiguration', action: 'GetAccelerateConfiguration' },
  { operation: 'PutBucketAccelerateConfiguration', action: 'PutAccelerateConfiguration' },
  { operation: 'GetBucketInventoryConfiguration', action: 'GetInventoryConfiguration' },
  { operation: 'ListBucketInventoryConfigurations', action: 'GetInventoryConfiguration' },
  { operation: 'PutBucketInventoryConfiguration', action: 'PutInventoryConfiguration' },
  { operation: 'DeleteBucketInventoryConfiguration', action: 'PutInventoryConfiguration' },
  { operation: 'GetBucketMetricsConfiguration', action: 'GetMetricsConfiguration' },
  { operation: 'ListBucketMetricsConfigurations', action: 'GetMetricsConfiguration' },
  { operation: 'PutBucketMetricsConfiguration', action: 'PutMetricsConfiguration' },
  { operation: 'DeleteBucketMetricsConfiguration', action: 'PutMetricsConfiguration' },
  { operation: 'GetBucketAnalyticsConfiguration', action: 'GetAnalyticsConfiguration' },
  { operation: 'ListBucketAnalyticsConfigurations', action: 'GetAnalyticsConfiguration' },
  { operation: 'PutBucketAnalyticsConfiguration', action: 'PutAnalyticsConfiguration' },
  { operation: 'DeleteBucketAnalyticsConfiguration', action: 'PutAnalyticsConfiguration' },
  { operation: 'GetBucketIntelligentTieringConfiguration', action: 'GetIntelligentTieringConfiguration' },
  { operation: 'ListBucketIntelligentTieringConfigurations', action: 'GetIntelligentTieringConfiguration' },
  { operation: 'PutBucketIntelligentTieringConfiguration', action: 'PutIntelligentTieringConfiguration' },
  { operation: 'DeleteBucketIntelligentTieringConfiguration', action: 'PutIntelligentTieringConfiguration' },
];

const BY_NAME = new Map(OPERATIONS.map((entry) => [entry.operation.toLowerCase(), entry]));

/** Every listed operation, for tests and docs. */
export function apiOperations(): readonly ApiOperation[] {
  return OPERATIONS;
}

/** The API operation with this name (case-insensitive), when it is one whose action has another name. */
export function findApiOperation(name: string): ApiOperation | undefined {
  return BY_NAME.get(name.toLowerCase());
}
