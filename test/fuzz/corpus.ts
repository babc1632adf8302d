/* S3 Bucket Policy — MIT License. */
/**
 * The project's own policies, the seeds the fuzzer mutates: examples/, the JSON test fixtures, the
 * snippets filled in (with their placeholders and with sample values) and the examples of the rule
 * docs. All written for this project; nothing is fetched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A seed document and where it came from. */
export interface Seed {
  source: string;
  text: string;
}

/** Seeds larger than this are left out: the fuzzer times documents up to S3's 20 KB, and large seeds slow every run. */
const MAX_SEED_LENGTH = 20 * 1024;

/** Sample values for the snippets' tab stops, by placeholder text. */
const SAMPLE_VALUES: Record<string, string> = {
  'your-bucket-name': 'acme-fuzz-assets',
  'your-account-id': '210987654321',
  'your-vpce-id': 'vpce-0a1b2c3d4e5f67890',
  'your-vpc-id': 'vpc-0a1b2c3d4e5f67890',
};

/** Fixture folders that hold no policy files: the templates (test/fuzz/templates.ts mutates those). */
const NOT_POLICY_SEEDS = new Set(['templates']);

function jsonFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) {
    return [];
  }
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return NOT_POLICY_SEEDS.has(entry.name) ? [] : jsonFiles(full);
    }
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/** A snippet body with its tab stops replaced: by their default text, or by sample values. */
export function fillSnippet(body: string, withSamples: boolean): string {
  const defaults = new Map<string, string>();
  for (const match of body.matchAll(/\$\{(\d+):([^}]*)\}/g)) {
    defaults.set(match[1], withSamples ? SAMPLE_VALUES[match[2]] ?? match[2] : match[2]);
  }
  return body
    .replace(/\$\{(\d+):[^}]*\}/g, (_, index: string) => defaults.get(index) ?? '')
    .replace(/\$\{(\d+)\|([^,|}]*)[^}]*\}/g, (_, _index: string, first: string) => first)
    .replace(/\$(\d+)/g, (_, index: string) => defaults.get(index) ?? '');
}

function snippetSeeds(root: string): Seed[] {
  const file = path.join(root, 'snippets/s3-bucket-policy.json');
  if (!fs.existsSync(file)) {
    return [];
  }
  const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { body: string[] | string }>;
  return Object.entries(snippets).flatMap(([name, snippet]) => {
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    return [
      { source: `snippet "${name}" (placeholders)`, text: fillSnippet(body, false) },
      { source: `snippet "${name}" (sample values)`, text: fillSnippet(body, true) },
    ];
  });
}

function ruleDocSeeds(root: string): Seed[] {
  const directory = path.join(root, 'docs/rules');
  if (!fs.existsSync(directory)) {
    return [];
  }
  return fs.readdirSync(directory).filter((file) => file.endsWith('.md')).sort().flatMap((file) => {
    const markdown = fs.readFileSync(path.join(directory, file), 'utf8');
    return [...markdown.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((match, index) => ({ source: `docs/rules/${file} example ${index + 1}`, text: match[1] }));
  });
}

/** Every seed, in a stable order, from the repository at `root`. */
export function loadCorpus(root: string): Seed[] {
  const files = [...jsonFiles(path.join(root, 'examples')), ...jsonFiles(path.join(root, 'test/fixtures'))].sort();
  const fileSeeds = files.map((file) => ({ source: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }));
  return [...fileSeeds, ...snippetSeeds(root), ...ruleDocSeeds(root)].filter((seed) => seed.text.length <= MAX_SEED_LENGTH);
}
