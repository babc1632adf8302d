/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JsonReport, codesByFile, fixture, runCli, tempTree } from './runCli';

const tree = tempTree({
  'policies/prod/reports.bucket-policy.json': fixture('broken.bucket-policy.json'),
  'policies/prod/by-content.json': fixture('clean.bucket-policy.json'),
  'policies/staging/logs.s3-policy.json': fixture('warnings-only.bucket-policy.json'),
  'policies/staging/notes.txt': fixture('clean.bucket-policy.json'),
  'policies/node_modules/dependency/bucket-policy.json': fixture('broken.bucket-policy.json'),
  'policies/package.json': fixture('not-policies/package.json'),
  'policies/tsconfig.json': fixture('not-policies/tsconfig.json'),
  'policies/cloudformation-template.json': fixture('not-policies/cloudformation-template.json'),
  'policies/statement.json': fixture('single-statement.json'),
  'downloaded/bucket-policy.json': fixture('get-bucket-policy-output.json'),
  'downloaded/policy-response.json': fixture('get-bucket-policy-output.json'),
  'single-statement.json': fixture('single-statement.json'),
  'empty.json': '',
});

describe('s3-policy-lint on directories', () => {
  it('lints the policy files and templates inside, recursively, recognised by name or content, and skips every other file and node_modules', () => {
    const result = runCli(['--format', 'json', 'policies'], { cwd: tree });
    assert.deepEqual(codesByFile(result.stdout), {
      'policies/cloudformation-template.json': ['incompleteSecureTransportDeny'],
      'policies/prod/by-content.json': [],
      'policies/prod/reports.bucket-policy.json': ['invalidVersion', 'missingSecureTransportDeny', 'actionPrefixCase'],
      'policies/staging/logs.s3-policy.json': ['missingSecureTransportDeny'],
    });
    assert.equal(result.status, 1);
  });

  it('follows symbolic links to files but not to directories, and skips broken links', () => {
    const directory = tempTree({ 'real/reports.bucket-policy.json': fixture('broken.bucket-policy.json') });
    fs.mkdirSync(path.join(directory, 'linked'));
    fs.symlinkSync('../real/reports.bucket-policy.json', path.join(directory, 'linked/reports.bucket-policy.json'));
    fs.symlinkSync('../real', path.join(directory, 'linked/real'));
    fs.symlinkSync('../nowhere.bucket-policy.json', path.join(directory, 'linked/broken.bucket-policy.json'));
    const result = runCli(['--format', 'json', 'linked'], { cwd: directory });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), ['linked/reports.bucket-policy.json']);
    assert.equal(result.status, 1);
  });

  it('lints nothing, successfully, in a directory without policies', () => {
    const directory = tempTree({ 'package.json': fixture('not-policies/package.json') });
    const result = runCli([directory]);
    assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 information) in 0 bucket policies in 0 files\n');
    assert.equal(result.status, 0);
  });

  it('reports a get-bucket-policy wrapper found by its policy-like name, saying how to unwrap it', () => {
    const result = runCli(['--format', 'json', 'downloaded'], { cwd: tree });
    const reports = JSON.parse(result.stdout) as JsonReport[];
    assert.deepEqual(reports.map((report) => report.file), ['downloaded/bucket-policy.json']);
    assert.equal(reports[0].diagnostics.length, 1);
    assert.match(reports[0].diagnostics[0].message, /get-bucket-policy.*Unwrap/);
    assert.equal(result.status, 1);
  });
});

