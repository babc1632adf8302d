/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionKind, CompletionList, CompletionRequest, DocumentSymbol, DocumentSymbolRequest, Hover, HoverRequest, MarkupContent, ProtocolConnection, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import { TestLanguageClient } from '../helpers/lspClient';

function connectionOf(client: TestLanguageClient): ProtocolConnection {
  return (client as unknown as { connection: ProtocolConnection }).connection;
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  VpceId:
    Type: String
Resources:
  ReportsBucket:
    Type: AWS::S3::Bucket
  ReportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ReportsBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: ReadThroughEndpoint
            Effect: Allow
            Principal: '*'
            Action: [s3:GetObject, s3:ListBucket]
            Resource: !Sub '\${ReportsBucket.Arn}/*'
            Condition:
              StringEquals:
                aws:SourceVpce: !Ref VpceId
`;

const text = (document: string, diagnostic: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => {
  const lines = TextDocument.create('file:///x', 'yaml', 1, document);
  return document.slice(lines.offsetAt(diagnostic.range.start), lines.offsetAt(diagnostic.range.end));
};

describe('CloudFormation templates in the server process', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await TestLanguageClient.start();
  });
  after(() => client.stop());

  it('publishes diagnostics on the exact YAML tokens, and none for the parameter it cannot see', async () => {
    const diagnostics = await client.open('file:///work/template.yaml', TEMPLATE, 'yaml');
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, text(TEMPLATE, diagnostic)]), [
      ['missingSecureTransportDeny', 'Statement'],
      ['actionResourceMismatch', 's3:ListBucket'],
    ]);
    await client.close('file:///work/template.yaml');
  });

  it('inserts the HTTPS-only deny in the template\'s own YAML, naming the bucket with !GetAtt and !Sub', async () => {
    const uri = 'file:///work/deny.yaml';
    const diagnostics = await client.open(uri, TEMPLATE, 'yaml');
    const [action] = await client.codeActions(uri, diagnostics.filter((diagnostic) => diagnostic.code === 'missingSecureTransportDeny'), [CodeActionKind.QuickFix]);
    const fixed = client.applyEdit(action);
    assert.equal(parseDocument(fixed).errors.length, 0);
    assert.ok(fixed.startsWith(TEMPLATE.trimEnd()));
    assert.match(fixed, /\n {10}- Sid: DenyInsecureTransport\n {12}Effect: Deny\n/);
    assert.match(fixed, /Resource:\n {14}- !GetAtt ReportsBucket\.Arn\n {14}- !Sub '\$\{ReportsBucket\.Arn\}\/\*'\n/);
    assert.match(fixed, /aws:SecureTransport: 'false'/);
    await client.close(uri);
  });

  it('checks the policy nested in a JSON template, and writes its fixes in the template\'s long forms', async () => {
    const file = path.resolve(__dirname, '../../../test/fixtures/not-a-policy/cloudformation-template.json');
    const uri = `file://${file}`;
    const template = fs.readFileSync(file, 'utf8');
    const diagnostics = await client.open(uri, template, 'json');
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, text(template, diagnostic)]), [
      ['invalidVersion', '"2012 - 10 - 17"'],
      ['missingSecureTransportDeny', '"Statement"'],
      ['invalidEffect', '"allow"'],
      ['actionPrefixCase', 'S3:'],
    ]);
    const [action] = await client.codeActions(uri, diagnostics.filter((diagnostic) => diagnostic.code === 'missingSecureTransportDeny'), [CodeActionKind.QuickFix]);
    const fixed = JSON.parse(client.applyEdit(action)) as { Resources: { BucketPolicy: { Properties: { PolicyDocument: { Statement: { Resource: unknown }[] } } } } };
    // The objects' ARN is written as the template already writes it elsewhere in the policy.
    assert.deepEqual(fixed.Resources.BucketPolicy.Properties.PolicyDocument.Statement[1].Resource, [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' }]);
    await client.close(uri);
  });

  it('gives nothing to YAML files that are not templates', async () => {
    const diagnostics = await client.open('file:///work/workflow.yaml', 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n', 'yaml');
    assert.deepEqual(diagnostics, []);
  });

  it('completes actions inside a YAML scalar, hovers on it, and outlines the policy by logical id', async () => {
    const uri = 'file:///work/features.yaml';
    const typed = TEMPLATE.replace('s3:GetObject,', 's3:GetObj,');
    await client.open(uri, typed, 'yaml');
    const document = TextDocument.create(uri, 'yaml', 1, typed);
    const connection = connectionOf(client);
    const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: document.positionAt(typed.indexOf('s3:GetObj') + 's3:GetObj'.length) }) as CompletionList;
    const item = list.items.find((candidate) => candidate.label === 's3:GetObject');
    assert.ok(item, 'proposes s3:GetObject');
    const edit = item.textEdit as TextEdit;
    assert.equal(edit.newText, 's3:GetObject');
    assert.equal(text(typed, edit), 's3:GetObj');

    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(typed.indexOf('aws:SourceVpce') + 2) }) as Hover;
    assert.match((hover.contents as MarkupContent).value, /SourceVpce/);
    assert.equal(text(typed, hover as { range: NonNullable<Hover['range']> }), 'aws:SourceVpce');

    const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['ReportsBucketPolicy']);
    assert.deepEqual(symbols[0].children?.map((symbol) => symbol.name), ['ReadThroughEndpoint']);
    assert.equal(text(typed, { range: symbols[0].selectionRange }), 'ReportsBucketPolicy');
    await client.close(uri);
  });
});
