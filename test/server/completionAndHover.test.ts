/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompletionList,
  CompletionRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  Hover,
  HoverRequest,
  InsertTextFormat,
  MarkupContent,
  ProtocolConnection,
  TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestLanguageClient } from '../helpers/lspClient';
import { httpsOnlyPolicy } from '../helpers/policyTest';

/** The test client's connection, for the requests its helper has no method for. */
function connectionOf(client: TestLanguageClient): ProtocolConnection {
  return (client as unknown as { connection: ProtocolConnection }).connection;
}

const POLICY = httpsOnlyPolicy();
const position = (text: string, needle: string, shift = 1) => TextDocument.create('file:///x', 'json', 1, text).positionAt(text.indexOf(needle) + shift);

describe('completion, hover and document symbols from the server process', () => {
  let client: TestLanguageClient;
  let connection: ProtocolConnection;
  before(async () => {
    client = await TestLanguageClient.start();
    connection = connectionOf(client);
  });
  after(() => client.stop());

  it('announces completion (triggered by a quote or a colon), hover and document symbols', () => {
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['"', ':']);
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.documentSymbolProvider, true);
  });

  it('completes S3 actions in plain text for a client without snippet support', async () => {
    const uri = 'file:///work/complete.bucket-policy.json';
    const text = POLICY.replace('"Action": "s3:*"', '"Action": "s3:GetObj"');
    await client.open(uri, text);
    const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: position(text, 's3:GetObj', 's3:GetObj'.length) }) as CompletionList;
    assert.equal(list.isIncomplete, true);
    const item = list.items.find((candidate) => candidate.label === 's3:GetObject');
    assert.ok(item);
    assert.equal(item.detail, 'Read');
    assert.notEqual(item.insertTextFormat, InsertTextFormat.Snippet);
    const accepted = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), [item.textEdit as TextEdit]);
    assert.equal(accepted, POLICY.replace('"Action": "s3:*"', '"Action": "s3:GetObject"'));
    await client.close(uri);
  });

  it('completes statement elements without snippets, each a valid member', async () => {
    const uri = 'file:///work/elements.bucket-policy.json';
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      \n    }\n  ]\n}';
    await client.open(uri, text);
    const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 4, character: 6 } }) as CompletionList;
    assert.deepEqual(list.items.map((item) => [item.label, (item.textEdit as TextEdit).newText]).slice(0, 3), [['Sid', '"Sid": ""'], ['Effect', '"Effect": "Allow"'], ['Principal', '"Principal": { "AWS": "" }']]);
    await client.close(uri);
  });

  it('answers hover with Markdown', async () => {
    const uri = 'file:///work/hover.bucket-policy.json';
    await client.open(uri, POLICY);
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(POLICY, 'aws:SecureTransport') }) as Hover;
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /Present on every request/);
    await client.close(uri);
  });

  it('answers document symbols: one per statement under Statement', async () => {
    const uri = 'file:///work/symbols.bucket-policy.json';
    await client.open(uri, POLICY);
    const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['Version', 'Statement']);
    assert.deepEqual(symbols[1].children?.map((symbol) => [symbol.name, symbol.detail]), [['DenyPlainHttp', 'Deny s3:* unless HTTPS']]);
    await client.close(uri);
  });

  it('answers nothing for a JSON file that is not a policy', async () => {
    const uri = 'file:///work/package.json';
    const text = '{"name": "x", "version": "1.0.0"}';
    await client.open(uri, text);
    const at = { textDocument: { uri }, position: position(text, '"x"') };
    assert.equal(await connection.sendRequest(CompletionRequest.type, at), null);
    assert.equal(await connection.sendRequest(HoverRequest.type, at), null);
    assert.equal(await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), null);
    await client.close(uri);
    assert.deepEqual(client.errors, []);
  });
});
