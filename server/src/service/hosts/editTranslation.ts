/* S3 Bucket Policy — MIT License. */
import { Node, parseTree } from 'jsonc-parser';
import { applyOffsetEdits, detectTextStyle, lineIndentAt } from '../edits/jsonEdits';
import type { OffsetEdit, PolicyFix } from '../policyLanguageTypes';
import { HostSyntaxName, renderValue, RenderOptions, SyntaxWriter, yamlString } from './hostSyntax';
import type { HostScalar, HostValue } from './hostValue';
import { holdsStandIn, PolicyView, ViewContainer, ViewScalar } from './policyView';

/** What translating a fix needs: the host text and syntax, and the view the fix was computed on. */
export interface TranslationContext {
  hostText: string;
  syntax: HostSyntaxName;
  view: PolicyView;
  /** For a policy written as a string: how text inserted into that string is written in the host. */
  encodeInString?: (content: string) => string | undefined;
  /** For a syntax this module does not write itself (HCL): how values, items and entries are written. */
  writer?: SyntaxWriter;
}

/** Unable to write a fix in the host's syntax: the fix is not offered. */
export class Untranslatable extends Error {}

/**
 * Writes a fix computed on a policy view as edits of the host document, in the host's own syntax:
 * a changed token becomes the host scalar rewritten in its style; an element added to or removed
 * from an object or array becomes a YAML item or entry (or JSON member) added or removed; a value
 * computed by the host is written with the host's functions (`!GetAtt Bucket.Arn`). Returns
 * undefined when the fix cannot be written exactly (it would touch a value the host computes).
 */
export function translateFix(context: TranslationContext, fix: PolicyFix): PolicyFix | undefined {
  try {
    const edits = context.encodeInString ? fix.edits.map((edit) => copiedTextEdit(context, edit)) : structuralEdits(context, fix.edits);
    // A fix whose translation changes nothing would be offered and do nothing.
    return edits.length === 0 ? undefined : { ...fix, edits: edits.sort((a, b) => a.offset - b.offset) };
  } catch (error) {
    if (error instanceof Untranslatable) {
      return undefined;
    }
    throw error;
  }
}

/** An edit of a policy that the host holds as text (a JSON string): the same edit, encoded for the string. */
function copiedTextEdit(context: TranslationContext, edit: OffsetEdit): OffsetEdit {
  const { view } = context;
  for (let index = edit.offset; index < edit.offset + edit.length; index++) {
    if (view.flagged[index] !== 0 || view.hostEnd[index] <= view.hostStart[index]) {
      throw new Untranslatable();
    }
  }
  const start = edit.offset < view.text.length ? view.hostStart[edit.offset] : view.hostEnd[view.text.length - 1];
  const end = edit.length > 0 ? view.hostEnd[edit.offset + edit.length - 1] : start;
  const content = context.encodeInString!(edit.content);
  if (content === undefined) {
    throw new Untranslatable();
  }
  return { offset: start, length: end - start, content };
}

/** The view scalar an edit changes inside (not one inserted at its edge). */
function scalarEdited(view: PolicyView, edit: OffsetEdit): ViewScalar | undefined {
  const end = edit.offset + edit.length;
  return view.scalars.find((scalar) => edit.length > 0
    ? scalar.viewOffset <= edit.offset && end <= scalar.viewEnd
    : scalar.viewOffset < edit.offset && edit.offset < scalar.viewEnd);
}

/** The innermost view container whose inside holds the edit. */
function containerEdited(view: PolicyView, edit: OffsetEdit): ViewContainer | undefined {
  let best: ViewContainer | undefined;
  for (const container of view.containers) {
    if (container.viewOffset < edit.offset && edit.offset + edit.length < container.viewEnd && (!best || container.viewEnd - container.viewOffset < best.viewEnd - best.viewOffset)) {
      best = container;
    }
  }
  return best;
}

