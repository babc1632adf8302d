/* S3 Bucket Policy — MIT License. */
/**
 * The recipes of docs/cli.md, tried for real: the GitHub Actions workflow (shape, and its lint step
 * run), the pre-commit hook on a temporary git repository, the get-bucket-policy shell example with
 * a stand-in `aws`, and `npx s3-policy-lint` in this repository.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { CLI, ROOT, fixture, run, runCli, tempTree } from './runCli';
import { assertValidSarif } from './sarifSchema';

const recipe = (name: string) => fs.readFileSync(path.join(ROOT, 'docs/recipes', name), 'utf8');
const docs = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
const broken = fixture('broken.bucket-policy.json');
const clean = fixture('clean.bucket-policy.json');

interface WorkflowStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, { permissions: Record<string, string>; steps: WorkflowStep[] }>;
}

describe('docs/cli.md', () => {
  it('shows every recipe file verbatim', () => {
    for (const name of fs.readdirSync(path.join(ROOT, 'docs/recipes'))) {
      assert.ok(docs.includes(recipe(name).trimEnd()), `docs/cli.md shows docs/recipes/${name} as it is`);
    }
  });

  it('documents every option of --help', () => {
    const options = new Set(runCli(['--help']).stdout.match(/--[a-z][a-z-]*/g));
    for (const option of options) {
      assert.ok(docs.includes(`\`${option}`), `docs/cli.md documents ${option}`);
    }
  });
});

describe('recipe: GitHub Actions workflow uploading SARIF', () => {
  const text = recipe('s3-policy-lint.yml');
  const workflow = yaml.load(text) as Workflow;
  const [job] = Object.values(workflow.jobs);
  const steps = job.steps;
  const lint = steps.find((step) => step.id === 'lint');
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));

  it('runs on pushes and pull requests with no permissions but contents: read and security-events: write for the job', () => {
    assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
    assert.deepEqual(workflow.permissions, {});
    assert.deepEqual(job.permissions, { contents: 'read', 'security-events': 'write' });
  });

  it('pins every action by a full commit SHA, with the version as a comment, and keeps no credentials', () => {
    const uses = text.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    assert.equal(uses.length, steps.filter((step) => step.uses).length);
    for (const line of uses) {
      assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
    for (const step of steps.filter((candidate) => candidate.uses?.startsWith('actions/checkout@'))) {
      assert.equal(step.with?.['persist-credentials'], false);
    }
  });

  it('writes SARIF in the lint step and uploads that file even when the lint step fails', () => {
    assert.ok(lint?.run && upload);
    assert.match(lint.run, /--format sarif/);
    assert.equal(upload.if, 'success() || failure()');
    const output = /> (\S+)$/.exec(lint.run)?.[1];
    assert.equal(upload.with?.sarif_file, output);
    assert.ok(steps.indexOf(lint) < steps.indexOf(upload));
  });

  it('its lint step, run as GitHub runs it, fails on an error and leaves valid SARIF for the upload', () => {
    const workspace = tempTree({ 'policies/reports.bucket-policy.json': broken, 'policies/logs.bucket-policy.json': clean });
    fs.symlinkSync(ROOT, path.join(workspace, '.s3-policy-lint'));
    const result = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', lint?.run ?? ''], { cwd: workspace });
    assert.equal(result.status, 1);
    const log = JSON.parse(fs.readFileSync(path.join(workspace, String(upload?.with?.sarif_file)), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results.map((result) => result.ruleId), ['invalidVersion', 'missingSecureTransportDeny', 'actionPrefixCase']);
    fs.writeFileSync(path.join(workspace, 'policies/reports.bucket-policy.json'), clean);
    assert.equal(run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', lint?.run ?? ''], { cwd: workspace }).status, 0);
  });
});

describe('recipe: pre-commit hook', () => {
  const repository = tempTree({});
  const env = { ...process.env, S3_POLICY_LINT: `${process.execPath} ${CLI}` };
  const git = (...args: string[]) => run('git', ['-c', 'core.hooksPath=.git/hooks', '-c', 'user.name=Policy Tester', '-c', 'user.email=tester@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repository, env });
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(repository, file)), { recursive: true });
    fs.writeFileSync(path.join(repository, file), content);
  };
  const commitCount = () => Number(git('rev-list', '--count', 'HEAD').stdout.trim());
  git('init', '-q');
  fs.copyFileSync(path.join(ROOT, 'docs/recipes/pre-commit'), path.join(repository, '.git/hooks/pre-commit'));
  fs.chmodSync(path.join(repository, '.git/hooks/pre-commit'), 0o755);

  it('allows a commit of a good policy next to other JSON files', () => {
    write('policies/reports.bucket-policy.json', clean);
    write('package.json', fixture('not-policies/package.json'));
    git('add', '.');
    const result = git('commit', '-q', '-m', 'good policy');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout + result.stderr, /0 problems \(0 errors, 0 warnings, 0 information\) in 1 bucket policy in 1 file/);
    assert.equal(commitCount(), 1);
  });

  it('blocks a commit of a policy with an error, naming the problem', () => {
    write('policies/reports.bucket-policy.json', broken);
    git('add', '.');
    const result = git('commit', '-q', '-m', 'broken policy');
    assert.notEqual(result.status, 0);
    assert.match(result.stdout + result.stderr, /policies\/reports\.bucket-policy\.json:2:14 error invalidVersion /);
    assert.equal(commitCount(), 1);
  });

  it('checks the staged policy, not the working tree', () => {
    write('policies/reports.bucket-policy.json', clean.replace('PartnerReadsReports', 'PartnerReadsQuarterlyReports'));
    assert.notEqual(git('commit', '-q', '-m', 'still broken in the index').status, 0);
    git('add', '.');
    write('policies/reports.bucket-policy.json', broken);
    const fixed = git('commit', '-q', '-m', 'fixed in the index');
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.equal(commitCount(), 2);
    git('checkout', '--', '.');
  });

  it('allows warnings, shows them, and follows the staged .s3policylintrc.json', () => {
    write('policies/logs.bucket-policy.json', fixture('warnings-only.bucket-policy.json'));
    git('add', '.');
    const warned = git('commit', '-q', '-m', 'warnings only');
    assert.equal(warned.status, 0);
    assert.match(warned.stdout + warned.stderr, /warning missingSecureTransportDeny/);
    write('policies/reports.bucket-policy.json', broken);
    write('.s3policylintrc.json', JSON.stringify({ rules: { invalidVersion: 'warning' } }));
    git('add', '.');
    assert.equal(git('commit', '-q', '-m', 'invalidVersion lowered to a warning').status, 0);
    assert.equal(commitCount(), 4);
  });

  it('stays out of commits without JSON files', () => {
    write('README.md', '# Policies\n');
    git('add', 'README.md');
    const result = git('commit', '-q', '-m', 'readme');
    assert.equal(result.status, 0);
    assert.equal(result.stdout + result.stderr, '');
  });
});

