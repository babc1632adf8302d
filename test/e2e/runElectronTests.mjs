// S3 Bucket Policy — MIT License.
/**
 * `npm run test:electron`: the extension-host suite (test/e2e/suite), the one CI runs in code-server,
 * run in VS Code desktop through @vscode/test-electron's `runTests`, against the packaged extension.
 * For contributors with VS Code installed: set VSCODE_EXECUTABLE to its executable; without it,
 * VS Code VSCODE_VERSION (default stable) is downloaded into .e2e/vscode-test (needs network).
 *
 *   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:electron [-- --vsix FILE | --dev] [--result FILE]
 *
 * --vsix    tests this .vsix instead of packaging the working tree
 * --dev     loads the working tree (after `npm run build`) instead of a .vsix
 * --result  writes {"passed": N, "failed": N} there (its directory is created)
 * Exits 0 when every test passed, 1 otherwise.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { DEFAULT_SETTINGS } from '../harness/settings.mjs';
import { extractVsix } from '../harness/vsix.mjs';
import { electronTestOptions, runPaths } from './electronOptions.mjs';
import { buildSuite, packageExtension } from './suiteBuild.mjs';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const { values: args } = parseArgs({ options: { vsix: { type: 'string' }, dev: { type: 'boolean', default: false }, result: { type: 'string' } } });

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-electron-'));
process.on('exit', () => fs.rmSync(runDir, { recursive: true, force: true }));
const paths = runPaths(runDir);
let counts = { passed: 0, failed: 1 };
try {
  const extensionDir = args.dev ? REPO_ROOT : extractVsix(args.vsix ? path.resolve(args.vsix) : packageExtension(), path.join(runDir, 'vsix'));
  const options = electronTestOptions({ extensionDevelopmentPath: extensionDir, extensionTestsPath: await buildSuite(path.join(REPO_ROOT, '.e2e', 'electron-suite')), runDir });
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), paths.workspaceDir, { recursive: true });
  fs.mkdirSync(path.dirname(paths.userSettingsPath), { recursive: true });
  fs.writeFileSync(paths.userSettingsPath, JSON.stringify(DEFAULT_SETTINGS, null, 2));
  console.log(`extension-host suite in VS Code desktop (${options.vscodeExecutablePath ?? `download of ${options.version}`}), extension ${path.relative(REPO_ROOT, extensionDir) || '.'}`);
  await runTests(options).catch((error) => console.log(`extension-host suite: ${error.message}`));
  if (fs.existsSync(paths.resultFile)) {
    const result = JSON.parse(fs.readFileSync(paths.resultFile, 'utf8'));
    counts = { passed: result.passed, failed: result.failed };
  } else {
    console.log('extension-host suite: the suite wrote no result (VS Code did not start it, or ended before it finished).');
  }
} catch (error) {
  console.log(`extension-host suite: ${error instanceof Error ? error.message : String(error)}`);
}
if (args.result) {
  fs.mkdirSync(path.dirname(path.resolve(args.result)), { recursive: true });
  fs.writeFileSync(args.result, JSON.stringify(counts));
}
console.log(`extension-host suite (VS Code desktop): ${counts.passed} passing, ${counts.failed} failing`);
process.exit(counts.failed > 0 || counts.passed === 0 ? 1 : 0);
