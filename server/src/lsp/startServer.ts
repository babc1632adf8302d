/* S3 Bucket Policy — MIT License. */
import { CancellationToken, CodeAction, CodeActionKind, Connection, ResponseError, TextDocumentSyncKind, TextDocuments, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getHostedLanguageService } from '../service/hostedLanguageService';
import type { HostDocument } from '../service/hosts/embeddedPolicy';
import { getPolicyLanguageService } from '../service/policyLanguageService';
import * as path from 'node:path';
import { initTerraformParser } from '../service/hosts/terraform/hclParser';
import { isTerraformPath, isTerraformTemplatePath } from '../service/hosts/terraform/terraformHost';
import type { PolicyLintSettings } from '../service/policyLanguageTypes';
import { statementHover } from '../service/access/accessInEditor';
import { registerAccessRequests } from './accessRequests';
import { diskModuleFiles } from '../cli/diskModuleFiles';
import { registerPushDiagnostics } from './diagnostics';
import { DocumentCache } from './documentCache';
import { openModuleFiles } from './openModuleFiles';
import { runSafe } from './runSafe';
import { S3PolicySettings, SettingsCache } from './settings';

/** Initialization options the server understands. */
export interface S3PolicyInitializationOptions {
  /** Milliseconds of quiet after a change before diagnostics are computed (default 250; 0 in tests and benchmarks). */
  diagnosticDelay?: number;
  /** True when the editor's own JSON support reports syntax errors (VS Code): then only S3-specific strictness is ours. */
  editorReportsJsonSyntax?: boolean;
}