describe('s3-policy-lint --only-policies on files named explicitly', () => {
  const named = tempTree({
    'reports.bucket-policy.json': fixture('broken.bucket-policy.json'),
    'by-content.json': fixture('clean.bucket-policy.json'),
    'downloaded/bucket-policy.json': fixture('get-bucket-policy-output.json'),
    'statement.json': fixture('single-statement.json'),
    'package.json': fixture('not-policies/package.json'),
    'template.json': fixture('not-policies/cloudformation-template.json'),
    '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    'main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "example-logs"\n}\n',
    'empty.json': '',
  });
  const all = ['reports.bucket-policy.json', 'by-content.json', 'downloaded/bucket-policy.json', 'statement.json', 'package.json', 'template.json', '.github/workflows/ci.yml', 'main.tf', 'empty.json'];

  it('lints the policies and templates among them, by name or content, and skips the rest without a finding', () => {
    const result = runCli(['--format', 'json', '--only-policies', ...all], { cwd: named });
    assert.deepEqual(codesByFile(result.stdout), {
      'reports.bucket-policy.json': ['invalidVersion', 'missingSecureTransportDeny', 'actionPrefixCase'],
      'by-content.json': [],
      'downloaded/bucket-policy.json': ['unknownElement'],
      'template.json': ['incompleteSecureTransportDeny'],
    });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
  });

  it('exits 0 when none of them is a policy, and without it reports each as notAPolicy (a Terraform file without a bucket policy is checked, and clean)', () => {
    const others = ['statement.json', 'package.json', '.github/workflows/ci.yml', 'main.tf'];
    const skipped = runCli(['--only-policies', ...others], { cwd: named });
    assert.equal(skipped.stdout, '0 problems (0 errors, 0 warnings, 0 information) in 0 bucket policies in 0 files\n');
    assert.equal(skipped.status, 0);
    const reported = runCli(['--format', 'json', ...others], { cwd: named });
    assert.deepEqual(codesByFile(reported.stdout), { 'statement.json': ['notAPolicy'], 'package.json': ['notAPolicy'], '.github/workflows/ci.yml': ['notAPolicy'], 'main.tf': [] });
    assert.equal(reported.status, 1);
  });

  it('follows detectByContent of .s3policylintrc.json, as for a directory', () => {
    const configured = tempTree({ '.s3policylintrc.json': '{"detectByContent": false}', 'by-content.json': fixture('clean.bucket-policy.json'), 'logs.s3-policy.json': fixture('broken.bucket-policy.json') });
    const result = runCli(['--format', 'json', '--only-policies', 'by-content.json', 'logs.s3-policy.json'], { cwd: configured });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), ['logs.s3-policy.json']);
  });

  it('still names a missing file on stderr and exits 2', () => {
    const result = runCli(['--only-policies', 'by-content.json', 'gone.json'], { cwd: named });
    assert.match(result.stderr, /gone\.json: no such file or directory/);
    assert.equal(result.status, 2);
  });
});

describe('s3-policy-lint on files named explicitly', () => {
  it('gives a file that is not a policy one notAPolicy finding, saying what it is', () => {
    const result = runCli(['--format', 'json', 'single-statement.json', 'downloaded/policy-response.json', 'policies/package.json', 'empty.json'], { cwd: tree });
    const reports = JSON.parse(result.stdout) as JsonReport[];
    assert.deepEqual(reports.map((report) => [report.file, report.diagnostics.map((diagnostic) => diagnostic.code)]), [
      ['single-statement.json', ['notAPolicy']],
      ['downloaded/policy-response.json', ['notAPolicy']],
      ['policies/package.json', ['notAPolicy']],
      ['empty.json', ['notAPolicy']],
    ]);
    const [statement, wrapper] = reports.map((report) => report.diagnostics[0].message);
    assert.match(statement, /single statement.*Wrap it/);
    assert.match(wrapper, /aws s3api get-bucket-policy.*Unwrap it/);
    assert.equal(result.status, 1);
  });

  it('lints a file named explicitly as a policy when its content is one, whatever its name', () => {
    const result = runCli(['--format', 'json', 'policies/prod/by-content.json'], { cwd: tree });
    assert.deepEqual(codesByFile(result.stdout), { 'policies/prod/by-content.json': [] });
    assert.equal(result.status, 0);
  });

  it('names a missing file on stderr, still lints and reports the others, and exits 2', () => {
    const result = runCli(['missing.bucket-policy.json', 'policies/prod/reports.bucket-policy.json', 'policies/staging'], { cwd: tree });
    assert.equal(result.stderr, 's3-policy-lint: missing.bucket-policy.json: no such file or directory\n');
    assert.match(result.stdout, /^policies\/prod\/reports\.bucket-policy\.json:2:14 error invalidVersion /);
    assert.match(result.stdout, /\npolicies\/staging\/logs\.s3-policy\.json:3:3 warning missingSecureTransportDeny /);
    assert.match(result.stdout, /in 2 bucket policies in 2 files\n$/);
    assert.equal(result.status, 2);
  });

  it('names an unreadable file on stderr and exits 2', () => {
    const result = runCli(['policies', 'policies/prod/reports.bucket-policy.json/'], { cwd: tree });
    assert.match(result.stderr, /^s3-policy-lint: policies\/prod\/reports\.bucket-policy\.json\/: /);
    assert.match(result.stdout, /in 4 bucket policies in 4 files\n$/);
    assert.equal(result.status, 2);
  });

  it('lints a file reached twice (named and inside a directory) once', () => {
    const result = runCli(['--format', 'json', 'policies/staging/logs.s3-policy.json', 'policies/staging'], { cwd: tree });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), ['policies/staging/logs.s3-policy.json']);
  });
});

