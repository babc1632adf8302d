/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionKind, CompletionList, CompletionRequest, DocumentSymbol, DocumentSymbolRequest, Hover, HoverRequest, MarkupContent, ProtocolConnection, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseHcl } from '../../server/src/service/hosts/terraform/hclParser';
import { loadTerraformParser } from '../../server/src/cli/terraformWasm';
import { TestLanguageClient } from '../helpers/lspClient';

function connectionOf(client: TestLanguageClient): ProtocolConnection {
  return (client as unknown as { connection: ProtocolConnection }).connection;
}

const MAIN = `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Delivery"
        Effect    = "allow"
        Principal = { Service = "logging.s3.amazonaws.com" }
        Action    = ["s3:PutObject"]
        Resource  = "\${aws_s3_bucket.logs.arn}/*"
        Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
      },
    ]
  })
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.reports.json
}

data "aws_iam_policy_document" "reports" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.reports.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
  }
}

data "aws_caller_identity" "current" {}
`;

const slice = (document: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
  const lines = TextDocument.create('file:///x', 'terraform', 1, document);
  return document.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
};

/** True when a text parses as HCL without ERROR or missing nodes. */
function parses(text: string): boolean {
  const tree = parseHcl(text);
  const clean = tree !== undefined && !tree.rootNode.hasError;
  tree?.delete();
  return clean;
}

