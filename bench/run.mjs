// S3 Bucket Policy — MIT License.
// `npm run bench`: how much our linting costs next to parsing and next to VS Code's own JSON
// language service, over LSP, in memory, on disk and at activation. Prints the tables and the
// ratios, writes bench/results.json with every figure and the budgets, and exits non-zero when a
// budget fails. A benchmark, not a test: run it on a quiet machine, re-run it when rules change.
//
//   node --expose-gc bench/run.mjs [--runs 200] [--quick] [--out FILE] [--no-package] [--profile-server <dir>]
//
// --runs            samples per in-process measurement (at least 200 for the published figures)
// --quick           every step once with few samples, edits and starts (seconds, not minutes): proves the
//                   benchmark runs, as `npm test` does on each checkout. Its figures are not measurements:
//                   budgets are printed, not enforced; it fails when a step fails (packaging included)
// --out             where to write the results (default bench/results.json); its directory is created
// --no-package      measure the existing s3-bucket-policy.vsix instead of running `npm run package`
// --profile-server  write a CPU profile of the server during the edit session into <dir>
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractVsix } from '../test/harness/vsix.mjs';
import { IAC_ROWS, runIacMicro } from './iacMicro.mjs';
import { runLsp } from './lsp.mjs';
import { ACCESS_SUMMARY_ROW, COMPARED_ROWS, FRESH_LINT_ROW, runMicro } from './micro.mjs';
import { DOCUMENT_SIZES, generatePolicy } from './policies.mjs';
import { formatBytes, formatMs, percentile } from './stats.mjs';
import { generateTemplate, generateTerraform } from './templates.mjs';

const root = path.resolve(import.meta.dirname, '..');
const VSIX = path.join(root, 's3-bucket-policy.vsix');
const MB = 1024 * 1024;

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const quick = process.argv.includes('--quick');
const runs = Math.max(1, Number(option('--runs', quick ? '3' : '200')));
const resultsFile = path.resolve(option('--out', path.join(import.meta.dirname, 'results.json')));
const profileDir = option('--profile-server', undefined);

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    nproc: os.availableParallelism(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
}

/**
 * Packages the extension (`npm run package`) and unpacks the .vsix into a temporary directory, so
 * the sizes, the server and the activation are measured on exactly what ships, whatever rebuilds
 * happen in the working tree meanwhile (the directory is emptied at each run). Falls back to the working tree's bundles when packaging
 * fails, and then reports the .vsix as missing.
 */
function packaged() {
  let packageError;
  if (!process.argv.includes('--no-package')) {
    const result = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      packageError = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-5).join('\n');
    }
  }
  if (packageError === undefined && fs.existsSync(VSIX)) {
    const directory = path.join(os.tmpdir(), 's3policy-bench', 'vsix');
    fs.rmSync(directory, { recursive: true, force: true });
    return { vsixBytes: fs.statSync(VSIX).size, extensionRoot: extractVsix(VSIX, directory), source: 'vsix' };
  }
  return { vsixBytes: undefined, extensionRoot: root, source: 'working tree (packaging failed or no .vsix)', packageError };
}

function activation(extensionRoot, times = 5) {
  const samples = [];
  for (let run = 0; run < times; run++) {
    const output = execFileSync(process.execPath, [path.join(import.meta.dirname, 'activation.cjs'), path.join(extensionRoot, 'client/out/extension.js'), extensionRoot], { encoding: 'utf8' });
    samples.push(JSON.parse(output.trim().split('\n').pop()));
  }
  for (const sample of samples) {
    sample.deferredLoadMs = sample.deferredLoads.reduce((sum, entry) => sum + entry.ms, 0);
  }
  const median = (key) => percentile(samples.map((sample) => sample[key]), 0.5);
  return {
    runs: times, loadMs: median('loadMs'), activateSyncMs: median('activateSyncMs'), activateResolveMs: median('activateResolveMs'), totalSyncMs: median('totalSyncMs'),
    deferredLoadMs: median('deferredLoadMs'), untilServerForkMs: median('untilServerForkMs'), lastRun: samples[samples.length - 1],
  };
}

