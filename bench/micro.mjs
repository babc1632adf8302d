// S3 Bucket Policy — MIT License.
// In-process measurements on the same documents: JSON.parse (the floor), jsonc-parser parseTree,
// vscode-json-languageservice parse + schema validation (the baseline), and our service, bundled
// from the TypeScript sources with the server's esbuild settings so it is always the current code.
import { createHash } from 'node:crypto';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generatePolicy } from './policies.mjs';
import { allocatedPerCall, measureAll, measureWithCollections } from './stats.mjs';

const root = path.resolve(import.meta.dirname, '..');
const POLICY_URI = 'file:///bench/bucket-policy.json';
/** Enough documents that their string values (about 800 per 20 KB) overflow every value cache (2,000 entries) before one comes back. */
const FRESH_VARIANTS = 16;
/** The rows the budgets compare, measured a second time with garbage collection included. */
export const COMPARED_ROWS = ['jsonc-parser parseTree', 'vscode-json-languageservice parse + doValidation', 'our full lint (parse + schema + every rule)'];
/** The row of the full lint on a document never seen before. */
export const FRESH_LINT_ROW = `our full lint, another document each run (${FRESH_VARIANTS} variants, no value seen before)`;

/**
 * Bundles the policy language service, its rule registry, its schema validator and the jsonc-parser
 * copy it uses into one CommonJS file (the same path each run for a checkout, so CPU profiles can show its source)
 * and loads it. `checkout` is this one by default; another (bench/compare.mjs) may have no
 * node_modules of its own and resolves its packages in this one's.
 */