function structuralEdits(context: TranslationContext, edits: OffsetEdit[]): OffsetEdit[] {
  const byContainer = new Map<ViewContainer, OffsetEdit[]>();
  const result: OffsetEdit[] = [];
  const scalarEdits: [ViewScalar, OffsetEdit][] = [];
  for (const edit of edits) {
    const scalar = scalarEdited(context.view, edit);
    if (scalar) {
      scalarEdits.push([scalar, edit]);
      continue;
    }
    const container = containerEdited(context.view, edit);
    if (!container) {
      throw new Untranslatable();
    }
    byContainer.set(container, [...(byContainer.get(container) ?? []), edit]);
  }
  // A scalar edited inside a container that is rewritten anyway is part of that rewrite.
  for (const [scalar, edit] of scalarEdits) {
    const owner = [...byContainer.keys()].find((container) => container.viewOffset < scalar.viewOffset && scalar.viewEnd <= container.viewEnd);
    if (owner) {
      byContainer.get(owner)!.push(edit);
    } else {
      result.push(scalarEdit(context, scalar, [edit]));
    }
  }
  for (const [container, containerEdits] of byContainer) {
    result.push(...containerChange(context, container, containerEdits));
  }
  return result;
}

/** Applies view edits to a span of the view text and returns the new text of that span. */
function editedSpan(view: PolicyView, offset: number, end: number, edits: OffsetEdit[]): string {
  return applyOffsetEdits(view.text.slice(offset, end), edits.map((edit) => ({ ...edit, offset: edit.offset - offset })));
}


/** Rewrites one host scalar in its own style after an edit to its view token. */
function scalarEdit(context: TranslationContext, scalar: ViewScalar, edits: OffsetEdit[]): OffsetEdit {
  if (holdsStandIn(context.view, scalar.viewOffset, scalar.viewEnd, 'any')) {
    throw new Untranslatable();
  }
  let value: unknown;
  try {
    value = JSON.parse(editedSpan(context.view, scalar.viewOffset, scalar.viewEnd, edits));
  } catch {
    throw new Untranslatable();
  }
  const host = scalar.host;
  const inFlow = isInFlow(context, host);
  const content = context.writer ? context.writer.scalar(value, host) : context.syntax === 'json' || host.style === 'json'
    ? JSON.stringify(value)
    : typeof value === 'string' ? yamlString(value, host.style, inFlow) : String(value);
  return { offset: host.offset, length: host.end - host.offset, content };
}

/** True when a YAML node sits inside a flow collection (`[…]`, `{…}`), judged from the text before it on its line. */
function isInFlow(context: TranslationContext, host: HostValue | HostScalar): boolean {
  if (context.syntax !== 'yaml') {
    return true;
  }
  const container = context.view.containers.find((candidate) => candidate.host.flow && candidate.host.offset < host.offset && host.offset < candidate.host.end);
  return container !== undefined;
}

/** The text of the line holding `offset`, before it. */
function lineBefore(text: string, offset: number): string {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}

/** The span a YAML block item or entry takes with its line: from its line start to after its last line break. */
function blockLineSpan(text: string, start: number, end: number): { offset: number; length: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const stop = lineEnd < 0 ? text.length : lineEnd + 1;
  return { offset: lineStart, length: stop - lineStart };
}

