/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JsonReport, codesByFile, fixture, runCli, tempTree } from './runCli';

const broken = fixture('broken.bucket-policy.json');
const warningsOnly = fixture('warnings-only.bucket-policy.json');
const severities = (stdout: string) => (JSON.parse(stdout) as JsonReport[]).flatMap((report) => report.diagnostics.map((diagnostic) => `${diagnostic.code}:${diagnostic.severity}`));

describe('s3-policy-lint --rule', () => {
  const tree = tempTree({ 'reports.bucket-policy.json': broken });

  it('sets rules to off, information, warning or error, and the exit code follows', () => {
    const result = runCli(['--format', 'json', '--rule', 'invalidVersion=warning', '--rule=actionPrefixCase=off', '--rule', 'missingSecureTransportDeny=information', 'reports.bucket-policy.json'], { cwd: tree });
    assert.deepEqual(severities(result.stdout), ['invalidVersion:warning', 'missingSecureTransportDeny:information']);
    assert.equal(result.status, 0);
    const raised = runCli(['--format', 'json', '--rule', 'actionPrefixCase=error', 'reports.bucket-policy.json'], { cwd: tree });
    assert.deepEqual(severities(raised.stdout), ['invalidVersion:error', 'missingSecureTransportDeny:warning', 'actionPrefixCase:error']);
  });

  it('turns notAPolicy off too', () => {
    const directory = tempTree({ 'statement.json': fixture('single-statement.json') });
    const result = runCli(['--rule', 'notAPolicy=off', 'statement.json'], { cwd: directory });
    assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 information) in 1 bucket policy in 1 file\n');
    assert.equal(result.status, 0);
  });

  const mistakes: [string, RegExp][] = [
    ['noSuchRule=off', /--rule: unknown rule "noSuchRule"\. Rules: jsonSyntax, .*notAPolicy, .*terraformPolicyDocumentName\./],
    ['invalidversion=off', /unknown rule "invalidversion"\. Did you mean "invalidVersion"\?/],
    ['invalidVersion=ignore', /"ignore" is not a setting for rule "invalidVersion": use off, information, warning, error/],
    ['invalidVersion', /expected ID=SEVERITY/],
  ];
  for (const [argument, message] of mistakes) {
    it(`exits 2 with a clear message on --rule ${argument}`, () => {
      const result = runCli(['--rule', argument, 'reports.bucket-policy.json'], { cwd: tree });
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
      assert.equal(result.status, 2);
    });
  }
});

describe('s3-policy-lint --quiet and --max-warnings', () => {
  const tree = tempTree({ 'reports.bucket-policy.json': broken, 'a.bucket-policy.json': warningsOnly, 'b.bucket-policy.json': warningsOnly });

  it('--quiet reports errors only', () => {
    const result = runCli(['--quiet', '.'], { cwd: tree });
    assert.equal(result.stdout.split('\n').filter((line) => / (warning|information) /.test(line)).length, 0);
    assert.match(result.stdout, /^reports\.bucket-policy\.json:2:14 error invalidVersion /);
    assert.match(result.stdout, /\n1 problem \(1 error, 0 warnings, 0 information\) in 3 bucket policies in 3 files\n$/);
    assert.equal(result.status, 1);
  });

  it('--max-warnings N passes at N warnings and fails above, saying so on stderr', () => {
    const atLimit = runCli(['--max-warnings', '2', 'a.bucket-policy.json', 'b.bucket-policy.json'], { cwd: tree });
    assert.equal(atLimit.status, 0);
    assert.equal(atLimit.stderr, '');
    const over = runCli(['--max-warnings=1', 'a.bucket-policy.json', 'b.bucket-policy.json'], { cwd: tree });
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 's3-policy-lint: 2 warnings, more than --max-warnings 1 allows.\n');
    assert.equal(runCli(['--max-warnings', '0', 'a.bucket-policy.json'], { cwd: tree }).status, 1);
  });

  it('counts warnings after --rule and leaves them out under --quiet', () => {
    assert.equal(runCli(['--max-warnings', '0', '--rule', 'missingSecureTransportDeny=information', 'a.bucket-policy.json'], { cwd: tree }).status, 0);
    assert.equal(runCli(['--max-warnings', '0', '--quiet', 'a.bucket-policy.json'], { cwd: tree }).status, 0);
  });

  it('still exits 1 on an error under the warning limit', () => {
    assert.equal(runCli(['--max-warnings', '10', 'reports.bucket-policy.json'], { cwd: tree }).status, 1);
  });
});

