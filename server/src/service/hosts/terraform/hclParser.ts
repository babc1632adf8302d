/* S3 Bucket Policy — MIT License. */
import { Edit, Language, Node, Parser, Point, Tree } from 'web-tree-sitter';

/**
 * The HCL parser: web-tree-sitter with the Terraform grammar of `@tree-sitter-grammars/tree-sitter-hcl`.
 * Loading WebAssembly is asynchronous, the service is not: the language server and the CLI call
 * `initTerraformParser` once at start with the bytes of the two `.wasm` files (read next to their
 * bundle, or their paths), and until that has finished Terraform files are simply not read (no findings, no crash).
 * Taking bytes rather than paths keeps this module free of file access, so it can run in a web worker.
 */
let parser: Parser | undefined;
let initializing: Promise<void> | undefined;

/** Where the core WebAssembly is: its bytes, or a function giving its URL or path (Emscripten's `locateFile`). */
export type CoreWasm = Uint8Array | ((file: string, prefix: string) => string);

/**
 * Loads web-tree-sitter and the Terraform grammar (its bytes, or a path or URL web-tree-sitter
 * fetches itself); later calls return the first call's promise.
 */
export function initTerraformParser(coreWasm: CoreWasm, grammarWasm: Uint8Array | string): Promise<void> {
  initializing ??= (async () => {
    await Parser.init(coreWasm instanceof Uint8Array ? { wasmBinary: coreWasm } : { locateFile: coreWasm });
    const language = await Language.load(grammarWasm);
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })();
  return initializing;
}

/** True once `initTerraformParser` has finished. */
export function isTerraformParserReady(): boolean {
  return parser !== undefined;
}

/** Parses HCL text; undefined until the parser is initialized (or if tree-sitter gives up). The caller deletes the tree. */
export function parseHcl(text: string): Tree | undefined {
  return parser?.parse(text) ?? undefined;
}

/**
 * The last tree parsed for each of the few files read most recently, by path: the next text of the
 * file is parsed incrementally from it (tree-sitter reuses the subtrees the edit left alone), and
 * the same text again is not parsed at all. Each entry is deleted when it is replaced or evicted.
 */
const kept = new Map<string, { text: string; tree: Tree }>();

/** How many files keep their last tree: a module's files, read again for each edit of one of them. */
const KEPT_TREES = 32;

/**
 * Parses the text of the file at `path` (`''` for a document without one), incrementally from the
 * tree its previous text was parsed into. Returns a copy of the kept tree (cheap: tree-sitter
 * shares the nodes) that the caller deletes, as with `parseHcl`.
 */
export function parseHclFile(path: string, text: string): Tree | undefined {
  if (!parser) {
    return undefined;
  }
  const previous = kept.get(path);
  kept.delete(path);
  let tree: Tree | null;
  if (previous?.text === text) {
    tree = previous.tree;
  } else if (previous) {
    previous.tree.edit(editBetween(previous.text, text));
    tree = parser.parse(text, previous.tree);
    previous.tree.delete();
  } else {
    tree = parser.parse(text);
  }
  if (!tree) {
    return undefined;
  }
  kept.set(path, { text, tree });
  for (const [evicted, entry] of kept) {
    if (kept.size <= KEPT_TREES) {
      break;
    }
    entry.tree.delete();
    kept.delete(evicted);
  }
  return tree.copy();
}

/** Deletes every kept tree: the next parse of each file is a whole parse (for tests and benchmarks of a first read). */
export function forgetKeptTrees(): void {
  kept.forEach((entry) => entry.tree.delete());
  kept.clear();
}

/** How many trees are kept for incremental parsing (for tests). */
export function keptTreeCount(): number {
  return kept.size;
}

/** The row and column (UTF-16 code units, as web-tree-sitter counts them for a JavaScript string) of an offset. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline >= 0 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    row++;
    lineStart = newline + 1;
  }
  return { row, column: offset - lineStart };
}

/** True for the first half of a UTF-16 surrogate pair. */
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The edit that turns `before` into `after`: the span between their common prefix and suffix,
 * widened so it does not split a surrogate pair. Offsets in UTF-16 code units, as the nodes' indices.
 */
export function editBetween(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) {
    start++;
  }
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) {
    start--;
  }
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (oldEnd < before.length && isHighSurrogate(before.charCodeAt(oldEnd - 1))) {
    oldEnd++;
    newEnd++;
  }
  return new Edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: pointAt(before, start), oldEndPosition: pointAt(before, oldEnd), newEndPosition: pointAt(after, newEnd) });
}

export type { Node as HclNode, Tree as HclTree };