/** Rewrites a host mapping or sequence after edits to its view: items and entries added, removed or changed. */
function containerChange(context: TranslationContext, container: ViewContainer, edits: OffsetEdit[]): OffsetEdit[] {
  const { view, hostText } = context;
  const newText = editedSpan(view, container.viewOffset, container.viewEnd, edits);
  const newRoot = parseTree(newText);
  if (!newRoot || newRoot.type !== (container.host.kind === 'map' ? 'object' : 'array')) {
    if (newRoot) {
      return [replaceContainer(context, container, newRoot, newText)];
    }
    throw new Untranslatable();
  }
  const oldTexts = container.children.map((child) => view.text.slice(child.viewOffset, child.viewEnd));
  const newChildren = newRoot.children ?? [];
  const newTexts = newChildren.map((child) => newText.slice(child.offset, child.offset + child.length));
  const style = detectTextStyle(hostText);
  const inFlow = context.syntax === 'json' || container.host.flow;
  const hostChildren = container.children;
  const itemIndent = indentOfItems(context, container);
  const options = (indent: string): RenderOptions => ({
    syntax: context.syntax,
    indent,
    unit: style.indentUnit,
    eol: style.eol,
    inFlow: context.syntax === 'yaml' && inFlow,
    symbols: view.symbols,
    reuse: reuseFrom(context, container),
    writer: context.writer,
  });
  const result: OffsetEdit[] = [];
  const alignment = align(oldTexts, newTexts, container.host.kind === 'map' ? (text) => keyOf(text) : undefined);
  let previousHostEnd: number | undefined;
  let firstKept = true;
  for (const step of alignment) {
    if (step.kind === 'keep') {
      const child = hostChildren[step.old];
      previousHostEnd = childEnd(child);
      firstKept = false;
      continue;
    }
    if (step.kind === 'remove') {
      result.push(removal(context, container, step.old));
      continue;
    }
    if (step.kind === 'change') {
      result.push(valueChange(context, container, step.old, newChildren[step.new], newText, options));
      previousHostEnd = childEnd(hostChildren[step.old]);
      firstKept = false;
      continue;
    }
    // Insert: after the previous kept item, or first.
    const node = newChildren[step.new];
    const rendered = renderChild(context, container, node, newText, itemIndent, options);
    if (previousHostEnd !== undefined) {
      result.push({ offset: previousHostEnd, length: 0, content: inFlow ? `${context.writer?.separator(container.host) ?? ','}${separatorAfterComma(context, container, itemIndent, style.eol)}${rendered}` : `${style.eol}${itemIndent}${rendered}` });
    } else if (hostChildren.length > 0 && firstKept) {
      const firstStart = childStart(hostChildren[0]);
      result.push({ offset: firstStart, length: 0, content: inFlow ? `${rendered},${separatorAfterComma(context, container, itemIndent, style.eol)}` : `${rendered}${style.eol}${itemIndent}` });
    } else if (inFlow) {
      const open = container.host.offset + 1;
      const close = container.host.end - 1;
      if (close < open) {
        // A collection missing its closing bracket (HCL being typed): there is no inside to write into.
        throw new Untranslatable();
      }
      result.push({ offset: open, length: close - open, content: rendered });
    } else {
      throw new Untranslatable();
    }
  }
  return mergeInsertions(result);
}

/** Insertions at the same offset, in order, as one edit. */
function mergeInsertions(edits: OffsetEdit[]): OffsetEdit[] {
  const merged: OffsetEdit[] = [];
  for (const edit of edits) {
    const previous = merged[merged.length - 1];
    if (previous && previous.length === 0 && edit.length === 0 && previous.offset === edit.offset) {
      previous.content += edit.content;
    } else {
      merged.push({ ...edit });
    }
  }
  return merged;
}

/** What follows a comma between items of a flow collection: a line break and indentation when its items are on lines of their own. */
function separatorAfterComma(context: TranslationContext, container: ViewContainer, itemIndent: string, eol: string): string {
  const first = container.children[0];
  return first && /^\s*$/.test(lineBefore(context.hostText, childStart(first))) ? `${eol}${itemIndent}` : ' ';
}

function childStart(child: ViewContainer['children'][number]): number {
  return child.keyHost?.offset ?? child.host?.offset ?? 0;
}

function childEnd(child: ViewContainer['children'][number]): number {
  return child.host?.end ?? child.keyHost?.end ?? 0;
}

/** The indentation of a container's items or keys (block YAML: the column of `- ` or of the keys). */
function indentOfItems(context: TranslationContext, container: ViewContainer): string {
  const first = container.children[0];
  if (!first) {
    return lineIndentAt(context.hostText, container.host.offset) + detectTextStyle(context.hostText).indentUnit;
  }
  const start = container.host.kind === 'seq' && !container.host.flow ? container.host.offset : childStart(first);
  const before = lineBefore(context.hostText, start);
  return /^\s*$/.test(before) ? before : ' '.repeat(before.length);
}

