// S3 Bucket Policy — MIT License.
// Compares the full lint of this checkout with another checkout's, in one process, interleaved:
//   git worktree add /tmp/base <commit> && node --expose-gc bench/compare.mjs /tmp/base [rounds]
// Both services are bundled from their sources (the other checkout needs no node_modules). Their
// findings on the 20 KB benchmark policy and on 16 documents never seen before must be equal, or
// nothing is timed. Each round times one call of each row, the two checkouts in alternating order,
// each after an untimed call and a young-generation collection, as measureAll does. Prints the
// medians, the ratio of the medians (this checkout ÷ the other) and the median of the per-round
// ratios, which follows a change in machine load less.
// Two bundles in one process do not run alike: this checkout compared with itself read 1.03–1.06×
// on the same document and 0.98–0.99× on new documents over five runs, and an earlier script of the
// same kind read 1.10× and 1.22× in two runs of five. Run it three to five times, take the median,
// and take a difference of less than about 6 % for noise.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadService } from './micro.mjs';
import { generatePolicy } from './policies.mjs';
import { percentile } from './stats.mjs';

const [other, roundsArgument = '500'] = process.argv.slice(2);
if (!other) {
  console.error('usage: node --expose-gc bench/compare.mjs <other checkout> [rounds]');
  process.exit(2);
}
const rounds = Number(roundsArgument);
const here = path.resolve(import.meta.dirname, '..');
const text = generatePolicy('20 KB').text;
const fresh = Array.from({ length: 16 }, (_, variant) => generatePolicy('20 KB', variant + 1).text);

/** The same-document and new-document lints of one checkout, and what they find. */
async function lintsOf(checkout) {
  const module = await loadService(path.resolve(checkout));
  const service = module.getPolicyLanguageService();
  const lint = (document) => service.findProblems(service.parse(document), module.DEFAULT_LINT_SETTINGS);
  let next = 0;
  return {
    same: () => lint(text),
    fresh: () => lint(fresh[next++ % fresh.length]),
    findings: () => [text, ...fresh].map((document) => JSON.stringify(lint(document).map((finding) => [finding.ruleId, finding.offset, finding.length, finding.message]))),
  };
}

const base = await lintsOf(other);
const candidate = await lintsOf(here);
const baseFindings = base.findings();
const differing = candidate.findings().flatMap((findings, index) => (findings === baseFindings[index] ? [] : [index === 0 ? 'the benchmark policy' : `variant ${index}`]));
if (differing.length > 0) {
  console.error(`The findings differ on ${differing.join(', ')}: nothing timed.`);
  process.exit(1);
}

const rows = { 'other, same document': base.same, 'this, same document': candidate.same, 'other, new documents': base.fresh, 'this, new documents': candidate.fresh };
for (const work of Object.values(rows)) {
  for (let call = 0; call < 300; call++) {
    work();
  }
}
const samples = Object.fromEntries(Object.keys(rows).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  const names = Object.keys(rows);
  for (const name of round % 2 === 0 ? names : names.reverse()) {
    rows[name]();
    globalThis.gc?.({ type: 'minor' });
    const start = performance.now();
    rows[name]();
    samples[name].push(performance.now() - start);
  }
}

const median = (name) => percentile(samples[name], 0.5);
for (const name of Object.keys(rows)) {
  console.log(`${name.padEnd(22)} ${(median(name) * 1000).toFixed(0).padStart(6)} µs`);
}
for (const kind of ['same document', 'new documents']) {
  const perRound = samples[`this, ${kind}`].map((sample, round) => sample / samples[`other, ${kind}`][round]);
  console.log(`${kind}: this ÷ other ${(median(`this, ${kind}`) / median(`other, ${kind}`)).toFixed(3)} (median of the per-round ratios ${percentile(perRound, 0.5).toFixed(3)})`);
}
