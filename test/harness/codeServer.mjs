// S3 Bucket Policy — MIT License.
/**
 * Runs the extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3 web) driven by Debian's
 * Chromium through playwright-core, offline (recipe: E2E.md). Every run gets its own port, user-data
 * dir, extensions dir, config file, Chromium profile and copy of the workspace, so runs share no state
 * and can run side by side. `stop()` / `close()` end every process they started (whole process
 * groups) and delete the run directory; an exit handler does the same if the caller forgets.
 *
 * Typical use (a browser test):
 *
 *   import { startCodeServer, launchBrowser } from '../harness/codeServer.mjs';
 *   const server = await startCodeServer({ vsix: 's3-bucket-policy.vsix', workspace: 'test/fixtures/workspace' });
 *   const browser = await launchBrowser();
 *   try {
 *     await browser.page.goto(server.url);
 *     await browser.page.locator('.monaco-workbench').waitFor();
 *   } finally {
 *     await browser.close();
 *     await server.stop();
 *   }
 *
 * Extension tests in the extension host: pass `devExtensionPath` and `extensionTestsPath`, expose
 * `codeAutomationExit` on the page before `goto` (see test/e2e/runExtensionTests.mjs).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { DEFAULT_SETTINGS } from './settings.mjs';

export { extractVsix } from './vsix.mjs';

/** The repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The code-server binary: `$CODE_SERVER`, else the copy `.ci/run` installs into `tools/`. */
export const CODE_SERVER = process.env.CODE_SERVER || path.join(REPO_ROOT, 'tools', 'node_modules', '.bin', 'code-server');

/** The Chromium binary: `$CHROMIUM`, else Debian's. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Chromium flags that work as root, headless, offline (E2E.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export { DEFAULT_SETTINGS } from './settings.mjs';

/**
 * Cleanups still owed, run synchronously if the process exits before `stop()` / `close()`. Ctrl+C and
 * SIGTERM become a normal exit (status 130 / 143) so that they run too.
 */
const pendingCleanups = new Set();
process.on('exit', () => {
  for (const cleanup of pendingCleanups) {
    cleanup();
  }
});
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with a TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}


async function waitForHealthz(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited before it answered /healthz (exit code ${child.exitCode})`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet: try again below.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer /healthz on port ${port} within ${timeoutMs} ms`);
}

/**
 * @typedef {object} CodeServerOptions
 * @property {string} [vsix] a .vsix to install into this run's fresh extensions dir
 * @property {string} [devExtensionPath] an unpacked extension to load as a development extension
 *   (the `payload` URL parameter; no install)
 * @property {string} [extensionTestsPath] a module exporting `run(): Promise<void>`, run by the
 *   extension host (needs `devExtensionPath`); its exit code arrives through `codeAutomationExit`
 * @property {string} [workspace] a folder copied into the run directory and opened (default: an empty folder)
 * @property {string} [openFile] a path relative to the workspace to open on start
 * @property {Record<string, unknown>} [settings] user settings merged over `DEFAULT_SETTINGS`
 * @property {Record<string, string>} [env] extra environment for code-server, inherited by the extension host
 *   and so by the extension and its tests
 * @property {number} [startTimeoutMs] how long to wait for /healthz (default 30000)
 */

/**
 * @typedef {object} CodeServer
 * @property {string} url the workbench URL: the workspace folder, plus the `payload` for a dev extension,
 *   its tests and `openFile` when given
 * @property {number} port
 * @property {string} runDir this run's private directory (deleted by `stop()`)
 * @property {string} workspaceDir the run's copy of the workspace; tests may write there
 * @property {string} userSettingsPath the user settings.json code-server reads
 * @property {string} logFile code-server's stdout and stderr
 * @property {number} pid code-server's pid (also its process group id)
 * @property {(absolutePath: string) => string} remoteUri a `vscode-remote://` URI for a path on this
 *   machine, the form `payload` entries need
 * @property {(payload?: [string, string][]) => string} workbenchUrl the workbench URL with extra `payload` entries
 * @property {() => string} log the log so far
 * @property {(options?: {keepRunDir?: boolean}) => Promise<void>} stop ends code-server and every process it started
 *   (extension hosts, language servers, file watchers) and deletes the run directory
 */