describe('Terraform files in the server process', () => {
  let client: TestLanguageClient;
  before(async () => {
    await loadTerraformParser();
    client = await TestLanguageClient.start();
    // The server loads the HCL parser after it starts: wait until a Terraform file gets its findings.
    const uri = 'file:///work/warm-up.tf';
    let diagnostics = await client.open(uri, MAIN, 'terraform');
    for (let attempt = 0; diagnostics.length === 0 && attempt < 100; attempt++) {
      diagnostics = (await client.change(uri, MAIN)).diagnostics;
    }
    await client.close(uri);
  });
  after(() => client.stop());

  it('publishes diagnostics on the exact HCL tokens of a jsonencode object and of a policy document', async () => {
    const uri = 'file:///work/diagnostics.tf';
    const diagnostics = await client.open(uri, MAIN, 'terraform');
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, slice(MAIN, diagnostic.range), diagnostic.range.start.line + 1]), [
      ['missingSecureTransportDeny', 'Statement', 9],
      ['invalidEffect', '"allow"', 12],
      ['missingSecureTransportDeny', 'statement', 32],
    ]);
    await client.close(uri);
  });

  it('applies quick fixes written in HCL: the Effect in its string, the HTTPS-only deny as a statement block', async () => {
    const uri = 'file:///work/fixes.tf';
    const diagnostics = await client.open(uri, MAIN, 'terraform');
    const [effect] = await client.codeActions(uri, diagnostics.filter((diagnostic) => diagnostic.code === 'invalidEffect'), [CodeActionKind.QuickFix]);
    const fixedEffect = client.applyEdit(effect);
    assert.equal(fixedEffect, MAIN.replace('Effect    = "allow"', 'Effect    = "Allow"'));
    await client.close(uri);

    const documentUri = 'file:///work/fixes-document.tf';
    const found = await client.open(documentUri, MAIN, 'terraform');
    const deny = found.filter((diagnostic) => diagnostic.code === 'missingSecureTransportDeny' && diagnostic.range.start.line === 31);
    const actions = await client.codeActions(documentUri, deny, [CodeActionKind.QuickFix]);
    const action = actions.find((candidate) => candidate.isPreferred) ?? actions[0];
    const fixed = client.applyEdit(action);
    assert.ok(parses(fixed), fixed);
    assert.match(fixed, /\n {2}statement \{\n {4}sid += "DenyInsecureTransport"\n {4}effect += "Deny"[\s\S]*principals \{\n {6}type += "\*"\n {6}identifiers = \["\*"\]\n {4}\}[\s\S]*aws_s3_bucket\.reports\.arn, "\$\{aws_s3_bucket\.reports\.arn\}\/\*"/);
    await client.close(documentUri);
  });

  it('completes inside a jsonencode string and a policy document list, hovers, and outlines one symbol per policy by resource address', async () => {
    const uri = 'file:///work/features.tf';
    const typed = MAIN.replace('["s3:PutObject"]', '["s3:PutObj"]').replace('["s3:GetObject"]', '["s3:GetObj"]');
    await client.open(uri, typed, 'terraform');
    const document = TextDocument.create(uri, 'terraform', 1, typed);
    const connection = connectionOf(client);
    const complete = async (marker: string, label: string) => {
      const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: document.positionAt(typed.indexOf(marker) + marker.length) }) as CompletionList;
      const item = list.items.find((candidate) => candidate.label === label);
      assert.ok(item, `proposes ${label} at ${marker}: ${list.items.slice(0, 5).map((candidate) => candidate.label).join(', ')}`);
      return item.textEdit as TextEdit;
    };
    const inObject = await complete('s3:PutObj', 's3:PutObject');
    assert.deepEqual([slice(typed, inObject.range), inObject.newText], ['"s3:PutObj"', '"s3:PutObject"']);
    const inDocument = await complete('s3:GetObj', 's3:GetObject');
    assert.deepEqual([slice(typed, inDocument.range), inDocument.newText], ['"s3:GetObj"', '"s3:GetObject"']);

    // A policy document argument takes a list: a bare string there is completed as a list of one.
    const bareUri = 'file:///work/features-bare.tf';
    const bare = MAIN.replace('["s3:GetObject"]', '"s3:GetObj"');
    await client.open(bareUri, bare, 'terraform');
    const bareList = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: bareUri }, position: TextDocument.create(bareUri, 'terraform', 1, bare).positionAt(bare.indexOf('s3:GetObj') + 9) }) as CompletionList;
    const bareEdit = bareList.items.find((candidate) => candidate.label === 's3:GetObject')?.textEdit as TextEdit;
    assert.deepEqual([slice(bare, bareEdit.range), bareEdit.newText], ['"s3:GetObj"', '["s3:GetObject"]']);
    await client.close(bareUri);

    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(typed.indexOf('aws:SourceAccount') + 4) }) as Hover;
    assert.match((hover.contents as MarkupContent).value, /SourceAccount/);
    assert.equal(slice(typed, hover.range!), '"aws:SourceAccount"');
    const hoverAction = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(typed.indexOf('actions') + 2) }) as Hover;
    assert.match((hoverAction.contents as MarkupContent).value, /Action/);

    const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    assert.deepEqual(symbols.map((symbol) => [symbol.name, slice(typed, symbol.selectionRange), symbol.children?.map((child) => child.name)]), [
      ['aws_s3_bucket_policy.logs', '"logs"', ['Delivery']],
      ['aws_s3_bucket_policy.reports', '"reports"', ['Read']],
    ]);
    for (const symbol of symbols) {
      const range = document.offsetAt(symbol.range.start) <= document.offsetAt(symbol.selectionRange.start) && document.offsetAt(symbol.selectionRange.end) <= document.offsetAt(symbol.range.end);
      assert.ok(range, `${symbol.name}: the selection is inside the symbol`);
    }
    await client.close(uri);
  });

  it('reads a policy document in another open file of the module, and reads it again when that file changes', async () => {
    const main = 'file:///work/module/main.tf';
    const documents = 'file:///work/module/documents.tf';
    const [resources, dataSource] = [MAIN.slice(0, MAIN.indexOf('data "aws_iam_policy_document"')), MAIN.slice(MAIN.indexOf('data "aws_iam_policy_document"'))];
    await client.open(main, resources, 'terraform');
    const diagnostics = await client.open(documents, dataSource, 'terraform');
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, slice(dataSource, diagnostic.range)]), [['missingSecureTransportDeny', 'statement']]);
    // Without the resource that uses it, the document is no bucket policy.
    const republished = client.nextDiagnostics(documents);
    await client.change(main, resources.replace(/resource "aws_s3_bucket_policy" "reports" \{[^}]*\}\n/, ''));
    assert.deepEqual((await republished).diagnostics, []);
    await client.close(main);
    await client.close(documents);
  });
});
