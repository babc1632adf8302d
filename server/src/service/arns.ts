/* S3 Bucket Policy — MIT License. */
/**
 * ARN reading shared by the resource and principal rules: the six fields of an ARN, the partitions
 * AWS has, and which S3 ARNs name a bucket or its objects (the only resources a bucket policy governs).
 */
import { s3ResourceTypes } from './data/awsData';
import { memoize } from './data/memoize';

/** The AWS partitions (the second field of an ARN). */
export const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** The fields of an ARN: `arn:partition:service:region:account:resource`. */
export interface ArnFields {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon (it may contain colons itself). */
  resource: string;
}

/** Splits an ARN into its fields; undefined when it does not start with `arn:` or has fewer than six fields. */
export function splitArn(value: string): ArnFields | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return undefined;
  }
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}

/** The offset at which field `field` (0 for `arn`, 5 for the resource) of an ARN string starts. */
export function arnFieldOffset(value: string, field: number): number {
  return value.split(':').slice(0, field).reduce((offset, part) => offset + part.length + 1, 0);
}

/** A rewrite of an ARN string that replaces one field (0 for `arn`, 1 for the partition, …) and keeps the rest. */
export function replaceArnField(field: number, replacement: string): (value: string) => string {
  return (value) => value.split(':').map((part, index) => (index === field ? replacement : part)).join(':');
}

let otherResourcePrefixes: Set<string> | undefined;

/**
 * The first path segment of every S3 resource type other than buckets and objects (`accesspoint`,
 * `job`, `storage-lens`, …), read from the AWS data's ARN formats.
 */
function nonBucketResourcePrefixes(): Set<string> {
  if (!otherResourcePrefixes) {
    otherResourcePrefixes = new Set();
    for (const type of s3ResourceTypes()) {
      const fields = splitArn(type.arnFormat);
      if (fields?.service === 's3' && fields.region + fields.account !== '') {
        otherResourcePrefixes.add(fields.resource.split('/')[0]);
      }
    }
  }
  return otherResourcePrefixes;
}

/**
 * The S3 resource type an S3 ARN's resource part names when it is not a bucket or an object
 * (`accesspoint`, `job`, …), or undefined for buckets and objects.
 */
export function nonBucketResourceType(fields: ArnFields): string | undefined {
  const first = fields.resource.split('/')[0];
  return fields.resource.includes('/') && nonBucketResourcePrefixes().has(first) ? first : undefined;
}

/**
 * The bucket an S3 bucket or object ARN names, read as it will be once the mechanical mistakes
 * `invalidArn` reports are fixed (service case, spaces); undefined for anything else.
 */
export const bucketOfArn: (value: string) => string | undefined = memoize((value) => {
  const fields = splitArn(value.trim());
  if (!fields || fields.service.toLowerCase() !== 's3' || nonBucketResourceType(fields)) {
    return undefined;
  }
  return fields.resource.split('/')[0].replace(/\s+/g, '') || undefined;
});

/** True for a bucket name that follows today's naming rules (3–63 lowercase letters, digits, dots, hyphens). */
export function isWellFormedBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+(\.\d+){3}$/.test(name);
}