describe('.s3policylintrc.json', () => {
  it('is found from the working directory upwards and sets rule severities, which --rule overrides', () => {
    const tree = tempTree({
      '.s3policylintrc.json': JSON.stringify({ rules: { invalidVersion: 'warning', actionPrefixCase: 'off' } }),
      'deep/down/reports.bucket-policy.json': broken,
    });
    const cwd = path.join(tree, 'deep/down');
    const result = runCli(['--format', 'json', 'reports.bucket-policy.json'], { cwd });
    assert.deepEqual(severities(result.stdout), ['invalidVersion:warning', 'missingSecureTransportDeny:warning']);
    assert.equal(result.status, 0);
    const overridden = runCli(['--format', 'json', '--rule', 'invalidVersion=error', 'reports.bucket-policy.json'], { cwd });
    assert.deepEqual(severities(overridden.stdout), ['invalidVersion:error', 'missingSecureTransportDeny:warning']);
  });

  it('takes "files" globs (relative to its directory) and "detectByContent" to decide which files in a directory are policies', () => {
    const tree = tempTree({
      '.s3policylintrc.json': '{\n  // which files are policies\n  "files": ["policies/*.json"],\n  "detectByContent": false\n}\n',
      'policies/reports.json': broken,
      'other/by-content.json': broken,
      'other/logs.bucket-policy.json': broken,
    });
    const result = runCli(['--format', 'json', '.'], { cwd: tree });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), ['policies/reports.json']);
  });

  it('uses the default globs and content detection when it does not set them', () => {
    const tree = tempTree({ '.s3policylintrc.json': '{"rules": {}}', 'other/by-content.json': broken, 'other/logs.bucket-policy.json': warningsOnly });
    const result = runCli(['--format', 'json', '.'], { cwd: tree });
    assert.deepEqual(Object.keys(codesByFile(result.stdout)), ['other/by-content.json', 'other/logs.bucket-policy.json']);
  });

  it('still lints a policy named explicitly when content detection is off', () => {
    const tree = tempTree({ '.s3policylintrc.json': '{"detectByContent": false}', 'reports.json': broken });
    const result = runCli(['--format', 'json', 'reports.json'], { cwd: tree });
    assert.deepEqual(codesByFile(result.stdout), { 'reports.json': ['invalidVersion', 'missingSecureTransportDeny', 'actionPrefixCase'] });
  });

  const invalid: [string, string, RegExp][] = [
    ['broken JSON', '{"rules": ', /not valid JSON/],
    ['an array', '[]', /expected an object/],
    ['an unknown member', '{"rule": {}}', /unknown member "rule"/],
    ['an unknown rule', '{"rules": {"noSuchRule": "off"}}', /"rules": unknown rule "noSuchRule"/],
    ['a bad severity', '{"rules": {"invalidVersion": "warn"}}', /"warn" is not a setting for rule "invalidVersion"/],
    ['files that are not globs', '{"files": "**/*.json"}', /"files" must be an array of glob strings/],
    ['a non-boolean detectByContent', '{"detectByContent": "yes"}', /"detectByContent" must be true or false/],
  ];
  for (const [what, content, message] of invalid) {
    it(`exits 2 naming the file on ${what}`, () => {
      const tree = tempTree({ '.s3policylintrc.json': content, 'reports.bucket-policy.json': broken });
      const result = runCli(['reports.bucket-policy.json'], { cwd: tree });
      assert.match(result.stderr, message);
      assert.ok(result.stderr.includes(path.join(tree, '.s3policylintrc.json')), 'names the configuration file');
      assert.equal(result.stdout, '');
      assert.equal(result.status, 2);
    });
  }
});