/** A new item or entry in the host's syntax, placed at `indent`. */
function renderChild(context: TranslationContext, container: ViewContainer, node: Node, text: string, indent: string, options: (indent: string) => RenderOptions): string {
  const inFlow = context.syntax === 'json' || container.host.flow;
  if (context.writer) {
    const [keyNode, valueNode] = container.host.kind === 'map' ? node.children ?? [] : [undefined, node];
    return context.writer.child(container.host, keyNode && String(keyNode.value), valueNode ? valueOf(valueNode, text) : null, options(indent));
  }
  if (container.host.kind === 'seq') {
    const value = valueOf(node, text);
    if (inFlow) {
      return renderValue(value, options(indent));
    }
    // The items' own indicator: `- ` or `-   ` as the first item writes it, the content under it.
    const first = container.host.items[0];
    const written = first && first.offset > container.host.offset && !context.hostText.slice(container.host.offset, first.offset).includes('\n') ? first.offset - container.host.offset : 2;
    const width = Math.max(written, 2);
    return `-${' '.repeat(width - 1)}${renderValue(value, options(`${indent}${' '.repeat(width)}`))}`;
  }
  const [keyNode, valueNode] = node.children ?? [];
  const name = String(keyNode?.value);
  const value = valueNode ? valueOf(valueNode, text) : null;
  const key = context.syntax === 'json' ? JSON.stringify(name) : yamlString(name, undefined, inFlow);
  const childOptions = options(inFlow ? indent : `${indent}${detectTextStyle(context.hostText).indentUnit}`);
  if (!inFlow && value !== null && typeof value === 'object' && Object.keys(value).length > 0 && childOptions.reuse(JSON.stringify(value)) === undefined) {
    return `${key}:${childOptions.eol}${childOptions.indent}${renderValue(value, childOptions)}`;
  }
  return `${key}: ${renderValue(value, childOptions)}`;
}

function valueOf(node: Node, text: string): unknown {
  return JSON.parse(text.slice(node.offset, node.offset + node.length)) as unknown;
}

/** Removes an item or entry with its line (block YAML) or with the comma next to it (flow, JSON). */
function removal(context: TranslationContext, container: ViewContainer, index: number): OffsetEdit {
  const child = container.children[index];
  const start = childStart(child);
  const end = childEnd(child);
  if (context.syntax === 'yaml' && !container.host.flow) {
    const itemStart = container.host.kind === 'seq' ? context.hostText.lastIndexOf('-', start) : start;
    const span = blockLineSpan(context.hostText, itemStart, end);
    return { ...span, content: '' };
  }
  const next = container.children[index + 1];
  const previous = container.children[index - 1];
  if (next) {
    return { offset: start, length: childStart(next) - start, content: '' };
  }
  if (previous) {
    const previousEnd = childEnd(previous);
    return { offset: previousEnd, length: end - previousEnd, content: '' };
  }
  return { offset: start, length: end - start, content: '' };
}

/** A changed item or entry value: a scalar rewritten in place, anything else written anew. */
function valueChange(context: TranslationContext, container: ViewContainer, index: number, node: Node, text: string, options: (indent: string) => RenderOptions): OffsetEdit {
  const child = container.children[index];
  const newValueNode = container.host.kind === 'map' ? node.children?.[1] : node;
  const host = child.host;
  if (!host || !newValueNode) {
    throw new Untranslatable();
  }
  const value = valueOf(newValueNode, text);
  if (host.kind === 'map' || host.kind === 'seq') {
    const nested = context.view.containers.find((candidate) => candidate.host === host);
    if (nested && newValueNode.type === (host.kind === 'map' ? 'object' : 'array')) {
      const nestedText = text.slice(newValueNode.offset, newValueNode.offset + newValueNode.length);
      const edits = containerChange(context, nested, [{ offset: nested.viewOffset, length: nested.viewEnd - nested.viewOffset, content: nestedText }]);
      if (edits.length === 1) {
        return edits[0];
      }
    }
  }
  const replace = (content: string, from = host.offset): OffsetEdit => ({ offset: from, length: host.end - from, content });
  if (value === null || typeof value !== 'object') {
    // A scalar written as the author wrote it keeps its style; a computed one is written anew.
    if (host.kind === 'scalar' && !holdsStandIn(context.view, child.valueViewOffset, child.viewEnd, 'any')) {
      return replace(context.writer ? context.writer.scalar(value, host) : context.syntax === 'json' ? JSON.stringify(value) : typeof value === 'string' ? yamlString(value, host.style, isInFlow(context, host)) : String(value));
    }
    return replace(renderValue(value, options(lineIndentAt(context.hostText, host.offset))));
  }
  if (context.syntax === 'yaml' && !container.host.flow) {
    const style = detectTextStyle(context.hostText);
    if (container.host.kind === 'map' && child.keyHost) {
      // key: value → key: and the new collection in block style on the lines below.
      const childIndent = lineIndentAt(context.hostText, child.keyHost.offset) + style.indentUnit;
      return replace(`:${style.eol}${childIndent}${renderValue(value, { ...options(childIndent), inFlow: false })}`, child.keyHost.end);
    }
    const itemIndent = ' '.repeat(lineBefore(context.hostText, host.offset).length);
    return replace(renderValue(value, { ...options(itemIndent), inFlow: false }));
  }
  return replace(renderValue(value, options(lineIndentAt(context.hostText, host.offset))));
}

