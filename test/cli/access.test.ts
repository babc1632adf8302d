/* S3 Bucket Policy — MIT License. */
/** `s3-policy-lint access` and `s3-policy-lint simulate`, run as the built CLI: output formats and exit codes. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempTree } from './runCli';

const BUCKET = ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*'];
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Id: 'TestPolicy', Statement: statements }, null, 2);
const httpsDeny = { Sid: 'DenyHttp', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: BUCKET, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

const tree = tempTree({
  'public.bucket-policy.json': policy([{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b1/*' }, httpsDeny]),
  'partner.bucket-policy.json': policy([{ Sid: 'PartnerRead', Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: BUCKET }, { Sid: 'VpceOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: BUCKET, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }]),
  'anonymous-http.json': JSON.stringify({ principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::b1/a.txt', context: { 'aws:SecureTransport': false } }),
  'anonymous-https.json': JSON.stringify({ principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::b1/a.txt' }),
  'partner-delete.json': JSON.stringify({ principal: 'arn:aws:iam::444455556666:user/bob', action: 's3:DeleteObject', resource: 'arn:aws:s3:::b1/a.txt', resourceAccount: '111122223333', identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }] }),
  'partner-read-vpce.json': JSON.stringify({ principal: 'arn:aws:iam::444455556666:user/bob', action: 's3:GetObject', resource: 'arn:aws:s3:::b1/a.txt', resourceAccount: '111122223333', context: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }),
  'blocked.json': JSON.stringify({ principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::b1/a.txt', blockPublicAccess: { restrictPublicBuckets: true } }),
  'bad-principal.json': JSON.stringify({ principal: 'bob', action: 's3:GetObject', resource: 'arn:aws:s3:::b1/a.txt' }),
  'missing-action.json': JSON.stringify({ principal: 'anonymous', resource: 'arn:aws:s3:::b1/a.txt' }),
  'not-json.json': '{ principal',
});

describe('s3-policy-lint access', () => {
  it('prints the one-line summary and the grants of each file as text', () => {
    const result = runCli(['access', 'public.bucket-policy.json', 'partner.bucket-policy.json'], { cwd: tree });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^public\.bucket-policy\.json: Public: read \(s3:GetObject\) · .*HTTP: denied to everyone/m);
    assert.match(result.stdout, /^partner\.bucket-policy\.json: Not public · Account 444455556666: list and read, only through vpce-1a2b3c4d/m);
    assert.match(result.stdout, /^ {2}Anyone \(anonymous\): Read \(1 action: s3:GetObject\) — HTTPS only; statement 0$/m);
  });

  it('prints the issue\'s JSON shape with --format json', () => {
    const result = runCli(['access', '--format', 'json', 'public.bucket-policy.json'], { cwd: tree });
    assert.equal(result.status, 0, result.stderr);
    const [report] = JSON.parse(result.stdout) as { file: string; policies: { name: string; range: { start: { line: number } }; public: boolean; publicActions: string[]; httpsOnly: boolean; grants: { who: { kind: string }; actions: string[] }[] }[] }[];
    assert.equal(report.file, 'public.bucket-policy.json');
    const [entry] = report.policies;
    assert.equal(entry.name, 'TestPolicy');
    assert.equal(entry.range.start.line, 0);
    assert.equal(entry.public, true);
    assert.deepEqual(entry.publicActions, ['s3:GetObject']);
    assert.equal(entry.httpsOnly, true);
    assert.deepEqual(entry.grants.find((grant) => grant.who.kind === 'anonymous')?.actions, ['s3:GetObject']);
  });

  it('exits 2 on a missing file and on a file that is not a policy', () => {
    assert.equal(runCli(['access', 'no-such-file.json'], { cwd: tree }).status, 2);
    const notPolicy = runCli(['access', 'not-json.json'], { cwd: tree });
    assert.equal(notPolicy.status, 2);
    assert.match(notPolicy.stderr, /not a policy/);
  });
});

describe('s3-policy-lint simulate', () => {
  it('answers explicitDeny for anonymous HTTP, naming the deciding statement with its range', () => {
    const result = runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-http.json', '--format', 'json'], { cwd: tree });
    assert.equal(result.status, 0, result.stderr);
    const answer = JSON.parse(result.stdout) as { decision: string; deciding: { statement: number; sid: string; range: { start: { line: number } } }[]; explanation: string[] };
    assert.equal(answer.decision, 'explicitDeny');
    assert.deepEqual(answer.deciding.map((entry) => [entry.statement, entry.sid]), [[1, 'DenyHttp']]);
    assert.ok(answer.deciding[0].range.start.line > 5);
    assert.ok(answer.explanation.length > 0);
  });

  it('prints the decision first as text, then the deciding statement as file:line:col', () => {
    const result = runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-https.json'], { cwd: tree });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^allow\n {2}public\.bucket-policy\.json:\d+:5 statement 0 \(PublicRead\)\n/);
  });

  it('--expect: exit 0 when the decision matches, 1 when it differs; deny matches both kinds', () => {
    assert.equal(runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-https.json', '--expect', 'allow'], { cwd: tree }).status, 0);
    assert.equal(runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-http.json', '--expect', 'deny'], { cwd: tree }).status, 0);
    assert.equal(runCli(['simulate', 'partner.bucket-policy.json', '--request', 'partner-delete.json', '--expect', 'deny'], { cwd: tree }).status, 0);
    assert.equal(runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-http.json', '--expect', 'allow'], { cwd: tree }).status, 1);
    assert.equal(runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-https.json', '--expect=deny'], { cwd: tree }).status, 1);
  });

  it('cross-account without identity policies: allowed only if they allow, and says so', () => {
    const result = runCli(['simulate', 'partner.bucket-policy.json', '--request', 'partner-read-vpce.json', '--format', 'json'], { cwd: tree });
    const answer = JSON.parse(result.stdout) as { decision: string; requiresIdentityAllow: string; explanation: string[] };
    assert.equal(answer.decision, 'allow');
    assert.equal(answer.requiresIdentityAllow, '444455556666');
    assert.ok(answer.explanation.some((line) => /identityPolicies not given/.test(line)));
  });

  it('Block Public Access: RestrictPublicBuckets blocks the anonymous read', () => {
    const result = runCli(['simulate', 'public.bucket-policy.json', '--request', 'blocked.json', '--format', 'json'], { cwd: tree });
    const answer = JSON.parse(result.stdout) as { decision: string; blockedBy: string };
    assert.deepEqual([answer.decision, answer.blockedBy], ['explicitDeny', 'blockPublicAccess']);
  });

  it('exits 2 on bad input, saying what is wrong', () => {
    const badPrincipal = runCli(['simulate', 'public.bucket-policy.json', '--request', 'bad-principal.json'], { cwd: tree });
    assert.equal(badPrincipal.status, 2);
    assert.match(badPrincipal.stderr, /"principal": "bob" is not a principal/);
    assert.match(runCli(['simulate', 'public.bucket-policy.json', '--request', 'missing-action.json'], { cwd: tree }).stderr, /"action" is required/);
    assert.equal(runCli(['simulate', 'public.bucket-policy.json', '--request', 'not-json.json'], { cwd: tree }).status, 2);
    assert.equal(runCli(['simulate', 'public.bucket-policy.json'], { cwd: tree }).status, 2);
    assert.equal(runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-https.json', '--expect', 'maybe'], { cwd: tree }).status, 2);
    assert.equal(runCli(['simulate', 'public.bucket-policy.json', '--request', 'anonymous-https.json', '--format', 'sarif'], { cwd: tree }).status, 2);
  });
});
