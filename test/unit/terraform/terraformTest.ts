/* S3 Bucket Policy — MIT License. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getHostedLanguageService } from '../../../server/src/service/hostedLanguageService';
import type { HostDocument } from '../../../server/src/service/hosts/embeddedPolicy';
import { getPolicyLanguageService } from '../../../server/src/service/policyLanguageService';
import type { PolicyFinding, PolicyLintSettings } from '../../../server/src/service/policyLanguageTypes';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../../server/src/service/policyRecognition';
import { loadTerraformParser } from '../../../server/src/cli/terraformWasm';
import type { Random } from '../../fuzz/random';

/** The Terraform corpus: test/fixtures/terraform (tests run from out/test/unit/terraform). */
export const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/terraform');

export const hosted = getHostedLanguageService(getPolicyLanguageService());
export const SETTINGS: PolicyLintSettings = { rules: {}, reportSyntaxErrors: 'all' };

/** Loads the HCL parser once (the wasm from node_modules); throws when it does not load. */
export async function ready(): Promise<void> {
  const error = await loadTerraformParser();
  if (error) {
    throw error;
  }
}

export function read(text: string, file: string): HostDocument {
  return hosted.read(text, file, undefined, DEFAULT_RECOGNITION_SETTINGS);
}

export function lint(text: string, file: string): PolicyFinding[] {
  return hosted.findProblems(read(text, file), SETTINGS);
}

export function fixAll(text: string, file: string): string {
  return hosted.fixAll(text, file, undefined, DEFAULT_RECOGNITION_SETTINGS, SETTINGS).text;
}

/** A finding as the manifest writes it: line (1-based), rule, underlined text. */
export function describe(text: string, finding: PolicyFinding): string {
  const line = text.slice(0, finding.offset).split('\n').length;
  return `${line} ${finding.ruleId} ${JSON.stringify(text.slice(finding.offset, finding.offset + finding.length))}`;
}

export function corpusFiles(): string[] {
  return fs.readdirSync(CORPUS).filter((file) => file !== 'manifest.json').sort();
}

/** A random edit of `text`: characters inserted (some outside ASCII, one outside the BMP), deleted or replaced. */
export function randomEdit(random: Random, text: string): string {
  const inserts = ['"', '{', '}', '=', '\n', ' ', 'x', '€', 'é', '😀', '${', '<<EOF\n', ',', ']'];
  let at = random.int(text.length + 1);
  // Never between the halves of a surrogate pair: editors edit whole characters.
  if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at])) {
    at--;
  }
  let length = random.int(3) === 0 ? random.int(6) : 0;
  if (at + length < text.length && /[\uDC00-\uDFFF]/.test(text[at + length])) {
    length++;
  }
  const insert = random.int(3) === 0 ? '' : inserts[random.int(inserts.length)];
  return text.slice(0, at) + insert + text.slice(at + length);
}