/** The code action kind of "fix all S3 policy problems", usable in `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.s3Policy`;

/** The file path of a `file:` URI; undefined for other schemes and for a malformed escape (`%ZZ`), which would throw. */
function pathOf(uri: string): string | undefined {
  const match = /^file:\/\/[^/]*(\/.*)$/.exec(uri);
  try {
    return match ? decodeURIComponent(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `offset` falls inside a CRLF pair or a surrogate pair, where the editor cannot place a position. */
function splitsPair(text: string, offset: number): boolean {
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (previous === 0x0d && next === 0x0a) || (previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}

/** A single edit that turns `before` into `after`, touching only the span that differs. */
function minimalEdit(document: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) {
    start++;
  }
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) {
    end++;
  }
  // A boundary inside a line break or a character would be moved by the editor, and the edit replace the wrong text.
  while (start > 0 && (splitsPair(before, start) || splitsPair(after, start))) {
    start--;
  }
  while (end > 0 && (splitsPair(before, before.length - end) || splitsPair(after, after.length - end))) {
    end--;
  }
  return TextEdit.replace({ start: document.positionAt(start), end: document.positionAt(before.length - end) }, after.slice(start, after.length - end));
}

/**
 * Wires the policy language service to an LSP connection: document sync, debounced push
 * diagnostics, quick fixes and fix-all. Every handler runs through `runSafe`.
 */
export function startServer(connection: Connection): void {
  const service = getPolicyLanguageService();
  const hosted = getHostedLanguageService(service);
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache((text) => service.parse(text));
  const hosts = new Map<string, { version: number; recognition: string; host: HostDocument }>();
  let supportsConfiguration = false;
  let options: S3PolicyInitializationOptions = {};
  let snippetSupport = false;
  const settings = new SettingsCache(connection, () => supportsConfiguration);
  const log = (message: string) => connection.console.error(message);
  // A Terraform file is read with the rest of its module: the open documents, else the files on disk (read only).
  const moduleFiles = openModuleFiles(documents, diskModuleFiles('/'), pathOf);
  const isTerraformDocument = (document: TextDocument) => document.languageId === 'terraform' || document.languageId === 'opentofu' || isTerraformPath(pathOf(document.uri)) || isTerraformTemplatePath(pathOf(document.uri));

  /**
   * The bucket policies of a document version under its recognition settings: a policy file, a
   * template's policies, or none. Read once per version; a JSON document is parsed once for both.
   */
  const hostOf = async (document: TextDocument): Promise<HostDocument> => {
    const recognition = (await settings.get(document.uri)).recognition;
    const key = JSON.stringify(recognition);
    const entry = hosts.get(document.uri);
    if (entry && entry.version === document.version && entry.recognition === key) {
      return entry.host;
    }
    const parsed = document.languageId === 'json' || document.languageId === 'jsonc' ? cache.get(document) : undefined;
    const host = hosted.read(document.getText(), pathOf(document.uri), document.languageId, recognition, parsed, moduleFiles);
    hosts.set(document.uri, { version: document.version, recognition: key, host });
    return host;
  };

  /** The lint settings of a document that holds bucket policies; undefined for any other document. */
  const lintSettingsFor = async (document: TextDocument): Promise<PolicyLintSettings | undefined> => {
    const documentSettings = await settings.get(document.uri);
    if ((await hostOf(document)).kind === 'none') {
      return undefined;
    }
    const editorOwnsSyntax = options.editorReportsJsonSyntax === true;
    const reportSyntaxErrors = !editorOwnsSyntax ? 'all' : document.languageId === 'jsonc' ? 'strictOnly' : 'none';
    return { rules: documentSettings.rules, reportSyntaxErrors };
  };

  connection.onInitialize((params) => {
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    options = (params.initializationOptions ?? {}) as S3PolicyInitializationOptions;
    snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['"', ':'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: true },
      },
      serverInfo: { name: 's3-policy-language-server' },
    };
  });

  const diagnostics = registerPushDiagnostics(connection, documents, () => options.diagnosticDelay ?? 250, async (document) => {
    const result = await runSafe(log, `validating ${document.uri}`, [], CancellationToken.None, async () => {
      const lintSettings = await lintSettingsFor(document);
      return lintSettings ? hosted.doValidation(document, await hostOf(document), lintSettings) : [];
    });
    return result instanceof ResponseError ? [] : result;
  });

  connection.onInitialized(() => {
    diagnostics.requestRefresh();
  });

  connection.onDidChangeConfiguration((params) => {
    if (!supportsConfiguration) {
      settings.setPushed((params.settings as { s3Policy?: S3PolicySettings } | null)?.s3Policy);
    }
    settings.clear();
    diagnostics.requestRefresh();
  });

  connection.onCodeAction((params, token) => runSafe(log, `computing code actions for ${params.textDocument.uri}`, [], token, async () => {
    const document = documents.get(params.textDocument.uri);
    const lintSettings = document && await lintSettingsFor(document);
    if (!document || !lintSettings) {
      return [];
    }
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (!only || only.some((kind) => kind === CodeActionKind.QuickFix)) {
      actions.push(...hosted.getCodeActions(document, await hostOf(document), lintSettings, params.context.diagnostics));
    }
    if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) || kind === FIX_ALL_KIND)) {
      const before = document.getText();
      const recognition = (await settings.get(document.uri)).recognition;
      const after = hosted.fixAll(before, pathOf(document.uri), document.languageId, recognition, lintSettings, moduleFiles).text;
      if (after !== before) {
        actions.push({
          title: 'Fix all S3 bucket policy problems',
          kind: FIX_ALL_KIND,
          edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [minimalEdit(document, before, after)] }] },
        });
      }
    }
    return actions;
  }));

  connection.onCompletion((params, token) => runSafe(log, `computing completion for ${params.textDocument.uri}`, null, token, async () => {
    const document = documents.get(params.textDocument.uri);
    return document ? hosted.doComplete(document, await hostOf(document), params.position, { snippetSupport }) : null;
  }));

  connection.onHover((params, token) => runSafe(log, `computing hover for ${params.textDocument.uri}`, null, token, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      return null;
    }
    const host = await hostOf(document);
    // The element, value and key hovers first; on a statement's `{` or Sid, what the statement does.
    return hosted.doHover(document, host, params.position) ?? statementHover(document, host, params.position);
  }));

  connection.onDocumentSymbol((params, token) => runSafe(log, `computing document symbols for ${params.textDocument.uri}`, null, token, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      return null;
    }
    const host = await hostOf(document);
    return host.kind === 'none' ? null : hosted.findDocumentSymbols(document, host);
  }));

  registerAccessRequests({ connection, documents, hostOf, log });

  // A change to one file of a module can change what another open file of it reads: read those again.
  documents.onDidChangeContent((event) => {
    if (!isTerraformDocument(event.document)) {
      return;
    }
    const others = documents.all().filter((document) => document.uri !== event.document.uri && isTerraformDocument(document) && hosts.has(document.uri));
    if (others.length > 0) {
      others.forEach((document) => hosts.delete(document.uri));
      diagnostics.requestRefresh();
    }
  });

  documents.onDidClose((event) => {
    cache.delete(event.document.uri);
    hosts.delete(event.document.uri);
    settings.clear(event.document.uri);
  });

  // Terraform files are read once the HCL parser has loaded; until then they get nothing. It loads when
  // the first Terraform document opens, so a session without one never holds its WebAssembly.
  // The wasm files are the extension's own, beside this bundle (esbuild.mjs copies them); web-tree-sitter reads them.
  let terraformParser: Promise<void> | undefined;
  documents.onDidOpen((event) => {
    if (terraformParser || !isTerraformDocument(event.document)) {
      return;
    }
    terraformParser = initTerraformParser((file) => path.join(__dirname, file), path.join(__dirname, 'tree-sitter-terraform.wasm')).then(() => {
      // Terraform documents read before the parser loaded were read as holding nothing: read them again.
      const terraform = documents.all().filter(isTerraformDocument);
      if (terraform.length > 0) {
        terraform.forEach((document) => hosts.delete(document.uri));
        diagnostics.requestRefresh();
      }
    }, (error: unknown) => {
      log(`Terraform files are not checked: the HCL parser did not load (${error instanceof Error ? error.message : String(error)}).`);
    });
  });

  documents.listen(connection);
  connection.listen();
}
