/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { MAX_DOCUMENT_LENGTH, MAX_NESTING_DEPTH } from '../../server/src/service/parser/documentLimits';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService, MAX_DIAGNOSTICS } from '../../server/src/service/policyLanguageService';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../server/src/service/policyRecognition';
import { HOSTILE_DOCUMENTS, policyOfStatements } from './hostileDocuments';

const service = getPolicyLanguageService();

/**
 * The most a hostile document under the limits may take to lint, or to fix, in milliseconds. Checking
 * is linear (about 2 µs a character at worst, so under a second at the 256 KB limit on a busy CI
 * machine); anything quadratic takes minutes on these documents, far beyond it.
 */
const BUDGET_MS = 5000;

describe('hostile documents, through the service', () => {
  const timings: string[] = [];
  for (const hostile of HOSTILE_DOCUMENTS) {
    it(`${hostile.name}: ${hostile.skipped ? 'skipped with one information finding' : 'checked in bounded time'}, every range inside the text`, (t) => {
      const text = hostile.text();
      const started = performance.now();
      const policy = service.parse(text);
      const findings = service.findProblems(policy, DEFAULT_LINT_SETTINGS);
      const lintMs = performance.now() - started;
      const fixStarted = performance.now();
      const fixed = service.fixAll(text, DEFAULT_LINT_SETTINGS);
      const fixMs = performance.now() - fixStarted;
      timings.push(`${hostile.name}: ${text.length.toLocaleString('en-US')} characters, lint ${lintMs.toFixed(0)} ms, fix-all ${fixMs.toFixed(0)} ms, ${findings.length} findings`);
      t.diagnostic(timings[timings.length - 1]);

      for (const finding of findings) {
        assert.ok(finding.offset >= 0 && finding.length >= 0 && finding.offset + finding.length <= text.length, `${finding.ruleId} at ${finding.offset}+${finding.length}`);
      }
      if (hostile.skipped) {
        assert.ok(policy.skipped, 'expected the document to be skipped');
        assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.severity]), [['documentTooLarge', 'information']]);
        assert.match(findings[0].message, /^Not checked: /);
        assert.equal(fixed.text, text);
      } else {
        assert.equal(policy.skipped, undefined, policy.skipped?.reason);
        assert.ok(!findings.some((finding) => finding.ruleId === 'documentTooLarge'));
        assert.ok(lintMs < BUDGET_MS, `linting took ${lintMs.toFixed(0)} ms`);
        assert.ok(fixMs < BUDGET_MS, `fix-all took ${fixMs.toFixed(0)} ms`);
      }
      const document = TextDocument.create('file:///hostile.bucket-policy.json', 'json', 1, text);
      assert.ok(service.doValidation(document, policy, DEFAULT_LINT_SETTINGS).length <= MAX_DIAGNOSTICS);
    });
  }

  it('says why a document is skipped: its size, or the depth where nesting goes too far', () => {
    const long = service.parse(`{"Statement":[${' '.repeat(MAX_DOCUMENT_LENGTH)}]}`);
    assert.match(long.skipped?.reason ?? '', /this document is 262,160 characters long \(257 KB\), and S3 Bucket Policy checks documents up to 262,144 characters \(256 KB\)/);
    const deepText = `{"Statement":${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}}`;
    const [finding] = service.findProblems(service.parse(deepText), DEFAULT_LINT_SETTINGS);
    assert.equal(deepText.slice(finding.offset, finding.offset + finding.length), '[');
    assert.equal(finding.offset, 13 + MAX_NESTING_DEPTH - 1);
    assert.match(finding.message, /nested more than 32 levels deep here, and a bucket policy needs at most 6/);
  });

  it('counts brackets inside strings and comments as text, not as nesting', () => {
    const text = `{"Version":"2012-10-17","Statement":[], "Id": "${'['.repeat(100)}" /* ${'{'.repeat(100)} */}`;
    assert.equal(service.parse(text).skipped, undefined);
  });

  it('recognises a skipped document as a policy by its top-level members, read without a tree', () => {
    const recognise = (text: string) => service.isBucketPolicy(undefined, service.parse(text), DEFAULT_RECOGNITION_SETTINGS);
    assert.ok(recognise(policyOfStatements(3000)), 'a long policy');
    assert.ok(!recognise(`{"Resources": {"Statement": [${'1,'.repeat(MAX_DOCUMENT_LENGTH)}1]}, "Version": "x"}`), 'Statement and Version not both at the top');
    assert.ok(!recognise(`[${'1,'.repeat(MAX_DOCUMENT_LENGTH)}1]`), 'a long array');
    assert.ok(service.isBucketPolicy('/work/big.bucket-policy.json', service.parse(`[${'1,'.repeat(MAX_DOCUMENT_LENGTH)}1]`), DEFAULT_RECOGNITION_SETTINGS), 'a long file named as a policy');
  });

  it('shows at most 1,000 diagnostics, errors first, and says how many more there are', () => {
    const text = policyOfStatements(3000, () => '{"Effect":"allow"}');
    const document = TextDocument.create('file:///many.bucket-policy.json', 'json', 1, text);
    const diagnostics = service.doValidation(document, service.parse(text), DEFAULT_LINT_SETTINGS);
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS);
    assert.ok(diagnostics.slice(0, -1).every((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error));
    const last = diagnostics[diagnostics.length - 1];
    assert.equal(last.code, 'documentTooLarge');
    assert.match(typeof last.message === 'string' ? last.message : last.message.value, /^[\d,]+ more problems in this document are not shown: S3 Bucket Policy shows at most 1,000 per document/);
  });
});
