/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionReady, workspaceUri } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('snippets', () => {
  before(extensionReady);

  after(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('offers the s3policy- snippets in a JSON file', async () => {
    const uri = vscode.Uri.joinPath(workspaceUri(), 'snippets.bucket-policy.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('s3policy'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, document.positionAt(document.getText().length));
    const snippets = completions.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet && labelOf(item).startsWith('s3policy-'));
    assert.ok(snippets.length > 0, `no s3policy- snippet offered; offered: ${JSON.stringify(completions.items.map(labelOf))}`);
  });
});
