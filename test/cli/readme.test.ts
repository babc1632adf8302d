/* S3 Bucket Policy — MIT License. */
/**
 * The README's main job, run as a reader runs it after `npm ci && npm run build`:
 * `npx s3-policy-lint examples/` lints every example and reports, per file, the findings the
 * language service gives it (test/unit/examples.test.ts pins those), in the text format.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cliFindings, countByRule } from '../helpers/cliLint';
import { ROOT, run } from './runCli';

const COMMAND = 'npx s3-policy-lint examples/';

describe(`README: ${COMMAND}`, () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((file) => file.endsWith('.json')).sort();

  it('is the command the README gives', () => {
    assert.ok(readme.includes(`npm ci && npm run build && ${COMMAND}`), 'README.md no longer shows the command this test runs: update the test with it');
  });

  it('lints every example with the findings the service gives it, and exits 1 on their errors', () => {
    const [command, ...args] = COMMAND.split(' ');
    const result = run(command, ['--no-install', ...args], { cwd: ROOT });
    const lines = result.stdout.trimEnd().split('\n');
    const counts: Record<string, Record<string, number>> = Object.fromEntries(examples.map((file) => [file, {}]));
    for (const line of lines.slice(0, -1)) {
      const match = /^examples\/([^:]+):\d+:\d+ (?:error|warning|information) (\w+) /.exec(line);
      assert.ok(match && match[1] in counts, `unexpected line: ${line}`);
      counts[match[1]][match[2]] = (counts[match[1]][match[2]] ?? 0) + 1;
    }
    for (const file of examples) {
      const expected = countByRule(cliFindings(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'), `examples/${file}`));
      assert.deepEqual(counts[file], expected, file);
    }
    assert.match(lines[lines.length - 1], new RegExp(`^\\d+ problems \\(\\d+ errors?, \\d+ warnings?, \\d+ information\\) in ${examples.length} bucket policies in ${examples.length} files$`));
    assert.equal(result.status, 1, result.stderr);
  });
});
