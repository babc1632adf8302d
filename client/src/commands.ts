/* S3 Bucket Policy — MIT License. */
import * as vscode from 'vscode';

/** "S3 Bucket Policy: Fix all problems". */
export const FIX_ALL_COMMAND = 's3Policy.fixAll';

/** The code action kind the language server offers its fix-all under, also usable in `editor.codeActionsOnSave`. */
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('s3Policy');

/**
 * Applies every preferred fix to the active editor's policy at once: asks the language server for
 * its `source.fixAll.s3Policy` action and applies its edit. Resolves true when the document changed;
 * says so in a message when there is nothing to fix.
 */
export async function fixAllInActiveEditor(serverReady: Promise<void>): Promise<boolean> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('S3 Bucket Policy: open a bucket policy to fix its problems.');
    return false;
  }
  await serverReady;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value);
  const fixAll = actions?.find((action) => action.kind !== undefined && FIX_ALL_KIND.contains(action.kind) && action.edit);
  if (!fixAll?.edit) {
    void vscode.window.showInformationMessage('S3 Bucket Policy: nothing in this file can be fixed automatically.');
    return false;
  }
  return vscode.workspace.applyEdit(fixAll.edit);
}

/** Registers the extension's commands; they wait for the language server before they ask it anything. */
export function registerCommands(context: vscode.ExtensionContext, serverReady: Promise<void>): void {
  context.subscriptions.push(vscode.commands.registerCommand(FIX_ALL_COMMAND, () => fixAllInActiveEditor(serverReady)));
}
