/* S3 Bucket Policy — MIT License. */
/**
 * Helpers for the CLI tests: run the built `server/out/cli.js` as a child process, and lay out
 * temporary directories of fixture files.
 */
import { SpawnSyncOptions, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

/** The repository root (tests run from `out/test/cli`). */
export const ROOT = path.resolve(__dirname, '../../..');

/** The built CLI bundle, the file package.json's `bin` names. */
export const CLI = path.join(ROOT, 'server/out/cli.js');

/** What a CLI run printed and returned. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node server/out/cli.js ...args` in `cwd`, feeding `input` to standard input. */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string } = {}): CliRun {
  return run(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, input: options.input ?? '' });
}

/** Runs any command, capturing its output as text. */
export function run(command: string, args: readonly string[], options: SpawnSyncOptions): CliRun {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The text of a file under test/fixtures/cli. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'test/fixtures/cli', name), 'utf8');
}

/** The text of a file under a directory. */
export function read(directory: string, file: string): string {
  return fs.readFileSync(path.join(directory, file), 'utf8');
}

/**
 * Creates a temporary directory holding `files` (relative path → content), removed when the
 * test file ends.
 */
export function tempTree(files: Record<string, string>): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-cli-'));
  after(() => fs.rmSync(directory, { recursive: true, force: true }));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    fs.writeFileSync(path.join(directory, file), content);
  }
  return directory;
}

/** The JSON report of a run with `--format json`, parsed. */
export interface JsonReport {
  file: string;
  policies: { name: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

/** The rule ids per file of a `--format json` run, for compact assertions. */
export function codesByFile(stdout: string): Record<string, string[]> {
  const reports = JSON.parse(stdout) as JsonReport[];
  return Object.fromEntries(reports.map((report) => [report.file, report.diagnostics.map((diagnostic) => diagnostic.code)]));
}
