/* S3 Bucket Policy — MIT License. */
/**
 * *S3 Bucket Policy: Explain access* and *S3 Bucket Policy: What if…*: the access summary as a
 * table in a webview beside the editor, and a request asked step by step (quick picks offering the
 * values the policy itself uses) whose decision is shown with the deciding statement selected in
 * the editor. The language server computes both (common/accessProtocol.ts); this file asks and shows.
 */
import * as vscode from 'vscode';
import {
  ACCESS_SUMMARY_REQUEST, AccessSummaryResult, Choice, EXPLAIN_ACCESS_COMMAND, PolicySelector, StatementRef, WHAT_IF_CHOICES_REQUEST, WHAT_IF_COMMAND, WHAT_IF_REQUEST, WhatIfChoices, WhatIfParams, WhatIfResult,
} from '../../common/accessProtocol';
import { decisionWords, renderAccessPage, renderWhatIfPage } from './accessHtml';

/** Sends a request to the language server once it runs. */
export type ServerRequest = <R>(method: string, params: unknown) => Promise<R>;

/** The one webview of the access features and what it shows: statement links resolve against `statements`. */
interface AccessPanel {
  panel: vscode.WebviewPanel;
  uri: string;
  version: number;
  /** The statements the page links to, by policy and index. */
  statements: Map<string, StatementRef>;
}

let current: AccessPanel | undefined;

function nonce(): string {
  return Array.from({ length: 32 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)]).join('');
}

const key = (policy: number, statement: number) => `${policy}/${statement}`;

/** Selects a statement in the document's editor (opening it if it is not shown) and scrolls to it. */
async function selectStatement(uri: string, range: StatementRef['range']): Promise<void> {
  const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri);
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  // The editor shows the document again (the extension itself reads no file: workspace trust).
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  editor.selection = new vscode.Selection(selection.start, selection.end);
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Shows a page in the access webview (created beside the editor the first time), remembering the statements it links to. */
function showPage(title: string, uri: string, version: number, statements: Map<string, StatementRef>, html: (context: { cspSource: string; nonce: string }) => string, request: ServerRequest): void {
  if (!current) {
    const panel = vscode.window.createWebviewPanel('s3Policy.access', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, enableFindWidget: true });
    const created: AccessPanel = { panel, uri, version, statements };
    current = created;
    panel.onDidDispose(() => {
      if (current === created) {
        current = undefined;
      }
    });
    panel.webview.onDidReceiveMessage((message: { command?: string; policy?: number; statement?: number }) => {
      if (message.command === 'reveal' && typeof message.policy === 'number' && typeof message.statement === 'number') {
        void revealFromPanel(created, message.policy, message.statement, request);
      }
    });
  }
  current.uri = uri;
  current.version = version;
  current.statements = statements;
  current.panel.title = title;
  current.panel.webview.html = html({ cspSource: current.panel.webview.cspSource, nonce: nonce() });
  current.panel.reveal(undefined, true);
}

/** Selects the statement a link names; when the document has changed since the page was drawn, reads its place again. */
async function revealFromPanel(panel: AccessPanel, policy: number, statement: number, request: ServerRequest): Promise<void> {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === panel.uri);
  let ref = panel.statements.get(key(policy, statement));
  if (document && document.version !== panel.version) {
    const fresh = await request<AccessSummaryResult | null>(ACCESS_SUMMARY_REQUEST, { textDocument: { uri: panel.uri }, policy } satisfies PolicySelector);
    ref = fresh?.policies.flatMap((entry) => [...entry.rows.flatMap((row) => row.statements), ...entry.publicStatements.map((item) => item.statement)]).find((candidate) => candidate.index === statement) ?? ref;
  }
  if (ref) {
    await selectStatement(panel.uri, ref.range);
  }
}

