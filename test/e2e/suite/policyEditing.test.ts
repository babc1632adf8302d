/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, extensionReady, openCopy, rangeOf, readWorkspaceFile, ruleOf, SEED_POLICY, waitForDiagnostics, waitForRules } from './helpers';

const SEED_RULES = ['invalidVersion', 'actionPrefixCase', 'missingSecureTransportDeny'];

/** The seed policy once the HTTPS-only deny statement is appended, laid out in the file's own style. */
const WITH_SECURE_TRANSPORT_DENY = `{
  "Version": "2012 - 10 - 17",
  "Id": "PublicReadPolicy",
  "Statement": [
    {
      "Sid": "PublicRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "S3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/*"
    },
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": [
        "arn:aws:s3:::example-bucket",
        "arn:aws:s3:::example-bucket/*"
      ],
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        }
      }
    }
  ]
}
`;

/** Each named quick fix, and the whole text it must leave (from the seed policy's text). */
const QUICK_FIXES: { ruleId: string; title: string; does: string; expected: (seed: string) => string }[] = [
  {
    ruleId: 'missingSecureTransportDeny',
    title: 'Add a statement that denies requests over plain HTTP',
    does: 'appends the HTTPS-only deny statement',
    expected: () => WITH_SECURE_TRANSPORT_DENY,
  },
  {
    ruleId: 'invalidVersion',
    title: 'Change Version to "2012-10-17"',
    does: 'writes "2012-10-17" and changes nothing else',
    expected: (seed) => seed.replace('"2012 - 10 - 17"', '"2012-10-17"'),
  },
  {
    ruleId: 'actionPrefixCase',
    title: 'Change to "s3:GetObject"',
    does: 'lowercases the service prefix and changes nothing else',
    expected: (seed) => seed.replace('"S3:GetObject"', '"s3:GetObject"'),
  },
];

describe('a policy with the seeds\' mistakes', () => {
  let seedText: string;

  before(async () => {
    await extensionReady();
    seedText = await readWorkspaceFile(SEED_POLICY);
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('gets our diagnostics, each on the exact token, with our source and rule id', async () => {
    const document = await openCopy(SEED_POLICY, 'diagnostics.bucket-policy.json');
    const ours = await waitForRules(document.uri, SEED_RULES);
    const find = (ruleId: string) => ours.find((diagnostic) => ruleOf(diagnostic) === ruleId);

    const version = find('invalidVersion');
    assert.deepEqual(version?.range, rangeOf(document, '"2012 - 10 - 17"'));
    assert.equal(version?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(version?.message ?? '', /2012-10-17/);

    const prefix = find('actionPrefixCase');
    assert.deepEqual(prefix?.range, rangeOf(document, 'S3:'));
    assert.match(prefix?.message ?? '', /s3:GetObject/);

    const https = find('missingSecureTransportDeny');
    assert.deepEqual(https?.range, rangeOf(document, '"Statement"'));
    assert.equal(https?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(https?.message ?? '', /aws:SecureTransport/);

    for (const diagnostic of ours) {
      const code = diagnostic.code;
      assert.ok(typeof code === 'object' && code.target.path.endsWith(`/docs/rules/${ruleOf(diagnostic)}.md`), `${ruleOf(diagnostic)} links to its documentation`);
    }
  });

  for (const fix of QUICK_FIXES) {
    it(`quick fix for ${fix.ruleId} ${fix.does}`, async () => {
      const document = await openCopy(SEED_POLICY, `fix-${fix.ruleId}.bucket-policy.json`);
      await waitForRules(document.uri, SEED_RULES);
      await applyQuickFix(document, fix.ruleId, fix.title);
      assert.equal(document.getText(), fix.expected(seedText));
      await waitForDiagnostics(document.uri, (ours) => !ours.some((diagnostic) => ruleOf(diagnostic) === fix.ruleId), `${fix.ruleId} to go`);
    });
  }
});
