/* S3 Bucket Policy — MIT License. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionList, DocumentSymbol, Hover, InsertTextFormat, Position, Range, SymbolKind } from 'vscode-languageserver-types';
import type { CompletionSettings } from '../completion/completion';
import type { PolicyLanguageService } from '../policyLanguageService';
import type { EmbeddedPolicy, HostDocument } from './embeddedPolicy';
import { templateString } from './hostSyntax';
import { hclString } from './terraform/hclSyntax';
import { hostRangeOf, PolicyView, scalarAt, viewOffsetOf } from './policyView';

/** The embedded policy whose range holds a host offset (its end included: the cursor after the last character). */
function policyAt(host: HostDocument, offset: number): EmbeddedPolicy | undefined {
  return host.policies.find((policy) => policy.range.offset <= offset && offset <= policy.range.offset + policy.range.length);
}

/** The view of a policy as a text document, for the features that read positions. */
function viewDocument(view: PolicyView): TextDocument {
  return TextDocument.create('s3-policy-view:policy.json', 'json', 0, view.text);
}

function hostRange(document: TextDocument, viewDoc: TextDocument, view: PolicyView, range: Range): Range {
  const start = viewDoc.offsetAt(range.start);
  const mapped = hostRangeOf(view, start, viewDoc.offsetAt(range.end) - start);
  return Range.create(document.positionAt(mapped.offset), document.positionAt(mapped.offset + mapped.length));
}

/**
 * A completion item of the view written for the host: a JSON string becomes the host's scalar (a
 * computed value its function, `!GetAtt LogsBucket.Arn`); items the host cannot take as they are
 * (member snippets) are left out.
 */
function hostCompletionItem(item: CompletionItem, policy: EmbeddedPolicy, document: TextDocument, viewDoc: TextDocument): CompletionItem | undefined {
  const view = policy.view!;
  const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
  if (!edit || item.insertTextFormat === InsertTextFormat.Snippet || item.additionalTextEdits) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(edit.newText);
  } catch {
    return undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const syntax = policy.translation?.syntax ?? 'json';
  const scalar = scalarAt(view, viewDoc.offsetAt(edit.range.start));
  const range = hostRange(document, viewDoc, view, edit.range);
  const newText = syntax === 'hcl'
    ? hclCompletionText(value, view.symbols, scalar, document.getText().slice(0, document.offsetAt(range.start)))
    : templateString(value, syntax, view.symbols, scalar?.host.style === 'plain' ? undefined : scalar?.host.style, false);
  return { ...item, filterText: item.label, textEdit: { range, newText } };
}

/** HCL arguments of `aws_iam_policy_document` that take a list of strings. */
const POLICY_DOCUMENT_LISTS = /\b(actions|not_actions|resources|not_resources|identifiers|values)\s*=\s*$/;

/**
 * A completion written in HCL: a bare identifier for an identifier key of a `jsonencode` object, a
 * computed value as its expression (`aws_s3_bucket.b.arn`), else a quoted string; a list of one
 * string where a policy document argument takes a list and the item replaces its whole value.
 */
function hclCompletionText(value: string, symbols: PolicyView['symbols'], scalar: ReturnType<typeof scalarAt>, before: string): string {
  if (scalar?.isKey && scalar.host.style === 'plain' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value)) {
    return value;
  }
  const text = hclString(value, symbols);
  return POLICY_DOCUMENT_LISTS.test(before) ? `[${text}]` : text;
}

/** Completion in a policy inside a template: computed on the view, written for the host. */
export function completeInHost(service: PolicyLanguageService, document: TextDocument, host: HostDocument, position: Position, settings?: CompletionSettings): CompletionList | null {
  const offset = document.offsetAt(position);
  const policy = policyAt(host, offset);
  if (!policy?.view) {
    return policy && host.kind === 'policy' ? service.doComplete(document, policy.policy, position, settings) : null;
  }
  const viewOffset = viewOffsetOf(policy.view, offset) ?? viewOffsetOf(policy.view, offset - 1);
  if (viewOffset === undefined) {
    return null;
  }
  const viewDoc = viewDocument(policy.view);
  // Inside a scalar the cursor maps to the character it is before; after the last one, to the closing quote.
  const scalar = scalarAt(policy.view, viewOffset);
  const atEnd = scalar && policy.view.hostEnd[viewOffset] === offset && viewOffsetOf(policy.view, offset) === undefined ? viewOffset + 1 : viewOffset;
  const list = service.doComplete(viewDoc, policy.policy, viewDoc.positionAt(atEnd), { snippetSupport: false });
  const items = list.items.map((item) => hostCompletionItem(item, policy, document, viewDoc)).filter((item): item is CompletionItem => item !== undefined);
  return { isIncomplete: list.isIncomplete, items };
}

/** Hover in a policy inside a template. */
export function hoverInHost(service: PolicyLanguageService, document: TextDocument, host: HostDocument, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  const policy = policyAt(host, offset);
  if (!policy?.view) {
    return policy && host.kind === 'policy' ? service.doHover(document, policy.policy, position) : null;
  }
  const viewOffset = viewOffsetOf(policy.view, offset);
  if (viewOffset === undefined) {
    return null;
  }
  const viewDoc = viewDocument(policy.view);
  const hover = service.doHover(viewDoc, policy.policy, viewDoc.positionAt(viewOffset));
  return hover && { ...hover, range: hover.range && hostRange(document, viewDoc, policy.view, hover.range) };
}

/** Maps a view symbol and its children into the host. */
function hostSymbol(symbol: DocumentSymbol, document: TextDocument, viewDoc: TextDocument, view: PolicyView): DocumentSymbol {
  const range = hostRange(document, viewDoc, view, symbol.range);
  let selectionRange = hostRange(document, viewDoc, view, symbol.selectionRange);
  if (document.offsetAt(selectionRange.start) < document.offsetAt(range.start) || document.offsetAt(selectionRange.end) > document.offsetAt(range.end)) {
    selectionRange = range;
  }
  return { ...symbol, range, selectionRange, children: symbol.children?.map((child) => hostSymbol(child, document, viewDoc, view)) };
}

/** The outline of a template: one symbol per bucket policy resource, its statements below. */
export function symbolsInHost(service: PolicyLanguageService, document: TextDocument, host: HostDocument): DocumentSymbol[] {
  if (host.kind === 'policy') {
    return service.findDocumentSymbols(document, host.policies[0].policy);
  }
  return host.policies.filter((policy) => policy.view).map((policy) => {
    const view = policy.view!;
    const viewDoc = viewDocument(view);
    const start = Math.min(policy.nameRange?.offset ?? policy.range.offset, policy.range.offset);
    const end = Math.max(policy.range.offset + policy.range.length, policy.nameRange ? policy.nameRange.offset + policy.nameRange.length : 0);
    const range = Range.create(document.positionAt(start), document.positionAt(end));
    const name = policy.nameRange ?? policy.range;
    const statements = service.findDocumentSymbols(viewDoc, policy.policy).find((symbol) => symbol.name === 'Statement')?.children ?? [];
    return {
      name: policy.name ?? 'PolicyDocument',
      detail: host.kind === 'terraform' ? policy.bucket?.description : policy.bucket ? `AWS::S3::BucketPolicy · ${policy.bucket.description}` : 'AWS::S3::BucketPolicy',
      kind: SymbolKind.Object,
      range,
      selectionRange: Range.create(document.positionAt(name.offset), document.positionAt(name.offset + name.length)),
      children: statements.map((statement) => hostSymbol(statement, document, viewDoc, view)),
    };
  });
}
