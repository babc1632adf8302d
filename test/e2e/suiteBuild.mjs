// S3 Bucket Policy — MIT License.
/**
 * What both runners of the extension-host suite share: packaging the extension as a release does, and
 * bundling the suite (test/e2e/suite) for the extension host. test/e2e/runExtensionTests.mjs runs it in
 * code-server (CI); test/e2e/runElectronTests.mjs in VS Code desktop through @vscode/test-electron.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/** The repository root (two levels above this file). */
const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The suite's sources: index.ts (its `run()`) and the *.test.ts files beside it. */
export const SUITE_SOURCE_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'suite');

/** The files the suite bundles from: index.ts and every *.test.ts, sorted. */
export function suiteEntryPoints() {
  return fs.readdirSync(SUITE_SOURCE_DIR).filter((name) => name === 'index.ts' || name.endsWith('.test.ts')).sort().map((name) => path.join(SUITE_SOURCE_DIR, name));
}

/** Builds the .vsix from the working tree exactly as a release does; returns its path. */
export function packageExtension() {
  const build = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`npm run package failed:\n${build.stdout}${build.stderr}`);
  }
  return path.join(REPO_ROOT, 's3-bucket-policy.vsix');
}

/**
 * Bundles the suite into `outdir` (emptied first) for the extension host: `vscode` comes from the
 * host, mocha from node_modules. Returns the path of the bundled index.js, the `extensionTestsPath`.
 */
export async function buildSuite(outdir) {
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: suiteEntryPoints(),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outdir, 'index.js');
}
