// S3 Bucket Policy — MIT License.
/**
 * The GitHub Action's logic (action.yml): lints the bucket policies under the `paths` input with the
 * built s3-policy-lint, writes the SARIF log to the `sarif-file` input (its directory created), turns
 * every finding into a workflow command (`::error file=…,line=…,col=…::message`), which GitHub shows
 * as an annotation on the pull request and the run, sets the step's outputs, and exits with the
 * linter's code: 0 clean, 1 errors (or more warnings than `max-warnings`), 2 bad input or unreadable
 * files. Named files that are not policies are skipped (--only-policies), so `paths` may list every
 * changed file.
 *
 * Inputs come as environment variables, as action.yml passes them:
 *   INPUT_PATHS         files, directories or quoted globs, separated by white space (default ".")
 *   INPUT_SARIF_FILE    where to write SARIF (default "s3-policy-lint.sarif")
 *   INPUT_MAX_WARNINGS  more warnings than this fail the step (default: warnings do not fail)
 *   INPUT_ARGS          more s3-policy-lint options, separated by white space
 * and GitHub's own: GITHUB_WORKSPACE (annotation paths are relative to it), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(import.meta.dirname, '..', 'server', 'out', 'cli.js');
const COMMAND = { error: 'error', warning: 'warning', note: 'notice' };

/** Workflow-command escaping of a message (GitHub's @actions/core). */
const escapeData = (text) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow-command escaping of a property value: also `:` and `,`, which separate properties. */
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const words = (text) => (text ?? '').split(/\s+/).filter((word) => word !== '');

/** Reports a problem with the inputs as an annotation and exits 2, as s3-policy-lint does for usage errors. */
function usage(message) {
  console.log(`::error title=s3-policy-lint::${escapeData(message)}`);
  process.exit(2);
}

/** The path of a SARIF artifact relative to the workspace, in '/' form, as annotations want it. */
function annotationPath(uri, cwd, workspace) {
  const absolute = uri.startsWith('file:') ? fileURLToPath(uri) : path.resolve(cwd, ...uri.split('/').map(decodeURIComponent));
  return path.relative(workspace, absolute).split(path.sep).join('/');
}

const cwd = process.cwd();
const workspace = path.resolve(process.env.GITHUB_WORKSPACE || cwd);
const sarifFile = path.resolve(process.env.INPUT_SARIF_FILE || 's3-policy-lint.sarif');
const paths = words(process.env.INPUT_PATHS);
const maxWarnings = (process.env.INPUT_MAX_WARNINGS ?? '').trim();
if (maxWarnings !== '' && !/^\d+$/.test(maxWarnings)) {
  usage(`The max-warnings input must be a whole number of warnings (0 or more), or empty for no limit; got "${maxWarnings}".`);
}
if (!fs.existsSync(CLI)) {
  usage(`${CLI} is missing: the action builds it in its "Build s3-policy-lint" step (npm ci && node esbuild.mjs).`);
}

const args = ['--format', 'sarif', '--only-policies', ...(maxWarnings === '' ? [] : ['--max-warnings', maxWarnings]), ...words(process.env.INPUT_ARGS), '--', ...(paths.length > 0 ? paths : ['.'])];
const lint = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
if (lint.error) {
  usage(`s3-policy-lint could not run: ${lint.error.message}`);
}
// Unreadable files, usage errors and the warning limit: shown as they are, and as annotations of the run.
for (const line of lint.stderr.split('\n').filter((text) => text.trim() !== '')) {
  console.log(`::error title=s3-policy-lint::${escapeData(line.replace(/^s3-policy-lint: /, ''))}`);
}
let log;
try {
  log = JSON.parse(lint.stdout);
} catch {
  console.log(lint.stdout);
  process.exit(lint.status === 0 ? 2 : lint.status ?? 2);
}
fs.mkdirSync(path.dirname(sarifFile), { recursive: true });
fs.writeFileSync(sarifFile, lint.stdout);

const counts = { error: 0, warning: 0, note: 0 };
const run = log.runs[0];
for (const result of run.results) {
  const { artifactLocation, region } = result.locations[0].physicalLocation;
  const file = annotationPath(artifactLocation.uri, cwd, workspace);
  counts[result.level] += 1;
  const properties = [
    ['file', file], ['line', region.startLine], ['col', region.startColumn], ['endLine', region.endLine], ['endColumn', region.endColumn],
    ['title', `s3-policy-lint ${result.ruleId}`],
  ].map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  console.log(`::${COMMAND[result.level]} ${properties}::${escapeData(result.message.text)}`);
}

const plural = (count, word, words) => `${count} ${count === 1 ? word : words}`;
const summary = `s3-policy-lint: ${plural(counts.error, 'error', 'errors')}, ${plural(counts.warning, 'warning', 'warnings')}, ${counts.note} information in ${plural(run.artifacts.length, 'policy', 'policies')}; SARIF in ${path.relative(workspace, sarifFile).split(path.sep).join('/')}`;
console.log(summary);
const append = (file, text) => file && fs.appendFileSync(file, text);
append(process.env.GITHUB_OUTPUT, `sarif-file=${sarifFile}\nerrors=${counts.error}\nwarnings=${counts.warning}\n`);
append(process.env.GITHUB_STEP_SUMMARY, `${summary}\n`);
process.exit(lint.status ?? 2);
