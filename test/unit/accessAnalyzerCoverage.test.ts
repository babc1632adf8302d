/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/service/rules';

const PAGE = path.resolve(__dirname, '../../../docs/rules/access-analyzer.md');

/** The data rows of the page's coverage tables (the severity table has two columns, these three). */
function coverageRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Access Analyzer'))
    .map((line) => line.slice(2, -2).split(' | '))
    .filter((cells) => cells.length === 3);
}

describe('docs/rules/access-analyzer.md', () => {
  const rows = coverageRows(fs.readFileSync(PAGE, 'utf8'));

  it('has a coverage row for each Access Analyzer check that can fire on a bucket policy', () => {
    assert.ok(rows.length >= 90, `only ${rows.length} rows`);
    assert.equal(new Set(rows.map((cells) => cells[0])).size, rows.length, 'a check is listed twice');
  });

  it('names only rules that exist in ALL_RULES', () => {
    const ruleIds = new Set(ALL_RULES.map((rule) => rule.id));
    const linked = rows.flatMap((cells) => [...cells[2].matchAll(/\]\((\w+)\.md\)/g)].map((match) => match[1]));
    assert.ok(linked.length > 0);
    assert.deepEqual(linked.filter((id) => !ruleIds.has(id)), []);
  });

  it('says for every row which rule covers it, or that it is planned or not possible offline', () => {
    const unexplained = rows.filter((cells) => !/\]\(\w+\.md\)|\*\*planned\*\*|\*\*not offline\*\*/.test(cells[2]));
    assert.deepEqual(unexplained, []);
  });
});
