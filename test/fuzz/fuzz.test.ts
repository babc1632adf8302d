/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatFailure, runFuzz } from './fuzzer';
import { LINT_BUDGET_MS } from './properties';

/** The repository root, from out/test/fuzz. */
const ROOT = path.resolve(__dirname, '../../..');

/** The fixed batch `npm test` runs; `npm run fuzz -- --count N --seed S` runs others. */
const COUNT = 20_000;
const SEED = 20261124;

describe('fuzzing the policy language service', () => {
  it(`keeps every property on ${COUNT.toLocaleString('en-US')} generated documents (seed ${SEED})`, (t) => {
    const report = runFuzz({ root: ROOT, count: COUNT, seed: SEED });
    t.diagnostic(`${report.documents} documents in ${(report.elapsedMs / 1000).toFixed(1)} s; slowest lint of a document up to 20 KB: ${report.maxLintMs.toFixed(1)} ms (${report.maxLintLength} characters, budget ${LINT_BUDGET_MS} ms)`);
    assert.equal(report.failure, undefined, formatFailure(report));
    assert.equal(report.documents, COUNT);
  });
});
