// S3 Bucket Policy — MIT License.
// In-process measurements on the infrastructure-as-code documents of bench/templates.mjs: the parse
// alone (eemeli/yaml's parseDocument for the template, tree-sitter's parse for the Terraform file:
// the baselines, what the host layer cannot do without), our read of the document for its bucket
// policies, and our full lint, with the document-level service bundled from the TypeScript sources
// with the server's esbuild settings, so it is always the current code.
import { createHash } from 'node:crypto';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { measureAll } from './stats.mjs';
import { EDIT_PATTERNS } from './templates.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** Row names. */
export const IAC_ROWS = {
  yamlBaseline: 'yaml parseDocument (eemeli/yaml)',
  hclBaseline: 'tree-sitter parse (web-tree-sitter, Terraform grammar)',
  read: 'our first read (parse + every bucket policy found and parsed; nothing kept from an earlier read)',
  editedRead: 'our read after a one-character edit (a character typed into the first Sid, and deleted)',
  lint: 'our full lint (first read + every rule on every policy)',
  diagnostics: 'our full lint as LSP diagnostics (doValidation)',
};

/**
 * Bundles the document-level service, the HCL parser's loader and the `yaml` copy the service uses
 * into one CommonJS file and loads it, with the Terraform parser initialized from node_modules' wasm.
 */
export async function loadHostedService() {
  const outfile = path.join(os.tmpdir(), 's3policy-bench', `hosted-${createHash('sha256').update(root).digest('hex').slice(0, 8)}.cjs`);
  await esbuild.build({
    stdin: {
      contents: [
        "export { getHostedLanguageService } from './server/src/service/hostedLanguageService';",
        "export { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from './server/src/service/policyLanguageService';",
        "export { DEFAULT_RECOGNITION_SETTINGS } from './server/src/service/policyRecognition';",
        "export { forgetEarlierReads } from './server/src/service/hosts/readHostDocument';",
        "export { initTerraformParser, parseHcl } from './server/src/service/hosts/terraform/hclParser';",
        "export { parseDocument } from 'yaml';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    // As esbuild.mjs: web-tree-sitter's CommonJS build (its ESM build needs import.meta.url).
    alias: { 'web-tree-sitter': path.join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') },
    outfile,
    logLevel: 'warning',
  });
  const module = createRequire(import.meta.url)(outfile);
  const wasm = (file) => new Uint8Array(fs.readFileSync(path.join(root, 'node_modules', file)));
  await module.initTerraformParser(wasm('web-tree-sitter/web-tree-sitter.wasm'), wasm('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
  return module;
}

/**
 * Measures the rows on each document ({name, text, path, languageId}); returns per document its rows,
 * its policies, its findings (rule: message, with the line) and the ratios to its baseline.
 */
export async function runIacMicro(documents, { runs, quick = false }) {
  const hostedModule = await loadHostedService();
  const hosted = hostedModule.getHostedLanguageService(hostedModule.getPolicyLanguageService());
  const settings = hostedModule.DEFAULT_LINT_SETTINGS;
  const recognition = hostedModule.DEFAULT_RECOGNITION_SETTINGS;
  const results = {};
  for (const document of documents) {
    const { text, languageId } = document;
    const read = () => {
      hostedModule.forgetEarlierReads();
      return hosted.read(text, document.path, languageId, recognition);
    };
    // A character typed into the first Sid moves everything after it; the next run deletes it again.
    const [sid] = text.matchAll(EDIT_PATTERNS[languageId].sid);
    const edited = [text, text.slice(0, sid.index + sid[0].length) + 'x' + text.slice(sid.index + sid[0].length)];
    let editCount = 0;
    const editedRead = () => hosted.read(edited[editCount++ % 2], document.path, languageId, recognition);
    const baselineName = languageId === 'yaml' ? IAC_ROWS.yamlBaseline : IAC_ROWS.hclBaseline;
    const baseline = languageId === 'yaml'
      ? () => hostedModule.parseDocument(text)
      : () => hostedModule.parseHcl(text).delete();
    const rows = {
      [baselineName]: baseline,
      [IAC_ROWS.read]: read,
      [IAC_ROWS.editedRead]: editedRead,
      [IAC_ROWS.lint]: () => hosted.findProblems(read(), settings),
      [IAC_ROWS.diagnostics]: () => hosted.doValidation(TextDocument.create(`file://${document.path}`, languageId, 1, text), read(), settings),
    };
    const host = read();
    const lineOf = (offset) => text.slice(0, offset).split('\n').length;
    const timings = await measureAll(rows, { runs, ...(quick ? { warmupMs: 20 } : {}) });
    results[document.name] = {
      lines: text.split('\n').length - 1,
      bytes: Buffer.byteLength(text),
      kind: host.kind,
      policies: host.policies.length,
      findings: hosted.findProblems(host, settings).map((finding) => `line ${lineOf(finding.offset)}: ${finding.ruleId}: ${finding.message}`),
      baseline: baselineName,
      rows: timings,
      ratios: {
        readOverBaseline: timings[IAC_ROWS.read].medianMs / timings[baselineName].medianMs,
        editedReadOverBaseline: timings[IAC_ROWS.editedRead].medianMs / timings[baselineName].medianMs,
        lintOverBaseline: timings[IAC_ROWS.lint].medianMs / timings[baselineName].medianMs,
      },
    };
  }
  return results;
}
