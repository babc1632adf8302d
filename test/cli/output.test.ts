/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import packageJson from '../../package.json';
import { JsonReport, fixture, runCli, tempTree } from './runCli';

const tree = tempTree({
  'clean.bucket-policy.json': fixture('clean.bucket-policy.json'),
  'broken.bucket-policy.json': fixture('broken.bucket-policy.json'),
  'warnings-only.bucket-policy.json': fixture('warnings-only.bucket-policy.json'),
});

describe('s3-policy-lint text output', () => {
  it('prints file:line:col severity ruleId message, 1-based, then a summary line, and exits 1 on an error', () => {
    const result = runCli(['broken.bucket-policy.json'], { cwd: tree });
    const lines = result.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((line) => line.split(' ').slice(0, 3).join(' ')), [
      'broken.bucket-policy.json:2:14 error invalidVersion',
      'broken.bucket-policy.json:3:3 warning missingSecureTransportDeny',
      'broken.bucket-policy.json:8:18 information actionPrefixCase',
    ]);
    assert.match(lines[0], /^broken\.bucket-policy\.json:2:14 error invalidVersion "2012 - 10 - 17" .*write "2012-10-17"\.$/);
    assert.equal(lines[3], '3 problems (1 error, 1 warning, 1 information) in 1 bucket policy in 1 file');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
  });

  it('exits 0 on a clean policy, with a summary line only', () => {
    const result = runCli(['clean.bucket-policy.json'], { cwd: tree });
    assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 information) in 1 bucket policy in 1 file\n');
    assert.equal(result.status, 0);
  });

  it('exits 0 when there are warnings but no error', () => {
    const result = runCli(['warnings-only.bucket-policy.json'], { cwd: tree });
    assert.match(result.stdout, /^warnings-only\.bucket-policy\.json:3:3 warning missingSecureTransportDeny /);
    assert.equal(result.status, 0);
  });

  it('reports files in the order given and sums the summary over them', () => {
    const result = runCli(['warnings-only.bucket-policy.json', 'broken.bucket-policy.json', 'clean.bucket-policy.json'], { cwd: tree });
    const files = result.stdout.trimEnd().split('\n').slice(0, -1).map((line) => line.split(':')[0]);
    assert.deepEqual(files, ['warnings-only.bucket-policy.json', 'broken.bucket-policy.json', 'broken.bucket-policy.json', 'broken.bucket-policy.json']);
    assert.match(result.stdout, /\n4 problems \(1 error, 2 warnings, 1 information\) in 3 bucket policies in 3 files\n$/);
  });
});

describe('s3-policy-lint --format json', () => {
  it('prints [{file, diagnostics: [{code, severity, message, range}]}] with 0-based LSP ranges and the path as given', () => {
    const result = runCli(['--format', 'json', 'broken.bucket-policy.json', './clean.bucket-policy.json'], { cwd: tree });
    const reports = JSON.parse(result.stdout) as JsonReport[];
    assert.deepEqual(reports.map((report) => report.file), ['broken.bucket-policy.json', './clean.bucket-policy.json']);
    assert.deepEqual(reports[1].diagnostics, []);
    const [version] = reports[0].diagnostics;
    assert.deepEqual(Object.keys(version), ['code', 'severity', 'message', 'range']);
    assert.deepEqual(version.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 29 } });
    assert.equal(version.code, 'invalidVersion');
    assert.equal(version.severity, 'error');
    assert.deepEqual(reports[0].diagnostics.map((diagnostic) => diagnostic.severity), ['error', 'warning', 'information']);
    assert.equal(result.status, 1);
  });

  it('accepts --format=json too and prints an empty array when nothing is found', () => {
    const result = runCli(['--format=json', 'clean.bucket-policy.json'], { cwd: tree });
    const reports = JSON.parse(result.stdout) as JsonReport[];
    assert.deepEqual(reports.map(({ file, diagnostics }) => ({ file, diagnostics })), [{ file: 'clean.bucket-policy.json', diagnostics: [] }]);
    assert.deepEqual(reports[0].policies.map((policy) => policy.name), ['clean.bucket-policy.json']);
    assert.deepEqual(reports[0].policies[0].range.start, { line: 0, character: 0 });
    assert.equal(result.status, 0);
  });
});

describe('s3-policy-lint usage', () => {
  const usageErrors: [string, string[], RegExp][] = [
    ['no path', [], /No file, directory or glob given/],
    ['an unknown option', ['--frobnicate', 'x.json'], /Unknown option "--frobnicate"/],
    ['an unknown format', ['--format', 'xml', 'x.json'], /Unknown format "xml": use text, json, sarif/],
    ['a missing option value', ['x.json', '--format'], /--format needs a value/],
    ['a bad --max-warnings', ['--max-warnings', 'many', 'x.json'], /--max-warnings needs a whole number/],
    ['--fix with standard input', ['--fix', '-'], /--fix cannot write back to standard input/],
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 on ${what}, saying what is wrong on stderr`, () => {
      const result = runCli(args, { cwd: tree });
      assert.match(result.stderr, message);
      assert.match(result.stderr, /s3-policy-lint --help/);
      assert.equal(result.stdout, '');
      assert.equal(result.status, 2);
    });
  }

  it('prints the help with every option and the exit codes', () => {
    const result = runCli(['--help']);
    for (const option of ['--format text|json|sarif', '--fix', '--quiet', '--max-warnings N', '--rule ID=SEVERITY', '.s3policylintrc.json', 'Exit codes']) {
      assert.ok(result.stdout.includes(option), `help mentions ${option}`);
    }
    assert.equal(result.status, 0);
  });

  it('prints the version from package.json', () => {
    const result = runCli(['--version']);
    assert.match(result.stdout, new RegExp(`^s3-policy-lint ${packageJson.version.replace(/\./g, '\\.')}\\b`));
    assert.equal(result.status, 0);
  });

  it('lints a file whose name starts with "-" after "--"', () => {
    const directory = tempTree({ '-odd.bucket-policy.json': fixture('clean.bucket-policy.json') });
    const result = runCli(['--', '-odd.bucket-policy.json'], { cwd: directory });
    assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 information) in 1 bucket policy in 1 file\n');
    assert.equal(result.status, 0);
  });
});
