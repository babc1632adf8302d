/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadTerraformParser } from '../../server/src/cli/terraformWasm';
import { checkModuleFile, formatTerraformFailure, runTerraformFuzz } from './terraformFuzzer';

/** The repository root, from out/test/fuzz. */
const ROOT = path.resolve(__dirname, '../../..');

/** The fixed batch `npm test` runs (a few seconds on an idle machine). */
const COUNT = 400;
const SEED = 3;

describe('fuzzing the Terraform host', () => {
  before(async () => {
    const error = await loadTerraformParser();
    assert.equal(error, undefined);
  });

  it('keeps the properties on the files earlier runs found breaking them', () => {
    // Seed 12, module 462: a fix inserting into a jsonencode object missing its closing brace wrote an edit of length -1.
    const unclosed = 'e""""}\n\nresource"aws_s3_bucket_policy"""{\nco= a  policy = jsonencode({';
    assert.deepEqual(checkModuleFile({ 'main.tf': unclosed }, 'main.tf').violations, []);
  });

  it(`keeps every property on ${COUNT} generated and mutated Terraform files and templates (seed ${SEED})`, (t) => {
    const report = runTerraformFuzz({ root: ROOT, count: COUNT, seed: SEED });
    t.diagnostic(`${report.documents} files in ${(report.elapsedMs / 1000).toFixed(1)} s; ${report.withPolicies} with bucket policies, ${report.findings} findings, ${report.fixes} fixes checked`);
    assert.equal(report.failure, undefined, formatTerraformFailure(report));
    assert.equal(report.documents, COUNT);
    assert.ok(report.withPolicies > COUNT / 2, `only ${report.withPolicies} files had a bucket policy: the generator no longer makes policies`);
    assert.ok(report.fixes > COUNT, `only ${report.fixes} fixes checked`);
  });
});
