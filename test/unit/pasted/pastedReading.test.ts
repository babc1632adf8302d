/* S3 Bucket Policy — MIT License. */
/**
 * Pasted policies: each form of item 1 of issue 19 gets, besides its syntax findings, the findings
 * of its repaired reading, at the right places of the original text, each once; the fixes make
 * strict JSON that our lint passes without a syntax finding.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { applyOffsetEdits } from '../../../server/src/service/edits/jsonEdits';
import { DEFAULT_LINT_SETTINGS } from '../../../server/src/service/policyLanguageService';
import type { PolicyFinding, PolicyLintSettings } from '../../../server/src/service/policyLanguageTypes';
import { lint, service } from '../../helpers/policyTest';

const SYNTAX_RULES = new Set(['jsonSyntax', 'smartQuotes', 'notAPolicy']);

/** A statement with three mistakes of meaning: public write, an uppercase prefix (with a fix) and no HTTPS-only deny in its policy. */
const STATEMENT = '{"Sid": "PublicUpload", "Effect": "Allow", "Principal": "*", "Action": ["s3:PutObject", "S3:GetObject"], "Resource": "arn:aws:s3:::acme-uploads/*"}';
const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    ${STATEMENT}
  ]
}`;

const TYPOGRAPHIC = /[\u201C\u201D]/g;

/** A finding as rule and underlined text, quotes made straight, so that findings of the original and of the repaired text compare. */
function described(text: string, finding: PolicyFinding): string {
  return `${finding.ruleId} ${text.slice(finding.offset, finding.offset + finding.length).replace(TYPOGRAPHIC, '"').replace(/'/g, '"')}`;
}

/** The findings of meaning (not syntax, not the wrapping) of a text, described. */
function meaning(text: string, settings: PolicyLintSettings = DEFAULT_LINT_SETTINGS): string[] {
  return lint(text, settings).filter((finding) => !SYNTAX_RULES.has(finding.ruleId)).map((finding) => described(text, finding));
}

/** The findings of meaning of the repaired text whose range lies inside `[from, to)` of it. */
function meaningInside(text: string, from: number, to: number): string[] {
  return lint(text).filter((finding) => !SYNTAX_RULES.has(finding.ruleId) && finding.offset >= from && finding.offset + finding.length <= to).map((finding) => described(text, finding));
}

/** Asserts that no rule reports twice on one range. */
function assertReportedOnce(text: string): void {
  const keys = lint(text).map((finding) => `${finding.ruleId}:${finding.offset}:${finding.length}`);
  assert.deepEqual(keys, [...new Set(keys)], 'a finding reported twice');
}

/** Asserts that fix-all turns a text into strict JSON with Version and Statement that our lint reads without a syntax finding. */
function assertFixedToStrictJson(text: string): string {
  const fixed = service.fixAll(text, DEFAULT_LINT_SETTINGS).text;
  const policy = JSON.parse(fixed) as { Version?: string; Statement?: unknown };
  assert.equal(policy.Version, '2012-10-17', fixed);
  assert.ok(policy.Statement, fixed);
  assert.deepEqual(lint(fixed).filter((finding) => SYNTAX_RULES.has(finding.ruleId)).map((finding) => finding.message), [], fixed);
  return fixed;
}

/**
 * Applies the first fix of the first syntax finding until none is left (as a person clicking the
 * light bulb would), and asserts the result is strict JSON our lint reads without a syntax finding.
 */
function assertFixedBySyntaxFixes(text: string): string {
  let current = text;
  for (let round = 0; round < 20; round++) {
    const syntax = lint(current).find((finding) => SYNTAX_RULES.has(finding.ruleId) && finding.fixes.length > 0);
    if (!syntax) {
      break;
    }
    current = applyOffsetEdits(current, syntax.fixes[0].edits);
  }
  JSON.parse(current);
  assert.deepEqual(lint(current).filter((finding) => SYNTAX_RULES.has(finding.ruleId)).map((finding) => finding.message), [], current);
  return current;
}

/** Every semantic finding of a pasted form: the same as the repaired policy's, where the original has the token. */
const EXPECTED_MEANING = meaning(POLICY);

describe('pasted policies: the findings of the repaired reading, at the original positions', () => {
  it('the repaired policy has the three mistakes the forms below carry', () => {
    assert.deepEqual(EXPECTED_MEANING, ['missingSecureTransportDeny "Statement"', 'publicAccess *', 'actionPrefixCase S3:']);
  });

  const forms: [string, string][] = [
    ['typographic quotes', POLICY.replace(/"([^"]*)"/g, '\u201C$1\u201D')],
    ['typographic quotes and a comment', POLICY.replace(/"([^"]*)"/g, '\u201C$1\u201D').replace('{\n', '{\n  // pasted from the wiki\n')],
    ['single quotes among typographic ones', POLICY.replace('"Sid": "PublicUpload"', '\'Sid\': \u2018PublicUpload\u2019').replace('"Version"', '\u201CVersion\u201D')],
    ['single quotes', POLICY.replace('"Sid": "PublicUpload"', '\'Sid\': \'PublicUpload\'')],
    ['// comments', POLICY.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", // the current language')],
    ['/* */ comments', POLICY.replace('"Effect": "Allow",', '"Effect": /* anyone */ "Allow",')],
    ['# comments', POLICY.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", # the current language\n  # and a line of its own')],
    ['trailing commas', POLICY.replace('"arn:aws:s3:::acme-uploads/*"}', '"arn:aws:s3:::acme-uploads/*",}').replace('}\n  ]', '},\n  ]')],
    ['# comments and trailing commas together, CRLF', POLICY.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", # v\n').replace('"S3:GetObject"]', '"S3:GetObject",]').replace(/\n/g, '\r\n')],
  ];
  for (const [name, text] of forms) {
    it(`${name}: the repaired policy's findings, once each, and the fixes make strict JSON`, () => {
      assert.notEqual(text, POLICY);
      assert.deepEqual(meaning(text), EXPECTED_MEANING);
      assertReportedOnce(text);
      const fixed = assertFixedBySyntaxFixes(text);
      // What is left is what fix-all cannot decide: whether the bucket is meant to be public.
      assert.deepEqual(meaning(service.fixAll(fixed, DEFAULT_LINT_SETTINGS).text), ['publicAccess *']);
    });
  }

  it('typographic quotes: the HTTPS-only deny finding underlines “Statement”, and its fix adds the deny to the original', () => {
    const text = POLICY.replace(/"([^"]*)"/g, '\u201C$1\u201D');
    const deny = lint(text).find((finding) => finding.ruleId === 'missingSecureTransportDeny');
    assert.equal(deny && text.slice(deny.offset, deny.offset + deny.length), '\u201CStatement\u201D');
    const prefix = lint(text).find((finding) => finding.ruleId === 'actionPrefixCase');
    assert.ok(prefix);
    assert.equal(text.slice(prefix.offset, prefix.offset + prefix.length), 'S3:');
    // The prefix fix replaces the whole string, its quotes with it: it maps exactly onto the typographic one, and changes nothing else.
    assert.equal(applyOffsetEdits(text, prefix.fixes[0].edits), text.replace('\u201CS3:GetObject\u201D', '"s3:GetObject"'));
  });

  it('an unquoted template value: one syntax finding on it (not a placeholder finding too), the rest of the policy checked', () => {
    const text = POLICY.replace('"Principal": "*"', '"Principal": {"AWS": ${admin_arns}}');
    const repaired = POLICY.replace('"Principal": "*"', '"Principal": {"AWS": "${admin_arns}"}');
    const syntax = lint(text).filter((finding) => finding.ruleId === 'jsonSyntax');
    assert.deepEqual(syntax.map((finding) => text.slice(finding.offset, finding.offset + finding.length)), ['${admin_arns}']);
    assert.match(syntax[0].message, /template expression/);
    // The repaired policy says it is a placeholder; the pasted one says so through its syntax finding, once.
    assert.deepEqual(meaning(repaired), ['missingSecureTransportDeny "Statement"', 'placeholder ${admin_arns}', 'actionPrefixCase S3:']);
    assert.deepEqual(meaning(text), ['missingSecureTransportDeny "Statement"', 'actionPrefixCase S3:']);
    assertReportedOnce(text);
    const fixed = service.fixAll(text, DEFAULT_LINT_SETTINGS).text;
    assert.match(fixed, /"AWS": "\$\{admin_arns\}"/);
    assert.deepEqual(lint(fixed).filter((finding) => SYNTAX_RULES.has(finding.ruleId)), []);
  });

  it('a bare statement: a notAPolicy finding with "Wrap in a bucket policy", and the findings of the statement inside its policy', () => {
    const text = `${STATEMENT}\n`;
    const start = POLICY.indexOf(STATEMENT);
    assert.deepEqual(meaning(text), meaningInside(POLICY, start, start + STATEMENT.length));
    assert.deepEqual(meaning(text), ['publicAccess *', 'actionPrefixCase S3:']);
    const [wrap] = lint(text).filter((finding) => finding.ruleId === 'notAPolicy');
    assert.deepEqual([wrap.offset, wrap.length, wrap.fixes.map((fix) => fix.title)], [0, 1, ['Wrap in a bucket policy']]);
    assert.equal(applyOffsetEdits(text, wrap.fixes[0].edits), `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${STATEMENT}\n  ]\n}\n`);
    assertReportedOnce(text);
    assertFixedToStrictJson(text);
  });

  it('a bare statement over several lines, with typographic quotes: the wrap indents its lines, fix-all settles', () => {
    const text = '{\n  \u201CEffect\u201D: \u201CAllow\u201D,\n  \u201CPrincipal\u201D: \u201C*\u201D,\n  \u201CAction\u201D: \u201Cs3:PutObject\u201D,\n  \u201CResource\u201D: \u201Carn:aws:s3:::acme-uploads/*\u201D\n}';
    assert.deepEqual(meaning(text), ['publicAccess *']);
    const fixed = assertFixedToStrictJson(text);
    assert.match(fixed, /^\{\n {2}"Version": "2012-10-17",\n {2}"Statement": \[\n {4}\{\n {6}"Effect": "Allow",\n {6}"Principal": "\*",/);
  });

  it('a bare list of statements: wrapped as the Statement list', () => {
    const text = `[\n  ${STATEMENT},\n  {"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::acme-uploads"}\n]`;
    const policy = `{"Version": "2012-10-17", "Statement": ${text}}`;
    const start = policy.indexOf('[');
    assert.deepEqual(meaning(text), meaningInside(policy, start, policy.length - 1));
    assert.ok(meaning(text).includes('actionPrefixCase S3:'));
    const [wrap] = lint(text).filter((finding) => finding.ruleId === 'notAPolicy');
    assert.equal(text.slice(wrap.offset, wrap.offset + wrap.length), '[');
    assertReportedOnce(text);
    const fixed = assertFixedToStrictJson(text);
    assert.equal((JSON.parse(fixed) as { Statement: unknown[] }).Statement.length, 3, 'the two statements and the HTTPS-only deny');
  });

  it('a fragment pasted with its key ("Condition": {…}): the condition\'s own findings, on the original', () => {
    const fragment = '"Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}, "stringequals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}';
    const policy = `{"Version": "2012-10-17", "Statement": [{${fragment}}]}`;
    const start = policy.indexOf(fragment);
    assert.deepEqual(meaning(fragment), meaningInside(policy, start, start + fragment.length));
    assert.deepEqual(meaning(fragment), ['invalidIpRange "10.0.0.0/33"', 'invalidConditionOperator "stringequals"']);
    const [wrap] = lint(fragment).filter((finding) => finding.ruleId === 'notAPolicy');
    assert.equal(fragment.slice(wrap.offset, wrap.offset + wrap.length), '"Condition"');
    // The parse error the missing braces provoke is not reported besides the notAPolicy finding.
    assert.deepEqual(lint(fragment).filter((finding) => finding.ruleId === 'jsonSyntax'), []);
    assertReportedOnce(fragment);
    const fixed = assertFixedToStrictJson(fragment);
    // The statement keeps its condition (with the operator's case fixed) and now lacks only what it lacked when pasted.
    assert.deepEqual((JSON.parse(fixed) as { Statement: { Condition?: unknown }[] }).Statement[0], JSON.parse(`{${fragment.replace('stringequals', 'StringEquals')}}`));
  });

  it('policy members pasted without their braces, with # comments', () => {
    const text = `# from the runbook\n"Version": "2012-10-17",\n"Statement": [${STATEMENT}]`;
    assert.deepEqual(meaning(text), EXPECTED_MEANING);
    assertFixedToStrictJson(text);
  });

  describe('where the intent is not clear, only the syntax', () => {
    const cases: [string, string][] = [
      ['a missing comma among typographic quotes', POLICY.replace(/"([^"]*)"/g, '\u201C$1\u201D').replace('\u201C2012-10-17\u201D,', '\u201C2012-10-17\u201D')],
      ['an unclosed string', POLICY.replace('"Sid": "PublicUpload"', '"Sid": "PublicUpload')],
      ['a fragment whose key is no policy or statement element', '"Bool": {"aws:SecureTransport": "true"}'],
      ['a template with no closing brace', POLICY.replace('"Principal": "*"', '"Principal": {"AWS": ${admin_arns}')],
      ['an unclosed block comment', POLICY.replace('"Effect": "Allow",', '"Effect": "Allow", /* who')],
    ];
    for (const [name, text] of cases) {
      it(name, () => {
        const findings = lint(text);
        assert.ok(findings.some((finding) => SYNTAX_RULES.has(finding.ruleId)), 'a syntax finding');
        assert.deepEqual(findings.filter((finding) => finding.ruleId === 'publicAccess' || finding.ruleId === 'missingSecureTransportDeny'), []);
      });
    }

    it('a bare object that is not clearly a statement is not wrapped', () => {
      assert.deepEqual(lint('{"Effect": "Allow", "Statement": []}').filter((finding) => finding.ruleId === 'notAPolicy'), []);
      assert.deepEqual(lint('{"Sid": "OnlyAnId"}').filter((finding) => finding.ruleId === 'notAPolicy'), []);
    });
  });

  it('leaves a strict-JSON policy, and one with only comments and trailing commas, exactly as before', () => {
    const withComment = POLICY.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", // v');
    assert.deepEqual(lint(withComment).filter((finding) => finding.ruleId === 'jsonSyntax').map((finding) => finding.fixes.map((fix) => fix.title)), [['Remove the comment']]);
    assert.equal(service.fixAll(withComment, DEFAULT_LINT_SETTINGS).text.includes('// v'), true, 'a comment in a policy that is otherwise whole is the user\'s: fix-all keeps it');
  });

  describe('"Fix all syntax problems"', () => {
    const text = POLICY.replace(/"([^"]*)"/g, '\u201C$1\u201D').replace('\u201CVersion\u201D: \u201C2012-10-17\u201D,', '\u201CVersion\u201D: \u201C2012-10-17\u201D, # v').replace('\u201CS3:GetObject\u201D]', '\u2018S3:GetObject\u2019,]');

    it('is the preferred fix of every syntax finding of a pasted document, and makes it strict JSON in one step', () => {
      const syntax = lint(text).filter((finding) => finding.ruleId === 'jsonSyntax' || finding.ruleId === 'smartQuotes');
      assert.ok(syntax.length > 3);
      for (const finding of syntax) {
        assert.equal(finding.fixes[0].title, 'Fix all syntax problems');
        assert.equal(finding.fixes.filter((fix) => fix.isPreferred).length, 1);
        assert.ok(finding.fixes[0].isPreferred);
      }
      const once = applyOffsetEdits(text, syntax[0].fixes[0].edits);
      assert.equal(once, POLICY.replace('"S3:GetObject"', '"S3:GetObject"'));
      assert.deepEqual(lint(once).filter((finding) => SYNTAX_RULES.has(finding.ruleId)), []);
    });

    it('in VS Code\'s json mode (the editor reports syntax): on our other findings, not preferred, and as a quick fix for the editor\'s own diagnostics', () => {
      const settings: PolicyLintSettings = { rules: {}, reportSyntaxErrors: 'none' };
      const findings = lint(text, settings);
      const semantic = findings.filter((finding) => !SYNTAX_RULES.has(finding.ruleId));
      assert.ok(semantic.length > 0);
      for (const finding of semantic) {
        const fix = finding.fixes.find((candidate) => candidate.title === 'Fix all syntax problems');
        assert.ok(fix && !fix.isPreferred, finding.ruleId);
      }
      const document = TextDocument.create('file:///pasted.bucket-policy.json', 'json', 3, text);
      const hash = text.indexOf('# v');
      const editorDiagnostic: Diagnostic = { range: { start: document.positionAt(hash), end: document.positionAt(hash + 1) }, message: 'Invalid symbol', source: 'json', severity: 1 };
      const actions = service.getCodeActions(document, service.parse(text), settings, [editorDiagnostic]);
      assert.deepEqual(actions.map((action) => action.title), ['Fix all syntax problems']);
      const edits = actions[0].edit?.documentChanges?.[0];
      assert.ok(edits && 'edits' in edits);
      assert.equal(TextDocument.applyEdits(document, edits.edits as TextEdit[]), POLICY);
    });

    it('is not offered for a document the editor sees no problem in', () => {
      const document = TextDocument.create('file:///p.bucket-policy.json', 'json', 1, POLICY);
      const other: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'spelling', source: 'cSpell' };
      assert.deepEqual(service.getCodeActions(document, service.parse(POLICY), { rules: {}, reportSyntaxErrors: 'none' }, [other]), []);
    });
  });

  it('respects the settings: notAPolicy off drops the wrap finding, not the findings of meaning', () => {
    const settings: PolicyLintSettings = { rules: { notAPolicy: 'off', jsonSyntax: 'warning' }, reportSyntaxErrors: 'all' };
    assert.deepEqual(lint(STATEMENT, settings).map((finding) => finding.ruleId), ['publicAccess', 'actionPrefixCase']);
    const hash = POLICY.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", # v');
    assert.deepEqual(lint(hash, settings).filter((finding) => finding.ruleId === 'jsonSyntax').map((finding) => finding.severity), ['warning']);
  });
});
