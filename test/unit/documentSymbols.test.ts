/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { HTTPS_ONLY_DENY, PARTNER_READ, policyWith, service } from '../helpers/policyTest';

function symbolsOf(text: string): { symbols: DocumentSymbol[]; document: TextDocument } {
  const document = TextDocument.create('file:///work/bucket-policy.json', 'json', 1, text);
  return { symbols: service.findDocumentSymbols(document, service.parse(text)), document };
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Asserts what VS Code requires of document symbols: a name, the selection inside the range, children inside their parent. */
function assertWellFormed(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const symbol of symbols) {
    assert.ok(symbol.name.length > 0);
    assert.ok(contains(symbol.range, symbol.selectionRange), `${symbol.name}: selection outside its range`);
    if (parent) {
      assert.ok(contains(parent.range, symbol.range), `${symbol.name}: outside ${parent.name}`);
    }
    assertWellFormed(symbol.children ?? [], symbol);
  }
}

describe('document symbols', () => {
  const text = policyWith(PARTNER_READ.replace('"Sid": "PartnerRead", ', ''), '{ "Sid": "Uploads", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/Uploader" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": { "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control" } } }')
    .replace('"Sid": "DenyInsecureTransport", ', '');

  it('has Version and Statement at the top, one symbol per statement under Statement', () => {
    const { symbols } = symbolsOf(text);
    assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.detail]), [['Version', '2012-10-17'], ['Statement', '3 statements']]);
    assert.equal(symbols[1].children?.length, 3);
  });

  it('names a statement by its Sid, or by a short summary of what it does', () => {
    const statements = symbolsOf(text).symbols[1].children ?? [];
    assert.deepEqual(statements.map((symbol) => symbol.name), ['Allow s3:GetObject to 210987654321', 'Uploads', 'Deny s3:* unless HTTPS']);
    assert.equal(statements[1].detail, 'Allow s3:PutObject to role/Uploader if s3:x-amz-acl bucket-owner-full-control');
  });

  it('lists a statement\'s elements below it, and the Condition\'s operators and keys below the Condition', () => {
    const uploads = symbolsOf(text).symbols[1].children?.[1];
    assert.deepEqual(uploads?.children?.map((symbol) => symbol.name), ['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
    const condition = uploads?.children?.[5];
    assert.deepEqual(condition?.children?.map((symbol) => [symbol.name, symbol.children?.map((key) => `${key.name}: ${key.detail}`)]), [['StringEquals', ['s3:x-amz-acl: bucket-owner-full-control']]]);
  });

  it('gives ranges that cover exactly the statement and each element (for breadcrumbs)', () => {
    const { symbols, document } = symbolsOf(text);
    assertWellFormed(symbols);
    const deny = symbols[1].children?.[2];
    assert.ok(deny);
    assert.equal(document.getText(deny.range), HTTPS_ONLY_DENY.replace('"Sid": "DenyInsecureTransport", ', ''));
    const action = deny.children?.find((symbol) => symbol.name === 'Action');
    assert.ok(action);
    assert.equal(document.getText(action.range), '"Action": "s3:*"');
    assert.equal(document.getText(action.selectionRange), '"Action"');
  });

  it('stays well formed in broken and odd documents', () => {
    for (const broken of [text.slice(0, text.length / 2), text.replace('"Effect": "Allow",', '"Effect": "Allow"'), '{"Statement": {"Effect": "Deny", "": 1}}', '[]', '{"Statement": [{"Sid": ""}]}']) {
      assertWellFormed(symbolsOf(broken).symbols);
    }
    assert.deepEqual(symbolsOf('{"Statement": {"Effect": "Deny"}}').symbols[0].children?.map((symbol) => symbol.name), ['Deny']);
  });
});
