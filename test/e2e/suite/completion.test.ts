/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionReady, openCopy, openFile, ruleOf, SEED_POLICY, waitForDiagnostics, waitForRules, workspaceUri } from './helpers';

/** A policy whose action is being typed (the suite is bundled without the service, so it cannot use test/helpers). */
const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyPlainHttp",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:GetObj",
      "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    }
  ]
}
`;

/** The rules whose preferred fixes repair the seed policy. */
const SEED_RULES = ['invalidVersion', 'actionPrefixCase', 'missingSecureTransportDeny'];

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Writes `text` to a new file of the workspace and opens it in an editor. */
async function openNew(name: string, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceUri(), name), new TextEncoder().encode(text));
  return openFile(name);
}

function positionAfter(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is not in ${document.uri.path}`);
  return document.positionAt(offset + needle.length);
}

describe('writing a policy with help: completion, hover, outline, fix-all', () => {
  before(extensionReady);

  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('completes S3 actions with their access level', async () => {
    const document = await openNew('completion.bucket-policy.json', POLICY);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionAfter(document, '"s3:GetObj'));
    const item = list.items.find((candidate) => labelOf(candidate) === 's3:GetObject');
    assert.ok(item, `s3:GetObject not offered; offered: ${JSON.stringify(list.items.slice(0, 20).map(labelOf))}`);
    assert.equal(item.detail, 'Read');
  });

  it('shows what a condition key means on hover', async () => {
    const document = await openNew('hover.bucket-policy.json', POLICY);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionAfter(document, '"aws:Secure'));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /aws:SecureTransport/);
    assert.match(text, /Present on every request/);
  });

  it('outlines the policy: one symbol per statement, its elements below', async () => {
    const document = await openNew('outline.bucket-policy.json', POLICY);
    // VS Code's own JSON support outlines the document too (its statements are named 0, 1, …): ours is the one naming them.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const statements = symbols.filter((symbol) => symbol.name === 'Statement').flatMap((symbol) => symbol.children);
    const statement = statements.find((symbol) => symbol.name === 'DenyPlainHttp');
    assert.ok(statement, `no statement symbol named by its Sid; have ${JSON.stringify(statements.map((symbol) => symbol.name))}`);
    assert.equal(statement.detail, 'Deny s3:GetObj unless HTTPS');
    assert.deepEqual(statement.children.map((symbol) => symbol.name), ['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
  });

  it('fixes every problem at once with "S3 Bucket Policy: Fix all problems"', async () => {
    const document = await openCopy(SEED_POLICY, 'fix-all-command.bucket-policy.json');
    await waitForRules(document.uri, SEED_RULES);
    const changed = await vscode.commands.executeCommand<boolean>('s3Policy.fixAll');
    assert.equal(changed, true);
    const text = document.getText();
    assert.match(text, /"Version": "2012-10-17"/);
    assert.match(text, /"Action": "s3:GetObject"/);
    assert.match(text, /"aws:SecureTransport": "false"/);
    await waitForDiagnostics(document.uri, (ours) => !ours.some((diagnostic) => SEED_RULES.includes(ruleOf(diagnostic))), 'the fixed problems to go');
  });

  it('fixes every problem on save with "editor.codeActionsOnSave": { "source.fixAll.s3Policy": "explicit" }', async () => {
    const editorSettings = vscode.workspace.getConfiguration('editor');
    await editorSettings.update('codeActionsOnSave', { 'source.fixAll.s3Policy': 'explicit' }, vscode.ConfigurationTarget.Global);
    try {
      const document = await openCopy(SEED_POLICY, 'fix-all-on-save.bucket-policy.json');
      await waitForRules(document.uri, SEED_RULES);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      await editor.edit((builder) => builder.insert(document.positionAt(0), ' '));
      assert.ok(await document.save());
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
      assert.match(saved, /"Version": "2012-10-17"/);
      assert.match(saved, /"Action": "s3:GetObject"/);
    } finally {
      await editorSettings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
