// S3 Bucket Policy — MIT License.
// One build script for everything that ships: the VS Code client, the language server and the CLI.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  // jsonc-parser's UMD build requires files esbuild cannot see; its ESM build bundles cleanly
  // (microsoft/node-jsonc-parser#57, evanw/esbuild#1619).
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build finds itself through import.meta.url, which a CommonJS bundle lacks;
  // its CommonJS build is what `require` gets from its exports map.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  logLevel: 'warning',
};

/**
 * The client is two bundles: extension.js, what activation runs (the log channel, the commands), and
 * languageClient.js, vscode-languageclient and the server's options (nearly all of the client's
 * code), which extension.js imports once activate() has returned. The plugin keeps that import out
 * of extension.js, and without dynamic-import esbuild writes it as a `require('./languageClient.js')`
 * of the sibling bundle: the CommonJS loader, which the extension host gives the `vscode` module.
 */
const lazyLanguageClient = {
  name: 'lazy-language-client',
  setup(build) {
    build.onResolve({ filter: /^\.\/languageClient\.js$/ }, () => ({ path: './languageClient.js', external: true }));
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'], plugins: [lazyLanguageClient], supported: { 'dynamic-import': false } },
  { ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'client/out/languageClient.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // The two bundles with a shebang are package.json `bin` entries: make them executable, so that
  // `npx s3-policy-lint` and `npx s3-policy-language-server` run in a fresh clone.
  for (const options of builds.filter((build) => build.banner)) {
    fs.chmodSync(options.outfile, 0o755);
  }
}
// The Terraform parser's WebAssembly (web-tree-sitter's core and the Terraform grammar) beside the
// server and CLI bundles, which read it at start (server/src/terraformWasm.ts).
fs.copyFileSync('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'server/out/web-tree-sitter.wasm');
fs.copyFileSync('node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'server/out/tree-sitter-terraform.wasm');