/** A container replaced by a value of another kind (an object turned into an array of objects). */
function replaceContainer(context: TranslationContext, container: ViewContainer, root: Node, text: string): OffsetEdit {
  const style = detectTextStyle(context.hostText);
  const value = valueOf(root, text);
  const rendered = renderValue(value, { syntax: context.syntax, indent: lineIndentAt(context.hostText, container.host.offset), unit: style.indentUnit, eol: style.eol, inFlow: context.syntax === 'yaml', symbols: context.view.symbols, reuse: reuseFrom(context, container), writer: context.writer });
  return { offset: container.host.offset, length: container.host.end - container.host.offset, content: rendered };
}

/**
 * Host text to copy for a value already written in a container (single-line only, so it can move;
 * not a YAML block mapping or sequence, which cannot follow `key: ` or `- ` on one line).
 */
function reuseFrom(context: TranslationContext, container: ViewContainer): (viewJson: string) => string | undefined {
  const known = new Map<string, string>();
  const visit = (candidate: ViewContainer) => {
    for (const child of candidate.children) {
      const host = child.host;
      if (!host) {
        continue;
      }
      const source = context.hostText.slice(host.offset, host.end);
      const isBlock = (host.kind === 'map' || host.kind === 'seq') && !host.flow && context.syntax === 'yaml';
      if (!source.includes('\n') && !isBlock) {
        known.set(normalizedJson(context.view.text.slice(child.valueViewOffset, child.viewEnd)), source);
      }
    }
  };
  visit(container);
  for (const candidate of context.view.containers) {
    if (candidate !== container && candidate.viewOffset >= container.viewOffset && candidate.viewEnd <= container.viewEnd) {
      visit(candidate);
    }
  }
  return (viewJson) => known.get(normalizedJson(viewJson));
}

function normalizedJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** The key of a member's JSON text (`"Effect": "Allow"` → `Effect`). */
function keyOf(text: string): string | undefined {
  const node = parseTree(`{${text}}`);
  const key = node?.children?.[0]?.children?.[0]?.value as unknown;
  return typeof key === 'string' ? key : undefined;
}

type AlignmentStep = { kind: 'keep'; old: number; new: number } | { kind: 'remove'; old: number } | { kind: 'insert'; new: number } | { kind: 'change'; old: number; new: number };

/**
 * Lines up old and new children: equal texts are kept (longest common subsequence); for mappings,
 * a member whose key stays but whose value differs is a change; for sequences, a removal followed
 * by an insertion at the same place is a change.
 */
function align(oldTexts: string[], newTexts: string[], keyOfText: ((text: string) => string | undefined) | undefined): AlignmentStep[] {
  const normalize = (text: string) => normalizedJson(keyOfText ? `{${text}}` : text);
  const olds = oldTexts.map(normalize);
  const news = newTexts.map(normalize);
  const lengths: number[][] = Array.from({ length: olds.length + 1 }, () => new Array<number>(news.length + 1).fill(0));
  for (let i = olds.length - 1; i >= 0; i--) {
    for (let j = news.length - 1; j >= 0; j--) {
      lengths[i][j] = olds[i] === news[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const steps: AlignmentStep[] = [];
  let i = 0;
  let j = 0;
  while (i < olds.length || j < news.length) {
    if (i < olds.length && j < news.length && olds[i] === news[j]) {
      steps.push({ kind: 'keep', old: i++, new: j++ });
    } else if (i < olds.length && j < news.length && (keyOfText ? keyOfText(oldTexts[i]) === keyOfText(newTexts[j]) : lengths[i + 1][j + 1] === lengths[i][j])) {
      steps.push({ kind: 'change', old: i++, new: j++ });
    } else if (j < news.length && (i >= olds.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      steps.push({ kind: 'insert', new: j++ });
    } else {
      steps.push({ kind: 'remove', old: i++ });
    }
  }
  return steps;
}
