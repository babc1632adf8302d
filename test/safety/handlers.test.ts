/* S3 Bucket Policy — MIT License. */
/**
 * A handler error never kills the language server or reaches the editor as a failed request: it is
 * logged with what was being done and for which document, and answered with a neutral result.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationToken, CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { runSafe } from '../../server/src/lsp/runSafe';
import { getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import { loadCorpus } from '../fuzz/corpus';
import { REPO_ROOT, TestLanguageClient } from '../helpers/lspClient';
import { httpsOnlyPolicy } from '../helpers/policyTest';

describe('runSafe', () => {
  it('answers a thrown error with the neutral value and logs what was being done, with the stack', async () => {
    const logged: string[] = [];
    const result = await runSafe((message) => logged.push(message), 'computing hover for file:///a.json', null, CancellationToken.None, () => {
      throw new Error('boom');
    });
    assert.equal(result, null);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^Error while computing hover for file:\/\/\/a\.json: Error: boom\n\s+at /);
  });

  it('answers a rejected promise (a failed settings request, say) the same way', async () => {
    const logged: string[] = [];
    const result = await runSafe((message) => logged.push(message), 'computing code actions for file:///a.json', [], CancellationToken.None, () => Promise.reject(new Error('no settings')));
    assert.deepEqual(result, []);
    assert.match(logged[0], /^Error while computing code actions for file:\/\/\/a\.json: Error: no settings/);
  });

  it('answers a cancelled request with RequestCancelled, without doing the work', async () => {
    const source = new CancellationTokenSource();
    source.cancel();
    let ran = false;
    const result = await runSafe(() => undefined, 'anything', [], source.token, () => {
      ran = true;
      return [];
    });
    assert.ok(result instanceof ResponseError);
    assert.equal(result.code, LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
  });

  it('guards every request handler of the server, and the diagnostics', () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'server/src/lsp/startServer.ts'), 'utf8');
    const notifications = new Set(['Initialize', 'Initialized', 'DidChangeConfiguration']);
    const requests = [...source.matchAll(/connection\.on(\w+)\(/g)].map((match) => match[1]).filter((name) => !notifications.has(name));
    assert.ok(requests.length >= 4, `found ${requests.join(', ')}`);
    for (const name of requests) {
      assert.match(source, new RegExp(`connection\\.on${name}\\(\\(params, token\\) => runSafe\\(`), `connection.on${name} does not run its whole handler through runSafe`);
    }
    assert.match(source, /registerPushDiagnostics\([^]*?runSafe\(log, `validating /);
  });
});

describe('the server process, on awkward input', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start();
  });
  after(() => client.stop());

  it('answers for a document whose URI has a malformed escape, and logs no error', async () => {
    const uri = 'file:///work/odd%ZZname.bucket-policy.json';
    const policy = httpsOnlyPolicy({ effect: 'deny' });
    assert.ok((await client.open(uri, policy)).some((diagnostic) => diagnostic.code === 'invalidEffect'));
    assert.ok((await client.codeActions(uri, [], ['source.fixAll.s3Policy'])).length > 0);
    await client.close(uri);
    assert.deepEqual(client.errors, []);
  });

  it('fix-all in the editor gives exactly the text the service fixes to, with CRLF and mixed line endings', async () => {
    const service = getPolicyLanguageService();
    const seeds = loadCorpus(REPO_ROOT).filter((seed) => service.fixAll(seed.text, { rules: {}, reportSyntaxErrors: 'all' }).appliedFixes > 0).slice(0, 40);
    assert.ok(seeds.length >= 10, `only ${seeds.length} seeds with fixes`);
    for (const [index, seed] of seeds.entries()) {
      for (const [name, text] of [['CRLF', seed.text.replace(/\r?\n/g, '\r\n')], ['mixed', seed.text.replace(/\r?\n/g, (_, offset: number) => (offset % 3 === 0 ? '\n' : '\r\n'))]]) {
        const uri = `file:///work/line-endings/${index}-${name}.bucket-policy.json`;
        await client.open(uri, text);
        const [action] = await client.codeActions(uri, [], ['source.fixAll.s3Policy']);
        const expected = service.fixAll(text, { rules: {}, reportSyntaxErrors: 'all' }).text;
        assert.equal(action ? client.applyEdit(action) : text, expected, `${seed.source} with ${name} line endings`);
        await client.close(uri);
      }
    }
    assert.deepEqual(client.errors, []);
  });
});
