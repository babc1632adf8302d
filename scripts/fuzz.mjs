// S3 Bucket Policy — MIT License.
// Fuzzes the policy language service: npm run fuzz -- --count N --seed S
// Generates N documents from seed S (a random seed when none is given; it is printed, so any run can
// be repeated) and checks the properties of test/fuzz/properties.ts on each. On the first failure it
// prints a shrunk reproducer and a regression test to paste into test/fuzz/regressions.test.ts, and
// exits with code 1. `npm test` runs a fixed-seed batch of the same fuzzer (test/fuzz/fuzz.test.ts).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const USAGE = 'Usage: npm run fuzz -- [--count N] [--seed S] [--templates N]   (defaults: 100000 documents, a random seed, count / 20 templates)';

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index < 0) {
    return fallback;
  }
  const value = Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`${name} needs a whole number.\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const count = option('--count', 100_000);
const seed = option('--seed', Math.floor(Math.random() * 2 ** 31));

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3policy-fuzz-'));
let fuzzer;
try {
  const bundle = path.join(directory, 'fuzzer.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'test/fuzz/fuzzer.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  fuzzer = createRequire(import.meta.url)(bundle);
} finally {
  fs.rmSync(directory, { recursive: true, force: true });
}

console.log(`Fuzzing ${count.toLocaleString('en-US')} documents with seed ${seed} (repeat with: npm run fuzz -- --count ${count} --seed ${seed})`);
const report = fuzzer.runFuzz({
  root,
  count,
  seed,
  progress: (checked) => {
    if (checked % 10_000 === 0) {
      console.log(`  ${checked.toLocaleString('en-US')} documents`);
    }
  },
});
const kinds = Object.entries(report.kinds).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join(', ');
console.log(`${report.documents.toLocaleString('en-US')} documents in ${(report.elapsedMs / 1000).toFixed(1)} s (${kinds}).`);
console.log(`Slowest lint of a document up to 20 KB: ${report.maxLintMs.toFixed(1)} ms (${report.maxLintLength} characters).`);
if (report.failure) {
  console.log(`\n${fuzzer.formatFailure(report)}`);
  process.exit(1);
}
console.log('Every property held.');

// Templates (test/fuzz/templateFuzzer.ts): generated and mutated CloudFormation templates, same seed.
const templates = option('--templates', Math.ceil(count / 20));
console.log(`Fuzzing ${templates.toLocaleString('en-US')} templates with seed ${seed}`);
const templateReport = fuzzer.runTemplateFuzz({ root, count: templates, seed });
console.log(`${templateReport.documents.toLocaleString('en-US')} templates in ${(templateReport.elapsedMs / 1000).toFixed(1)} s (${templateReport.withPolicies} with bucket policies, ${templateReport.findings} findings, ${templateReport.fixes} fixes).`);
if (templateReport.failure) {
  console.log(`\n${fuzzer.formatTemplateFailure(templateReport)}`);
  process.exit(1);
}
console.log('Every template property held.');
