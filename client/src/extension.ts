/* S3 Bucket Policy — MIT License. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerAccessCommands } from './accessCommands';
import { registerCommands } from './commands';

let client: LanguageClient | undefined;
let deactivated = false;

/** What the extension exports to other extensions and to its tests: resolves once the language server is running. */
export interface S3PolicyExtensionApi {
  ready: Promise<void>;
}

/**
 * Activation (on json, jsonc and yaml documents) does only what must exist at once: the log channel and
 * the commands. The language client, most of the extension's code, is a bundle of its own
 * (client/out/languageClient.js), loaded and started on the next turn of the event loop, once
 * activate() has returned; `ready` resolves when the server runs.
 */
export function activate(context: vscode.ExtensionContext): S3PolicyExtensionApi {
  deactivated = false;
  const outputChannel = vscode.window.createOutputChannel('S3 Bucket Policy', { log: true });
  context.subscriptions.push(outputChannel);
  const ready = startLanguageServer(context, outputChannel).catch((error: unknown) => {
    outputChannel.error(`Could not start the language server: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  });
  registerCommands(context, ready);
  registerAccessCommands(context, (method, params) => ready.then(() => client!.sendRequest(method, params)));
  return { ready };
}

/** Loads the language client after activation returns, then starts the server. */
async function startLanguageServer(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const { createLanguageClient } = await import('./languageClient.js');
  if (deactivated) {
    throw new Error('the extension was deactivated before the language server started');
  }
  client = createLanguageClient(context, outputChannel);
  context.subscriptions.push(client);
  await client.start();
}

/** Stops the language server (one that has not started yet is not started). */
export function deactivate(): Thenable<void> | undefined {
  deactivated = true;
  return client?.stop();
}
