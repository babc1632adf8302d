/* S3 Bucket Policy — MIT License. */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Pushes diagnostics for open documents, debounced per document; a settings change is one `requestRefresh()`. */
export interface DiagnosticsSupport {
  requestRefresh(): void;
  dispose(): void;
}

/**
 * Push diagnostics: on open and change, after `delay()` milliseconds of quiet, compute and publish.
 * The delay is read at each change, so it can come from `initialize`, which arrives after wiring.
 * A result computed for a version the document has since left is dropped.
 */
export function registerPushDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  delay: () => number,
  validate: (document: TextDocument) => Promise<Diagnostic[]>,
): DiagnosticsSupport {
  const pending = new Map<string, NodeJS.Timeout>();

  const validateNow = async (document: TextDocument): Promise<void> => {
    const version = document.version;
    const diagnostics = await validate(document);
    const current = documents.get(document.uri);
    if (current && current.version === version) {
      await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
    }
  };

  const schedule = (document: TextDocument): void => {
    clearTimeout(pending.get(document.uri));
    pending.set(document.uri, setTimeout(() => {
      pending.delete(document.uri);
      void validateNow(document);
    }, delay()));
  };

  const subscriptions = [
    documents.onDidOpen((event) => schedule(event.document)),
    documents.onDidChangeContent((event) => schedule(event.document)),
    documents.onDidClose((event) => {
      clearTimeout(pending.get(event.document.uri));
      pending.delete(event.document.uri);
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    }),
  ];

  return {
    requestRefresh() {
      for (const document of documents.all()) {
        schedule(document);
      }
    },
    dispose() {
      subscriptions.forEach((subscription) => subscription.dispose());
      pending.forEach((timer) => clearTimeout(timer));
      pending.clear();
    },
  };
}
