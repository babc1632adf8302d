/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyLintSettings } from '../../../server/src/service/policyLanguageTypes';
import { applyFindingFix, assertClean, coreSettings, findingsOf, fixAll, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const clean = policyWith(PARTNER_READ);
const underlinedIn = (text: string, settings: PolicyLintSettings) => findingsOf(text, 'jsonSyntax', settings).map((finding) => text.slice(finding.offset, finding.offset + finding.length));

const withLineComment = clean.replace('  "Statement"', '  // Public website assets\n  "Statement"');
const withBlockComment = clean.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", /* current language */');
const withTrailingCommas = clean.replace('"s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }', '"s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*", }').replace('\n  ]\n}', ',\n  ],\n}');
const withSingleQuotes = clean.replace('"Action": "s3:GetObject"', '"Action": \'s3:GetObject\'');
const withMissingComma = clean.replace('"Version": "2012-10-17",', '"Version": "2012-10-17"');

describe('jsonSyntax', () => {
  it('stays silent on strict JSON', () => {
    assertClean(clean);
    assert.deepEqual(ruleIds(clean), []);
  });

  it('underlines a line comment and offers to remove the whole line (not preferred: it deletes the user\'s words)', () => {
    assert.deepEqual(underlined(withLineComment, 'jsonSyntax'), ['// Public website assets']);
    assert.equal(findingsOf(withLineComment, 'jsonSyntax')[0].severity, 'error');
    assert.deepEqual(fixTitles(withLineComment, 'jsonSyntax'), [['Remove the comment']]);
    assert.equal(applyFindingFix(withLineComment, findingsOf(withLineComment, 'jsonSyntax')[0], 'Remove the comment'), clean);
  });

  it('removes a block comment after code together with the space before it', () => {
    assert.deepEqual(underlined(withBlockComment, 'jsonSyntax'), ['/* current language */']);
    assert.equal(applyFindingFix(withBlockComment, findingsOf(withBlockComment, 'jsonSyntax')[0], 'Remove the comment'), clean);
  });

  it('removes a comment between two tokens with the space after it, and a comment that ends the file', () => {
    const between = '{"Version": /* v */ "2012-10-17", "Statement": []}';
    assert.equal(applyFindingFix(between, findingsOf(between, 'jsonSyntax')[0], 'Remove the comment'), '{"Version": "2012-10-17", "Statement": []}');
    const atEnd = '{"Version": "2012-10-17", "Statement": []}\n// end';
    assert.equal(applyFindingFix(atEnd, findingsOf(atEnd, 'jsonSyntax')[0], 'Remove the comment'), '{"Version": "2012-10-17", "Statement": []}');
  });

  it('keeps CRLF line ends when removing a comment line', () => {
    const crlf = withLineComment.replace(/\n/g, '\r\n');
    assert.equal(applyFindingFix(crlf, findingsOf(crlf, 'jsonSyntax')[0], 'Remove the comment'), clean.replace(/\n/g, '\r\n'));
  });

  it('underlines each trailing comma once, and its preferred fix removes just that comma', () => {
    assert.deepEqual(underlined(withTrailingCommas, 'jsonSyntax'), [',', ',', ',']);
    assert.deepEqual(fixTitles(withTrailingCommas, 'jsonSyntax'), [['Remove the trailing comma (preferred)'], ['Remove the trailing comma (preferred)'], ['Remove the trailing comma (preferred)']]);
    assert.equal(fixAll(withTrailingCommas), clean);
  });

  it('finds a trailing comma hidden behind a comment', () => {
    const text = '{"Version": "2012-10-17", "Statement": [] , // none yet\n}';
    assert.deepEqual(underlined(text, 'jsonSyntax'), [',', '// none yet']);
  });

  it('reports a single-quoted string once (not the three parse errors it provokes) and swaps the quotes', () => {
    assert.deepEqual(underlined(withSingleQuotes, 'jsonSyntax'), ['\'s3:GetObject\'']);
    assert.deepEqual(ruleIds(withSingleQuotes), ['jsonSyntax']);
    assert.equal(fixAll(withSingleQuotes), clean);
  });

  it('leaves a single-quoted string with a double quote inside to the plain parse errors, without a fix', () => {
    const text = clean.replace('"Sid": "PartnerRead"', '"Sid": \'Say "hi"\'');
    assert.ok(findingsOf(text, 'jsonSyntax').length > 0);
    assert.ok(findingsOf(text, 'jsonSyntax').every((finding) => finding.fixes.length === 0));
  });

  it('leaves apostrophes inside double-quoted strings and comments alone', () => {
    assert.deepEqual(ruleIds(clean.replace('"Sid": "PartnerRead"', '"Sid": "Bob\'s bucket"')), []);
    assert.deepEqual(underlined(clean.replace('  "Statement"', '  // Bob\'s bucket\n  "Statement"'), 'jsonSyntax'), ['// Bob\'s bucket']);
  });

  it('reports a byte order mark at the start, removes it, and still checks the rest', () => {
    const text = `\uFEFF${clean.replace('"Effect": "Allow", ', '')}`;
    assert.deepEqual(findingsOf(text, 'jsonSyntax').map((finding) => [finding.offset, finding.length]), [[0, 1]]);
    assert.deepEqual(ruleIds(text), ['jsonSyntax', 'missingElement']);
    assert.equal(applyFindingFix(text, findingsOf(text, 'jsonSyntax')[0]), text.slice(1));
  });

  it('reports a missing comma in plain words, without a fix', () => {
    assert.deepEqual(findingsOf(withMissingComma, 'jsonSyntax').map((finding) => [finding.message, finding.fixes.length]), [['A comma is expected between elements.', 0]]);
    assert.deepEqual(underlined(withMissingComma, 'jsonSyntax'), ['"Statement"']);
  });

  describe('reportSyntaxErrors', () => {
    it('all (CLI): every syntax problem', () => {
      assert.deepEqual(underlinedIn(withLineComment, coreSettings('all')), ['// Public website assets']);
      assert.deepEqual(underlinedIn(withMissingComma, coreSettings('all')), ['"Statement"']);
      assert.deepEqual(underlinedIn(withSingleQuotes, coreSettings('all')), ['\'s3:GetObject\'']);
    });

    it('strictOnly (VS Code jsonc): only comments and a byte order mark, which jsonc passes over in silence; it warns about trailing commas itself', () => {
      assert.deepEqual(underlinedIn(withLineComment, coreSettings('strictOnly')), ['// Public website assets']);
      assert.deepEqual(underlinedIn(`\uFEFF${clean}`, coreSettings('strictOnly')), ['\uFEFF']);
      assert.deepEqual(underlinedIn(withTrailingCommas, coreSettings('strictOnly')), []);
      assert.deepEqual(underlinedIn(withMissingComma, coreSettings('strictOnly')), []);
      assert.deepEqual(underlinedIn(withSingleQuotes, coreSettings('strictOnly')), []);
    });

    it('none (VS Code json): nothing, the editor reports them all', () => {
      for (const text of [withLineComment, withTrailingCommas, withMissingComma, withSingleQuotes]) {
        assert.deepEqual(underlinedIn(text, coreSettings('none')), []);
      }
    });
  });

  it('does not treat comments, trailing commas or single quotes as a broken document: structural rules still run', () => {
    assert.deepEqual(ruleIds(withLineComment.replace('"Effect": "Allow", ', ''), coreSettings('strictOnly')), ['jsonSyntax', 'missingElement']);
    assert.deepEqual(ruleIds(withTrailingCommas.replace('"Effect": "Allow", ', '')), ['missingElement', 'jsonSyntax', 'jsonSyntax', 'jsonSyntax']);
    assert.deepEqual(ruleIds(withSingleQuotes.replace('"Effect": "Allow", ', '')), ['missingElement', 'jsonSyntax']);
  });

  it('lets only token-level rules run on a document that does not parse', () => {
    const text = withMissingComma.replace('"Effect": "Allow", ', '');
    assert.deepEqual(ruleIds(text), ['jsonSyntax']);
  });

  it('stays silent when typographic quotes cause the parse errors: smartQuotes reports them', () => {
    const text = clean.replace('"Sid": "PartnerRead"', '\u201CSid\u201D: \u201CPartnerRead\u201D');
    assert.deepEqual(findingsOf(text, 'jsonSyntax'), []);
  });
});
