/* S3 Bucket Policy — MIT License. */
/**
 * Proposals and how they become LSP completion items: the text replaces the span the cursor context
 * found, gets the commas and the space the surrounding JSON needs, multi-line text follows the
 * document's indentation, and snippets turn into plain text for clients without snippet support.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, Range, TextEdit } from 'vscode-languageserver-types';
import { detectTextStyle, lineIndentAt } from '../edits/jsonEdits';
import type { CursorContext } from './cursorContext';

/** One thing completion offers, before it is placed in the document. */
export interface Proposal {
  label: string;
  kind: CompletionItemKind;
  /** The JSON text put in: a quoted string, a member (`"Name": value`), an object; lines after the first indented with tabs. */
  text: string;
  /** True when `text` uses snippet syntax (`$1`, `${1:default}`, `${1|a,b|}`). */
  snippet: boolean;
  /** A short line shown next to the label (an access level, a key type). */
  detail?: string;
  /** Markdown shown beside the list. */
  documentation?: string;
  preselect?: boolean;
  /** What clients filter with, when not the label (quoted when the span is). */
  filterText?: string;
}

/** What the client supports. */
export interface CompletionSettings {
  snippetSupport: boolean;
}

/** Escapes text for use inside a snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * A snippet as the plain text it inserts: each placeholder becomes its default (a choice its first
 * option), a tab stop repeating a placeholder the same default, other tab stops nothing.
 */
export function snippetToPlain(snippet: string): string {
  const defaults = new Map<string, string>();
  const unescape = (text: string) => text.replace(/\\([$}\\,|])/g, '$1');
  const withDefaults = snippet
    .replace(/\$\{(\d+)\|((?:[^,|\\]|\\.)*)(?:[^|\\]|\\.)*\|\}/g, (_, stop: string, first: string) => {
      defaults.set(stop, unescape(first));
      return `\uE000${stop}\uE000`;
    })
    .replace(/\$\{(\d+):((?:[^}\\]|\\.)*)\}/g, (_, stop: string, value: string) => {
      defaults.set(stop, unescape(value));
      return `\uE000${stop}\uE000`;
    });
  return unescape(withDefaults.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, braced?: string, bare?: string) => `\uE000${braced ?? bare}\uE000`))
    .replace(/\uE000(\d+)\uE000/g, (_, stop: string) => defaults.get(stop) ?? '');
}

/** A JSON string proposal: `value` in double quotes, as JSON writes it. */
export function stringProposal(value: string, kind: CompletionItemKind, extra: Partial<Proposal> = {}): Proposal {
  return { label: value, kind, text: JSON.stringify(value), snippet: false, ...extra };
}

/**
 * A member-name proposal: the name alone when a colon already follows it, otherwise the name, a
 * colon and `valueSnippet`.
 */
export function memberProposal(context: CursorContext, name: string, valueSnippet: string, kind: CompletionItemKind, extra: Partial<Proposal> = {}): Proposal {
  return context.colonFollows
    ? { label: name, kind, text: JSON.stringify(name), snippet: false, ...extra }
    : { label: name, kind, text: `${JSON.stringify(name)}: ${valueSnippet}`, snippet: true, ...extra };
}

/**
 * Places proposals in the document: returns the function that turns each proposal into the LSP
 * completion item replacing the context's span (the layout of the document is read once).
 */
export function placeProposals(document: TextDocument, context: CursorContext, settings: CompletionSettings): (proposal: Proposal, index: number) => CompletionItem {
  const text = document.getText();
  const style = detectTextStyle(text);
  const baseIndent = lineIndentAt(text, context.offset);
  const range = Range.create(document.positionAt(context.offset), document.positionAt(context.offset + context.length));
  const comma = context.commaBefore === undefined ? undefined : [TextEdit.insert(document.positionAt(context.commaBefore), ',')];
  return (proposal, index) => {
    const lines = proposal.text.split('\n');
    let body = [lines[0], ...lines.slice(1).map((line) => baseIndent + line.replace(/^\t+/, (tabs) => style.indentUnit.repeat(tabs.length)))].join(style.eol);
    body = `${context.afterColon ? ' ' : ''}${body}${context.commaAfter ? ',' : ''}`;
    const snippet = proposal.snippet && settings.snippetSupport;
    if (proposal.snippet && !snippet) {
      body = snippetToPlain(body);
    }
    const item: CompletionItem = {
      label: proposal.label,
      kind: proposal.kind,
      textEdit: TextEdit.replace(range, body),
      sortText: String(index).padStart(5, '0'),
      filterText: proposal.filterText ?? (context.quoted ? `"${proposal.label}"` : proposal.label),
    };
    if (snippet) {
      item.insertTextFormat = InsertTextFormat.Snippet;
    }
    if (lines.length > 1) {
      // The lines are indented already: clients must not indent them again.
      item.insertTextMode = InsertTextMode.asIs;
    }
    if (comma) {
      item.additionalTextEdits = comma;
    }
    if (proposal.detail) {
      item.detail = proposal.detail;
      item.labelDetails = { description: proposal.detail };
    }
    if (proposal.documentation) {
      item.documentation = { kind: MarkupKind.Markdown, value: proposal.documentation };
    }
    if (proposal.preselect) {
      item.preselect = true;
    }
    return item;
  };
}
