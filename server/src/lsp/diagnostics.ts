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
  /** The validation waiting for each document, and how to cancel it. */
  const pending = new Map<string, () => void>();

  const validateNow = async (document: TextDocument): Promise<void> => {
    const version = document.version;
    const diagnostics = await validate(document);
    const current = documents.get(document.uri);
    if (current && current.version === version) {
      await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
    }
  };

  const cancel = (uri: string): void => {
    pending.get(uri)?.();
    pending.delete(uri);
  };

  const schedule = (document: TextDocument): void => {
    cancel(document.uri);
    const run = (): void => {
      pending.delete(document.uri);
      void validateNow(document);
    };
    // Without a delay, the next turn of the event loop: a timer would wait at least a millisecond.
    const wait = delay();
    if (wait > 0) {
      const timer = setTimeout(run, wait);
      pending.set(document.uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(run);
      pending.set(document.uri, () => clearImmediate(immediate));
    }
  };

  const subscriptions = [
    documents.onDidOpen((event) => schedule(event.document)),
    documents.onDidChangeContent((event) => schedule(event.document)),
    documents.onDidClose((event) => {
      cancel(event.document.uri);
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
      [...pending.keys()].forEach(cancel);
    },
  };
}
