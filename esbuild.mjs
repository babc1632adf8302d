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
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
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
