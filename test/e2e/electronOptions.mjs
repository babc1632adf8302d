// S3 Bucket Policy — MIT License.
/**
 * The options test/e2e/runElectronTests.mjs gives @vscode/test-electron's `runTests`, built without
 * side effects so that test/unit/electronOptions.test.ts can check them: which VS Code runs (the
 * executable in VSCODE_EXECUTABLE, else a download of VSCODE_VERSION, default `stable`), the extension
 * and the suite it loads, and a run directory of its own for the workspace, user data and extensions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where downloads of VS Code are kept (gitignored, and ignored by ESLint, with the rest of .e2e/). */
export const DOWNLOAD_CACHE = path.join(REPO_ROOT, '.e2e', 'vscode-test');

/** The paths of one run inside `runDir`: the workspace VS Code opens, its user data and its extensions. */
export function runPaths(runDir) {
  const userDataDir = path.join(runDir, 'user-data');
  return {
    workspaceDir: path.join(runDir, 'workspace'),
    userDataDir,
    userSettingsPath: path.join(userDataDir, 'User', 'settings.json'),
    extensionsDir: path.join(runDir, 'extensions'),
    resultFile: path.join(runDir, 'mocha-result.json'),
  };
}

/**
 * @param {object} input
 * @param {string} input.extensionDevelopmentPath the unpacked extension (or the working tree) to load
 * @param {string} input.extensionTestsPath the bundled suite's index.js (test/e2e/suiteBuild.mjs)
 * @param {string} input.runDir this run's directory (see runPaths)
 * @param {Record<string, string | undefined>} [input.env] where VSCODE_EXECUTABLE and VSCODE_VERSION are read (default process.env)
 * @returns {import('@vscode/test-electron/out/runTest').TestOptions}
 */
export function electronTestOptions({ extensionDevelopmentPath, extensionTestsPath, runDir, env = process.env }) {
  const paths = runPaths(runDir);
  const executable = env.VSCODE_EXECUTABLE?.trim();
  let which;
  if (executable) {
    const resolved = path.resolve(executable);
    if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) {
      throw new Error(`VSCODE_EXECUTABLE is ${executable}, which is not a file. Set it to VS Code's executable, e.g. /usr/share/code/code on Linux, `
        + '"/Applications/Visual Studio Code.app/Contents/MacOS/Electron" on macOS, or unset it to download VS Code (needs network).');
    }
    which = { vscodeExecutablePath: resolved };
  } else {
    which = { version: env.VSCODE_VERSION?.trim() || 'stable', cachePath: DOWNLOAD_CACHE };
  }
  return {
    ...which,
    extensionDevelopmentPath: path.resolve(extensionDevelopmentPath),
    extensionTestsPath: path.resolve(extensionTestsPath),
    extensionTestsEnv: { S3POLICY_E2E_RESULT: paths.resultFile },
    // The first argument is the folder to open. With its own user data and extensions directories the
    // run touches nothing of the machine's VS Code (runTests then adds no profile arguments of its own).
    launchArgs: [paths.workspaceDir, `--user-data-dir=${paths.userDataDir}`, `--extensions-dir=${paths.extensionsDir}`, '--disable-extensions'],
  };
}
