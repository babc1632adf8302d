/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { SettingsCache } from '../../server/src/lsp/settings';
import { RULE_DOCS_BASE_URL } from '../../server/src/service/policyLanguageTypes';
import { DEFAULT_POLICY_FILE_GLOBS } from '../../server/src/service/policyRecognition';
import { ALL_RULE_DESCRIPTIONS as ALL_RULES } from '../../server/src/service/ruleRegistry';

/** The parts of a `contributes.configuration` property these tests read. */
interface SettingSchema {
  type: string;
  enum?: string[];
  default?: unknown;
  scope?: string;
  markdownDescription?: string;
}

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents?: string[];
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
const REGENERATE = 'package.json disagrees with the rule registry: run `npm run generate-settings`';

/** `^1.91.0` or `1.91.0` → [1, 91, 0]. */
function versionOf(range: string): number[] {
  const match = /^[\^~]?(\d+)\.(\d+)\.(\d+)$/.exec(range);
  assert.ok(match, `"${range}" is not a plain version or caret range`);
  return match.slice(1).map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** What VS Code hands the server for `getConfiguration('s3Policy')` when nothing is set: the defaults, with dotted keys nested. */
function nestedDefaults(): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const segments = key.split('.').slice(1);
    let target = nested;
    for (const segment of segments.slice(0, -1)) {
      target = (target[segment] ??= {}) as Record<string, unknown>;
    }
    target[segments[segments.length - 1]] = schema.default;
  }
  return nested;
}

describe('package.json', () => {
  it('has one s3Policy.lint.<ruleId> setting per rule, in registry order, and no other', () => {
    const lintKeys = Object.keys(properties).filter((key) => key.startsWith('s3Policy.lint.'));
    assert.deepEqual(lintKeys, ALL_RULES.map((rule) => `s3Policy.lint.${rule.id}`), REGENERATE);
  });

  for (const rule of ALL_RULES) {
    it(`describes s3Policy.lint.${rule.id} as the registry does`, () => {
      const setting = properties[`s3Policy.lint.${rule.id}`];
      assert.ok(setting, REGENERATE);
      assert.deepEqual(
        { type: setting.type, enum: setting.enum, default: setting.default, scope: setting.scope },
        { type: 'string', enum: ['off', 'information', 'warning', 'error'], default: rule.defaultSeverity, scope: 'resource' },
        REGENERATE,
      );
      const description = setting.markdownDescription ?? '';
      assert.ok(description.replace(/\\(.)/g, '$1').startsWith(rule.description), REGENERATE);
      assert.ok(description.includes(`(${RULE_DOCS_BASE_URL}${rule.id}.md)`), REGENERATE);
    });
  }

  it('has the recognition and trace settings with the service defaults', () => {
    assert.deepEqual(properties['s3Policy.files'], { ...properties['s3Policy.files'], type: 'array', default: DEFAULT_POLICY_FILE_GLOBS, scope: 'resource' }, REGENERATE);
    assert.deepEqual(properties['s3Policy.detectByContent'], { ...properties['s3Policy.detectByContent'], type: 'boolean', default: true, scope: 'resource' }, REGENERATE);
    assert.deepEqual(properties['s3Policy.trace.server'], { ...properties['s3Policy.trace.server'], enum: ['messages', 'verbose'], default: 'messages', scope: 'window' }, REGENERATE);
  });

  it('gives every setting a scope and a description', () => {
    for (const [key, schema] of Object.entries(properties)) {
      assert.match(key, /^s3Policy\./);
      assert.ok(schema.scope, `${key} has no scope`);
      assert.ok(schema.markdownDescription ?? (schema as { description?: string }).description, `${key} has no description`);
    }
  });

  it('nests into the shape the language server reads', async () => {
    const connection = { workspace: { getConfiguration: () => Promise.resolve(nestedDefaults()) } } as unknown as Connection;
    const settings = await new SettingsCache(connection, () => true).get('file:///bucket-policy.json');
    assert.deepEqual(settings.recognition, { files: DEFAULT_POLICY_FILE_GLOBS, detectByContent: true });
    assert.deepEqual(settings.rules, Object.fromEntries(ALL_RULES.map((rule) => [rule.id, rule.defaultSeverity])));
  });

  it('supports VS Code 1.100 and older, with @types/vscode no newer than engines.vscode', () => {
    const engine = versionOf(manifest.engines.vscode);
    assert.ok(compareVersions(engine, [1, 100, 0]) <= 0, `engines.vscode ${manifest.engines.vscode} excludes VS Code 1.100 (code-server 4.100)`);
    const types = versionOf(manifest.devDependencies['@types/vscode']);
    assert.ok(compareVersions(types, engine) <= 0, `@types/vscode ${manifest.devDependencies['@types/vscode']} is newer than engines.vscode ${manifest.engines.vscode}: the code could use API the minimum version lacks`);
  });

  it('never activates on "*"', () => {
    assert.ok(!(manifest.activationEvents ?? []).includes('*'), 'activationEvents must not contain "*"');
  });
});
