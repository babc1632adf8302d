/* S3 Bucket Policy — MIT License. */
/**
 * `npm run test:electron` (test/e2e/runElectronTests.mjs): the options it gives @vscode/test-electron's
 * runTests (which VS Code, which extension, which suite, a private profile), and a whole run with a
 * stand-in for VS Code that checks what it is given and answers as the suite does. VS Code desktop
 * itself cannot run here (no display, no download); CI runs the same suite in code-server.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { TestOptions } from '@vscode/test-electron/out/runTest';

const ROOT = path.resolve(__dirname, '../../..');

interface OptionsModule {
  DOWNLOAD_CACHE: string;
  runPaths: (runDir: string) => { workspaceDir: string; userDataDir: string; extensionsDir: string; resultFile: string };
  electronTestOptions: (input: { extensionDevelopmentPath: string; extensionTestsPath: string; runDir: string; env?: Record<string, string | undefined> }) => TestOptions;
}
interface SuiteBuildModule {
  SUITE_SOURCE_DIR: string;
  suiteEntryPoints: () => string[];
}
const load = async <T>(file: string) => (await import(pathToFileURL(path.join(ROOT, file)).href)) as T;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-electron-test-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('test:electron options', async () => {
  const { DOWNLOAD_CACHE, electronTestOptions, runPaths } = await load<OptionsModule>('test/e2e/electronOptions.mjs');
  const { SUITE_SOURCE_DIR, suiteEntryPoints } = await load<SuiteBuildModule>('test/e2e/suiteBuild.mjs');
  const runDir = path.join(scratch, 'run');
  const input = { extensionDevelopmentPath: path.join(scratch, 'vsix/extension'), extensionTestsPath: path.join(scratch, 'suite/index.js'), runDir };

  it('is npm run test:electron', () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(packageJson.scripts['test:electron'], 'node test/e2e/runElectronTests.mjs');
  });

  it('runs the VS Code named by VSCODE_EXECUTABLE, without a download', () => {
    const options = electronTestOptions({ ...input, env: { VSCODE_EXECUTABLE: process.execPath, VSCODE_VERSION: '1.100.0' } });
    assert.equal(options.vscodeExecutablePath, process.execPath);
    assert.equal(options.version, undefined);
  });

  it('downloads VSCODE_VERSION (default stable) into .e2e/vscode-test without it', () => {
    assert.deepEqual([electronTestOptions({ ...input, env: {} }).version, electronTestOptions({ ...input, env: { VSCODE_VERSION: '1.100.3' } }).version], ['stable', '1.100.3']);
    const options = electronTestOptions({ ...input, env: { VSCODE_EXECUTABLE: ' ' } });
    assert.equal(options.vscodeExecutablePath, undefined);
    assert.equal(options.cachePath, path.join(ROOT, '.e2e/vscode-test'));
    assert.equal(DOWNLOAD_CACHE, options.cachePath);
    assert.match(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8'), /^\.e2e\/$/m);
  });

  it('says what to set when VSCODE_EXECUTABLE is not a file', () => {
    assert.throws(() => electronTestOptions({ ...input, env: { VSCODE_EXECUTABLE: path.join(scratch, 'no-code') } }), /VSCODE_EXECUTABLE is .*no-code, which is not a file\. Set it to VS Code's executable/);
    assert.throws(() => electronTestOptions({ ...input, env: { VSCODE_EXECUTABLE: scratch } }), /which is not a file/);
  });

  it('loads the given extension and suite, with the result file the suite writes, and opens the workspace in a private profile', () => {
    const options = electronTestOptions({ ...input, env: {} });
    const paths = runPaths(runDir);
    assert.equal(options.extensionDevelopmentPath, input.extensionDevelopmentPath);
    assert.equal(options.extensionTestsPath, input.extensionTestsPath);
    assert.deepEqual(options.extensionTestsEnv, { S3POLICY_E2E_RESULT: paths.resultFile });
    assert.deepEqual(options.launchArgs, [paths.workspaceDir, `--user-data-dir=${paths.userDataDir}`, `--extensions-dir=${paths.extensionsDir}`, '--disable-extensions']);
    for (const directory of Object.values(paths)) {
      assert.ok(directory.startsWith(runDir + path.sep), `${directory} is inside the run directory`);
    }
    assert.equal(options.reuseMachineInstall, undefined);
  });

  it('bundles the suite CI runs in code-server: index.ts, which writes S3POLICY_E2E_RESULT, and every *.test.ts beside it', () => {
    assert.equal(SUITE_SOURCE_DIR, path.join(ROOT, 'test/e2e/suite'));
    const tests = fs.readdirSync(SUITE_SOURCE_DIR).filter((name) => name.endsWith('.test.ts'));
    assert.ok(tests.length >= 5);
    assert.deepEqual(suiteEntryPoints(), ['index.ts', ...tests].sort().map((name) => path.join(SUITE_SOURCE_DIR, name)));
    assert.match(fs.readFileSync(path.join(SUITE_SOURCE_DIR, 'index.ts'), 'utf8'), /process\.env\.S3POLICY_E2E_RESULT/);
    assert.match(fs.readFileSync(path.join(ROOT, 'test/e2e/runExtensionTests.mjs'), 'utf8'), /import \{ buildSuite, packageExtension \} from '\.\/suiteBuild\.mjs'/);
  });
});

describe('npm run test:electron with a stand-in for VS Code', () => {
  /**
   * A stand-in executable: checks that it was asked to open a workspace holding the fixture policy,
   * to load this checkout and a suite module exporting run(), then writes the result file as the
   * suite does, with the counts in its environment.
   */
  const standIn = path.join(scratch, 'code');
  fs.writeFileSync(standIn, `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const value = (name) => process.argv.find((arg) => arg.startsWith(name + '='))?.slice(name.length + 1);
const suite = require(value('--extensionTestsPath'));
const ok = typeof suite.run === 'function' && value('--extensionDevelopmentPath') === ${JSON.stringify(ROOT)}
  && fs.existsSync(path.join(process.argv[2], 'seed-mistakes.bucket-policy.json')) && fs.existsSync(path.join(value('--user-data-dir'), 'User', 'settings.json'));
fs.writeFileSync(process.env.S3POLICY_E2E_RESULT, JSON.stringify(ok ? { passed: Number(process.env.STAND_IN_PASSED), failed: Number(process.env.STAND_IN_FAILED), tests: [] } : { passed: 0, failed: 99, tests: [] }));
process.exit(ok && process.env.STAND_IN_FAILED === '0' ? 0 : 1);
`);
  fs.chmodSync(standIn, 0o755);
  const runner = (passed: number, failed: number) => {
    const resultFile = path.join(scratch, `results-${passed}-${failed}`, 'electron.json');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'test/e2e/runElectronTests.mjs'), '--dev', '--result', resultFile], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, VSCODE_EXECUTABLE: standIn, STAND_IN_PASSED: String(passed), STAND_IN_FAILED: String(failed) },
    });
    return { status: result.status, output: result.stdout + result.stderr, counts: JSON.parse(fs.readFileSync(resultFile, 'utf8')) as unknown };
  };

  it('passes the suite\'s counts through and exits 0 when every test passed', () => {
    const { status, output, counts } = runner(17, 0);
    assert.deepEqual(counts, { passed: 17, failed: 0 }, output);
    assert.match(output, /17 passing, 0 failing/);
    assert.equal(status, 0);
  });

  it('exits 1 when a test failed', () => {
    const { status, counts } = runner(16, 1);
    assert.deepEqual(counts, { passed: 16, failed: 1 });
    assert.equal(status, 1);
  });
});