/** A path relative to the working directory when it lies inside it, else absolute. */
function relativeInside(file) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) {
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}

const results = { date: new Date().toISOString(), machine: machine(), runsPerMeasurement: runs, ...(quick ? { quick: 'few samples: these figures are not measurements' } : {}) };
const documents = Object.keys(DOCUMENT_SIZES).map((name) => generatePolicy(name));
const ship = packaged();
results.package = { source: ship.source, ...(ship.packageError ? { error: ship.packageError } : {}) };
if (quick && ship.packageError) {
  console.error(`npm run package failed:\n${ship.packageError}`);
  process.exit(2);
}

console.log(`Measuring in-process figures (${runs} runs each)…`);
const micro = await runMicro(documents, { runs, quick });
results.rules = micro.rules;
results.documents = Object.fromEntries(documents.map((document) => [document.name, {
  bytes: document.bytes,
  statements: document.statements,
  ourFindings: micro.results[document.name].findings,
  baselineFindings: micro.results[document.name].baselineFindings,
}]));
// The typical documents are correct policies: a finding on them is a bug in the generator or a
// false positive in a rule, and either makes the figures measure the wrong thing.
for (const name of ['1 KB', '20 KB']) {
  const { findings } = micro.results[name];
  console.log(`${name}: ${findings.length} findings${findings.length ? `\n  ${findings.join('\n  ')}` : ''}`);
  if (findings.length > 0) {
    console.error(`The ${name} benchmark document must lint clean; fix bench/policies.mjs (or the rule).`);
    process.exit(2);
  }
}
results.inProcess = Object.fromEntries(Object.entries(micro.results).map(([name, entry]) => [name, entry.rows]));
results.withCollections = Object.fromEntries(Object.entries(micro.results).map(([name, entry]) => [name, entry.withCollections]));

const median = (documentName, row) => results.inProcess[documentName][row]?.medianMs;
const LINT = 'our full lint (parse + schema + every rule)';
const BASELINE = 'vscode-json-languageservice parse + doValidation';
const PARSE_TREE = 'jsonc-parser parseTree';
results.ratios = Object.fromEntries(documents.map(({ name }) => [name, {
  lintOverBaseline: median(name, LINT) / median(name, BASELINE),
  lintOverParseTree: median(name, LINT) / median(name, PARSE_TREE),
  lintOverJsonParse: median(name, LINT) / median(name, 'JSON.parse'),
  // The same ratios for the first lint of documents never seen (no value cached); the budgets use the
  // rows above: the issue defines them on the same document, as the editor re-lints after each edit.
  freshLintOverBaseline: median(name, FRESH_LINT_ROW) / median(name, BASELINE),
  freshLintOverParseTree: median(name, FRESH_LINT_ROW) / median(name, PARSE_TREE),
  // Informative, not budgets: each function paying for collecting its own garbage.
  withCollectionsLintOverBaseline: results.withCollections[name][LINT].meanMsPerCall / results.withCollections[name][BASELINE].meanMsPerCall,
  withCollectionsLintOverParseTree: results.withCollections[name][LINT].meanMsPerCall / results.withCollections[name][PARSE_TREE].meanMsPerCall,
}]));

// Issues 16 and 17: a CloudFormation template and a Terraform file of 1,000 lines with 20 bucket policies each.
const iacDocuments = [generateTemplate(), generateTerraform()];
console.log(`Measuring templates and Terraform in process (${runs} runs each)…`);
results.iac = { inProcess: await runIacMicro(iacDocuments, { runs, quick }) };
for (const document of iacDocuments) {
  const { findings, policies, kind } = results.iac.inProcess[document.name];
  console.log(`${document.name}: read as ${kind}, ${policies} policies, ${findings.length} findings${findings.length ? `\n  ${findings.join('\n  ')}` : ''}`);
  if (findings.length > 0 || policies !== 20) {
    console.error(`The ${document.name} benchmark document must hold 20 policies and lint clean; fix bench/templates.mjs (or the rule).`);
    process.exit(2);
  }
}