describe('recipe: linting a deployed policy from get-bucket-policy', () => {
  const bin = tempTree({
    'aws': '#!/bin/sh\n# Stands in for the AWS CLI: prints the stored get-bucket-policy response of the bucket.\n'
      + '[ "$1 $2 $3 $5 $6" = "s3api get-bucket-policy --bucket --output json" ] || { echo "unexpected: aws $*" >&2; exit 255; }\n'
      + 'cat "$(dirname "$0")/responses/$4.json"\n',
    's3-policy-lint': `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`,
    'responses/reports-bucket.json': `${JSON.stringify({ Policy: broken }, null, 4)}\n`,
    'responses/logs-bucket.json': `${JSON.stringify({ Policy: JSON.stringify(JSON.parse(clean)) }, null, 4)}\n`,
  });
  fs.chmodSync(path.join(bin, 'aws'), 0o755);
  fs.chmodSync(path.join(bin, 's3-policy-lint'), 0o755);
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  const example = (...args: string[]) => run('sh', [path.join(ROOT, 'docs/recipes/lint-deployed-policy.sh'), ...args], { cwd: bin, env });

  it('reports the deployed policy\'s problems as <stdin> and exits 1 on an error', () => {
    const result = example('reports-bucket');
    assert.match(result.stdout, /^<stdin>:2:14 error invalidVersion /);
    assert.equal(result.status, 1, result.stderr);
  });

  it('exits 0 on a clean deployed policy and passes options through', () => {
    const result = example('logs-bucket', '--format', 'json');
    assert.deepEqual((JSON.parse(result.stdout) as { file: string; diagnostics: unknown[] }[]).map(({ file, diagnostics }) => ({ file, diagnostics })), [{ file: '<stdin>', diagnostics: [] }]);
    assert.equal(result.status, 0, result.stderr);
  });
});

describe('npx s3-policy-lint', () => {
  it('runs the package\'s own bin in this repository after the build', () => {
    const result = run('npx', ['--no-install', 's3-policy-lint', '--version'], { cwd: path.join(ROOT, 'docs') });
    assert.match(result.stdout, /^s3-policy-lint \d+\.\d+\.\d+/);
    assert.equal(result.status, 0);
  });
});
