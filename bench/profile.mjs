// S3 Bucket Policy — MIT License.
// Runs our full lint on one benchmark document in a loop, to find where the time and the memory go:
//   node --cpu-prof --cpu-prof-dir=/tmp/profiles bench/profile.mjs [1|20|200 (KB, default 20)] [seconds]
//     then open the .cpuprofile in Chrome DevTools (Performance) or VS Code;
//   node bench/profile.mjs 20 --alloc
//     prints the bytes allocated per full lint (sampled, garbage included) and the top allocation sites;
//   node bench/profile.mjs 20 --rules
//     prints what each rule adds to a lint with every rule off (parse included in the baseline; a
//     rule that reads schema problems pays for the schema validation too).
//   node --expose-gc bench/profile.mjs 20 --neighbours
//     prints our lint ÷ parseTree measured alone and beside the JSON language service or our
//     completion, with and without the untimed call before each sample (bench/stats.mjs).
//   node --cpu-prof --cpu-prof-dir=/tmp/profiles bench/profile.mjs --template|--terraform [seconds]
//     the same loop on the 1,000-line CloudFormation template or Terraform file (bench/templates.mjs):
//     read + full lint, as the server does on each edit; `--top` prints the functions with the most
//     self time instead of writing a profile to open.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadHostedService } from './iacMicro.mjs';
import { jsonLanguageServiceRow, loadService } from './micro.mjs';
import { generatePolicy } from './policies.mjs';
import { allocationProfile, measureAll } from './stats.mjs';
import { generateTemplate, generateTerraform } from './templates.mjs';

const iac = process.argv.includes('--template') || process.argv.includes('--terraform');
const numbers = process.argv.slice(2).filter((arg) => !arg.startsWith('--')).map(Number);
// With --template or --terraform the only number is the seconds.
const [kilobytes = 20, seconds = 5] = iac ? [20, ...numbers] : numbers;
const name = `${kilobytes} KB`;
const ours = await loadService();
const service = ours.getPolicyLanguageService();
const { text } = generatePolicy(name);
const lint = () => service.findProblems(service.parse(text), ours.DEFAULT_LINT_SETTINGS);