console.log('Measuring activation…');
results.activation = { method: 'bench/activation.cjs: require + activate() until its result resolves, with a stand-in vscode module, fresh process, median of 5; the loads of the extension\'s files after activation (same thread) beside it', ...activation(ship.extensionRoot, quick ? 1 : 5) };

const lspCounts = quick ? { coldStarts: 2, warmupEdits: 10, latencyEdits: 20, totalEdits: 50 } : {};
console.log(`Measuring over LSP (cold starts, ${quick ? 60 : '1,100'} edits)…`);
// The in-process rows leave this process with a large heap: collected now, it cannot hold up the
// handling of a publishDiagnostics (and so add to a measured latency) during the edit session.
globalThis.gc?.();
const twenty = documents.find((document) => document.name === '20 KB');
// The server runs with the node options and environment the extension's client gives it (seen at activation).
const serverNodeArgs = results.activation.lastRun.serverExecArgv ?? [];
const serverEnv = results.activation.lastRun.serverEnv ?? {};
results.lsp = { server: `server/out/server.js from the ${ship.source}`, serverNodeArgs, serverEnv, document: '20 KB', ...(await runLsp(twenty.text, {
  serverFile: path.join(ship.extensionRoot, 'server/out/server.js'),
  ...lspCounts,
  serverNodeArgs: [...serverNodeArgs, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])],
  serverEnv,
})) };

const iacLspCounts = quick ? { warmupEdits: 5, latencyEdits: 10, totalEdits: 10 } : { warmupEdits: 50, latencyEdits: 300, totalEdits: 300 };
console.log(`Measuring templates and Terraform over LSP (${iacLspCounts.warmupEdits + iacLspCounts.totalEdits} edits each)…`);
globalThis.gc?.();
results.iac.lsp = {};
for (const document of iacDocuments) {
  results.iac.lsp[document.name] = await runLsp(document.text, {
    serverFile: path.join(ship.extensionRoot, 'server/out/server.js'),
    ...iacLspCounts,
    coldStarts: 0,
    serverNodeArgs,
    serverEnv,
    document: { uri: `file://${document.path}`, languageId: document.languageId },
  });
}
const [templateDocument, terraformDocument] = iacDocuments;

const sizeOf = (file) => (fs.existsSync(file) ? fs.statSync(file).size : undefined);
results.sizes = {
  clientBundleBytes: sizeOf(path.join(ship.extensionRoot, 'client/out/extension.js')),
  languageClientBundleBytes: sizeOf(path.join(ship.extensionRoot, 'client/out/languageClient.js')),
  serverBundleBytes: sizeOf(path.join(ship.extensionRoot, 'server/out/server.js')),
  vsixBytes: ship.vsixBytes,
};
results.machine.loadAverageAtEnd = os.loadavg().map((load) => Number(load.toFixed(2)));

const budget = (name, value, limit) => ({ name, value: value === undefined ? null : Number(value.toFixed(3)), limit, pass: value !== undefined && value <= limit });
results.budgets = [
  budget('full lint of 20 KB ÷ vscode-json-languageservice parse+validate', results.ratios['20 KB'].lintOverBaseline, 0.5),
  budget('full lint of 20 KB ÷ jsonc-parser parseTree', results.ratios['20 KB'].lintOverParseTree, 2),
  budget('LSP didChange → publishDiagnostics p99 on 20 KB (ms)', results.lsp.latency.p99Ms, 10),
  budget('cold start → first diagnostics, median (ms)', results.lsp.coldStart.p50Ms, 500),
  budget('server RSS after 1,000 edits (MB)', results.lsp.memory.rssAfterEditsBytes / MB, 80),
  budget('LSP didChange → publishDiagnostics p99 on the 1,000-line CloudFormation YAML template, 20 policies (ms)', results.iac.lsp[templateDocument.name].latency.p99Ms, 20),
  budget('LSP didChange → publishDiagnostics p99 on the 1,000-line Terraform file, 20 policies (ms)', results.iac.lsp[terraformDocument.name].latency.p99Ms, 20),
  budget('.vsix size, wasm files included (MB)', results.sizes.vsixBytes === undefined ? undefined : results.sizes.vsixBytes / MB, 1.5),
  budget('activation: synchronous work, load + activate() until its result resolves (ms)', results.activation.totalSyncMs, 50),
  budget('access summary of 20 KB, median (ms)', results.inProcess['20 KB'][ACCESS_SUMMARY_ROW]?.medianMs, 10),
];

fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const rowNames = Object.keys(results.inProcess['20 KB']);
const cell = (entry) => (entry?.status === 'measured' ? formatMs(entry.medianMs) : entry?.status ?? '—');
console.log(`\nIn-process medians (${runs} runs after warm-up; ${micro.rules.length} rules)\n`);
console.log(table(['', ...documents.map((document) => `${document.name} (${document.bytes} B, ${document.statements} statements)`)], rowNames.map((row) => [row, ...documents.map(({ name }) => cell(results.inProcess[name][row]))])));
console.log('\nThe same three with garbage collection included (mean per call over blocks of about 100 ms, each paying for its own garbage; median of 20 rounds) and what each allocates per call\n');
console.log(table(['', ...documents.map(({ name }) => name)], COMPARED_ROWS.map((row) => [row, ...documents.map(({ name }) => {
  const entry = results.withCollections[name][row];
  return entry ? `${formatMs(entry.meanMsPerCall)}, ${formatBytes(entry.allocatedBytesPerCall)}` : '—';
})])));
console.log('\nRatios of our full lint\n');
console.log(table(['', ...documents.map(({ name }) => name)], [
  ['÷ vscode-json-languageservice parse + doValidation', ...documents.map(({ name }) => `${results.ratios[name].lintOverBaseline.toFixed(2)}×`)],
  ['÷ jsonc-parser parseTree', ...documents.map(({ name }) => `${results.ratios[name].lintOverParseTree.toFixed(2)}×`)],
  ['÷ JSON.parse', ...documents.map(({ name }) => `${results.ratios[name].lintOverJsonParse.toFixed(1)}×`)],
  ['another document each run ÷ vscode-json-languageservice', ...documents.map(({ name }) => `${results.ratios[name].freshLintOverBaseline.toFixed(2)}×`)],
  ['another document each run ÷ jsonc-parser parseTree', ...documents.map(({ name }) => `${results.ratios[name].freshLintOverParseTree.toFixed(2)}×`)],
  ['with garbage collection ÷ vscode-json-languageservice (not a budget)', ...documents.map(({ name }) => `${results.ratios[name].withCollectionsLintOverBaseline.toFixed(2)}×`)],
  ['with garbage collection ÷ jsonc-parser parseTree (not a budget)', ...documents.map(({ name }) => `${results.ratios[name].withCollectionsLintOverParseTree.toFixed(2)}×`)],
]));
const { latency, coldStart, memory } = results.lsp;
console.log('\nLanguage server, sizes, activation\n');
console.log(table(['', 'value'], [
  ['didChange → publishDiagnostics, 20 KB, p50 / p99 (200 edits)', `${formatMs(latency.p50Ms)} / ${formatMs(latency.p99Ms)}`],
  ...Object.entries(latency.byKind).map(([kind, figures]) => [`  edits leaving it ${kind === 'valid' ? 'a valid policy' : kind === 'semantic' ? 'valid JSON with a policy error' : 'with a JSON syntax error'} (${figures.count}), p50 / p99`, `${formatMs(figures.p50Ms)} / ${formatMs(figures.p99Ms)}`]),
  [`cold start → first diagnostics, median / max of ${coldStart.runs}`, `${formatMs(coldStart.p50Ms)} / ${formatMs(coldStart.maxMs)}`],
  [`server RSS after ${memory.warmupEdits} warm-up edits → after ${memory.edits} more`, `${formatBytes(memory.rssAfterWarmupBytes)} → ${formatBytes(memory.rssAfterEditsBytes)}`],
  ['client bundles (activation / language client) / server bundle', `${formatBytes(results.sizes.clientBundleBytes)} / ${formatBytes(results.sizes.languageClientBundleBytes)} / ${formatBytes(results.sizes.serverBundleBytes)}`],
  ['.vsix', formatBytes(results.sizes.vsixBytes)],
  ['activation: load bundle + activate() + until its result resolves', `${formatMs(results.activation.loadMs)} + ${formatMs(results.activation.activateSyncMs)} + ${formatMs(results.activation.activateResolveMs)}`],
  ['after activation, same thread: language client loaded / server forked at', `${formatMs(results.activation.deferredLoadMs)} / ${formatMs(results.activation.untilServerForkMs)}`],
]));
console.log('\nTemplates and Terraform (issues 16 and 17): medians in process, ratios to the parse alone in the same process, edit → diagnostics over LSP\n');
console.log(table(['', ...iacDocuments.map((document) => `${document.name} (${results.iac.inProcess[document.name].bytes} B)`)], [
  ...[[IAC_ROWS.yamlBaseline, IAC_ROWS.hclBaseline], IAC_ROWS.read, IAC_ROWS.editedRead, IAC_ROWS.lint, IAC_ROWS.diagnostics].map((row) => [Array.isArray(row) ? 'baseline: the parse alone (yaml parseDocument / tree-sitter parse)' : row,
    ...iacDocuments.map((document) => {
      const entry = results.iac.inProcess[document.name];
      return formatMs(entry.rows[Array.isArray(row) ? entry.baseline : row].medianMs);
    })]),
  ['our first read ÷ the parse alone', ...iacDocuments.map((document) => `${results.iac.inProcess[document.name].ratios.readOverBaseline.toFixed(2)}×`)],
  ['our read after an edit ÷ the parse alone', ...iacDocuments.map((document) => `${results.iac.inProcess[document.name].ratios.editedReadOverBaseline.toFixed(2)}×`)],
  ['our full lint ÷ the parse alone', ...iacDocuments.map((document) => `${results.iac.inProcess[document.name].ratios.lintOverBaseline.toFixed(2)}×`)],
  [`didChange → publishDiagnostics, p50 / p99 (${iacLspCounts.latencyEdits} edits)`, ...iacDocuments.map((document) => {
    const { latency } = results.iac.lsp[document.name];
    return `${formatMs(latency.p50Ms)} / ${formatMs(latency.p99Ms)}`;
  })],
  ...['valid', 'semantic', 'syntax'].map((kind) => [`  edits leaving it ${kind === 'valid' ? 'valid' : kind === 'semantic' ? 'with a policy error' : 'with a syntax error'}, p50 / p99`, ...iacDocuments.map((document) => {
    const figures = results.iac.lsp[document.name].latency.byKind[kind];
    return `${formatMs(figures.p50Ms)} / ${formatMs(figures.p99Ms)}`;
  })]),
]));
if (ship.packageError) {
  console.log(`\nnpm run package failed; sizes and servers come from the working tree:\n${ship.packageError}`);
}
console.log('\nBudgets\n');
for (const entry of results.budgets) {
  console.log(`${entry.pass ? 'pass' : 'FAIL'}  ${entry.name}: ${entry.value ?? 'missing'} (limit ${entry.limit})`);
}
console.log(`\nMachine: ${results.machine.cpu}, ${results.machine.nproc} CPUs, Node ${results.machine.node}; load average ${results.machine.loadAverageAtStart[0]} at start, ${results.machine.loadAverageAtEnd[0]} at end. Figures in ${relativeInside(resultsFile)}.`);
if (quick) {
  console.log('Quick run: every step ran; with so few samples the figures and budgets above are not measurements.');
  process.exit(0);
}
process.exit(results.budgets.every((entry) => entry.pass) ? 0 : 1);