/** The document a command is about: the open one it was given (a CodeLens passes its URI), else the active editor's. */
function targetDocument(uri: unknown): vscode.TextDocument | undefined {
  if (typeof uri === 'string') {
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri);
  }
  return vscode.window.activeTextEditor?.document;
}

/** The cursor of the document's editor, to pick the policy it is in. */
function cursorOf(document: vscode.TextDocument): { line: number; character: number } | undefined {
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
  return editor && { line: editor.selection.active.line, character: editor.selection.active.character };
}

/** *Explain access*: the summary of the policy a CodeLens names, or of every policy of the active document. */
export async function explainAccess(request: ServerRequest, uri?: unknown, policy?: unknown): Promise<AccessSummaryResult | undefined> {
  const document = targetDocument(uri);
  if (!document) {
    void vscode.window.showInformationMessage('S3 Bucket Policy: open a bucket policy to explain its access.');
    return undefined;
  }
  const params: PolicySelector = { textDocument: { uri: document.uri.toString() }, policy: typeof policy === 'number' ? policy : undefined };
  const result = await request<AccessSummaryResult | null>(ACCESS_SUMMARY_REQUEST, params);
  if (!result || result.policies.length === 0) {
    void vscode.window.showInformationMessage('S3 Bucket Policy: this document holds no bucket policy.');
    return undefined;
  }
  const statements = new Map<string, StatementRef>();
  for (const entry of result.policies) {
    for (const ref of [...entry.rows.flatMap((row) => row.statements), ...entry.publicStatements.map((item) => item.statement)]) {
      statements.set(key(entry.policy, ref.index), ref);
    }
  }
  showPage(`Access: ${vscode.workspace.asRelativePath(document.uri)}`, result.uri, result.version, statements, (context) => renderAccessPage(result, context), request);
  return result;
}

/** Shows a quick pick and resolves with `accept()` when the user accepts, undefined when it is hidden otherwise. */
function settle<T, I extends vscode.QuickPickItem>(pick: vscode.QuickPick<I>, accept: () => T): Promise<T | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    pick.onDidAccept(() => {
      settled = true;
      resolve(accept());
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!settled) {
        resolve(undefined);
      }
      pick.dispose();
    });
    pick.show();
  });
}

/**
 * One step of *What if…*: a quick pick of the policy's values that also takes a value typed in
 * that none of them matches. Undefined when cancelled.
 */
function pickValue(title: string, step: number, choices: readonly Choice[], placeholder: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  const items = choices.map((choice) => ({ label: choice.value, description: choice.description }));
  pick.title = `S3 Bucket Policy: What if… (${step}/4) ${title}`;
  pick.placeholder = placeholder;
  pick.items = items;
  pick.matchOnDescription = true;
  // Enter takes the highlighted value; a value typed that none of the policy's values matches, as typed.
  return settle(pick, () => pick.activeItems[0]?.label ?? (pick.value.trim() || undefined));
}

/** The last step: the context keys, several at once; `key=value` typed in adds one. Undefined when cancelled. */
function pickContext(choices: WhatIfChoices['context']): Promise<Record<string, string | string[]> | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { key: string; value: string }>();
  const items = choices.map((choice) => ({ label: `${choice.key} = ${choice.value}`, description: choice.description, key: choice.key, value: choice.value }));
  pick.title = 'S3 Bucket Policy: What if… (4/4) context keys';
  pick.placeholder = 'Pick the keys the request carries (none: an HTTPS request with only the principal\'s keys); type key=value for another';
  pick.canSelectMany = true;
  pick.items = items;
  pick.matchOnDescription = true;
  const typedEntry = (value: string) => /^\s*([A-Za-z0-9:/_.-]+)\s*=\s*(.*?)\s*$/.exec(value);
  pick.onDidChangeValue((value) => {
    const match = typedEntry(value);
    const selected = pick.selectedItems;
    pick.items = match ? [{ label: value.trim(), description: 'as typed: Enter adds it', key: match[1], value: match[2] }, ...items] : items;
    pick.selectedItems = pick.items.filter((item) => selected.some((chosen) => chosen.label === item.label));
  });
  return settle(pick, () => {
    const context: Record<string, string | string[]> = {};
    const typed = typedEntry(pick.value);
    const chosen = typed ? [...pick.selectedItems.filter((item) => item.label !== pick.value.trim()), { key: typed[1], value: typed[2] }] : pick.selectedItems;
    for (const item of chosen) {
      const previous = context[item.key];
      context[item.key] = previous === undefined ? item.value : [...(Array.isArray(previous) ? previous : [previous]), item.value];
    }
    return context;
  });
}

