/* S3 Bucket Policy — MIT License. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initTerraformParser } from '../service/hosts/terraform/hclParser';

/** The WebAssembly files the Terraform parser needs, and the package each comes from. */
const FILES: [string, string][] = [
  ['web-tree-sitter.wasm', 'web-tree-sitter'],
  ['tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl'],
];

/** A wasm file: next to the bundle (esbuild.mjs copies it there), else in the package (tests run from out/server/src/cli). */
function readWasm(name: string, packageName: string): Uint8Array {
  const beside = path.join(__dirname, name);
  return fs.readFileSync(fs.existsSync(beside) ? beside : path.resolve(__dirname, '../../../../node_modules', packageName, name));
}

/**
 * Loads the Terraform parser for the CLI and the tests. A failure is returned, not
 * thrown: Terraform files are then left unread and everything else works.
 */
export async function loadTerraformParser(): Promise<Error | undefined> {
  try {
    const [core, grammar] = FILES.map(([name, packageName]) => readWasm(name, packageName));
    await initTerraformParser(core, grammar);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
