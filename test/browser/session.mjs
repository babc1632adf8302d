// S3 Bucket Policy — MIT License.
/**
 * One code-server + Chromium session on the packaged extension, shared by the browser tests
 * (test/browser/workbench.test.mjs) and `npm run screenshots`: packs the extension like a release
 * (`npm run package`), installs the .vsix into a fresh code-server, copies `examples/` (plus a
 * package.json, which is not a policy) as the workspace, and opens the workbench in Chromium.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractVsix, launchBrowser, REPO_ROOT, startCodeServer } from '../harness/codeServer.mjs';
import { Workbench } from './workbench.mjs';

/** The .vsix `npm run package` writes. */
export const PACKAGED_VSIX = path.join(REPO_ROOT, 's3-bucket-policy.vsix');

/** The example policies: each demonstrates one finding or one clean pattern. */
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/**
 * Settings on top of the harness's defaults: the full message trace once the channel's log level is
 * Trace; no completions of words from the document, which would pop up while a test types values.
 */
const SESSION_SETTINGS = { 's3Policy.trace.server': 'verbose', 'editor.wordBasedSuggestions': 'off' };

/** Runs `npm run package` and returns the .vsix it wrote. */
export function packageExtension() {
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run package failed:\n${result.stdout}${result.stderr}`);
  }
  return PACKAGED_VSIX;
}

/**
 * Copies `examples/` and the non-policy package.json of test/browser/fixtures into a new folder.
 * @param {string[]} [extraFiles] more files to copy in (by path)
 * @returns {string} the folder
 */
export function prepareWorkspace(extraFiles = []) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-browser-workspace-'));
  fs.cpSync(EXAMPLES_DIR, workspace, { recursive: true });
  for (const file of [path.join(import.meta.dirname, 'fixtures', 'package.json'), ...extraFiles]) {
    fs.copyFileSync(file, path.join(workspace, path.basename(file)));
  }
  return workspace;
}

/**
 * @typedef {object} Session
 * @property {Workbench} workbench
 * @property {import('playwright-core').Page} page
 * @property {import('../harness/codeServer.mjs').CodeServer} server
 * @property {string} extensionDir the .vsix's `extension/` folder, unpacked
 * @property {string[]} consoleErrors the errors the workbench page has logged to the browser console
 * @property {(args: string[]) => {status: number | null, stdout: string, stderr: string}} cli runs the
 *   packaged s3-policy-lint (from the same .vsix) in the workspace
 * @property {() => Promise<void>} close closes Chromium, stops code-server, deletes every temporary folder
 */

/**
 * Starts a session on a packaged .vsix, waits until the workbench shows the workspace, and sets the
 * extension's output channel to Trace (`Workbench.serverDiagnostics` reads the trace); no editor is
 * left open.
 * @param {{vsix: string, extraFiles?: string[], viewport?: {width: number, height: number}}} options
 * @returns {Promise<Session>}
 */
export async function startSession({ vsix, extraFiles, viewport }) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-browser-'));
  const workspace = prepareWorkspace(extraFiles);
  const cleanups = [() => fs.rmSync(scratch, { recursive: true, force: true }), () => fs.rmSync(workspace, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
  };
  try {
    const extensionDir = extractVsix(vsix, scratch);
    // The CLI is not in the .vsix; `npm run package` built it from the same sources as the packed server.
    const cliPath = path.join(REPO_ROOT, 'server', 'out', 'cli.js');
    const server = await startCodeServer({ vsix, workspace, settings: SESSION_SETTINGS });
    cleanups.push(() => server.stop());
    const browser = await launchBrowser({ viewport });
    cleanups.push(() => browser.close());
    const consoleErrors = [];
    browser.page.on('console', (message) => {
      if (message.type() === 'error') {
        consoleErrors.push(message.text());
      }
    });
    const workbench = new Workbench(browser.page, server);
    await workbench.load();
    // The extension activates on the first JSON document; then its channel can be set to Trace.
    await workbench.openFile('package.json');
    await workbench.enableServerTrace();
    await workbench.closeAllEditors();
    const cli = (args) => spawnSync(process.execPath, [cliPath, ...args], { cwd: server.workspaceDir, encoding: 'utf8' });
    return { workbench, page: browser.page, server, extensionDir, cli, consoleErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
