/* S3 Bucket Policy — MIT License. */
/**
 * The access features through the built server process: the CodeLens (announced, one per policy,
 * titled only when resolved, running *Explain access*), the custom requests of
 * common/accessProtocol.ts, the statement hover, and requests about closed, changed or malformed
 * documents, which get a neutral answer rather than an error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver/node';
import { ACCESS_SUMMARY_REQUEST, AccessSummaryResult, EXPLAIN_ACCESS_COMMAND, WHAT_IF_CHOICES_REQUEST, WHAT_IF_REQUEST, WhatIfChoices, WhatIfResult } from '../../common/accessProtocol';
import { TestLanguageClient } from '../helpers/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('access features from the server process', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start();
  });
  after(() => client.stop());

  it('announces resolvable code lenses', () => {
    assert.deepEqual(client.initializeResult.capabilities.codeLensProvider, { resolveProvider: true });
  });

  it('puts one lens on a policy file, untitled until resolved; resolving gives the summary line and the Explain access command', async () => {
    const uri = 'file:///work/cross-account.bucket-policy.json';
    await client.open(uri, read('examples/cross-account-read.bucket-policy.json'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command, undefined, 'the summary is computed only when the lens is resolved');
    assert.deepEqual(lenses[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const resolved = await client.request<CodeLens>('codeLens/resolve', lenses[0]);
    assert.equal(resolved.command?.command, EXPLAIN_ACCESS_COMMAND);
    assert.deepEqual(resolved.command?.arguments, [uri, 0]);
    assert.equal(resolved.command?.title, 'Not public · Account 210987654321: list and read · HTTP: denied to everyone · Nobody outside the account can change permissions');
    await client.close(uri);
  });

  it('puts a lens on each bucket policy of a template, at its logical id', async () => {
    const uri = 'file:///work/template.yaml';
    const text = read('test/fixtures/templates/yaml/vpce-ref-no-default.yaml');
    await client.open(uri, text, 'yaml');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((lens) => lens.range.start.line), [text.split('\n').findIndex((line) => line.startsWith('  PrivateBucketPolicy:'))]);
    const summary = await client.request<AccessSummaryResult>(ACCESS_SUMMARY_REQUEST, { textDocument: { uri } });
    assert.deepEqual(summary.policies.map((policy) => [policy.name, policy.unknowns]), [['PrivateBucketPolicy', ['statement 0 (OnlyThroughEndpoint): !Ref VpceId']]]);
    await client.close(uri);
  });

  it('answers the summary, the what-if choices and a what-if request for the policy at the cursor', async () => {
    const uri = 'file:///work/vpce.bucket-policy.json';
    await client.open(uri, read('examples/vpc-endpoint-only.bucket-policy.json'));
    const summary = await client.request<AccessSummaryResult>(ACCESS_SUMMARY_REQUEST, { textDocument: { uri }, position: { line: 3, character: 4 } });
    assert.equal(summary.version, 1);
    assert.deepEqual(summary.policies.map((policy) => [policy.policy, policy.public, policy.httpsOnly]), [[0, false, true]]);
    const choices = await client.request<WhatIfChoices>(WHAT_IF_CHOICES_REQUEST, { textDocument: { uri } });
    assert.ok(choices.context.some((choice) => choice.key === 'aws:SourceVpce' && choice.value === 'vpce-0a1b2c3d4e5f67890'));
    const user = `arn:aws:iam::${choices.owner.account}:user/example-user`;
    const outside = await client.request<WhatIfResult>(WHAT_IF_REQUEST, { textDocument: { uri }, principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::internal-app-data/a', context: {} });
    assert.deepEqual([outside.decision, outside.headline], ['explicitDeny', 'Denied explicitly by statement 0 (DenyOutsideVpcEndpoint)']);
    assert.deepEqual(outside.deciding.map((statement) => statement.range.start), [{ line: 3, character: 4 }]);
    const inside = await client.request<WhatIfResult>(WHAT_IF_REQUEST, { textDocument: { uri }, principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::internal-app-data/a', context: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } });
    assert.equal(inside.decision, 'allow');
    assert.match(inside.headline, /^Allowed if an identity policy of account \d{12} allows it too$/);
    await client.close(uri);
  });

  it('hovers a statement\'s { with what it does, and keeps the existing hover on its Effect', async () => {
    const uri = 'file:///work/hover.bucket-policy.json';
    await client.open(uri, read('examples/cross-account-read.bucket-policy.json'));
    const brace = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } });
    assert.match((brace.contents as MarkupContent).value, /^Statement 0 \(PartnerList\)\n\n\*\*Allows\*\* list \(s3:ListBucket\)/);
    const effect = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 18 } });
    assert.match((effect.contents as MarkupContent).value, /^\*\*Effect\*\* — `Allow` or `Deny`/);
    await client.close(uri);
  });

  it('gives neutral answers for closed, changed, foreign and malformed requests, and keeps serving', async () => {
    const uri = 'file:///work/changing.bucket-policy.json';
    await client.open(uri, read('examples/cross-account-read.bucket-policy.json'));
    const [lens] = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    await client.change(uri, '{"Version": "2012-10-17", "Statement": ');
    const broken = await client.request<CodeLens>('codeLens/resolve', lens);
    assert.deepEqual(broken.command, { title: 'Access summary unavailable: fix the syntax errors first', command: '' });
    const summary = await client.request<AccessSummaryResult>(ACCESS_SUMMARY_REQUEST, { textDocument: { uri } });
    assert.deepEqual(summary.policies.map((policy) => [policy.line, policy.rows]), [['Access summary unavailable: fix the syntax errors first', []]]);
    await client.change(uri, '');
    const stale = await client.request<CodeLens>('codeLens/resolve', lens);
    assert.deepEqual(stale.command, { title: 'Access summary unavailable: the document has changed', command: '' });
    await client.close(uri);
    assert.deepEqual(await client.request<CodeLens>('codeLens/resolve', lens).then((resolved) => resolved.command?.title), 'Access summary unavailable: the document is closed');
    assert.deepEqual(await client.request<CodeLens>('codeLens/resolve', { range: lens.range, data: 'nonsense' }).then((resolved) => resolved.command?.title), 'Access summary unavailable');
    assert.equal(await client.request(ACCESS_SUMMARY_REQUEST, { textDocument: { uri } }), null);
    assert.equal(await client.request(ACCESS_SUMMARY_REQUEST, {}), null, 'a request without a document is answered, not thrown');
    assert.equal(await client.request(WHAT_IF_REQUEST, { textDocument: { uri: 5 } }), null);
    const other = 'file:///work/package.json';
    await client.open(other, '{"name": "x"}');
    assert.deepEqual(await client.request(ACCESS_SUMMARY_REQUEST, { textDocument: { uri: other } }), { uri: other, version: 1, policies: [] });
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri: other } }), []);
    assert.equal(await client.request(WHAT_IF_CHOICES_REQUEST, { textDocument: { uri: other } }), null);
    const refused = await client.request<WhatIfResult>(WHAT_IF_REQUEST, { textDocument: { uri: other }, principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: {} });
    assert.equal(refused.error, 'This document holds no bucket policy to ask about.');
    await client.close(other);
  });
});
