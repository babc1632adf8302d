// S3 Bucket Policy — MIT License.
// Runs every test: builds the bundles, compiles the tests, runs ESLint (counted as one test), the unit and LSP tests with node's
// test runner, then the extension-host suite inside code-server (test/e2e) and the browser tests
// (test/browser: the packaged extension in code-server, driven through Chromium). Ends with the line
// "N passed, N failed" summed over all of them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (command, args, options = {}) => spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });

for (const [command, args] of [['node', ['esbuild.mjs']], ['node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']]]) {
  const result = run(command, args);
  if (result.status !== 0) {
    console.log(`${command} ${args.join(' ')} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

let passed = 0;
let failed = 0;
// ESLint (typed rules, the import fence around the pure service) counts as one test.
const lint = run('node', ['node_modules/eslint/bin/eslint.js', '.']);
passed += lint.status === 0 ? 1 : 0;
failed += lint.status === 0 ? 0 : 1;
console.log(lint.status === 0 ? 'eslint: no problems' : 'eslint: problems found (above)');

const tap = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-test-')), 'results.tap');
const testDirectories = ['out/test/unit', 'out/test/server', 'out/test/cli', 'out/test/fuzz', 'out/test/hostile', 'out/test/safety'].filter((directory) => fs.existsSync(path.join(root, directory)));
const nodeTests = run('node', ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...testDirectories]);
const tapText = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
passed += Number(/^# pass (\d+)/m.exec(tapText)?.[1] ?? 0);
failed += Number(/^# fail (\d+)/m.exec(tapText)?.[1] ?? (nodeTests.status === 0 ? 0 : 1));
// Tests that never ran because a before() hook failed are reported as cancelled, not failed.
failed += Number(/^# cancelled (\d+)/m.exec(tapText)?.[1] ?? 0);

// The README's `npm run bench`, short (--quick: every step on the packaged extension, few samples, no
// budgets), with a temporary directory of its own that starts empty, as on a fresh machine: one test.
const benchTemp = fs.mkdtempSync(path.join(path.dirname(tap), 'bench-tmp-'));
const bench = run('npm', ['run', '--silent', 'bench', '--', '--quick', '--out', path.join(path.dirname(tap), 'bench', 'results.json')],
  { env: { ...process.env, TMPDIR: benchTemp }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
passed += bench.status === 0 ? 1 : 0;
failed += bench.status === 0 ? 0 : 1;
console.log(bench.status === 0 ? 'npm run bench -- --quick: every step ran' : `npm run bench -- --quick failed (exit ${bench.status}):\n${bench.stdout}${bench.stderr}`);

// The code-server runners: the extension-host suite, then the browser tests. Each writes {passed, failed}.
for (const [name, runner] of [['e2e', 'test/e2e/runExtensionTests.mjs'], ['browser', 'test/browser/run.mjs']]) {
  if (!fs.existsSync(path.join(root, runner)) || process.argv.includes('--skip-e2e')) {
    continue;
  }
  const resultFile = path.join(path.dirname(tap), `${name}.json`);
  const child = run('node', [path.join(root, runner), '--result', resultFile]);
  const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : { passed: 0, failed: 1 };
  passed += result.passed;
  failed += result.failed + (child.status !== 0 && result.failed === 0 ? 1 : 0);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