/**
 * *What if…*: asks for a principal, an action, a resource and context keys, offering the values the
 * policy uses; shows the decision and selects the deciding statement. Resolves with the answer (for
 * tests), undefined when cancelled. `given` skips the questions (tests, other extensions).
 */
export async function whatIf(request: ServerRequest, uri?: unknown, policy?: unknown, given?: Partial<Pick<WhatIfParams, 'principal' | 'action' | 'resource' | 'context'>>): Promise<WhatIfResult | undefined> {
  const document = targetDocument(uri);
  if (!document) {
    void vscode.window.showInformationMessage('S3 Bucket Policy: open a bucket policy to ask what if.');
    return undefined;
  }
  const selector: PolicySelector = { textDocument: { uri: document.uri.toString() }, policy: typeof policy === 'number' ? policy : undefined, position: cursorOf(document) };
  const choices = await request<WhatIfChoices | null>(WHAT_IF_CHOICES_REQUEST, selector);
  if (!choices) {
    void vscode.window.showInformationMessage('S3 Bucket Policy: this document holds no bucket policy.');
    return undefined;
  }
  const principal = given?.principal ?? await pickValue('who makes the request?', 1, choices.principals, 'anonymous, an account ID, an IAM or STS ARN, or a service principal');
  const action = principal === undefined ? undefined : given?.action ?? await pickValue('which action?', 2, choices.actions, 'an action such as s3:GetObject');
  const resource = action === undefined ? undefined : given?.resource ?? await pickValue('on which resource?', 3, choices.resources, 'arn:aws:s3:::bucket or arn:aws:s3:::bucket/key');
  const context = resource === undefined ? undefined : given?.context ?? await pickContext(choices.context);
  if (principal === undefined || action === undefined || resource === undefined || context === undefined) {
    return undefined;
  }
  const params: WhatIfParams = { textDocument: selector.textDocument, policy: choices.policy, principal, action, resource, context };
  const result = await request<WhatIfResult | null>(WHAT_IF_REQUEST, params);
  if (!result) {
    return undefined;
  }
  if (result.error) {
    void vscode.window.showErrorMessage(`S3 Bucket Policy: ${result.error}`);
    return result;
  }
  const statements = new Map(result.statements.map((verdict) => [key(choices.policy, verdict.statement.index), verdict.statement]));
  showPage(`What if: ${vscode.workspace.asRelativePath(document.uri)}`, params.textDocument.uri, document.version, statements, (page) => renderWhatIfPage(params, result, choices.policy, page), request);
  if (result.deciding.length > 0) {
    await selectStatement(params.textDocument.uri, result.deciding[0].range);
  }
  const message = `${decisionWords(result.decision)}: ${principal} → ${action} on ${resource}. ${result.headline}.`;
  void (result.decision === 'allow' ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
  return result;
}

/** Registers *Explain access* and *What if…*. */
export function registerAccessCommands(context: vscode.ExtensionContext, request: ServerRequest): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPLAIN_ACCESS_COMMAND, (uri?: unknown, policy?: unknown) => explainAccess(request, uri, policy)),
    vscode.commands.registerCommand(WHAT_IF_COMMAND, (uri?: unknown, policy?: unknown, given?: Parameters<typeof whatIf>[3]) => whatIf(request, uri, policy, given)),
  );
}