/**
 * Starts a fresh code-server on a free port and resolves once it answers /healthz.
 * @param {CodeServerOptions} [options]
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(options = {}) {
  if (!fs.existsSync(CODE_SERVER)) {
    throw new Error(`code-server not found at ${CODE_SERVER}: run .ci/run once, or set CODE_SERVER`);
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-code-server-'));
  const removeRunDir = () => fs.rmSync(runDir, { recursive: true, force: true });
  pendingCleanups.add(removeRunDir);
  const configFile = path.join(runDir, 'config.yaml');
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const workspaceDir = path.join(runDir, 'workspace');
  const userSettingsPath = path.join(userDataDir, 'User', 'settings.json');
  const logFile = path.join(runDir, 'code-server.log');
  fs.writeFileSync(configFile, '');
  fs.mkdirSync(path.dirname(userSettingsPath), { recursive: true });
  fs.writeFileSync(userSettingsPath, JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2));
  if (options.workspace) {
    fs.cpSync(options.workspace, workspaceDir, { recursive: true });
  } else {
    fs.mkdirSync(workspaceDir);
  }
  const commonArgs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env };

  if (options.vsix) {
    const install = spawnSync(CODE_SERVER, [...commonArgs, '--install-extension', path.resolve(options.vsix), '--force'], { env, encoding: 'utf8' });
    if (install.status !== 0) {
      removeRunDir();
      pendingCleanups.delete(removeRunDir);
      throw new Error(`code-server --install-extension ${options.vsix} failed:\n${install.stdout}${install.stderr}`);
    }
  }

  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  const child = spawn(CODE_SERVER, [...commonArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'], { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const killNow = () => killGroup(child.pid, 'SIGKILL');
  pendingCleanups.add(killNow);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const remoteUri = (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
  const basePayload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (options.devExtensionPath) {
    basePayload.push(['extensionDevelopmentPath', remoteUri(path.resolve(options.devExtensionPath))]);
  }
  if (options.extensionTestsPath) {
    basePayload.push(['extensionTestsPath', remoteUri(path.resolve(options.extensionTestsPath))]);
  }
  if (options.openFile) {
    basePayload.push(['openFile', remoteUri(path.join(workspaceDir, options.openFile))]);
  }
  const workbenchUrl = (payload = []) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspaceDir)}`
    + `&payload=${encodeURIComponent(JSON.stringify([...basePayload, ...payload]))}`;

  let stopped;
  const stop = ({ keepRunDir = false } = {}) => (stopped ??= (async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Children that outlived code-server (a language server finishing its exit) go too.
    killGroup(child.pid, 'SIGKILL');
    pendingCleanups.delete(killNow);
    pendingCleanups.delete(removeRunDir);
    if (!keepRunDir) {
      removeRunDir();
    }
  })());

  try {
    await waitForHealthz(port, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    const output = fs.readFileSync(logFile, 'utf8');
    await stop();
    throw new Error(`${error.message}\n${output}`);
  }
  return {
    url: workbenchUrl(),
    port,
    runDir,
    workspaceDir,
    userSettingsPath,
    logFile,
    pid: child.pid,
    remoteUri,
    workbenchUrl,
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    stop,
  };
}

/**
 * @typedef {object} Browser
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page the first (blank) page: expose functions on it, then `goto`
 * @property {() => Promise<void>} close closes Chromium and deletes its profile directory
 */

/**
 * Launches Chromium headless with a fresh profile through playwright-core (no browser download).
 * @param {{headless?: boolean, viewport?: {width: number, height: number}, args?: string[]}} [options]
 *   `args` are appended to `CHROMIUM_ARGS`
 * @returns {Promise<Browser>}
 */
export async function launchBrowser(options = {}) {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-chromium-'));
  const removeProfile = () => fs.rmSync(profileDir, { recursive: true, force: true });
  pendingCleanups.add(removeProfile);
  let context;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: options.headless ?? true,
      viewport: options.viewport ?? { width: 1400, height: 900 },
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    });
  } catch (error) {
    removeProfile();
    pendingCleanups.delete(removeProfile);
    throw error;
  }
  const page = context.pages()[0] ?? await context.newPage();
  let closed;
  return {
    context,
    page,
    close: () => (closed ??= (async () => {
      await context.close();
      removeProfile();
      pendingCleanups.delete(removeProfile);
    })()),
  };
}
