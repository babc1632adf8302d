// S3 Bucket Policy — MIT License.
/**
 * `npm run test:e2e`: packs the extension (`npm run package`), then runs the browser tests
 * (test/browser/workbench.test.mjs, iac.test.mjs and access.test.mjs: the .vsix in code-server, driven through Chromium, one after the other) with node's
 * test runner, and ends with the line "N passed, N failed".
 *
 *   node test/browser/run.mjs [--result FILE] [--vsix FILE]
 *
 * --result  writes {"passed": N, "failed": N} there, on success and on failure alike, and ends with
 *           "browser tests: N passing, N failing" instead (scripts/test.mjs adds the counts to its own)
 * --vsix    tests this .vsix instead of packing the working tree
 * A test that could not run (its session failed to start) counts as failed. Exits 0 when all passed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { packageExtension } from './session.mjs';

const { values: args } = parseArgs({ options: { result: { type: 'string' }, vsix: { type: 'string' } } });

const started = Date.now();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-browser-run-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

let counts = { passed: 0, failed: 1 };
let packing = '';
try {
  const packStart = Date.now();
  const packed = args.vsix ? path.resolve(args.vsix) : packageExtension();
  packing = args.vsix ? '' : `, npm run package ${seconds(packStart)}`;
  // A private copy: another `npm run package` during the run cannot change what is under test.
  const vsix = path.join(scratch, path.basename(packed));
  fs.copyFileSync(packed, vsix);
  const tap = path.join(scratch, 'results.tap');
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap',
    `--test-reporter-destination=${tap}`, '--test-concurrency=1', ...['workbench.test.mjs', 'iac.test.mjs', 'access.test.mjs'].map((file) => path.join(import.meta.dirname, file))], {
    stdio: 'inherit',
    env: { ...process.env, S3POLICY_BROWSER_VSIX: vsix },
  });
  const tapText = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(tapText)?.[1] ?? 0);
  const notPassed = count('fail') + count('cancelled');
  counts = { passed: count('pass'), failed: notPassed + (run.status !== 0 && notPassed === 0 ? 1 : 0) };
} catch (error) {
  console.log(`browser tests: ${error instanceof Error ? error.stack : String(error)}`);
}

if (args.result) {
  fs.mkdirSync(path.dirname(path.resolve(args.result)), { recursive: true });
  fs.writeFileSync(args.result, JSON.stringify(counts));
  // scripts/test.mjs sums the counts and prints the one "N passed, N failed" line of `npm test`.
  console.log(`browser tests: ${counts.passed} passing, ${counts.failed} failing in ${seconds(started)}${packing}`);
} else {
  console.log(`browser tests: ${seconds(started)} in all${packing}`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
}
process.exit(counts.failed > 0 ? 1 : 0);
