/* S3 Bucket Policy — MIT License. */
/**
 * .pre-commit-hooks.yaml, run by the pre-commit framework itself (`pre-commit run --all-files`) in a
 * sample repository whose .pre-commit-config.yaml names a local clone of this checkout (its working
 * tree as it is, committed in the clone): pre-commit installs the hook with npm as it would from
 * GitHub (npm install, npm pack, whose prepack builds the CLI, npm install -g), then runs it on the
 * sample's files. Needs `pre-commit` (Debian's package; .ci/run installs it) and the npm registry or
 * npm's cache. Without pre-commit the tests are skipped, except under CI=true, where they fail.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { CliRun, ROOT, fixture, run, tempTree } from './runCli';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  types: string[];
}

const hooks = yaml.load(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const preCommitMissing = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status !== 0;
const skip = preCommitMissing && !process.env.CI ? 'pre-commit is not installed (apt-get install pre-commit, as .ci/run does)' : false;

const GIT_IDENTITY = ['-c', 'user.name=Policy Tester', '-c', 'user.email=tester@example.com', '-c', 'commit.gpgsign=false'];
const git = (cwd: string, ...args: string[]) => {
  const result = run('git', [...GIT_IDENTITY, ...args], { cwd });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};

describe('.pre-commit-hooks.yaml', () => {
  it('has one node hook that passes every file kind a policy lives in, with --only-policies', () => {
    assert.deepEqual(hooks.map((hook) => [hook.id, hook.language, hook.entry]), [['s3-policy-lint', 'node', 's3-policy-lint --only-policies']]);
    const files = new RegExp(hooks[0].files);
    for (const name of ['a.json', 'b.bucket-policy.json', 'stack.yaml', 'stack.yml', 'stack.template', 'main.tf', 'main.tofu', 'policy.tftpl', 'policy.tpl', 'x.tf.json']) {
      assert.ok(files.test(`dir/${name}`), `${name} is passed to the hook`);
    }
    for (const name of ['README.md', 'script.sh', 'policy.json.bak']) {
      assert.ok(!files.test(`dir/${name}`), `${name} is not passed to the hook`);
    }
  });
});

describe('pre-commit run --all-files with our hook', { skip }, () => {
  const work = tempTree({
    'sample/policies/reports.bucket-policy.json': fixture('broken.bucket-policy.json'),
    'sample/policies/logs.bucket-policy.json': fixture('clean.bucket-policy.json'),
    // A policy in a Terraform template file (templatefile()), recognised by its content.
    'sample/infra/reports-policy.tftpl': fixture('broken.bucket-policy.json'),
    'sample/infra/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "example-logs"\n}\n',
    'sample/infra/stack.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n',
    'sample/package.json': fixture('not-policies/package.json'),
    'sample/statement.json': fixture('single-statement.json'),
    'sample/.github/workflows/ci.yml': 'name: CI\non: [push]\njobs: {}\n',
  });
  const sample = path.join(work, 'sample');
  const hookRepository = path.join(work, 'hook-repository');
  const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const preCommit = (): CliRun => run('pre-commit', ['run', '--all-files', '--color', 'never'], { cwd: sample, env });

  before(() => {
    assert.ok(!preCommitMissing, 'pre-commit is not installed: CI needs it (apt-get install pre-commit, as .ci/run does)');
    // The clone gets this checkout's working tree as it is (git's ignore rules apply), committed.
    git(work, 'clone', '-q', '--shared', '--no-checkout', ROOT, hookRepository);
    git(hookRepository, `--work-tree=${ROOT}`, 'add', '--all');
    git(hookRepository, `--work-tree=${ROOT}`, 'commit', '-q', '--allow-empty', '-m', 'the working tree under test');
    const revision = git(hookRepository, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(sample, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepository}\n    rev: ${revision}\n    hooks:\n      - id: s3-policy-lint\n`);
    git(sample, 'init', '-q');
    git(sample, 'add', '--all');
  });

  it('fails on the bad policies, JSON and Terraform template alike, and stays silent on every other file', () => {
    const result = preCommit();
    const output = result.stdout + result.stderr;
    assert.equal(result.status, 1, output);
    assert.match(output, /^policies\/reports\.bucket-policy\.json:2:14 error invalidVersion /m);
    assert.match(output, /^infra\/reports-policy\.tftpl:2:14 error invalidVersion /m);
    assert.doesNotMatch(output, /notAPolicy|package\.json|statement\.json|ci\.yml|main\.tf|stack\.yaml|logs\.bucket-policy/);
  });

  it('passes once the policies are fixed', () => {
    for (const file of ['policies/reports.bucket-policy.json', 'infra/reports-policy.tftpl']) {
      fs.writeFileSync(path.join(sample, file), fixture('clean.bucket-policy.json'));
    }
    const result = preCommit();
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /S3 bucket policies\.+Passed/);
  });
});
