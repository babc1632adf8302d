/* S3 Bucket Policy — MIT License. */
/**
 * The policies in examples/ (the ones the README and the walkthrough open) produce exactly the
 * findings they are there to show, and nothing else, with the CLI's defaults.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliFindings, countByRule, describeFindings } from '../helpers/cliLint';
import { lint } from '../helpers/policyTest';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** Each example's findings, rule id → count. */
const EXPECTED: Record<string, Record<string, number>> = {
  'cross-account-read.bucket-policy.json': {},
  'https-only.bucket-policy.json': {},
  'invalid-version.bucket-policy.json': { invalidVersion: 1 },
  'list-bucket-on-objects.bucket-policy.json': { actionResourceMismatch: 1 },
  'missing-https-deny.bucket-policy.json': { missingSecureTransportDeny: 1 },
  // One finding per typographic quote pair, 13 strings, and what the policy means once they are straight: it is public and has no HTTPS-only deny.
  'smart-quotes.bucket-policy.json': { smartQuotes: 13, missingSecureTransportDeny: 1, publicAccess: 1 },
  'uppercase-action-prefix.bucket-policy.json': { actionPrefixCase: 1 },
  'vpc-endpoint-only.bucket-policy.json': {},
};

const read = (file: string) => fs.readFileSync(path.join(EXAMPLES, file), 'utf8');

describe('examples/', () => {
  it('has an expectation for every example and an example for every expectation', () => {
    assert.deepEqual(fs.readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${JSON.stringify(expected)}`, () => {
      const findings = cliFindings(read(file), `examples/${file}`);
      assert.deepEqual(countByRule(findings), expected, describeFindings(findings));
    });
  }

  it('smart-quotes: once the quotes are straight, the policy is public and has no HTTPS-only deny', () => {
    const straight = read('smart-quotes.bucket-policy.json').replace(/[\u201C\u201D]/g, '"');
    assert.deepEqual(countByRule(lint(straight)), { missingSecureTransportDeny: 1, publicAccess: 1 });
  });
});
