/* S3 Bucket Policy — MIT License. */
/**
 * `s3-policy-lint access` and `simulate` on CloudFormation templates and Terraform files, and
 * `simulate --expectations`, run as the built CLI: one entry per bucket policy with host ranges,
 * answers that say what they depend on where the host computes a value, exit codes.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture, runCli, tempTree } from './runCli';

const TERRAFORM = `resource "aws_s3_bucket" "reports" {
  bucket = "reports-of-tests"
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AuditorList"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::210987654321:root" }
        Action    = "s3:ListBucket"
        Resource  = aws_s3_bucket.reports.arn
      },
      {
        Sid       = "DenyHttp"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.reports.arn, "\${aws_s3_bucket.reports.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}
`;

const TERRAFORM_VARIABLE = `variable "vpce_id" {
  type = string
}

resource "aws_s3_bucket" "data" {}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OnlyThroughVpce"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "\${aws_s3_bucket.data.arn}/*"
      Condition = { StringNotEquals = { "aws:SourceVpce" = var.vpce_id } }
    }]
  })
}
`;

const request = (principal: string, action: string, resource: string, extra: object = {}) => ({ principal, action, resource, ...extra });
const auditorRead = request('arn:aws:iam::210987654321:user/ana', 's3:GetObject', 'arn:aws:s3:::logs/a.txt');
const auditorDelete = request('arn:aws:iam::210987654321:user/ana', 's3:DeleteObject', 'arn:aws:s3:::logs/a.txt');
const anonymousRead = request('anonymous', 's3:GetObject', 'arn:aws:s3:::site-of-tests/index.html');
const throughEndpoint = request('arn:aws:iam::210987654321:user/ana', 's3:GetObject', 'arn:aws:s3:::data/a.txt', { context: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } });
const fromInternet = request('arn:aws:iam::210987654321:user/ana', 's3:GetObject', 'arn:aws:s3:::data/a.txt');
const otherSiteRead = request('anonymous', 's3:GetObject', 'arn:aws:s3:::another-site/index.html');

const tree = tempTree({
  'two.template.yaml': fixture('access/two-policies.template.yaml'),
  'vpce.template.yaml': fixture('access/vpce.template.yaml'),
  'main.tf': TERRAFORM,
  'variable/main.tf': TERRAFORM_VARIABLE,
  'auditor-read.json': JSON.stringify(auditorRead),
  'auditor-http.json': JSON.stringify({ ...request('arn:aws:iam::210987654321:user/ana', 's3:ListBucket', 'arn:aws:s3:::reports-of-tests'), context: { 'aws:SecureTransport': false } }),
  'through-endpoint.json': JSON.stringify(throughEndpoint),
  'from-internet.json': JSON.stringify(fromInternet),
  'expectations.json': JSON.stringify([
    { name: 'auditor can read logs', policy: 'LogsBucketPolicy', request: auditorRead, expect: 'allow' },
    { name: 'auditor cannot delete logs', policy: 'LogsBucketPolicy', request: auditorDelete, expect: 'deny' },
    { name: 'site is private', policy: 'SiteBucketPolicy', request: anonymousRead, expect: 'deny' },
  ]),
  'passing.json': JSON.stringify([
    { name: 'auditor cannot delete logs', request: auditorDelete, expect: 'deny' },
    { name: 'auditor can read logs', request: auditorRead, expect: 'allow' },
  ]),
  'vpce-expectations.json': JSON.stringify([
    { name: 'no read from the internet', request: fromInternet, expect: 'deny' },
    { name: 'team reads through the endpoint', request: throughEndpoint, expect: 'allow' },
  ]),
  'bad-expect.json': JSON.stringify([{ name: 'fine', request: auditorRead, expect: 'allow' }, { name: 'partner cannot write', request: auditorRead, expect: 'never' }]),
  'bad-principal.json': JSON.stringify([{ name: 'who is bob', policy: 'LogsBucketPolicy', request: { ...auditorRead, principal: 'bob' }, expect: 'deny' }]),
  'no-policy-named.json': JSON.stringify([{ name: 'which policy', request: auditorRead, expect: 'allow' }]),
  'unknown-policy.json': JSON.stringify([{ name: 'typo', policy: 'LogBucketPolicy', request: auditorRead, expect: 'allow' }]),
  'not-a-list.json': JSON.stringify({ name: 'one', request: auditorRead, expect: 'allow' }),
  'empty.tf': 'variable "x" {}\n',
  'other-site.json': JSON.stringify(otherSiteRead),
  'other-reports.json': JSON.stringify(request('arn:aws:iam::210987654321:user/ana', 's3:ListBucket', 'arn:aws:s3:::reports-elsewhere')),
  'other-site-expectations.json': JSON.stringify([{ name: 'another site is private', policy: 'SiteBucketPolicy', request: otherSiteRead, expect: 'deny' }]),
});

interface Position { line: number; character: number }
interface AccessJson { file: string; policies: { name: string; range: { start: Position }; public: boolean; dependsOn: string[]; summary: string; publicStatements: { range: { start: Position } }[]; grants: { dependsOn: string[] }[] }[] }
interface AnswerJson { decision: string; possible: string[]; dependsOn: { description: string; values: string | null }[]; deciding: { statement: number; sid: string; range: { start: Position } }[] }

describe('s3-policy-lint access on templates and Terraform files', () => {
  it('lists every bucket policy of a template by logical id, at its place in the template', () => {
    const result = runCli(['access', '--format', 'json', 'two.template.yaml'], { cwd: tree });
    assert.equal(result.status, 0, result.stderr);
    const [report] = JSON.parse(result.stdout) as AccessJson[];
    assert.deepEqual(report.policies.map((policy) => [policy.name, policy.range.start.line, policy.range.start.character, policy.public]), [['LogsBucketPolicy', 9, 8], ['SiteBucketPolicy', 36, 8]].map(([name, line, character]) => [name, line, character, name === 'SiteBucketPolicy']));
    // The public statement's range is the template's: the line of "- Sid: PublicRead".
    assert.equal(report.policies[1].publicStatements[0].range.start.line, 38);
    const text = runCli(['access', 'two.template.yaml'], { cwd: tree });
    assert.match(text.stdout, /^two\.template\.yaml:10:9 LogsBucketPolicy: Not public · Account 210987654321: read/m);
    assert.match(text.stdout, /^two\.template\.yaml:37:9 SiteBucketPolicy: Public: read \(s3:GetObject\)/m);
  });

  it('reads a Terraform file\'s jsonencode policy, named by its resource address', () => {
    const result = runCli(['access', '--format', 'json', 'main.tf'], { cwd: tree });
    assert.equal(result.status, 0, result.stderr);
    const [report] = JSON.parse(result.stdout) as AccessJson[];
    assert.deepEqual(report.policies.map((policy) => [policy.name, policy.range.start.line]), [['aws_s3_bucket_policy.reports', 6]]);
    assert.match(report.policies[0].summary, /Account 210987654321: list · HTTP: denied to everyone/);
  });

  it('says what a summary depends on where the template computes a value', () => {
    const result = runCli(['access', '--format', 'json', 'vpce.template.yaml'], { cwd: tree });
    const [policy] = (JSON.parse(result.stdout) as AccessJson[])[0].policies;
    assert.deepEqual(policy.dependsOn, ['statement 1 (OnlyThroughVpce): !Ref VpceId']);
    assert.match(policy.summary, /only through !Ref VpceId.* · Depends on !Ref VpceId$/);
    assert.ok(policy.grants.every((grant) => grant.dependsOn.includes('statement 1 (OnlyThroughVpce): !Ref VpceId')));
    const text = runCli(['access', 'vpce.template.yaml', 'variable/main.tf'], { cwd: tree });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^ {2}Depends on values the template computes: statement 1 \(OnlyThroughVpce\): !Ref VpceId$/m);
    assert.match(text.stdout, /^ {2}Depends on values the Terraform configuration computes: statement 0 \(OnlyThroughVpce\): var\.vpce_id$/m);
  });

  it('exits 2 on a Terraform file without a bucket policy', () => {
    const result = runCli(['access', 'empty.tf'], { cwd: tree });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /empty\.tf: no bucket policy written in this Terraform file/);
  });
});

describe('s3-policy-lint simulate on templates and Terraform files', () => {
  it('--policy chooses a template\'s policy; without it a file of several is a usage error listing the names', () => {
    const chosen = runCli(['simulate', 'two.template.yaml', '--policy', 'LogsBucketPolicy', '--request', 'auditor-read.json', '--format', 'json'], { cwd: tree });
    assert.equal(chosen.status, 0, chosen.stderr);
    const answer = JSON.parse(chosen.stdout) as AnswerJson & { policy: string; explanation: string[] };
    assert.deepEqual([answer.policy, answer.decision, answer.deciding.map((statement) => [statement.sid, statement.range.start.line])], ['LogsBucketPolicy', 'allow', [['AuditorRead', 11]]]);
    // The template does not name the bucket: the request's bucket is read as it.
    assert.match(answer.explanation[0], /The request's bucket "logs" is read as the bucket LogsBucket/);
    const unchosen = runCli(['simulate', 'two.template.yaml', '--request', 'auditor-read.json'], { cwd: tree });
    assert.equal(unchosen.status, 2);
    assert.match(unchosen.stderr, /two\.template\.yaml holds 2 bucket policies: choose one with --policy NAME \(LogsBucketPolicy, SiteBucketPolicy\)/);
    const unknown = runCli(['simulate', 'two.template.yaml', '--policy', 'Nope', '--request', 'auditor-read.json'], { cwd: tree });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no bucket policy named "Nope": its policies are LogsBucketPolicy, SiteBucketPolicy/);
  });

  it('a request on another bucket than the one the file names is bad input: the policy does not decide it', () => {
    const site = runCli(['simulate', 'two.template.yaml', '--policy', 'SiteBucketPolicy', '--request', 'other-site.json', '--expect', 'deny'], { cwd: tree });
    assert.equal(site.status, 2, site.stdout);
    assert.match(site.stderr, /the request is on bucket "another-site", but SiteBucketPolicy is the policy of the bucket SiteBucket \("site-of-tests"\), and a bucket policy decides only requests on its own bucket: ask about "arn:aws:s3:::site-of-tests\/index\.html"/);
    const reports = runCli(['simulate', 'main.tf', '--request', 'other-reports.json'], { cwd: tree });
    assert.equal(reports.status, 2, reports.stdout);
    assert.match(reports.stderr, /the request is on bucket "reports-elsewhere", but aws_s3_bucket_policy\.reports is the policy of the bucket aws_s3_bucket\.reports \("reports-of-tests"\)/);
    const expectations = runCli(['simulate', 'two.template.yaml', '--expectations', 'other-site-expectations.json'], { cwd: tree });
    assert.equal(expectations.status, 2, expectations.stdout);
    assert.match(expectations.stderr, /other-site-expectations\.json entry 1 \("another site is private"\): the request is on bucket "another-site"/);
  });

  it('answers for a Terraform policy with the deciding statement at its place in the .tf file', () => {
    const result = runCli(['simulate', 'main.tf', '--request', 'auditor-http.json', '--expect', 'deny'], { cwd: tree });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^explicitDeny\n {2}main\.tf:17:7 statement 1 \(DenyHttp\)\n/);
  });

  it('a value the template computes: "depends on !Ref VpceId", and --expect is not met', () => {
    const json = runCli(['simulate', 'vpce.template.yaml', '--request', 'through-endpoint.json', '--format', 'json'], { cwd: tree });
    assert.equal(json.status, 0, json.stderr);
    const answer = JSON.parse(json.stdout) as AnswerJson;
    assert.deepEqual([...answer.possible].sort(), ['allow', 'explicitDeny']);
    assert.ok(answer.dependsOn.some((dependency) => dependency.values === '!Ref VpceId'), JSON.stringify(answer.dependsOn));
    for (const expect of ['allow', 'deny']) {
      const result = runCli(['simulate', 'vpce.template.yaml', '--request', 'through-endpoint.json', '--expect', expect], { cwd: tree });
      assert.equal(result.status, 1, `--expect ${expect}`);
      assert.match(result.stdout, /^allow or explicitDeny, depending on !Ref VpceId\n/);
      assert.match(result.stdout, new RegExp(`Expected ${expect}: not certain, the decision depends on !Ref VpceId\\.$`, 'm'));
    }
    // Without aws:SourceVpce in the request, the Deny applies whatever the endpoint is.
    const outside = runCli(['simulate', 'vpce.template.yaml', '--request', 'from-internet.json', '--expect', 'deny'], { cwd: tree });
    assert.equal(outside.status, 0, outside.stdout);
    const variable = runCli(['simulate', 'variable/main.tf', '--request', 'through-endpoint.json', '--expect', 'deny'], { cwd: tree });
    assert.equal(variable.status, 1);
    assert.match(variable.stdout, /depending on var\.vpce_id/);
  });
});

describe('s3-policy-lint simulate --expectations', () => {
  it('checks every expectation in one run: one line each, exit 1 when one fails', () => {
    const result = runCli(['simulate', 'two.template.yaml', '--expectations', 'expectations.json'], { cwd: tree });
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^✓ auditor can read logs: allow if account 210987654321's identity policies allow it \(expected allow\) — two\.template\.yaml:12:13 statement 0 \(AuditorRead\)$/);
    assert.match(lines[1], /^✓ auditor cannot delete logs: implicitDeny \(expected deny\)$/);
    assert.match(lines[2], /^✗ site is private: allow \(expected deny\) — two\.template\.yaml:39:13 statement 0 \(PublicRead\)$/);
    assert.match(result.stdout, /^2 of 3 expectations held; 1 failed\.$/m);
  });

  it('exits 0 when all hold; --policy names the policy for every entry', () => {
    const result = runCli(['simulate', 'two.template.yaml', '--policy', 'LogsBucketPolicy', '--expectations', 'passing.json'], { cwd: tree });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^2 of 2 expectations held\.$/m);
  });

  it('prints an array with --format json', () => {
    const result = runCli(['simulate', 'two.template.yaml', '--expectations', 'expectations.json', '--format', 'json'], { cwd: tree });
    assert.equal(result.status, 1);
    const entries = JSON.parse(result.stdout) as (AnswerJson & { name: string; policy: string; expect: string; holds: boolean })[];
    assert.deepEqual(entries.map((entry) => [entry.name, entry.policy, entry.expect, entry.decision, entry.holds]), [
      ['auditor can read logs', 'LogsBucketPolicy', 'allow', 'allow', true],
      ['auditor cannot delete logs', 'LogsBucketPolicy', 'deny', 'implicitDeny', true],
      ['site is private', 'SiteBucketPolicy', 'deny', 'allow', false],
    ]);
  });

  it('an expectation that depends on a computed value fails, saying on what', () => {
    const result = runCli(['simulate', 'vpce.template.yaml', '--expectations', 'vpce-expectations.json'], { cwd: tree });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^✓ no read from the internet: explicitDeny \(expected deny\)/m);
    assert.match(result.stdout, /^✗ team reads through the endpoint: allow or explicitDeny, depending on !Ref VpceId \(expected allow\)/m);
  });

  it('exits 2 on a bad expectations file, naming the entry', () => {
    const cases: [string, RegExp][] = [
      ['bad-expect.json', /bad-expect\.json entry 2 \("partner cannot write"\): "expect" must be "allow" or "deny"; got "never"/],
      ['bad-principal.json', /bad-principal\.json entry 1 \("who is bob"\): request: "principal": "bob" is not a principal/],
      ['no-policy-named.json', /no-policy-named\.json entry 1 \("which policy"\): two\.template\.yaml holds 2 bucket policies: choose one with "policy": NAME in the entry/],
      ['unknown-policy.json', /unknown-policy\.json entry 1 \("typo"\): two\.template\.yaml has no bucket policy named "LogBucketPolicy"/],
      ['not-a-list.json', /not-a-list\.json: write a list of expectations/],
      ['missing.json', /missing\.json: ENOENT/],
    ];
    for (const [file, message] of cases) {
      const result = runCli(['simulate', 'two.template.yaml', '--expectations', file], { cwd: tree });
      assert.equal(result.status, 2, file);
      assert.equal(result.stdout, '', file);
      assert.match(result.stderr, message, file);
    }
    assert.equal(runCli(['simulate', 'two.template.yaml', '--expectations', 'passing.json', '--request', 'auditor-read.json'], { cwd: tree }).status, 2);
    assert.match(runCli(['simulate', 'two.template.yaml', '--expectations', 'passing.json', '--expect', 'deny'], { cwd: tree }).stderr, /--expect goes with --request/);
  });
});
