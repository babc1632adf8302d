/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionReady, openCopy, openFile, ourDiagnostics, SEED_POLICY, waitForRules } from './helpers';

describe('JSON files that are not bucket policies', () => {
  before(extensionReady);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('package.json and tsconfig.json get no diagnostics from us', async () => {
    const packageJson = await openFile('package.json');
    const tsconfig = await openFile('tsconfig.json');
    assert.equal(tsconfig.languageId, 'jsonc');
    // The server validates documents in the order they were opened (one debounce delay, one IPC
    // channel), so once a policy opened after them has its diagnostics, theirs have been published.
    const barrier = await openCopy(SEED_POLICY, 'recognition-barrier.bucket-policy.json');
    await waitForRules(barrier.uri, ['invalidVersion']);
    assert.deepEqual(ourDiagnostics(packageJson.uri), []);
    assert.deepEqual(ourDiagnostics(tsconfig.uri), []);
  });
});