/** Sampled allocations of `calls` lints, garbage included, by allocating function (built-ins charged to their caller). */
async function allocations(calls) {
  const profile = await allocationProfile(lint, calls, 4096);
  const bySite = new Map();
  let total = 0;
  const walk = (node, owner) => {
    const builtin = node.callFrame.lineNumber < 0;
    const site = builtin ? `${owner} [${node.callFrame.functionName || 'native'}]` : `${node.callFrame.functionName || '(anonymous)'} (${path.basename(node.callFrame.url)}:${node.callFrame.lineNumber + 1})`;
    total += node.selfSize;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    node.children.forEach((child) => walk(child, builtin ? owner : site));
  };
  walk(profile.head, '(root)');
  console.log(`${name}: about ${(total / calls / 1024).toFixed(0)} KB allocated per full lint`);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(bytes / calls / 1024).toFixed(1).padStart(8)} KB  ${site}`);
  }
}

/** Median time of a lint with only one rule on, minus a lint with every rule off, per rule. */
async function ruleCosts() {
  const policyText = text;
  const allOff = Object.fromEntries(ours.ALL_RULES.map((rule) => [rule.id, 'off']));
  const only = (id) => ({ ...ours.DEFAULT_LINT_SETTINGS, rules: { ...allOff, [id]: undefined } });
  const schema = JSON.parse(readFileSync(new URL('../schemas/s3-bucket-policy.schema.json', import.meta.url), 'utf8'));
  const root = service.parse(policyText).root;
  const works = {
    'every rule off': () => service.findProblems(service.parse(policyText), { ...ours.DEFAULT_LINT_SETTINGS, rules: allOff }),
    'full lint': lint,
    'schema validation alone': () => ours.validateAgainstSchema(root, schema),
  };
  for (const rule of ours.ALL_RULES) {
    const settings = only(rule.id);
    works[rule.id] = () => service.findProblems(service.parse(policyText), settings);
  }
  const timings = await measureAll(works, { runs: 60, warmupMs: 50 });
  const base = timings['every rule off'].medianMs;
  const micros = (entry) => `${(entry.medianMs * 1000).toFixed(0)} µs`;
  console.log(`${name}: full lint ${micros(timings['full lint'])}; with every rule off (parse + facade) ${micros(timings['every rule off'])}; schema validation alone ${micros(timings['schema validation alone'])}. Added by each rule:`);
  const costs = ours.ALL_RULES.map((rule) => [rule.id, timings[rule.id].medianMs - base]).sort((a, b) => b[1] - a[1]);
  for (const [id, ms] of costs) {
    console.log(`${(ms * 1000).toFixed(0).padStart(8)} µs  ${id}`);
  }
}

/**
 * Our lint ÷ parseTree when measured alone and beside a row that uses other code and data (the JSON
 * language service, our completion), with and without the untimed call before each sample.
 */
async function neighbours() {
  const policy = service.parse(text);
  const statement = policy.statements[Math.floor(policy.statements.length / 2)];
  const action = statement.elements.Action?.valueNode;
  const offset = (action?.type === 'array' ? action.children[0] : action ?? statement.node).offset + 4;
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const document = TextDocument.create('file:///bench/bucket-policy.json', 'json', 1, text);
  const position = document.positionAt(offset);
  const pair = { parseTree: () => ours.parseTree(text, []), lint };
  const beside = {
    alone: {},
    'beside the JSON language service': { neighbour: jsonLanguageServiceRow(text) },
    'beside our completion': { neighbour: () => service.doComplete(document, policy, position, ours.DEFAULT_LINT_SETTINGS) },
  };
  for (const callBeforeSample of [false, true]) {
    for (const [label, extra] of Object.entries(beside)) {
      const timings = await measureAll({ ...pair, ...extra }, { runs: 150, callBeforeSample });
      console.log(`${callBeforeSample ? 'with' : 'without'} the call before each sample, ${label}: lint ÷ parseTree ${(timings.lint.medianMs / timings.parseTree.medianMs).toFixed(2)}×`);
    }
  }
}

/** Read + full lint of the template or the Terraform file in a loop for `seconds`; with --top, the 25 functions with the most self time. */
async function iacLoop(document) {
  const hostedModule = await loadHostedService();
  const hosted = hostedModule.getHostedLanguageService(hostedModule.getPolicyLanguageService());
  const iacLint = () => hosted.findProblems(hosted.read(document.text, document.path, document.languageId, hostedModule.DEFAULT_RECOGNITION_SETTINGS), hostedModule.DEFAULT_LINT_SETTINGS);
  const { Session } = await import('node:inspector/promises');
  const session = process.argv.includes('--top') ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const end = performance.now() + seconds * 1000;
  let calls = 0;
  while (performance.now() < end) {
    iacLint();
    calls++;
  }
  console.log(`${document.name}: ${calls} reads + full lints, ${((seconds * 1000) / calls).toFixed(2)} ms each`);
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map();
    profile.samples.forEach((id, index) => {
      const { callFrame } = nodes.get(id);
      const site = `${callFrame.functionName || '(anonymous)'} (${path.basename(callFrame.url) || 'native'}:${callFrame.lineNumber + 1})`;
      self.set(site, (self.get(site) ?? 0) + (profile.timeDeltas[index] ?? 0));
    });
    const total = [...self.values()].reduce((sum, micros) => sum + micros, 0);
    for (const [site, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`${((100 * micros) / total).toFixed(1).padStart(6)} %  ${site}`);
    }
  }
}

for (let index = 0; index < 200; index++) {
  lint();
}
if (iac) {
  await iacLoop(process.argv.includes('--template') ? generateTemplate() : generateTerraform());
} else if (process.argv.includes('--rules')) {
  await ruleCosts();
} else if (process.argv.includes('--neighbours')) {
  await neighbours();
} else if (process.argv.includes('--alloc')) {
  await allocations(500);
} else {
  const end = performance.now() + seconds * 1000;
  let calls = 0;
  while (performance.now() < end) {
    lint();
    calls++;
  }
  console.log(`${name}: ${calls} full lints, ${((seconds * 1000) / calls).toFixed(3)} ms each`);
}
