/* S3 Bucket Policy — MIT License. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyDocument } from '../service/parser/policyDocument';

/**
 * Parses each document version once: diagnostics and code actions for the same version share the
 * parsed policy. Entries are dropped when a document closes.
 */
export class DocumentCache {
  private readonly entries = new Map<string, { version: number; policy: PolicyDocument }>();

  constructor(private readonly parse: (text: string) => PolicyDocument) {}

  get(document: TextDocument): PolicyDocument {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) {
      return entry.policy;
    }
    // The parse of an older version is of no more use: let it go before parsing, so the collections
    // that parsing and linting set off do not copy its tree as well.
    this.entries.delete(document.uri);
    const policy = this.parse(document.getText());
    this.entries.set(document.uri, { version: document.version, policy });
    return policy;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
