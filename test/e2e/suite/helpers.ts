/* S3 Bucket Policy — MIT License. */
/**
 * Helpers for the extension-host suite: wait for the extension, open copies of the fixture policy,
 * wait for our diagnostics through `onDidChangeDiagnostics` (never a sleep), apply a named quick fix.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension's id: publisher.name from package.json. */
export const EXTENSION_ID = 's3-bucket-policy.s3-bucket-policy';

/** The `source` of every diagnostic of ours. */
export const SOURCE = 's3-bucket-policy';

/** The fixture policy with the seeds' mistakes, in test/fixtures/workspace. */
export const SEED_POLICY = 'seed-mistakes.bucket-policy.json';

/** Longest wait for the language server; shorter than mocha's timeout so the failure says what was seen. */
const WAIT_MS = 20_000;

/** Activates the extension (if the opened JSON has not already) and waits until its language server runs. */
export async function extensionReady(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.ready;
}

/** The folder code-server opened: the run's copy of test/fixtures/workspace. */
export function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

/** Reads a file of the workspace as text. */
export async function readWorkspaceFile(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceUri(), name)));
}

/** Copies a fixture to a new file of the workspace (one per test, so tests share no document) and opens it in an editor. */
export async function openCopy(fixture: string, name: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceUri(), name);
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(workspaceUri(), fixture), uri, { overwrite: true });
  return openFile(name);
}

/** Opens a file of the workspace in an editor. */
export async function openFile(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceUri(), name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Our diagnostics on a document, ignoring other sources such as VS Code's own JSON support. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** The rule id of a diagnostic of ours (`code` is a string, or `{value, target}` when it links to docs). */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

function describeDiagnostics(diagnostics: vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((diagnostic) => `${ruleOf(diagnostic)}@${diagnostic.range.start.line}:${diagnostic.range.start.character}`));
}

/**
 * Resolves with our diagnostics on `uri` as soon as `accept` returns true for them: checked now and
 * on every `onDidChangeDiagnostics` event for that uri. Rejects after 20 s naming what was seen last.
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (ours: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const finish = (): boolean => {
      const ours = ourDiagnostics(uri);
      if (!accept(ours)) {
        return false;
      }
      subscription.dispose();
      clearTimeout(timer);
      resolve(ours);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        finish();
      }
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for ${what} on ${uri.path}; our diagnostics: ${describeDiagnostics(ourDiagnostics(uri))}`));
    }, WAIT_MS);
    finish();
  });
}

/** Waits until our diagnostics on `uri` include every one of `ruleIds`. */
export function waitForRules(uri: vscode.Uri, ruleIds: string[]): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ours) => ruleIds.every((id) => ours.some((diagnostic) => ruleOf(diagnostic) === id)), ruleIds.join(', '));
}

/** The range of the first occurrence of `needle` in a document. */
export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is not in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}

/**
 * Asks VS Code for the quick fixes at the diagnostic of `ruleId` (`vscode.executeCodeActionProvider`)
 * and applies the one titled `title` with `workspace.applyEdit`; it must be the preferred fix.
 * (The command's results carry no `diagnostics`, so the fix is told apart by its title.)
 */
export async function applyQuickFix(document: vscode.TextDocument, ruleId: string, title: string): Promise<void> {
  const diagnostic = ourDiagnostics(document.uri).find((candidate) => ruleOf(candidate) === ruleId);
  assert.ok(diagnostic, `no ${ruleId} diagnostic on ${document.uri.path}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((action) => action.title === title);
  assert.ok(fix?.edit, `no quick fix "${title}" for ${ruleId}; offered: ${JSON.stringify(actions.map((action) => action.title))}`);
  assert.equal(fix.isPreferred, true, `"${title}" is not the preferred fix`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit), `applying "${title}" failed`);
}
