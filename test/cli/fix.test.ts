/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
// The module object itself (not a namespace copy), so that mocking renameSync reaches the code under test.
import nodeFs from 'node:fs';
import * as path from 'node:path';
import { describe, it, mock } from 'node:test';
import { writeFileAtomically } from '../../server/src/cli/files';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import { codesByFile, fixture, read, runCli, tempTree } from './runCli';

const service = getPolicyLanguageService();
const broken = fixture('broken.bucket-policy.json');
const fixedByService = service.fixAll(broken, DEFAULT_LINT_SETTINGS).text;
/** Each finding of the broken fixture that has a preferred fix is fixed once, and counted once. */
const fixable = service.findProblems(service.parse(broken), DEFAULT_LINT_SETTINGS).filter((finding) => finding.fixes.some((fix) => fix.isPreferred)).length;
const missingPrincipal = broken.replace(/\n\s*"Principal": \{[^}]*\},/, '');

describe('s3-policy-lint --fix', () => {
  it('writes every preferred fix into the file, exactly as the service\'s fixAll, counts each once, and reports nothing left', () => {
    const directory = tempTree({ 'reports.bucket-policy.json': broken });
    const result = runCli(['--fix', 'reports.bucket-policy.json'], { cwd: directory });
    assert.equal(read(directory, 'reports.bucket-policy.json'), fixedByService);
    assert.match(fixedByService, /"Version": "2012-10-17"/);
    assert.match(fixedByService, /"Action": "s3:GetObject"/);
    assert.match(fixedByService, /"aws:SecureTransport": "false"/);
    assert.equal(result.stdout, `Fixed ${fixable} problems in 1 file.\n0 problems (0 errors, 0 warnings, 0 information) in 1 bucket policy in 1 file\n`);
    assert.equal(result.status, 0);
  });

  it('reports what is left when a problem has no mechanical fix, and exits 1 for it', () => {
    const directory = tempTree({ 'reports.bucket-policy.json': missingPrincipal });
    const result = runCli(['--fix', '--format', 'json', 'reports.bucket-policy.json'], { cwd: directory });
    assert.deepEqual(codesByFile(result.stdout), { 'reports.bucket-policy.json': ['missingPrincipal'] });
    assert.match(read(directory, 'reports.bucket-policy.json'), /"Version": "2012-10-17"/);
    assert.equal(result.status, 1);
  });

  it('replaces the file through a rename: no temporary file is left, permissions are kept, a symbolic link still points at its file', () => {
    const directory = tempTree({ 'real/reports.bucket-policy.json': broken });
    fs.chmodSync(path.join(directory, 'real/reports.bucket-policy.json'), 0o640);
    fs.symlinkSync('real/reports.bucket-policy.json', path.join(directory, 'link.bucket-policy.json'));
    const result = runCli(['--fix', 'link.bucket-policy.json'], { cwd: directory });
    assert.equal(result.status, 0);
    assert.ok(fs.lstatSync(path.join(directory, 'link.bucket-policy.json')).isSymbolicLink());
    assert.equal(read(directory, 'real/reports.bucket-policy.json'), fixedByService);
    assert.equal(fs.statSync(path.join(directory, 'real/reports.bucket-policy.json')).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.join(directory, 'real')), ['reports.bucket-policy.json']);
  });

  it('does not rewrite a file that needs no fix, nor a file that is not a policy', () => {
    const directory = tempTree({ 'clean.bucket-policy.json': fixture('clean.bucket-policy.json'), 'package.json': fixture('not-policies/package.json') });
    const inodes = ['clean.bucket-policy.json', 'package.json'].map((file) => fs.statSync(path.join(directory, file)).ino);
    const result = runCli(['--fix', 'clean.bucket-policy.json', 'package.json'], { cwd: directory });
    assert.deepEqual(['clean.bucket-policy.json', 'package.json'].map((file) => fs.statSync(path.join(directory, file)).ino), inodes);
    assert.equal(read(directory, 'package.json'), fixture('not-policies/package.json'));
    assert.doesNotMatch(result.stdout, /Fixed/);
    assert.equal(result.status, 1);
  });

  it('wraps a bare statement named explicitly in a policy, as the service\'s fixAll does, and then finds it clean', () => {
    const directory = tempTree({ 'statement.json': fixture('single-statement.json') });
    const result = runCli(['--fix', 'statement.json'], { cwd: directory });
    const fixed = read(directory, 'statement.json');
    assert.equal(fixed, service.fixAll(fixture('single-statement.json'), DEFAULT_LINT_SETTINGS).text);
    const policy = JSON.parse(fixed) as { Version: string; Statement: { Sid: string }[] };
    assert.equal(policy.Version, '2012-10-17');
    assert.deepEqual(policy.Statement.map((statement) => statement.Sid), ['PartnerReadsReports', 'DenyInsecureTransport']);
    assert.match(result.stdout, /0 problems/);
    assert.equal(result.status, 0);
  });

  it('leaves alone the fixes of a rule turned off', () => {
    const directory = tempTree({ 'reports.bucket-policy.json': broken });
    runCli(['--fix', '--rule', 'actionPrefixCase=off', 'reports.bucket-policy.json'], { cwd: directory });
    const text = read(directory, 'reports.bucket-policy.json');
    assert.match(text, /"Version": "2012-10-17"/);
    assert.match(text, /"Action": "S3:GetObject"/);
  });

  it('unwraps the output of get-bucket-policy saved under a policy name', () => {
    const directory = tempTree({ 'bucket-policy.json': fixture('get-bucket-policy-output.json') });
    const result = runCli(['--fix', 'bucket-policy.json'], { cwd: directory });
    assert.deepEqual(JSON.parse(read(directory, 'bucket-policy.json')), JSON.parse(fixture('clean.bucket-policy.json')));
    assert.match(result.stdout, /^Fixed 1 problem in 1 file\.\n0 problems/);
    assert.equal(result.status, 0);
  });

  it('fixes every policy found in a directory', () => {
    const directory = tempTree({ 'a/one.bucket-policy.json': broken, 'b/two.bucket-policy.json': broken });
    const result = runCli(['--fix', '.'], { cwd: directory });
    assert.equal(read(directory, 'a/one.bucket-policy.json'), fixedByService);
    assert.equal(read(directory, 'b/two.bucket-policy.json'), fixedByService);
    assert.ok(result.stdout.startsWith(`Fixed ${2 * fixable} problems in 2 files.\n`));
  });
});

