/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestLanguageClient } from '../helpers/lspClient';
import { httpsOnlyPolicy } from '../helpers/policyTest';

const POLICY = httpsOnlyPolicy({ action: 'S3:*' });

const codes = (diagnostics: { code?: string | number }[]) => diagnostics.map((diagnostic) => diagnostic.code);

describe('settings through workspace/configuration', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start({ settings: { lint: { actionPrefixCase: 'off' } } });
  });
  after(() => client.stop());

  it('asks for the s3Policy section of the document and applies lint.<rule> = off', async () => {
    const uri = 'file:///work/settings.json';
    assert.deepEqual(await client.open(uri, POLICY), []);
    assert.ok(client.configurationRequests.some((item) => item.section === 's3Policy' && item.scopeUri === uri));
  });

  it('re-publishes with the new settings on workspace/didChangeConfiguration', async () => {
    client.settings = { lint: { actionPrefixCase: 'error' } };
    const published = await client.changeConfiguration('file:///work/settings.json');
    assert.deepEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['actionPrefixCase', 1]]);
  });

  it('ignores a malformed severity and keeps the rule default', async () => {
    client.settings = { lint: { actionPrefixCase: 'loud' } };
    const published = await client.changeConfiguration('file:///work/settings.json');
    assert.deepEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['actionPrefixCase', 3]]);
  });

  it('stops linting a content-detected policy when detectByContent is false, but not one matched by name', async () => {
    client.settings = { detectByContent: false };
    assert.deepEqual((await client.changeConfiguration('file:///work/settings.json')).diagnostics, []);
    assert.deepEqual(codes(await client.open('file:///work/site.bucket-policy.json', POLICY)), ['actionPrefixCase']);
  });

  it('uses the s3Policy.files globs', async () => {
    client.settings = { files: ['**/policies/*.json'], detectByContent: false };
    await client.changeConfiguration('file:///work/settings.json');
    assert.deepEqual(codes(await client.open('file:///work/policies/site.json', POLICY)), ['actionPrefixCase']);
    assert.deepEqual(await client.open('file:///work/other/site.json', POLICY), []);
  });

  it('logs no error', () => {
    assert.deepEqual(client.errors, []);
  });
});

describe('a client without the workspace.configuration capability', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start({ supportsConfiguration: false });
  });
  after(() => client.stop());

  it('gets diagnostics with the default settings and is never asked for configuration', async () => {
    assert.deepEqual(codes(await client.open('file:///work/plain.json', POLICY)), ['actionPrefixCase']);
    assert.deepEqual(client.configurationRequests, []);
  });

  it('can push settings with workspace/didChangeConfiguration', async () => {
    const published = await client.changeConfiguration('file:///work/plain.json', { s3Policy: { lint: { actionPrefixCase: 'off' } } });
    assert.deepEqual(published.diagnostics, []);
  });

  it('logs no error', () => {
    assert.deepEqual(client.errors, []);
  });
});
