/* S3 Bucket Policy — MIT License. */
import { arnFieldOffset, nonBucketResourceType, PARTITIONS, replaceArnField, splitArn } from '../arns';
import { memoize } from '../data/memoize';
import { stringNodes } from '../parser/nodeUtils';
import { RESOURCE_ELEMENTS } from '../parser/policyDocument';
import { hasMalformingPlaceholder } from '../placeholders';
import { partitionProblem, reportValueProblems, ValueProblem } from '../valueProblems';
import type { Rule } from './rule';

const BUCKET_LIKE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const S3_URL = /^s3:\/\/([^/]+)(\/.*)?$/i;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
/** The usual well-formed bucket or object ARN, accepted without the field-by-field reading. */
const PLAIN_S3_ARN = new RegExp(`^arn:(${PARTITIONS.join('|')}):s3:::(?![\\d.]+(/|$))(?!\\S*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/(\\S|\\S.*\\S))?$`);
/** PLAIN_S3_ARN's verdict per resource text: the same few ARNs come back in every statement and on every keystroke. */
const isPlainS3Arn = memoize((value: string): boolean => PLAIN_S3_ARN.test(value));

function prefixProblems(value: string): ValueProblem[] {
  const url = S3_URL.exec(value);
  if (url) {
    const arn = `arn:aws:s3:::${url[1]}${url[2] ?? ''}`;
    return [{ message: `"${value}" is an S3 URL; a policy names resources by ARN.`, index: 0, length: value.length, repair: () => arn }];
  }
  if (/^arn:/i.test(value)) {
    return [{ message: 'An ARN starts with lowercase "arn:".', index: 0, length: 3, repair: (current) => `arn${current.slice(3)}` }];
  }
  if (BUCKET_LIKE.test(value)) {
    return [{ message: `Resources are ARNs: "${value}" should read arn:aws:s3:::${value}.`, index: 0, length: value.length, repair: () => `arn:aws:s3:::${value}` }];
  }
  return [{ message: `"${value}" is not an ARN: a bucket policy's resources are the bucket (arn:aws:s3:::BUCKET) and its objects (arn:aws:s3:::BUCKET/KEY).`, index: 0, length: value.length }];
}

function bucketNameProblems(bucket: string, index: number, slashAndSpaces: number): ValueProblem[] {
  if (bucket.includes('${')) {
    return [];
  }
  const problems: ValueProblem[] = [];
  const at = (offset: number, length: number) => ({ index: index + offset, length });
  const spaced = bucket.search(/\s/);
  if (spaced >= 0) {
    problems.push({
      message: `The bucket name "${bucket}" contains spaces; bucket names never do.`,
      ...at(spaced, bucket.length - spaced + slashAndSpaces),
      repair: (current) => {
        const start = arnFieldOffset(current, 5);
        const slash = current.indexOf('/', start);
        const fixedName = current.slice(start, slash < 0 ? undefined : slash).replace(/\s+/g, '');
        const rest = slash < 0 ? '' : `/${current.slice(slash + 1).trimStart()}`;
        return `${current.slice(0, start)}${fixedName}${rest}`.trimEnd();
      },
    });
  }
  const name = bucket.replace(/\s+/g, '');
  const wild = /[*?]/.test(name);
  const illegal = name.replace(/[*?]/g, '').search(/[^A-Za-z0-9._-]/);
  if (illegal >= 0) {
    problems.push({ message: `The bucket name "${name}" contains "${name.replace(/[*?]/g, '')[illegal]}": bucket names have only lowercase letters, digits, dots and hyphens.`, ...at(0, bucket.length) });
  } else if (/[A-Z_]/.test(name)) {
    problems.push({ message: `The bucket name "${name}" has capitals or underscores. Bucket names are lowercase letters, digits, dots and hyphens; only buckets created before March 2018 in us-east-1 may differ, so check the exact name.`, ...at(0, bucket.length), severity: 'warning' });
  }
  if (!wild) {
    if (name.length < 3 || name.length > 255) {
      problems.push({ message: `The bucket name "${name}" has ${name.length} characters; bucket names have 3 to 63.`, ...at(0, bucket.length) });
    } else if (name.length > 63) {
      problems.push({ message: `The bucket name "${name}" has ${name.length} characters; bucket names have 3 to 63 (only legacy us-east-1 buckets are longer).`, ...at(0, bucket.length), severity: 'warning' });
    }
    if (/^[^A-Za-z0-9]|[^A-Za-z0-9]$/.test(name) && illegal < 0) {
      problems.push({ message: `The bucket name "${name}" must begin and end with a letter or digit.`, ...at(0, bucket.length) });
    }
    if (name.includes('..')) {
      problems.push({ message: `The bucket name "${name}" has two dots in a row, which bucket names never have.`, ...at(0, bucket.length) });
    }
    if (IP_ADDRESS.test(name)) {
      problems.push({ message: `The bucket name "${name}" is formatted as an IP address, which bucket names never are.`, ...at(0, bucket.length) });
    }
  }
  return problems;
}

