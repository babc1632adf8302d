/* S3 Bucket Policy — MIT License. */
/**
 * The pages of the access webview (client/src/accessHtml.ts), rendered from the service's answers
 * for real policies: every row and statement link is there, text is escaped, the script runs only
 * under its nonce.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { escapeHtml, renderAccessPage, renderWhatIfPage } from '../../../client/src/accessHtml';
import { policyAccess, whatIf } from '../../../server/src/service/access/accessInEditor';
import { readTemplate } from '../../helpers/templateTest';

const ROOT = path.resolve(__dirname, '../../../..');
const CONTEXT = { cspSource: 'vscode-webview://x', nonce: 'n0nce' };

function open(file: string, replace?: [string, string]) {
  let text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  if (replace) {
    text = text.replace(...replace);
  }
  const uri = `file:///work/${path.basename(file)}`;
  return { document: TextDocument.create(uri, 'json', 1, text), host: readTemplate(text, `/work/${path.basename(file)}`), uri };
}

/** The links of a page, as "policy/statement label". */
function links(html: string): string[] {
  return [...html.matchAll(/<a href="#" class="statement" data-policy="(\d+)" data-statement="(\d+)"[^>]*>([^<]*)<\/a>/g)].map((match) => `${match[1]}/${match[2]} ${match[3]}`);
}

describe('access webview pages', () => {
  it('the summary page has a row per grant and links every statement behind it', () => {
    const { document, host, uri } = open('examples/cross-account-read.bucket-policy.json');
    const access = policyAccess(document, host, 0);
    const html = renderAccessPage({ uri, version: 1, policies: [access] }, CONTEXT);
    assert.equal((html.match(/<tr class=/g) ?? []).length, access.rows.length);
    assert.ok(access.rows.length >= 2);
    assert.deepEqual(links(html), access.rows.flatMap((row) => row.statements.map((statement) => `0/${statement.index} ${statement.label}`)));
    assert.ok(links(html).includes('0/1 statement 1 (PartnerRead)'));
    assert.match(html, /<h1>Access: cross-account-read\.bucket-policy\.json<\/h1>/);
    assert.match(html, /<span class="badge good">HTTP denied to everyone<\/span>/);
    assert.match(html, /<script nonce="n0nce">/);
    assert.match(html, /script-src 'nonce-n0nce'/);
  });

  it('marks public rows and lists why the policy is public', () => {
    const { document, host, uri } = open('test/browser/fixtures/website.bucket-policy.json');
    const html = renderAccessPage({ uri, version: 1, policies: [policyAccess(document, host, 0)] }, CONTEXT);
    assert.match(html, /<tr class="public"><td>Anyone \(anonymous\) <span class="badge bad">public<\/span><\/td><td>anywhere<\/td><td>read<\/td><td><a [^>]*>statement 0 \(PublicRead\)<\/a><\/td><td>plain HTTP not denied<\/td><td><code>s3:GetObject<\/code><\/td><\/tr>/);
    assert.match(html, /<h3>Public in S3's sense<\/h3><ul><li><a [^>]*>statement 0 \(PublicRead\)<\/a>: Principal &quot;\*&quot; with no condition<\/li>/);
  });

  it('escapes what the policy says', () => {
    assert.equal(escapeHtml('<img src=x onerror="a">&\''), '&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
    const { document, host, uri } = open('examples/cross-account-read.bucket-policy.json', ['"PartnerRead"', '"<b>Partner</b>"']);
    const html = renderAccessPage({ uri, version: 1, policies: [policyAccess(document, host, 0)] }, CONTEXT);
    assert.ok(!html.includes('<b>Partner</b>'));
    assert.ok(html.includes('statement 1 (&lt;b&gt;Partner&lt;/b&gt;)'));
  });

  it('a document without policies says so', () => {
    assert.match(renderAccessPage({ uri: 'file:///work/a.json', version: 1, policies: [] }, CONTEXT), /This document holds no bucket policy\./);
  });

  it('the what-if page shows the request, the decision, the steps and every statement', () => {
    const { document, host, uri } = open('examples/cross-account-read.bucket-policy.json');
    const params = { textDocument: { uri }, principal: '210987654321', action: 's3:GetObject', resource: 'arn:aws:s3:::shared-datasets/a', context: { 'aws:SecureTransport': 'false' } };
    const result = whatIf(document, host, params);
    const html = renderWhatIfPage(params, result, 0, CONTEXT);
    assert.match(html, /<p class="decision deny">Denied explicitly by statement 2 \(DenyInsecureTransport\)<\/p>/);
    assert.match(html, /<li><code>aws:SecureTransport<\/code> = <code>false<\/code><\/li>/);
    assert.deepEqual(links(html), ['0/2 statement 2 (DenyInsecureTransport)', '0/0 statement 0 (PartnerList)', '0/1 statement 1 (PartnerRead)', '0/2 statement 2 (DenyInsecureTransport)']);
    assert.equal((html.match(/<li>/g) ?? []).length, 4 + result.explanation.length);
  });

  it('the what-if page of a request it could not read shows the reason only', () => {
    const { document, host, uri } = open('examples/cross-account-read.bucket-policy.json');
    const params = { textDocument: { uri }, principal: 'nobody', action: 's3:GetObject', resource: 'arn:aws:s3:::shared-datasets/a', context: {} };
    const html = renderWhatIfPage(params, whatIf(document, host, params), 0, CONTEXT);
    assert.match(html, /<p class="decision deny">&quot;nobody&quot; is not a principal/);
    assert.deepEqual(links(html), []);
  });
});
