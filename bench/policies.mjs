// S3 Bucket Policy — MIT License.
// Deterministic bucket-policy documents for the benchmark: a typical 1 KB policy, a 20 KB policy
// (S3's maximum size) and a 200 KB stress document. Statements are drawn from common, valid
// bucket-policy patterns (written for this project) with varied accounts, roles, prefixes,
// networks and conditions, from a seeded generator, so every run measures the same text.

/** Document sizes: the most bytes of UTF-8 text each document may have. */
export const DOCUMENT_SIZES = { '1 KB': 1024, '20 KB': 20 * 1024, '200 KB': 200 * 1024 };

const SEED = 0x53_33_50_4c;

/** mulberry32: a small seeded PRNG, good enough for varied, reproducible test data. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES = ['DataPipeline', 'AnalyticsReader', 'BackupWriter', 'ReportingService', 'DeployRole', 'AuditReader', 'EtlJob', 'MlTraining'];
const PREFIXES = ['logs', 'exports', 'uploads', 'reports', 'backups', 'public', 'tmp', 'datasets', 'invoices', 'media'];
const OBJECT_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'];
const READ_ACTIONS = [...OBJECT_READ_ACTIONS, 's3:ListBucket', 's3:GetBucketLocation'];
const WRITE_ACTIONS = ['s3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
/** First octets of public IPv4 unicast space (none private, loopback, link-local, shared or reserved). */
const PUBLIC_FIRST_OCTETS = [3, 13, 18, 34, 35, 44, 52, 54, 63, 99, 107, 151, 185];

/** Builds statements for one bucket from a seeded generator. */
function statementFactory(next, bucket) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const digits = (count) => Array.from({ length: count }, () => Math.floor(next() * 10)).join('');
  const account = () => `1${digits(11)}`;
  const hex = (count) => Array.from({ length: count }, () => Math.floor(next() * 16).toString(16)).join('');
  const some = (list, max) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(list)))];
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const objects = (prefix) => `${bucketArn}/${prefix ? `${prefix}/` : ''}*`;
  // A public IPv4 block written the canonical way (no host bits set): aws:SourceIp only ever holds
  // public addresses, and a.b.c.0/16 would mean a.b.0.0/16.
  const cidr = () => {
    const bits = pick([16, 20, 24, 28]);
    const address = ((pick(PUBLIC_FIRST_OCTETS) << 24) | (Math.floor(next() * 0x1000000))) >>> 0;
    const network = (address & (0xffffffff << (32 - bits))) >>> 0;
    return `${[24, 16, 8, 0].map((shift) => (network >>> shift) & 0xff).join('.')}/${bits}`;
  };

  return [
    (sid) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, objects()], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    (sid) => ({ Sid: sid, Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: objects(pick(PREFIXES)), Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${account()}:distribution/E${hex(12).toUpperCase()}` } } }),
    (sid) => ({ Sid: sid, Effect: 'Allow', Principal: { AWS: Array.from({ length: 1 + Math.floor(next() * 3) }, () => `arn:aws:iam::${account()}:role/${pick(ROLES)}`) }, Action: some(READ_ACTIONS, 4), Resource: [bucketArn, objects(pick(PREFIXES))] }),
    (sid) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, objects()], Condition: { StringNotEquals: { 'aws:SourceVpce': `vpce-${hex(17)}` } } }),
    (sid) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, objects()], Condition: { NotIpAddress: { 'aws:SourceIp': Array.from({ length: 1 + Math.floor(next() * 4) }, cidr) }, Bool: { 'aws:ViaAWSService': 'false' } } }),
    (sid) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: objects(pick(PREFIXES)), Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': pick(['aws:kms', 'AES256']) } } }),
    (sid) => ({ Sid: sid, Effect: 'Allow', Principal: '*', Action: some([...OBJECT_READ_ACTIONS, ...WRITE_ACTIONS], 5), Resource: objects(pick(PREFIXES)), Condition: { StringEquals: { 'aws:PrincipalOrgID': `o-${hex(10)}` } } }),
    (sid) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, objects()], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }),
    (sid) => ({ Sid: sid, Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: objects(`logs/${pick(PREFIXES)}`), Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:s3:::source-${hex(6)}` }, StringEquals: { 'aws:SourceAccount': account() } } }),
    (sid) => ({ Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account()}:role/${pick(ROLES)}` }, Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': [`home/\${aws:username}/*`, `${pick(PREFIXES)}/*`] } } }),
    (sid) => ({ Sid: sid, Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${account()}:root` }, Action: 's3:PutObject', Resource: objects(), Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } }),
    (sid) => ({ Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account()}:role/${pick(ROLES)}` }, Action: 's3:PutObject', Resource: objects(pick(PREFIXES)), Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, IpAddress: { 'aws:SourceIp': cidr() } } }),
  ];
}

/**
 * Generates the policy of `name` (a key of DOCUMENT_SIZES): a pretty-printed, valid bucket policy
 * whose first statement denies insecure transport, filled with varied statements until twenty
 * draws in a row would not fit in the size. Variants other than 0 are documents of the same kind
 * and size with other values (another bucket, other accounts, networks and IDs).
 */
export function generatePolicy(name, variant = 0) {
  const limit = DOCUMENT_SIZES[name];
  const next = random(SEED + limit + variant * 7919);
  const bucket = `example-${name.replace(/\s/g, '').toLowerCase()}${variant > 0 ? `-${variant}` : ''}-bucket`;
  const factories = statementFactory(next, bucket);
  const statements = [factories[0]('DenyInsecureTransport')];
  const render = (list) => `${JSON.stringify({ Version: '2012-10-17', Id: `BenchPolicy${limit}`, Statement: list }, null, 2)}\n`;
  let text = render(statements);
  // A statement equal to an earlier one but for its Sid is redundant (a finding): draw another.
  const withoutSid = (statement) => JSON.stringify({ ...statement, Sid: undefined });
  const drawn = new Set(statements.map(withoutSid));
  for (let misses = 0; misses < 20;) {
    const kind = 1 + Math.floor(next() * (factories.length - 1));
    const statement = factories[kind](`Statement${statements.length}Kind${kind}`);
    if (drawn.has(withoutSid(statement))) {
      continue;
    }
    const candidate = [...statements, statement];
    const candidateText = render(candidate);
    if (Buffer.byteLength(candidateText) > limit) {
      misses++;
      continue;
    }
    drawn.add(withoutSid(statement));
    statements.push(candidate[candidate.length - 1]);
    text = candidateText;
  }
  return { name, text, bytes: Buffer.byteLength(text), statements: statements.length };
}
