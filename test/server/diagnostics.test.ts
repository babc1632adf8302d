/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { REPO_ROOT, TestLanguageClient } from '../helpers/lspClient';
import { httpsOnlyPolicy } from '../helpers/policyTest';

const POLICY = httpsOnlyPolicy({ version: '2012 - 10 - 17', action: 'S3:*' });
const CLEAN = httpsOnlyPolicy();

const NOT_A_POLICY = path.join(REPO_ROOT, 'test/fixtures/not-a-policy');

describe('diagnostics from the server process', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start();
  });
  after(() => client.stop());

  it('announces quick fixes and fix-all', () => {
    assert.deepEqual(client.initializeResult.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.s3Policy'] });
  });

  it('publishes a diagnostic per problem on open, with code, source, docs link and exact range', async () => {
    const uri = 'file:///work/open.json';
    const diagnostics = await client.open(uri, POLICY);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['invalidVersion', 'actionPrefixCase']);
    const [version, prefix] = diagnostics;
    assert.deepEqual(version.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 29 } });
    assert.equal(version.severity, DiagnosticSeverity.Error);
    assert.equal(version.source, 's3-bucket-policy');
    assert.equal(version.codeDescription?.href, 'https://github.com/s3-bucket-policy/s3-bucket-policy/blob/main/docs/rules/invalidVersion.md');
    assert.deepEqual(prefix.range, { start: { line: 7, character: 17 }, end: { line: 7, character: 20 } });
    assert.equal(prefix.severity, DiagnosticSeverity.Information);
    await client.close(uri);
  });

  it('re-publishes for the new version after a change, and nothing for a clean policy', async () => {
    const uri = 'file:///work/change.json';
    await client.open(uri, POLICY);
    const published = await client.change(uri, CLEAN);
    assert.equal(published.version, 2);
    assert.deepEqual(published.diagnostics, []);
    await client.close(uri);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///work/close.json';
    assert.equal((await client.open(uri, POLICY)).length, 2);
    assert.deepEqual((await client.close(uri)).diagnostics, []);
  });

  // The CloudFormation template is no policy file, but its nested policy is checked: test/server/templates.test.ts.
  for (const name of fs.readdirSync(NOT_A_POLICY).filter((file) => file !== 'cloudformation-template.json')) {
    it(`publishes no diagnostic for test/fixtures/not-a-policy/${name}`, async () => {
      const uri = `file://${path.join(NOT_A_POLICY, name)}`;
      const languageId = name === 'tsconfig.json' ? 'jsonc' : 'json';
      assert.deepEqual(await client.open(uri, fs.readFileSync(path.join(NOT_A_POLICY, name), 'utf8'), languageId), []);
      await client.close(uri);
    });
  }

  it('lints a non-policy JSON file once it matches s3Policy.files by name', async () => {
    const uri = 'file:///work/policies/prod-bucket-policy.json';
    const diagnostics = await client.open(uri, '{"Statement": [{"Effect": "allow"}]}');
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'invalidEffect'));
    await client.close(uri);
  });

  it('logs no error', () => {
    assert.deepEqual(client.errors, []);
  });
});

describe('syntax errors when the editor reports JSON syntax itself (VS Code)', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start({ initializationOptions: { editorReportsJsonSyntax: true } });
  });
  after(() => client.stop());

  const withComment = CLEAN.replace('"Statement"', '// HTTPS only\n  "Statement"');
  const withMissingComma = CLEAN.replace('"2012-10-17",', '"2012-10-17"');

  it('reports nothing of a plain syntax error in a json document: VS Code already does', async () => {
    assert.deepEqual(await client.open('file:///work/comma.json', withMissingComma, 'json'), []);
  });

  it('reports nothing of a comment in a json document: VS Code already does', async () => {
    assert.deepEqual(await client.open('file:///work/comment.json', withComment, 'json'), []);
  });

  it('reports a comment in a jsonc document, which VS Code accepts and S3 rejects', async () => {
    const diagnostics = await client.open('file:///work/comment.jsonc', withComment, 'jsonc');
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]), [['jsonSyntax', 2]]);
  });

  it('reports no plain syntax error in a jsonc document either', async () => {
    assert.deepEqual(await client.open('file:///work/comma.jsonc', withMissingComma, 'jsonc'), []);
  });

  it('reports no trailing comma in a jsonc document: VS Code warns about it there too', async () => {
    assert.deepEqual(await client.open('file:///work/trailing.jsonc', CLEAN.replace('"false" } }', '"false" }, }'), 'jsonc'), []);
  });
});

describe('the diagnosticDelay initialization option', () => {
  const delay = 600;
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start({ initializationOptions: { diagnosticDelay: delay } });
  });
  after(() => client.stop());

  it('waits that long after a change before publishing (a timer never fires early, so this cannot flake)', async () => {
    const started = performance.now();
    await client.open('file:///work/slow.json', POLICY);
    assert.ok(performance.now() - started >= delay - 1, `published after ${Math.round(performance.now() - started)} ms`);
  });
});
