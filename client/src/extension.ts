/* S3 Bucket Policy — MIT License. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

/** What the extension exports to other extensions and to its tests: resolves once the language server is running. */
export interface S3PolicyExtensionApi {
  ready: Promise<void>;
}

/** Starts the language server; activation events are json and jsonc documents. */
export function activate(context: vscode.ExtensionContext): S3PolicyExtensionApi {
  const outputChannel = vscode.window.createOutputChannel('S3 Bucket Policy', { log: true });
  context.subscriptions.push(outputChannel);
  client = createLanguageClient(context, outputChannel);
  context.subscriptions.push(client);
  const ready = client.start().catch((error: unknown) => {
    outputChannel.error(`Could not start the language server: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  });
  registerCommands(context, ready);
  return { ready };
}

/** Stops the language server. */
export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
