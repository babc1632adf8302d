/* S3 Bucket Policy — MIT License. */
/**
 * The fuzzer: generates documents from a seed (every prefix of a few policies, mutations of the
 * project's own policies, documents from scratch), checks the properties of `properties.ts` on
 * each, and on the first failure shrinks the document and returns a reproducer. Used by
 * test/fuzz/fuzz.test.ts (a fixed seed) and by `npm run fuzz -- --count N --seed S`.
 */
import { loadCorpus, Seed } from './corpus';
import { Generated, fromScratch, mutate } from './generators';
import { checkDocument, TIMED_DOCUMENT_LENGTH, Violation } from './properties';
import { Random } from './random';
import { shrink } from './shrink';

export { formatTemplateFailure, runTemplateFuzz } from './templateFuzzer';

/** What to run. */
export interface FuzzOptions {
  /** The repository root, where the corpus is read. */
  root: string;
  count: number;
  seed: number;
  /** How many seeds are typed out in full: every prefix of each is checked first (what typing produces). */
  typedSeeds?: number;
  /** Called now and then with the number of documents checked. */
  progress?: (checked: number) => void;
}

/** A failure: the property, the document as generated and as shrunk, and a regression test to paste. */
export interface FuzzFailure {
  index: number;
  kind: string;
  violation: Violation;
  document: string;
  minimal: string;
  minimalViolation: Violation;
}

/** The outcome of a run. */
export interface FuzzReport {
  seed: number;
  documents: number;
  /** Documents per generator kind. */
  kinds: Record<string, number>;
  /** The slowest lint of a document up to 20 KB, in milliseconds, and its size. */
  maxLintMs: number;
  maxLintLength: number;
  elapsedMs: number;
  failure: FuzzFailure | undefined;
}

/** The seeds typed out in full: a few of the larger clean and broken policies. */
function typedSeeds(corpus: Seed[], count: number): Seed[] {
  const preferred = ['examples/https-only.bucket-policy.json', 'test/fixtures/workspace/seed-mistakes.bucket-policy.json', 'examples/vpc-endpoint-only.bucket-policy.json', 'examples/smart-quotes.bucket-policy.json'];
  const chosen = preferred.map((source) => corpus.find((seed) => seed.source === source)).filter((seed): seed is Seed => seed !== undefined);
  return [...chosen, ...corpus.filter((seed) => !chosen.includes(seed))].slice(0, count);
}

/** The documents of a run, lazily: first every prefix of the typed seeds, then random ones. */
function* documents(corpus: Seed[], random: Random, options: FuzzOptions): Generator<Generated> {
  let produced = 0;
  for (const seed of typedSeeds(corpus, options.typedSeeds ?? 3)) {
    for (let length = 0; length <= seed.text.length && produced < options.count; length++, produced++) {
      yield { kind: 'typing', text: seed.text.slice(0, length) };
    }
  }
  while (produced < options.count) {
    produced++;
    const choice = random.int(10);
    if (choice < 2) {
      yield fromScratch(random);
    } else if (choice === 2) {
      yield { kind: 'corpus', text: random.pick(corpus).text };
    } else {
      let generated: Generated = { kind: '', text: random.pick(corpus).text };
      const kinds: string[] = [];
      for (let round = random.chance(0.7) ? 1 : random.between(2, 3); round > 0; round--) {
        generated = mutate(random, generated.text, random.pick(corpus).text);
        kinds.push(generated.kind);
      }
      yield { kind: kinds.join('+'), text: generated.text };
    }
  }
}

/** Runs the fuzzer; stops at the first document that breaks a property. */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const started = performance.now();
  const corpus = loadCorpus(options.root);
  const random = new Random(options.seed);
  const report: FuzzReport = { seed: options.seed, documents: 0, kinds: {}, maxLintMs: 0, maxLintLength: 0, elapsedMs: 0, failure: undefined };
  for (const generated of documents(corpus, random, options)) {
    const fixAllWith = report.documents % 2 === 0 ? 'all' : 'none';
    const check = checkDocument(generated.text, fixAllWith);
    report.documents++;
    const family = generated.kind.split('+')[0];
    report.kinds[family] = (report.kinds[family] ?? 0) + 1;
    if (generated.text.length <= TIMED_DOCUMENT_LENGTH && check.lintMs > report.maxLintMs) {
      report.maxLintMs = check.lintMs;
      report.maxLintLength = generated.text.length;
    }
    if (report.documents % 1000 === 0) {
      options.progress?.(report.documents);
    }
    const [violation] = check.violations;
    if (violation) {
      const sameFailure = (found: Violation) => found.property === violation.property && found.ruleId === violation.ruleId;
      const minimal = shrink(generated.text, (candidate) => checkDocument(candidate, fixAllWith).violations.some(sameFailure));
      const minimalViolation = checkDocument(minimal, fixAllWith).violations.find(sameFailure) ?? violation;
      report.failure = { index: report.documents - 1, kind: generated.kind, violation, document: generated.text, minimal, minimalViolation };
      break;
    }
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** A failure as text: what broke, the minimal document as a string literal, and a regression test for test/fuzz/regressions.test.ts. */
export function formatFailure(report: FuzzReport): string {
  const failure = report.failure;
  if (!failure) {
    return '';
  }
  const literal = JSON.stringify(failure.minimal);
  return [
    `Document ${failure.index} of seed ${report.seed} (${failure.kind}, ${failure.document.length} characters) breaks "${failure.violation.property}":`,
    `  ${failure.violation.detail}`,
    `Shrunk to ${failure.minimal.length} characters, which breaks it so:`,
    `  ${failure.minimalViolation.detail}`,
    `Minimal reproducer: ${literal}`,
    'Regression test for test/fuzz/regressions.test.ts:',
    `  it('${failure.minimalViolation.property}${failure.minimalViolation.ruleId ? ` (${failure.minimalViolation.ruleId})` : ''}', () => assertHolds(${literal}));`,
  ].join('\n');
}
