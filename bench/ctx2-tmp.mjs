import { loadService } from './micro.mjs';
import { generatePolicy } from './policies.mjs';
import { measureAll } from './stats.mjs';
import { createRequire } from 'node:module';
const ours = await loadService();
const service = ours.getPolicyLanguageService();
const { text } = generatePolicy('20 KB');
const s = ours.DEFAULT_LINT_SETTINGS;
const base = { parseTree: () => ours.parseTree(text, []), lint: () => service.findProblems(service.parse(text), s) };
const show = (name, t) => console.log(name.padEnd(12), 'parseTree', (t.parseTree.medianMs * 1000).toFixed(1), 'lint', (t.lint.medianMs * 1000).toFixed(1), 'ratio', (t.lint.medianMs / t.parseTree.medianMs).toFixed(3));
show('before', await measureAll(base, { runs: 100, warmupMs: 100 }));
if (process.argv[2] === 'load') { createRequire(import.meta.url)('/tmp/scratch/acc.cjs'); console.log('loaded access bundle'); }
if (process.argv[2] === 'alloc') { globalThis.keep = Array.from({ length: 300000 }, (_, i) => ({ i, s: 'x' + i })); console.log('allocated'); }
for (let i = 0; i < 4; i++) show('after' + i, await measureAll(base, { runs: 100, warmupMs: 100 }));
