/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatTemplateFailure, runTemplateFuzz } from './templateFuzzer';

/** The repository root, from out/test/fuzz. */
const ROOT = path.resolve(__dirname, '../../..');

/** The fixed batch `npm test` runs (about 10 s on an idle machine); `npm run fuzz -- --count N --seed S` runs others. */
const COUNT = 800;
const SEED = 2;

describe('fuzzing the template host', () => {
  it(`keeps every property on ${COUNT.toLocaleString('en-US')} generated and mutated templates (seed ${SEED})`, (t) => {
    const report = runTemplateFuzz({ root: ROOT, count: COUNT, seed: SEED });
    t.diagnostic(`${report.documents} templates in ${(report.elapsedMs / 1000).toFixed(1)} s; ${report.withPolicies} with bucket policies, ${report.findings} findings, ${report.fixes} fixes checked`);
    assert.equal(report.failure, undefined, formatTemplateFailure(report));
    assert.equal(report.documents, COUNT);
    assert.ok(report.withPolicies > COUNT / 2, `only ${report.withPolicies} templates had a bucket policy: the generator no longer makes templates`);
    assert.ok(report.fixes > COUNT, `only ${report.fixes} fixes checked`);
  });
});