function objectKeyProblems(value: string, keyIndex: number): ValueProblem[] {
  const key = value.slice(keyIndex);
  if (key.trim() === key) {
    return [];
  }
  return [{
    message: 'The object path starts or ends with a space, so it matches only keys that do; that is almost certainly a typo.',
    index: keyIndex,
    length: key.length,
    severity: 'warning',
    repair: (current) => {
      const start = current.indexOf('/', arnFieldOffset(current, 5)) + 1;
      return `${current.slice(0, start)}${current.slice(start).trim()}`;
    },
  }];
}

function arnProblems(value: string): ValueProblem[] {
  if (!value.startsWith('arn:')) {
    return prefixProblems(value);
  }
  const fields = splitArn(value);
  if (!fields) {
    const parts = value.split(':');
    const isS3 = parts[2]?.toLowerCase() === 's3';
    const resource = parts.slice(3).filter((part) => part !== '').join(':');
    return [{
      message: `This ARN has too few fields: S3 ARNs read arn:aws:s3:::BUCKET (three colons before the bucket name).`,
      index: 0,
      length: value.length,
      repair: isS3 && resource !== '' ? () => `arn:${parts[1] || 'aws'}:s3:::${resource}` : undefined,
    }];
  }
  const { partition, service, region, account, resource } = fields;
  const problems = [partitionProblem(partition)].filter((problem): problem is ValueProblem => problem !== undefined);
  const lowerService = service.toLowerCase();
  if (lowerService === 's3express') {
    return problems;
  }
  if (lowerService !== 's3') {
    problems.push({ message: `A bucket policy governs only its own bucket and objects; "${service}" resources belong in that service's own policies.`, index: arnFieldOffset(value, 2), length: service.length });
    return problems;
  }
  if (service !== 's3') {
    problems.push({ message: 'The service in an ARN is lowercase: "s3".', index: arnFieldOffset(value, 2), length: service.length, repair: replaceArnField(2, 's3') });
  }
  const otherType = nonBucketResourceType(fields);
  if (otherType) {
    problems.push({ message: `This ARN names an S3 ${otherType}, not this bucket or its objects: a bucket policy cannot govern it. Put the statement in the ${otherType}'s own policy (for access points, delegate from the bucket policy with a condition on s3:DataAccessPointAccount).`, index: arnFieldOffset(value, 5), length: resource.length });
    return problems;
  }
  if (region !== '' || account !== '') {
    const what = region !== '' && account !== '' ? 'a Region and an account' : region !== '' ? 'a Region' : 'an account';
    problems.push({
      message: `Bucket and object ARNs have no Region or account, but this one has ${what}: S3 rejects it.`,
      index: arnFieldOffset(value, region !== '' ? 3 : 4),
      length: region !== '' && account !== '' ? region.length + 1 + account.length : region.length + account.length,
      repair: (current) => replaceArnField(4, '')(replaceArnField(3, '')(current)),
    });
  }
  const slash = resource.indexOf('/');
  const bucket = slash < 0 ? resource : resource.slice(0, slash);
  const bucketIndex = arnFieldOffset(value, 5);
  const key = slash < 0 ? undefined : resource.slice(slash + 1);
  const spacesAfterSlash = key === undefined ? 0 : key.length - key.trimStart().length;
  problems.push(...bucketNameProblems(bucket, bucketIndex, spacesAfterSlash > 0 ? 1 + spacesAfterSlash : 0));
  if (slash >= 0 && !/\s/.test(bucket)) {
    problems.push(...objectKeyProblems(value, bucketIndex + slash + 1));
  }
  return problems;
}

/**
 * A Resource or NotResource that is not a valid S3 bucket or object ARN (Access Analyzer "Invalid ARN
 * prefix", "Missing ARN field", "Invalid partition", "Invalid ARN service case", "ARN Region not
 * allowed", "ARN account not allowed", "Invalid ARN resource", "Unsupported resource ARN in policy"),
 * including bucket-name rules. Fixes the mechanical mistakes: service case, Region and account,
 * spaces, `s3://` URLs and bare bucket names.
 */
export const invalidArn: Rule = {
  id: 'invalidArn',
  defaultSeverity: 'error',
  description: 'A resource is not a valid S3 bucket or object ARN (prefix, fields, partition, service case, Region/account, bucket name).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const statement of context.policy.statements) {
      for (const element of RESOURCE_ELEMENTS) {
        for (const node of stringNodes(statement.elements[element]?.valueNode)) {
          const raw = String(node.value);
          if (raw === '*' || isPlainS3Arn(raw) || hasMalformingPlaceholder(raw)) {
            continue;
          }
          const value = raw.trimStart();
          const lead = raw.length - value.length;
          const problems = arnProblems(value).map((problem) => ({
            ...problem,
            index: problem.index + lead,
            repair: problem.repair && ((current: string) => problem.repair?.(current.trimStart()) ?? current),
          }));
          if (lead > 0 && problems.length === 0) {
            problems.push({ message: 'This ARN starts with a space, so it matches nothing.', index: 0, length: lead, repair: (current: string) => current.trimStart() });
          }
          reportValueProblems(context, node, problems, (fixed) => `Change to "${fixed}"`);
        }
      }
    }
  },
};
