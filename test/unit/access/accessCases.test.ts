/* S3 Bucket Policy — MIT License. */
/** Runs the request-case table (accessCases.ts): every case names the rule it follows. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCESS_CASES } from './accessCases';
import { run } from './accessFixtures';

describe('access evaluator: the request-case table', () => {
  it('has at least 150 cases, each naming a documented rule, with distinct names', () => {
    assert.ok(ACCESS_CASES.length >= 150, `only ${ACCESS_CASES.length} cases`);
    assert.equal(new Set(ACCESS_CASES.map((entry) => entry.name)).size, ACCESS_CASES.length);
    assert.deepEqual(ACCESS_CASES.filter((entry) => entry.rule.trim() === '').map((entry) => entry.name), []);
  });

  for (const entry of ACCESS_CASES) {
    it(`${entry.name} [${entry.rule}] → ${entry.expected}`, () => {
      const result = run(entry.scenario);
      assert.equal(result.decision, entry.expected, result.explanation.join('\n'));
      assert.deepEqual(result.possible, [entry.expected], 'a case of the table has one possible decision');
      assert.deepEqual(result.dependsOn, []);
    });
  }
});
