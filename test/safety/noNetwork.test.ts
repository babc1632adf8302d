/* S3 Bucket Policy — MIT License. */
/**
 * The CLI and the language server open no network connection. Each runs with networkGuard.js
 * preloaded, which records and refuses every connection, name lookup and listening socket; the
 * record must stay empty. The CLI also runs in a network namespace without interfaces when the
 * system allows one (`unshare -rn`).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLI, ROOT, run, tempTree } from '../cli/runCli';
import { TestLanguageClient } from '../helpers/lspClient';
import { httpsOnlyPolicy } from '../helpers/policyTest';

const GUARD = path.join(__dirname, 'networkGuard.js');

/** A fresh log file and the environment that preloads the guard into every node process started with it. */
function guardedEnvironment(): { log: string; env: NodeJS.ProcessEnv } {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-network-')), 'attempts.log');
  return { log, env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, S3POLICY_NETWORK_LOG: log } };
}

function attempts(log: string): string {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
}

describe('no network', () => {
  it('the guard records and refuses a connection attempt (so an empty record means something)', () => {
    const { log, env } = guardedEnvironment();
    const result = spawnSync(process.execPath, ['-e', "require('node:http').get('http://127.0.0.1:9/'); require('node:dns').lookup('example.com', () => {})"], { env, encoding: 'utf8' });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /network access refused by the test guard: http\.get/);
    assert.match(attempts(log), /^http\.get/);
  });

  it('the CLI makes no attempt: directories, formats, standard input, --fix, --version, --help', () => {
    const { log, env } = guardedEnvironment();
    const directory = tempTree({ 'site/bucket-policy.json': httpsOnlyPolicy({ effect: 'deny', version: '2012 - 10 - 17' }) });
    const runs: [string[], string?][] = [
      [[path.join(ROOT, 'examples')]],
      [['--format', 'sarif', path.join(ROOT, 'examples')]],
      [['--format', 'json', path.join(ROOT, 'test/fixtures')]],
      [['-'], httpsOnlyPolicy({ action: 'S3:*' })],
      [['--fix', path.join(directory, 'site')]],
      [['--version']],
      [['--help']],
    ];
    for (const [args, input] of runs) {
      const result = run(process.execPath, [CLI, ...args], { cwd: directory, env, input: input ?? '' });
      assert.ok(result.status === 0 || result.status === 1, `s3-policy-lint ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
    }
    assert.equal(attempts(log), '');
    assert.equal(fs.readFileSync(path.join(directory, 'site/bucket-policy.json'), 'utf8'), httpsOnlyPolicy());
  });

  it('the language server makes no attempt over a whole session', async () => {
    const { log, env } = guardedEnvironment();
    const saved = process.env.NODE_OPTIONS;
    Object.assign(process.env, { NODE_OPTIONS: env.NODE_OPTIONS, S3POLICY_NETWORK_LOG: log });
    const client = await TestLanguageClient.start().finally(() => {
      process.env.NODE_OPTIONS = saved;
      delete process.env.S3POLICY_NETWORK_LOG;
    });
    const uri = 'file:///work/network/bucket-policy.json';
    const diagnostics = await client.open(uri, httpsOnlyPolicy({ version: '2012 - 10 - 17' }));
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['invalidVersion']);
    assert.ok((await client.codeActions(uri, diagnostics)).length > 0);
    assert.ok((await client.codeActions(uri, [], ['source.fixAll.s3Policy'])).length > 0);
    await client.change(uri, httpsOnlyPolicy());
    await client.changeConfiguration(uri);
    await client.close(uri);
    await client.stop();
    assert.deepEqual(client.errors, []);
    assert.equal(attempts(log), '');
  });

  it('the CLI works in a network namespace without interfaces, where the system allows one', (t) => {
    const probe = spawnSync('unshare', ['-rn', 'true']);
    if (probe.error || probe.status !== 0) {
      t.skip('unshare -rn is not available here');
      return;
    }
    const result = run('unshare', ['-rn', process.execPath, CLI, '--format', 'json', path.join(ROOT, 'examples')], { cwd: ROOT });
    assert.equal(result.status, 1, result.stderr);
    assert.ok((JSON.parse(result.stdout) as unknown[]).length > 0);
  });
});
