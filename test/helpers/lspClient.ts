/* S3 Bucket Policy — MIT License. */
/**
 * A minimal LSP client for tests against the built server process (`server/out/server.js --stdio`):
 * spawns it, answers `workspace/configuration`, and turns `publishDiagnostics` into promises that
 * are registered before the request that causes them and fail after a timeout. No sleeps.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  ClientCapabilities,
  CodeAction,
  CodeActionKind,
  CodeActionRequest,
  ConfigurationItem,
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  LogMessageNotification,
  MessageType,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The repository root, from the compiled test file in out/test/helpers. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The bundled language server the extension ships. */
export const SERVER_MODULE = path.join(REPO_ROOT, 'server/out/server.js');

/** How long a test waits for a notification before failing. */
const TIMEOUT_MS = 5000;

/** What the test client announces and how it answers the server. */
export interface TestClientOptions {
  /** `initializationOptions`; `diagnosticDelay: 0` is added unless given. */
  initializationOptions?: Record<string, unknown>;
  /** Whether the client supports `workspace/configuration` (default true). */
  supportsConfiguration?: boolean;
  /** The `s3Policy` section returned for every `workspace/configuration` item (default: none). */
  settings?: Record<string, unknown>;
}

interface DiagnosticsWaiter {
  uri: string;
  resolve(params: PublishDiagnosticsParams): void;
}

/** A running server process and the client side of its connection. */
export class TestLanguageClient {
  /** The `s3Policy` section the client answers with; tests change it before `changeConfiguration`. */
  settings: Record<string, unknown> | undefined;
  /** Every `workspace/configuration` item the server asked for. */
  readonly configurationRequests: ConfigurationItem[] = [];
  /** Error messages the server logged (`window/logMessage`), for asserting that nothing went wrong. */
  readonly errors: string[] = [];
  private readonly waiters: DiagnosticsWaiter[] = [];
  private readonly documents = new Map<string, TextDocument>();

  private constructor(private readonly process: ChildProcess, private readonly connection: ProtocolConnection, readonly initializeResult: InitializeResult) {}

  /** Spawns the server, runs `initialize`/`initialized` and returns the client. */
  static async start(options: TestClientOptions = {}): Promise<TestLanguageClient> {
    const child = spawn(process.execPath, [SERVER_MODULE, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const started: { client?: TestLanguageClient } = {};
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => started.client?.received(params));
    connection.onNotification(LogMessageNotification.type, (params) => {
      if (params.type === MessageType.Error) {
        started.client?.errors.push(params.message);
      }
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      started.client?.configurationRequests.push(...params.items);
      return params.items.map((item) => (item.section === 's3Policy' ? started.client?.settings ?? null : null));
    });
    connection.listen();
    const supportsConfiguration = options.supportsConfiguration ?? true;
    const capabilities: ClientCapabilities = {
      workspace: { configuration: supportsConfiguration, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] } } },
      },
    };
    const initializeResult = await withTimeout(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions: { diagnosticDelay: 0, ...options.initializationOptions },
    }), 'initialize');
    const client = new TestLanguageClient(child, connection, initializeResult);
    client.settings = options.settings;
    started.client = client;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The server's process id, for reading its memory use. */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The next diagnostics published for `uri` after this call. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return withTimeout(new Promise((resolve) => this.waiters.push({ uri, resolve })), `publishDiagnostics for ${uri}`);
  }

  /** Opens a document and resolves with the first diagnostics published for it. */
  async open(uri: string, text: string, languageId = 'json'): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return (await published).diagnostics;
  }

  /** Replaces the whole text of an open document and resolves with the diagnostics of the new version. */
  async change(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const document = this.document(uri);
    const updated = TextDocument.update(document, [{ text }], document.version + 1);
    this.documents.set(uri, updated);
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: updated.version }, contentChanges: [{ text }] });
    return published;
  }

  /** Closes a document and resolves with the diagnostics published on close. */
  async close(uri: string): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri);
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return published;
  }

  /** Sends `workspace/didChangeConfiguration` and resolves with the diagnostics re-published for `uri`. */
  async changeConfiguration(uri: string, settings: unknown = null): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
    return published;
  }

  /** Requests code actions for the whole range of `diagnostics` (or the whole document for source actions). */
  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const document = this.document(uri);
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
    const result = await withTimeout(this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } }), 'codeAction');
    return (result ?? []).filter((action): action is CodeAction => CodeAction.is(action));
  }

  /** Sends any request (a custom one, code lenses, hover) and resolves with the server's answer. */
  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), method);
  }

  /** Applies a code action's edit to the client's copy of the document and returns the new text. */
  applyEdit(action: CodeAction): string {
    const changes = action.edit?.documentChanges ?? [];
    let text = '';
    for (const change of changes) {
      if (!TextDocumentEdit.is(change)) {
        throw new Error('expected only text document edits');
      }
      const document = this.document(change.textDocument.uri);
      if (change.textDocument.version !== document.version) {
        throw new Error(`edit for version ${change.textDocument.version}, document is at ${document.version}`);
      }
      text = TextDocument.applyEdits(document, change.edits.filter((edit): edit is TextEdit => 'newText' in edit));
    }
    return text;
  }

  /** Shuts the server down and waits for the process to exit. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    await withTimeout(exited, 'server exit');
    this.connection.dispose();
  }

  private document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) {
      throw new Error(`${uri} is not open`);
    }
    return document;
  }

  private received(params: PublishDiagnosticsParams): void {
    const index = this.waiters.findIndex((waiter) => waiter.uri === params.uri);
    if (index >= 0) {
      const [waiter] = this.waiters.splice(index, 1);
      waiter.resolve(params);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
