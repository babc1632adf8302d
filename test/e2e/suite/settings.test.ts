/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionReady, openCopy, ruleOf, SEED_POLICY, waitForDiagnostics, waitForRules } from './helpers';

/** The part of package.json this test reads. */
interface Manifest {
  contributes?: { configuration?: ConfigurationSection | ConfigurationSection[] };
}

interface ConfigurationSection {
  properties?: Record<string, unknown>;
}

describe('settings', () => {
  before(extensionReady);

  after(async () => {
    await vscode.workspace.getConfiguration('s3Policy').update('lint.actionPrefixCase', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('s3Policy.lint.actionPrefixCase = off removes that diagnostic without a reload, and removing the setting brings it back', async () => {
    const document = await openCopy(SEED_POLICY, 'settings.bucket-policy.json');
    await waitForRules(document.uri, ['invalidVersion', 'actionPrefixCase']);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest | undefined;
    const contributed = [manifest?.contributes?.configuration ?? []].flat()
      .some((section) => section.properties?.['s3Policy.lint.actionPrefixCase'] !== undefined);
    assert.ok(contributed, 'package.json contributes no s3Policy.lint.actionPrefixCase setting');
    const configuration = vscode.workspace.getConfiguration('s3Policy');

    await configuration.update('lint.actionPrefixCase', 'off', vscode.ConfigurationTarget.Global);
    const withoutRule = await waitForDiagnostics(document.uri, (ours) => !ours.some((diagnostic) => ruleOf(diagnostic) === 'actionPrefixCase'), 'actionPrefixCase to go');
    assert.ok(withoutRule.some((diagnostic) => ruleOf(diagnostic) === 'invalidVersion'), 'the other rules still report');

    await configuration.update('lint.actionPrefixCase', undefined, vscode.ConfigurationTarget.Global);
    await waitForRules(document.uri, ['actionPrefixCase']);
  });
});