describe('writeFileAtomically', () => {
  it('replaces the file with a new one (a rename), never writing into the original', () => {
    const directory = tempTree({ 'policy.json': 'old' });
    const file = path.join(directory, 'policy.json');
    const before = fs.statSync(file).ino;
    writeFileAtomically(file, 'new');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    assert.notEqual(fs.statSync(file).ino, before);
    assert.deepEqual(fs.readdirSync(directory), ['policy.json']);
  });

  it('leaves the original untouched when the temporary file cannot be created', () => {
    const directory = tempTree({ 'policy.json': 'old' });
    const blocker = path.join(directory, `.policy.json.s3-policy-lint-${process.pid}.tmp`);
    fs.mkdirSync(blocker);
    assert.throws(() => writeFileAtomically(path.join(directory, 'policy.json'), 'new'), /EEXIST/);
    assert.equal(read(directory, 'policy.json'), 'old');
    assert.ok(fs.statSync(blocker).isDirectory());
  });

  it('removes the temporary file and keeps the original when the rename fails', () => {
    const directory = tempTree({ 'policy.json': 'old' });
    const file = path.join(directory, 'policy.json');
    const rename = mock.method(nodeFs, 'renameSync', () => {
      throw Object.assign(new Error('EXDEV: simulated rename failure'), { code: 'EXDEV' });
    });
    try {
      assert.throws(() => writeFileAtomically(file, 'new'), /simulated rename failure/);
      assert.equal(rename.mock.callCount(), 1);
    } finally {
      rename.mock.restore();
    }
    assert.equal(read(directory, 'policy.json'), 'old');
    assert.deepEqual(fs.readdirSync(directory), ['policy.json']);
  });
});