describe('s3-policy-lint with globs', () => {
  it('expands a quoted glob itself and lints only the policies and templates among the matches', () => {
    const result = runCli(['--format', 'json', 'policies/**/*.json'], { cwd: tree });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), [
      'policies/cloudformation-template.json',
      'policies/prod/by-content.json',
      'policies/prod/reports.bucket-policy.json',
      'policies/staging/logs.s3-policy.json',
    ]);
  });

  it('matches files of any extension the glob names, and ./ prefixes', () => {
    const result = runCli(['--format', 'json', './policies/staging/*'], { cwd: tree });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), ['policies/staging/logs.s3-policy.json', 'policies/staging/notes.txt']);
  });

  it('treats a glob that matches no file as an error, so a typo does not pass CI silently', () => {
    const result = runCli(['polices/**/*.json', 'policies/staging'], { cwd: tree });
    assert.match(result.stderr, /polices\/\*\*\/\*\.json: no files match this glob/);
    assert.match(result.stdout, /in 1 file\n$/);
    assert.equal(result.status, 2);
  });

  it('lints a file whose name only looks like a glob when it exists', () => {
    const directory = tempTree({ 'policy[1].bucket-policy.json': fixture('clean.bucket-policy.json') });
    const result = runCli(['--format', 'json', 'policy[1].bucket-policy.json'], { cwd: directory });
    assert.deepEqual(codesByFile(result.stdout), { 'policy[1].bucket-policy.json': [] });
  });
});

describe('s3-policy-lint - (standard input)', () => {
  it('reads one policy from standard input and reports it as <stdin>', () => {
    const result = runCli(['-'], { cwd: tree, input: fixture('broken.bucket-policy.json') });
    assert.match(result.stdout, /^<stdin>:2:14 error invalidVersion /);
    assert.match(result.stdout, /in 1 file\n$/);
    assert.equal(result.status, 1);
  });

  it('takes the unwrapped output of get-bucket-policy (one line of JSON)', () => {
    const { Policy } = JSON.parse(fixture('get-bucket-policy-output.json')) as { Policy: string };
    const result = runCli(['--format', 'json', '-'], { cwd: tree, input: Policy });
    assert.deepEqual(codesByFile(result.stdout), { '<stdin>': [] });
    assert.equal(result.status, 0);
  });

  it('reports the wrapper itself, piped without jq, as notAPolicy', () => {
    const result = runCli(['-'], { cwd: tree, input: fixture('get-bucket-policy-output.json') });
    assert.match(result.stdout, /^<stdin>:1:1 error notAPolicy This looks like the output of "aws s3api get-bucket-policy"/);
  });

  it('lints standard input next to files', () => {
    const result = runCli(['--format', 'json', 'policies/staging', '-'], { cwd: tree, input: fixture('clean.bucket-policy.json') });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), ['policies/staging/logs.s3-policy.json', '<stdin>']);
  });
});
