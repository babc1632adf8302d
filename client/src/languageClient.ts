/* S3 Bucket Policy — MIT License. */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, RevealOutputChannelOn, ServerOptions, TransportKind } from 'vscode-languageclient/node';

/**
 * Builds the language client: the bundled server over IPC (with an inspector port in debug mode),
 * JSON and JSONC documents on disk or unsaved, and our own log channel. The server decides which of
 * those documents are bucket policies.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    // A 2 MB young generation and a 256 MB old-space ceiling keep the server near 70 MB of memory
    // instead of about 120 MB (V8's defaults reserve for a far larger program); its heap stays
    // around 15 MB, and documents over 256 KB are not analysed (bench/run.mjs measures both).
    // Garbage is collected on the server's own thread: helper threads compete with the editor for
    // the cores, and on 2 CPUs made the slowest edits 4–5 ms slower (p99 of edit → diagnostics).
    // Without allocation-site pretenuring: V8 saw the parse tree outlive a collection now and then
    // and began allocating such objects in the old generation, where each edit's tree then piled up
    // for major collections. Over 1,100 edits of the 20 KB policy: 36 major collections and 0.75 ms
    // of young-generation collection per edit before; 35 with the 2 MB young generation alone; 1
    // and 0.26 ms per edit with both. Edit → diagnostics went from a p50 of 2.7–3.8 ms and a p99 of
    // 7.6–13.1 ms to 1.5–1.9 ms and 6.7–7.4 ms (three alternating runs of each).
    // One malloc arena (glibc; other C libraries ignore it): V8's compiler threads otherwise each
    // get their own, which keep what they free. Over 1,100 edits of the 20 KB policy the server
    // then stays at 69–77 MB instead of 74–84 MB, edit → diagnostics as fast (bench/run.mjs).
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--max-semi-space-size=2', '--max-old-space-size=256', '--single-threaded-gc', '--no-allocation-site-pretenuring'], env: { MALLOC_ARENA_MAX: '1' } } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'untitled', language: 'jsonc' },
      // CloudFormation, SAM and serverless.yml templates: the server reads only those it recognises by content.
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'opentofu' },
      { scheme: 'file', pattern: '**/*.{tf,tofu,tftpl,tpl}' },
    ],
    synchronize: { configurationSection: 's3Policy' },
    initializationOptions: { editorReportsJsonSyntax: true },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      outputChannel.error(`The S3 Bucket Policy language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      outputChannel.show(true);
      return false;
    },
  };
  return new LanguageClient('s3Policy', 'S3 Bucket Policy', serverOptions, clientOptions);
}
