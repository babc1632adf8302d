/* S3 Bucket Policy — MIT License. */
/**
 * The policy corpus (test/fixtures/policies): bucket policies written for this project in the
 * patterns people really use, correct ones under correct/ and broken ones under broken/. Each file's
 * findings, counted per rule with the CLI's defaults, must equal its entry in manifest.json exactly:
 * a new finding on a correct policy fails, and so does a missed one on a broken policy.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/service/rules';
import { cliFindings, countByRule, describeFindings } from '../helpers/cliLint';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/policies');

interface ManifestEntry {
  patterns: string[];
  summary: string;
  findings: Record<string, number>;
  /** Why a correct policy still has findings, or why a broken one has fewer than it should. */
  note?: string;
}

interface Manifest {
  patterns: Record<string, string>;
  policies: Record<string, ManifestEntry>;
}

/** The patterns the issue asks the corpus to cover, each with at least one correct and one broken policy. */
const REQUIRED_PATTERNS = [
  'cloudfront-oac', 'cloudfront-oai', 'elb-access-logs', 'cloudtrail', 'config', 'server-access-logging', 'cross-account',
  'organization', 'vpc-endpoint', 'ip-allowlist', 'sse-kms', 'tls-minimum', 'public-website', 'object-lock', 'replication',
  'access-point', 'analytics-readers', 'inventory-analytics',
];

const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as Manifest;
const entries = Object.entries(manifest.policies);

/** The policy files of the corpus, relative to it, with forward slashes. */
function corpusFiles(directory = ''): string[] {
  return fs.readdirSync(path.join(CORPUS, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = directory === '' ? entry.name : `${directory}/${entry.name}`;
    if (entry.isDirectory()) {
      return corpusFiles(relative);
    }
    return relative.endsWith('.json') && relative !== 'manifest.json' ? [relative] : [];
  }).sort();
}

describe('policy corpus', () => {
  it('has at least 60 policies, each listed in manifest.json, and no entry without its file', () => {
    const files = corpusFiles();
    assert.ok(files.length >= 60, `only ${files.length} policies`);
    assert.deepEqual(files, entries.map(([file]) => file).sort());
  });

  it('keeps correct/ policies clean: findings there need a note saying why they are right', () => {
    const unexplained = entries.filter(([file, entry]) => file.startsWith('correct/') && Object.keys(entry.findings).length > 0 && !entry.note);
    assert.deepEqual(unexplained.map(([file]) => file), []);
  });

  it('names only existing rules and patterns, rule ids in alphabetical order', () => {
    const ruleIds = new Set(ALL_RULES.map((rule) => rule.id));
    for (const [file, entry] of entries) {
      const ids = Object.keys(entry.findings);
      assert.deepEqual(ids.filter((id) => !ruleIds.has(id)), [], file);
      assert.deepEqual(ids, [...ids].sort(), file);
      assert.deepEqual(entry.patterns.filter((pattern) => !(pattern in manifest.patterns)), [], file);
    }
  });

  it('covers every required pattern with a correct and a broken policy', () => {
    for (const pattern of REQUIRED_PATTERNS) {
      for (const kind of ['correct/', 'broken/']) {
        assert.ok(entries.some(([file, entry]) => file.startsWith(kind) && entry.patterns.includes(pattern)), `no ${kind} policy for ${pattern}`);
      }
    }
  });

  for (const [file, entry] of entries) {
    it(`${file}: ${JSON.stringify(entry.findings)}`, () => {
      const findings = cliFindings(fs.readFileSync(path.join(CORPUS, file), 'utf8'), file);
      assert.deepEqual(countByRule(findings), entry.findings, `${file} (${entry.summary}) reports:\n${describeFindings(findings)}`);
    });
  }
});
