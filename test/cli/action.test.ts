/* S3 Bucket Policy — MIT License. */
/**
 * The GitHub Action: action.yml's shape (a composite action that builds the CLI and hands every
 * input to scripts/action.mjs), and scripts/action.mjs run as the action's Lint step runs it, on
 * sample files: annotations as workflow commands, the SARIF log, the step's outputs, the exit code.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { CliRun, ROOT, fixture, run, tempTree } from './runCli';
import { assertValidSarif } from './sarifSchema';

interface ActionStep {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const action = yaml.load(text) as Action;
const SCRIPT = path.join(ROOT, 'scripts/action.mjs');

/** Runs scripts/action.mjs in `workspace` with these inputs, as the Lint step does; returns the run and the step's outputs. */
function runAction(workspace: string, inputs: Record<string, string>): CliRun & { outputs: Record<string, string> } {
  const outputFile = path.join(workspace, '.github-output');
  fs.writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  }
  const result = run(process.execPath, [SCRIPT], { cwd: workspace, env });
  const outputs: Record<string, string> = {};
  for (const line of fs.readFileSync(outputFile, 'utf8').split('\n').filter(Boolean)) {
    const separator = line.indexOf('=');
    outputs[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return { ...result, outputs };
}

const commands = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::'));

describe('action.yml', () => {
  const steps = action.runs.steps;
  const lint = steps.find((step) => step.id === 'lint');

  it('is a composite action whose Lint step runs scripts/action.mjs with every input', () => {
    assert.equal(action.runs.using, 'composite');
    assert.equal(lint?.run, 'node "$GITHUB_ACTION_PATH/scripts/action.mjs"');
    for (const input of Object.keys(action.inputs)) {
      const variable = `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
      assert.equal(lint?.env?.[variable], `\${{ inputs.${input} }}`, `${input} reaches the script as ${variable}`);
      assert.ok(fs.readFileSync(SCRIPT, 'utf8').includes(variable), `scripts/action.mjs reads ${variable}`);
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      assert.equal(output.value, `\${{ steps.lint.outputs.${name} }}`);
    }
  });

  it('builds the CLI in the action\'s own folder before linting, and pins its actions by commit', () => {
    const build = steps.find((step) => step.run?.includes('esbuild.mjs'));
    assert.ok(build && lint && steps.indexOf(build) < steps.indexOf(lint));
    assert.equal(build.with, undefined);
    assert.match(build.run ?? '', /^npm ci --ignore-scripts .*&& node esbuild\.mjs --production$/);
    for (const line of text.split('\n').filter((candidate) => /^\s*(- )?uses:/.test(candidate))) {
      assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });
});

describe('scripts/action.mjs', () => {
  // A comma and a percent sign in a name: both must be escaped in the annotation's file property.
  const BROKEN = 'policies/50%,off.bucket-policy.json';
  const workspace = tempTree({
    [BROKEN]: fixture('broken.bucket-policy.json'),
    'policies/logs.bucket-policy.json': fixture('clean.bucket-policy.json'),
    'package.json': fixture('not-policies/package.json'),
    '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs: {}\n',
    'infra/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "example-logs"\n}\n',
  });

  it('fails on a bad policy, annotating each finding at its place, and writes valid SARIF where asked', () => {
    const result = runAction(workspace, { paths: 'policies package.json .github/workflows/ci.yml infra/main.tf', 'sarif-file': 'reports/lint/s3.sarif' });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const file = 'file=policies/50%25%2Coff.bucket-policy.json';
    assert.deepEqual(commands(result.stdout).map((line) => line.split('::').slice(0, 2).join('::')), [
      `::error ${file},line=2,col=14,endLine=2,endColumn=30,title=s3-policy-lint invalidVersion`,
      `::warning ${file},line=3,col=3,endLine=3,endColumn=14,title=s3-policy-lint missingSecureTransportDeny`,
      `::notice ${file},line=8,col=18,endLine=8,endColumn=21,title=s3-policy-lint actionPrefixCase`,
    ]);
    assert.match(commands(result.stdout)[0], /::"2012 - 10 - 17" has stray spaces/);
    assert.match(result.stdout, /1 error, 1 warning, 1 information in 2 policies; SARIF in reports\/lint\/s3\.sarif$/m);
    const sarifFile = path.join(workspace, 'reports/lint/s3.sarif');
    const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results.map((entry) => entry.ruleId), ['invalidVersion', 'missingSecureTransportDeny', 'actionPrefixCase']);
    assert.deepEqual(result.outputs, { 'sarif-file': sarifFile, errors: '1', warnings: '1' });
  });

  it('passes on clean policies, with the default paths and SARIF file', () => {
    const clean = tempTree({ 'logs.bucket-policy.json': fixture('clean.bucket-policy.json'), 'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' });
    const result = runAction(clean, {});
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.deepEqual(commands(result.stdout), []);
    assertValidSarif(JSON.parse(fs.readFileSync(path.join(clean, 's3-policy-lint.sarif'), 'utf8')));
    assert.equal(result.outputs.errors, '0');
  });

  it('fails on warnings above max-warnings and passes args through', () => {
    const warned = tempTree({ 'logs.bucket-policy.json': fixture('warnings-only.bucket-policy.json') });
    assert.equal(runAction(warned, {}).status, 0);
    const limited = runAction(warned, { 'max-warnings': '0' });
    assert.equal(limited.status, 1);
    assert.match(limited.stdout, /^::error title=s3-policy-lint::1 warning, more than --max-warnings 0 allows\.$/m);
    assert.equal(runAction(warned, { 'max-warnings': '0', args: '--rule missingSecureTransportDeny=off' }).status, 0);
  });

  it('says what is wrong with a bad input or a missing path, and exits 2', () => {
    const badInput = runAction(workspace, { 'max-warnings': 'few' });
    assert.equal(badInput.status, 2);
    assert.match(badInput.stdout, /^::error title=s3-policy-lint::The max-warnings input must be a whole number .*got "few"\.$/m);
    const missing = runAction(workspace, { paths: 'policies/logs.bucket-policy.json nowhere' });
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /^::error title=s3-policy-lint::nowhere: no such file or directory$/m);
  });
});
