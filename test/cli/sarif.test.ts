/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { Log, Result } from 'sarif';
import packageJson from '../../package.json';
import { JsonReport, ROOT, fixture, runCli, tempTree } from './runCli';
import { assertValidSarif } from './sarifSchema';

/** Runs the CLI with `--format sarif`, asserts the output is valid SARIF 2.1.0 and returns it. */
function sarifOf(args: string[], options: { cwd: string; input?: string }): { log: Log; status: number | null } {
  const result = runCli(['--format', 'sarif', ...args], options);
  const log = JSON.parse(result.stdout) as Log;
  assertValidSarif(log);
  return { log, status: result.status };
}

const tree = tempTree({
  'policies/prod/reports.bucket-policy.json': fixture('broken.bucket-policy.json'),
  'policies/staging/logs.s3-policy.json': fixture('warnings-only.bucket-policy.json'),
  'policies/staging/clean.bucket-policy.json': fixture('clean.bucket-policy.json'),
  'policies/with space/also broken.bucket-policy.json': fixture('broken.bucket-policy.json'),
});

describe('s3-policy-lint --format sarif', () => {
  it('is valid SARIF 2.1.0 with the schema, version and the tool named and versioned', () => {
    const { log, status } = sarifOf(['policies'], { cwd: tree });
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 's3-policy-lint');
    assert.equal(driver.version, packageJson.version);
    assert.equal(driver.informationUri, 'https://github.com/s3-bucket-policy/s3-bucket-policy');
    assert.equal(status, 1);
  });

  it('lists each rule that fired once, with descriptions, help, a link to docs/rules/<id>.md and the default level', () => {
    const { log } = sarifOf(['policies'], { cwd: tree });
    const rules = log.runs[0].tool.driver.rules ?? [];
    assert.deepEqual(rules.map((rule) => rule.id), ['invalidVersion', 'missingSecureTransportDeny', 'actionPrefixCase']);
    assert.deepEqual(rules.map((rule) => rule.defaultConfiguration?.level), ['error', 'warning', 'note']);
    for (const rule of rules) {
      assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text, `${rule.id} has descriptions and help`);
      assert.equal(rule.helpUri, `https://github.com/s3-bucket-policy/s3-bucket-policy/blob/main/docs/rules/${rule.id}.md`);
      assert.ok(rule.help.text.includes(rule.helpUri), 'the help text carries the link');
      assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md exists`);
    }
  });

  it('gives every finding a result with ruleId, ruleIndex, level and the 1-based region of the JSON range', () => {
    const { log } = sarifOf(['policies/prod'], { cwd: tree });
    const json = JSON.parse(runCli(['--format', 'json', 'policies/prod'], { cwd: tree }).stdout) as JsonReport[];
    const results = log.runs[0].results ?? [];
    const rules = log.runs[0].tool.driver.rules ?? [];
    assert.deepEqual(results.map((result) => [result.ruleId, result.level]), [['invalidVersion', 'error'], ['missingSecureTransportDeny', 'warning'], ['actionPrefixCase', 'note']]);
    results.forEach((result: Result, index) => {
      const { range, message } = json[0].diagnostics[index];
      assert.equal(rules[result.ruleIndex ?? -1].id, result.ruleId);
      assert.equal(result.message.text, message);
      assert.deepEqual(result.locations?.[0].physicalLocation?.region, {
        startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1,
      });
    });
    assert.deepEqual(results[0].locations?.[0].physicalLocation?.region, { startLine: 2, startColumn: 14, endLine: 2, endColumn: 30 });
  });

  it('names files by URIs relative to the working directory, percent-encoded, with the working directory as %SRCROOT%', () => {
    const { log } = sarifOf(['policies'], { cwd: tree });
    const run = log.runs[0];
    const uris = (run.results ?? []).map((result) => result.locations?.[0].physicalLocation?.artifactLocation?.uri);
    assert.deepEqual([...new Set(uris)], ['policies/prod/reports.bucket-policy.json', 'policies/staging/logs.s3-policy.json', 'policies/with%20space/also%20broken.bucket-policy.json']);
    assert.deepEqual(run.artifacts?.map((artifact) => artifact.location?.uri), [
      'policies/prod/reports.bucket-policy.json', 'policies/staging/clean.bucket-policy.json', 'policies/staging/logs.s3-policy.json', 'policies/with%20space/also%20broken.bucket-policy.json',
    ]);
    assert.equal(run.results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uriBaseId, '%SRCROOT%');
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `${pathToFileURL(fs.realpathSync(tree)).href}/`);
  });

  it('names files relative to the working directory even when given relative to somewhere else', () => {
    const { log } = sarifOf(['../staging/logs.s3-policy.json'], { cwd: path.join(tree, 'policies/prod') });
    const artifact = log.runs[0].artifacts?.[0].location;
    assert.equal(artifact?.uri, pathToFileURL(path.join(fs.realpathSync(tree), 'policies/staging/logs.s3-policy.json')).href);
    assert.equal(artifact?.uriBaseId, undefined);
  });

  it('reports standard input as <stdin>, percent-encoded', () => {
    const { log } = sarifOf(['-'], { cwd: tree, input: fixture('broken.bucket-policy.json') });
    assert.equal(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri, '%3Cstdin%3E');
  });

  it('is valid with no finding at all: no rules, no results, exit 0', () => {
    const { log, status } = sarifOf(['policies/staging/clean.bucket-policy.json'], { cwd: tree });
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations?.[0].executionSuccessful, true);
    assert.equal(status, 0);
  });

  it('records an I/O error as a tool notification and an unsuccessful invocation, still reporting the other files, exit 2', () => {
    const { log, status } = sarifOf(['missing.bucket-policy.json', 'policies/prod'], { cwd: tree });
    const [invocation] = log.runs[0].invocations ?? [];
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications?.map((notification) => [notification.level, notification.message.text]), [
      ['error', 'missing.bucket-policy.json: no such file or directory'],
    ]);
    assert.equal(log.runs[0].results?.length, 3);
    assert.equal(status, 2);
  });

  it('gives a notAPolicy finding a valid rule entry and region', () => {
    // Not a bare statement: that one is linted as the policy it would be (its notAPolicy finding underlines the opening brace).
    const directory = tempTree({ 'package.json': fixture('not-policies/package.json') });
    const { log } = sarifOf(['package.json'], { cwd: directory });
    assert.deepEqual(log.runs[0].tool.driver.rules?.map((rule) => rule.id), ['notAPolicy']);
    assert.deepEqual(log.runs[0].results?.[0].locations?.[0].physicalLocation?.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });

  it('is checked by a validator that rejects what the schema forbids', () => {
    const { log } = sarifOf(['-'], { cwd: tree, input: fixture('broken.bucket-policy.json') });
    const location = log.runs[0].results?.[0].locations?.[0].physicalLocation;
    assert.ok(location?.artifactLocation && location.region);
    location.artifactLocation.uri = '<stdin>';
    assert.throws(() => assertValidSarif(log), /uri-reference/);
    location.artifactLocation.uri = '%3Cstdin%3E';
    location.region.startLine = 0;
    assert.throws(() => assertValidSarif(log), /startLine/);
  });
});
