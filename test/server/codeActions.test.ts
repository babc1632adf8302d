/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver/node';
import { TestLanguageClient } from '../helpers/lspClient';
import { httpsOnlyPolicy } from '../helpers/policyTest';

const policy = (version: string, action: string, effect = 'Deny') => httpsOnlyPolicy({ version, action, effect });

describe('code actions from the server process', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start();
  });
  after(() => client.stop());

  it('offers the quick fix of a diagnostic; applying it gives the corrected text and nothing else changes', async () => {
    const uri = 'file:///work/quickfix.json';
    const diagnostics = await client.open(uri, policy('2022-10-18', 's3:*'));
    const version = diagnostics.filter((diagnostic) => diagnostic.code === 'invalidVersion');
    assert.equal(version.length, 1);
    const actions = await client.codeActions(uri, version, [CodeActionKind.QuickFix]);
    assert.deepEqual(actions.map((action) => [action.title, action.kind, action.isPreferred]), [['Change Version to "2012-10-17"', 'quickfix', true]]);
    assert.deepEqual(actions[0].diagnostics, version);
    assert.equal(client.applyEdit(actions[0]), policy('2012-10-17', 's3:*'));
    await client.close(uri);
  });

  it('fixes "S3: GetObject" (an error) through its quick fix', async () => {
    const uri = 'file:///work/spaced-action.json';
    const diagnostics = await client.open(uri, policy('2012-10-17', 'S3: *'));
    const prefix = diagnostics.filter((diagnostic) => diagnostic.code === 'actionPrefixCase');
    assert.deepEqual(prefix.map((diagnostic) => diagnostic.severity), [1]);
    const [action] = await client.codeActions(uri, prefix);
    assert.equal(client.applyEdit(action), policy('2012-10-17', 's3:*'));
    await client.close(uri);
  });

  it('straightens a policy pasted with typographic quotes through the quick fix of any of its quotes', async () => {
    const uri = 'file:///work/pasted.json';
    const pasted = policy('2012-10-17', 's3:*').replace(/"([^"]*)"/g, '\u201C$1\u201D');
    const diagnostics = await client.open(uri, pasted);
    assert.ok(diagnostics.length > 10 && diagnostics.every((diagnostic) => diagnostic.code === 'smartQuotes'));
    const [action] = await client.codeActions(uri, [diagnostics[5]]);
    assert.equal(client.applyEdit(action), policy('2012-10-17', 's3:*'));
    await client.close(uri);
  });

  it('answers only for the diagnostics asked about', async () => {
    const uri = 'file:///work/only-asked.json';
    const diagnostics = await client.open(uri, policy('2022-10-18', 'S3:*', 'deny'));
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['invalidVersion', 'missingSecureTransportDeny', 'invalidEffect', 'actionPrefixCase']);
    const actions = await client.codeActions(uri, diagnostics.filter((diagnostic) => diagnostic.code === 'invalidEffect'));
    assert.deepEqual(actions.map((action) => action.title), ['Change Effect to "Deny"']);
    await client.close(uri);
  });

  for (const only of ['source.fixAll', 'source.fixAll.s3Policy', 'source']) {
    it(`returns "Fix all" for only = ${only}; applying it fixes every problem at once`, async () => {
      const uri = `file:///work/fix-all-${only}.json`;
      await client.open(uri, policy('2012 - 10 - 17', 'S3:*', 'deny'));
      const actions = await client.codeActions(uri, [], [only]);
      assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Fix all S3 bucket policy problems', 'source.fixAll.s3Policy']]);
      assert.equal(client.applyEdit(actions[0]), policy('2012-10-17', 's3:*'));
      await client.close(uri);
    });
  }

  it('returns no fix-all when there is nothing to fix, and no quick fix without diagnostics', async () => {
    const uri = 'file:///work/clean.json';
    assert.deepEqual(await client.open(uri, policy('2012-10-17', 's3:*')), []);
    assert.deepEqual(await client.codeActions(uri, [], [CodeActionKind.SourceFixAll]), []);
    assert.deepEqual(await client.codeActions(uri, []), []);
    await client.close(uri);
  });

  it('returns no action for a JSON file that is not a policy', async () => {
    const uri = 'file:///work/package.json';
    assert.deepEqual(await client.open(uri, '{"name": "x", "version": "1.0.0"}'), []);
    assert.deepEqual(await client.codeActions(uri, [], [CodeActionKind.SourceFixAll]), []);
    await client.close(uri);
  });

  it('logs no error', () => {
    assert.deepEqual(client.errors, []);
  });
});
