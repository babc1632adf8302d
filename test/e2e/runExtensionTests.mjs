// S3 Bucket Policy — MIT License.
/**
 * Runs the extension-host suite (test/e2e/suite, mocha + the `vscode` API) inside code-server against
 * the packaged extension: `npm run package`, unzip the .vsix, load the unzipped folder as the
 * development extension, run the suite through `extensionTestsPath`, collect the counts.
 *
 *   node test/e2e/runExtensionTests.mjs [--result FILE] [--vsix FILE] [--keep] [--timeout MS]
 *
 * --result  writes {"passed": N, "failed": N} there, on success and on failure alike
 * --vsix    tests this .vsix instead of packaging the working tree
 * --keep    keeps code-server's run directory (logs, user data, workspace) and prints its path
 * Exits 0 when every test passed, 1 otherwise.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, format } from 'node:util';
import { extractVsix, launchBrowser, REPO_ROOT, startCodeServer } from '../harness/codeServer.mjs';
import { buildSuite, packageExtension } from './suiteBuild.mjs';

const { values: args } = parseArgs({
  options: {
    result: { type: 'string' },
    vsix: { type: 'string' },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '180000' },
  },
});

const started = Date.now();
const phases = [];
let phaseStart = started;
/** Records how long the phase that just ended took, for the summary line. */
const endPhase = (name) => {
  phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
  phaseStart = Date.now();
};
const suiteOut = path.join(REPO_ROOT, '.e2e', 'suite');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-e2e-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
const mochaResult = path.join(scratch, 'mocha-result.json');
const cleanups = [];
const workbenchLog = [];
/** Printed by suite/index.ts just before mocha starts. */
const SUITE_START_MARKER = 'S3POLICY_E2E_SUITE_START';

/** Opens the workbench with the tests in the payload; resolves with the extension host's exit code. */
async function runSuite(server, page, timeoutMs) {
  let finish;
  const exitCode = new Promise((resolve) => {
    finish = resolve;
  });
  const timer = setTimeout(() => finish(`a timeout after ${timeoutMs} ms`), timeoutMs);
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  // The workbench's own console lines come first; from the suite's start marker on, the lines are mocha's.
  let suiteStarted = false;
  await page.exposeFunction('codeAutomationLog', (_type, logArgs) => {
    const line = format(...logArgs);
    if (suiteStarted) {
      console.log(line);
    } else if (line === SUITE_START_MARKER) {
      suiteStarted = true;
    } else {
      workbenchLog.push(line);
    }
  });
  page.on('crash', () => finish('a crash of the workbench page'));
  await page.goto(server.url);
  const code = await exitCode;
  clearTimeout(timer);
  return code;
}

let counts = { passed: 0, failed: 1 };
let exitCode;
let server;
try {
  const vsix = args.vsix ? path.resolve(args.vsix) : packageExtension();
  endPhase('package');
  console.log(`extension-host suite: testing ${path.relative(REPO_ROOT, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
  const extensionDir = extractVsix(vsix, path.join(scratch, 'vsix'));
  const testsPath = await buildSuite(suiteOut);
  server = await startCodeServer({
    devExtensionPath: extensionDir,
    extensionTestsPath: testsPath,
    workspace: path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'),
    env: { S3POLICY_E2E_RESULT: mochaResult },
  });
  endPhase('code-server start');
  cleanups.push(() => server.stop({ keepRunDir: args.keep }));
  const browser = await launchBrowser();
  cleanups.unshift(() => browser.close());
  exitCode = await runSuite(server, browser.page, Number(args.timeout));
  endPhase('workbench and suite');
  if (fs.existsSync(mochaResult)) {
    const result = JSON.parse(fs.readFileSync(mochaResult, 'utf8'));
    const unexplained = (exitCode !== 0 || result.passed === 0) && result.failed === 0;
    counts = { passed: result.passed, failed: result.failed + (unexplained ? 1 : 0) };
  }
  if (!fs.existsSync(mochaResult) || typeof exitCode !== 'number') {
    console.log(`extension-host suite: the suite did not finish (the extension host ended with ${exitCode}).\nWorkbench console:\n${workbenchLog.slice(-40).join('\n')}`);
    console.log(`code-server log:\n${server.log().split('\n').slice(-40).join('\n')}`);
  }
} catch (error) {
  console.log(`extension-host suite: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  for (const cleanup of cleanups) {
    await cleanup().catch((error) => console.log(`cleanup failed: ${error}`));
  }
}

if (args.result) {
  fs.mkdirSync(path.dirname(path.resolve(args.result)), { recursive: true });
  fs.writeFileSync(args.result, JSON.stringify(counts));
}
if (args.keep && server) {
  console.log(`extension-host suite: kept ${server.runDir}`);
}
console.log(`extension-host suite: ${counts.passed} passing, ${counts.failed} failing in ${((Date.now() - started) / 1000).toFixed(1)} s (${phases.join(', ')})`);
process.exit(counts.failed > 0 ? 1 : 0);
