/* S3 Bucket Policy — MIT License. */
import { Language, Node, Parser, Tree } from 'web-tree-sitter';

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

/** Parses HCL text; undefined until the parser is initialized (or if tree-sitter gives up). */
export function parseHcl(text: string): Tree | undefined {
  return parser?.parse(text) ?? undefined;
}

export type { Node as HclNode, Tree as HclTree };