export async function loadService(checkout = root) {
  // One file per checkout: two checkouts benchmarking at once must not load each other's code.
  const checkoutHash = createHash('sha256').update(checkout).digest('hex').slice(0, 8);
  const outfile = path.join(os.tmpdir(), 's3policy-bench', `service-${checkoutHash}.cjs`);
  await esbuild.build({
    stdin: {
      contents: "export * from './server/src/service/policyLanguageService';\nexport { ALL_RULES } from './server/src/service/rules';\nexport { validateAgainstSchema } from './server/src/service/schema/validateAgainstSchema';\nexport { parseTree } from 'jsonc-parser';\n",
      resolveDir: checkout,
      loader: 'ts',
    },
    nodePaths: [path.join(root, 'node_modules')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/** The row of the access summary: computed when the CodeLens or a command asks, not on every keystroke. */
export const ACCESS_SUMMARY_ROW = 'our access summary (parse + summarizeAccess)';

/** Bundles this checkout's access summary alone (other checkouts that bench/compare.mjs loads may not have it). */
async function loadAccessSummary() {
  const outfile = path.join(os.tmpdir(), 's3policy-bench', `access-${createHash('sha256').update(root).digest('hex').slice(0, 8)}.cjs`);
  await esbuild.build({
    stdin: { contents: "export { summarizeAccess } from './server/src/service/access/accessSummary';\n", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], outfile, logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/** The baseline: VS Code's JSON language service with our schema registered once, as VS Code does. */
function jsonLanguageService() {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/s3-bucket-policy.schema.json'), 'utf8'));
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'file:///bench/s3-bucket-policy.schema.json', fileMatch: ['*bucket-policy*.json'], schema }] });
  return service;
}

/** The settings of the baseline's validation: strict JSON, every problem an error, no schema fetched. */
const BASELINE_SETTINGS = { comments: 'error', trailingCommas: 'error', schemaValidation: 'error', schemaRequest: 'ignore' };

/** The baseline row on one text: parse + doValidation with VS Code's JSON language service, as VS Code runs it on each change. */
export function jsonLanguageServiceRow(text, baseline = jsonLanguageService()) {
  return () => {
    const doc = TextDocument.create(POLICY_URI, 'json', 1, text);
    return baseline.doValidation(doc, baseline.parseJSONDocument(doc), BASELINE_SETTINGS);
  };
}

/** The string node of the first action of the middle statement: a typical place to ask for completion or hover. */
function typicalOffset(policy) {
  const statement = policy.statements[Math.floor(policy.statements.length / 2)];
  const action = statement.elements.Action?.valueNode ?? statement.elements.Effect?.valueNode;
  const node = action?.type === 'array' ? action.children[0] : action;
  return node.offset + 4;
}

/**
 * Measures every in-process row on every document. Completion and hover are measured when the
 * service has `doComplete` / `doHover` (called as (document, policy, position, settings)), and
 * reported as not implemented otherwise.
 */
export async function runMicro(documents, { runs, quick = false }) {
  // --quick: short warm-ups and few rounds, enough to run every row once (bench/run.mjs).
  const warmupMs = quick ? 20 : undefined;
  const ours = await loadService();
  const access = await loadAccessSummary();
  const service = ours.getPolicyLanguageService();
  const settings = ours.DEFAULT_LINT_SETTINGS;
  const baseline = jsonLanguageService();
  const results = {};
  for (const document of documents) {
    const text = document.text;
    const textDocument = () => TextDocument.create(POLICY_URI, 'json', 1, text);
    const policy = service.parse(text);
    const position = textDocument().positionAt(typicalOffset(policy));
    const variants = Array.from({ length: FRESH_VARIANTS }, (_, index) => generatePolicy(document.name, index + 1).text);
    let fresh = 0;
    const rows = {
      'JSON.parse': () => JSON.parse(text),
      'jsonc-parser parseTree': () => ours.parseTree(text, []),
      'vscode-json-languageservice parse + doValidation': jsonLanguageServiceRow(text, baseline),
      'our parse (parsePolicy)': () => service.parse(text),
      'our full lint (parse + schema + every rule)': () => service.findProblems(service.parse(text), settings),
      // Lookups memoized per string value (action patterns, ARNs, placeholders) find nothing cached here:
      // the first lint of a document nobody has linted yet, where the row above is the editor's case
      // of a document linted again after an edit.
      [FRESH_LINT_ROW]: () => {
        fresh = (fresh + 1) % FRESH_VARIANTS;
        return service.findProblems(service.parse(variants[fresh]), settings);
      },
      'our full lint as LSP diagnostics (doValidation)': () => {
        const doc = textDocument();
        return service.doValidation(doc, service.parse(text), settings);
      },
      'our completion at a typical position': typeof service.doComplete === 'function' ? () => service.doComplete(textDocument(), policy, position, settings) : undefined,
      'our hover at a typical position': typeof service.doHover === 'function' ? () => service.doHover(textDocument(), policy, position, settings) : undefined,
      [ACCESS_SUMMARY_ROW]: () => access.summarizeAccess(service.parse(text), undefined),
    };
    const baselineProblems = await rows['vscode-json-languageservice parse + doValidation']();
    const entry = {
      bytes: document.bytes,
      statements: document.statements,
      findings: service.findProblems(policy, settings).map((finding) => `${finding.ruleId}: ${finding.message}`),
      baselineFindings: baselineProblems.map((diagnostic) => diagnostic.message),
    };
    const measurable = {};
    const unmeasured = {};
    for (const [name, work] of Object.entries(rows)) {
      try {
        if (!work) {
          unmeasured[name] = { status: 'not implemented' };
          continue;
        }
        await work();
        measurable[name] = work;
      } catch (error) {
        unmeasured[name] = { status: `failed: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    // The documents never seen before push the others' values out of the value caches: they are
    // measured apart, after the rest, and not interleaved with the rows on the one document.
    const { [FRESH_LINT_ROW]: freshWork, ...sameDocument } = measurable;
    const timings = { ...(await measureAll(sameDocument, { runs, warmupMs })), ...(freshWork ? await measureAll({ [FRESH_LINT_ROW]: freshWork }, { runs, warmupMs }) : {}) };
    entry.rows = Object.fromEntries(Object.keys(rows).map((name) => [name, unmeasured[name] ?? { status: 'measured', ...timings[name] }]));
    // The rows the budgets compare, again with the collection of each one's own garbage paid for,
    // and what each allocates per call.
    const compared = Object.fromEntries(COMPARED_ROWS.filter((name) => measurable[name]).map((name) => [name, measurable[name]]));
    const withCollections = await measureWithCollections(compared, quick ? { rounds: 2, blockMs: 10, warmupMs } : {});
    entry.withCollections = {};
    for (const name of Object.keys(compared)) {
      entry.withCollections[name] = { ...withCollections[name], allocatedBytesPerCall: Math.round(await allocatedPerCall(compared[name])) };
    }
    results[document.name] = entry;
  }
  return { results, rules: ours.ALL_RULES.map((rule) => rule.id) };
}
