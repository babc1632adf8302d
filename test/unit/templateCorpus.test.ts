/* S3 Bucket Policy — MIT License. */
/**
 * The template corpus (test/fixtures/templates): CloudFormation, SAM, CDK-synthesized and Serverless
 * Framework templates written for this project, and YAML/JSON files that are not templates. Each
 * file's findings, read as the CLI reads it, must equal its entry in manifest.json exactly: rule id,
 * line and the text underlined, in document order, with the document's kind and the logical ids of
 * its bucket policies. An entry with `knownIssues` expects what should happen; the service does
 * otherwise today (test/unit/hosts/knownIssues.md), so its test is `todo`, and a separate test fails
 * as soon as it passes, so that the marker goes when the bug does.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_LINT_SETTINGS } from '../../server/src/service/policyLanguageService';
import { ALL_RULE_DESCRIPTIONS as ALL_RULES } from '../../server/src/service/ruleRegistry';
import { hosted, LineFinding, lineFinding, readTemplate } from '../helpers/templateTest';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/templates');
const KNOWN_ISSUES = path.resolve(__dirname, '../../../test/unit/hosts/knownIssues.md');

interface ManifestEntry {
  summary: string;
  kind: 'cloudformation' | 'none';
  policies: string[];
  findings: LineFinding[];
  /** Ids of knownIssues.md whose fix this entry waits for. */
  knownIssues?: string[];
  /** YAML or JSON syntax problems the CLI reports (none unless given). */
  syntaxProblems?: number;
}

const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { templates: Record<string, ManifestEntry> };
const entries = Object.entries(manifest.templates);

/** The corpus files, relative to it, with forward slashes. */
function corpusFiles(directory = ''): string[] {
  return fs.readdirSync(path.join(CORPUS, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = directory === '' ? entry.name : `${directory}/${entry.name}`;
    if (entry.isDirectory()) {
      return corpusFiles(relative);
    }
    return relative === 'manifest.json' ? [] : [relative];
  }).sort();
}

/** What a file gives today, in the manifest's shape. */
function actual(file: string): Pick<ManifestEntry, 'kind' | 'policies' | 'findings' | 'syntaxProblems'> {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  const host = readTemplate(text, file);
  return {
    kind: host.kind as ManifestEntry['kind'],
    policies: host.policies.map((policy) => policy.name ?? ''),
    findings: hosted.findProblems(host, DEFAULT_LINT_SETTINGS).map((finding) => lineFinding(text, finding)),
    syntaxProblems: host.syntaxProblems.length,
  };
}

function expected(entry: ManifestEntry): ReturnType<typeof actual> {
  return { kind: entry.kind, policies: entry.policies, findings: entry.findings, syntaxProblems: entry.syntaxProblems ?? 0 };
}

/** What the corpus must hold, by content: issue 16's list, each with how to recognise it and how many files at least. */
const REQUIRED_SHAPES: [string, (file: string, text: string) => boolean, number][] = [
  ['YAML templates', (file, text) => /\.ya?ml$/.test(file) && /^Resources:/m.test(text), 20],
  ['JSON templates', (file, text) => /\.(json|template)$/.test(file) && /"Resources"/.test(text) && /"Type": "AWS::/.test(text), 8],
  ['short !Sub', (_, text) => /!Sub '/.test(text), 10],
  ['long Fn::Sub: in YAML', (file, text) => /\.ya?ml$/.test(file) && /Fn::Sub:/.test(text), 1],
  ['a policy in a !Sub | block', (_, text) => /PolicyDocument: !Sub \|/.test(text), 1],
  ['a policy as a quoted JSON string in a JSON template', (_, text) => /"PolicyDocument": "\{/.test(text), 1],
  ['SAM', (_, text) => /AWS::Serverless-2016-10-31/.test(text), 2],
  ['CDK output', (file, text) => file.endsWith('.template.json') && /aws:cdk:path/.test(text) && !/AWSTemplateFormatVersion/.test(text) && /"Fn::Join": \[\s*"",\s*\[\s*\{\s*"Fn::GetAtt"/.test(text), 3],
  ['several bucket policies in one template', (_, text) => (text.match(/AWS::S3::BucketPolicy/g) ?? []).length >= 2, 3],
  ['Fn::If with AWS::NoValue', (_, text) => /(!If|Fn::If)/.test(text) && /AWS::NoValue/.test(text), 2],
  ['a parameter without Default', (_, text) => /Parameters:\n {2}\w+:\n {4}Type: String\n(?! {4}Default)/.test(text), 2],
  ['a parameter with Default', (_, text) => /Default: /.test(text) && /Parameters:/.test(text), 2],
  ['!Ref VpceId in a condition', (_, text) => /aws:SourceVpce: !Ref VpceId/.test(text), 1],
  ['serverless.yml resources.Resources', (file, text) => /serverless\.ya?ml$/.test(file) && /^resources:\n {2}Resources:/m.test(text), 2],
  ['a Kubernetes manifest', (_, text) => /^apiVersion: /m.test(text) && /^kind: /m.test(text), 2],
  ['a GitHub workflow', (_, text) => /^on:/m.test(text) && /^jobs:/m.test(text), 1],
  ['an OpenAPI document', (_, text) => /^openapi: /m.test(text), 1],
  ['a docker-compose file', (_, text) => /^services:/m.test(text) && /image: /.test(text), 1],
];

describe('template corpus', () => {
  it('has at least 40 templates, each listed in manifest.json, and no entry without its file', () => {
    const files = corpusFiles();
    assert.ok(files.length >= 40, `only ${files.length} files`);
    assert.deepEqual(files, entries.map(([file]) => file).sort());
  });

  it('holds every shape issue 16 asks for', () => {
    const texts = corpusFiles().map((file) => [file, fs.readFileSync(path.join(CORPUS, file), 'utf8')] as const);
    for (const [shape, test, least] of REQUIRED_SHAPES) {
      const count = texts.filter(([file, text]) => test(file, text)).length;
      assert.ok(count >= least, `${shape}: ${count} files, at least ${least} wanted`);
    }
  });

  it('names existing rules (or, waiting on a known issue, a rule it proposes) and known issues that are written down', () => {
    const ruleIds = new Set(ALL_RULES.map((rule) => rule.id));
    const issues = fs.readFileSync(KNOWN_ISSUES, 'utf8');
    for (const [file, entry] of entries) {
      assert.ok(entry.summary.trim().length > 0, file);
      for (const id of entry.knownIssues ?? []) {
        assert.match(issues, new RegExp(`^## ${id}:`, 'm'), `${file}: ${id} is not in knownIssues.md`);
      }
      const proposed = (rule: string) => entry.knownIssues !== undefined && issues.includes(`| \`${rule}\` |`);
      const unknown = entry.findings.filter((finding) => !ruleIds.has(finding.rule) && !proposed(finding.rule));
      assert.deepEqual(unknown, [], file);
    }
  });

  it('gives nothing to a file that is not a template, and checks nothing in a template without bucket policies', () => {
    for (const [file, entry] of entries.filter(([name]) => name.startsWith('none/'))) {
      assert.deepEqual(entry.policies, [], file);
      assert.deepEqual(entry.findings, [], file);
    }
  });

  it('marks only entries that still differ as known issues (remove the marker of one that passes)', () => {
    const passing = entries.filter(([file, entry]) => entry.knownIssues && isDeepStrictEqual(actual(file), expected(entry))).map(([file]) => file);
    assert.deepEqual(passing, []);
  });

  for (const [file, entry] of entries) {
    const todo = entry.knownIssues ? `waits for ${entry.knownIssues.join(', ')} (test/unit/hosts/knownIssues.md)` : undefined;
    it(`${file}: ${entry.findings.length} finding(s)`, { todo }, () => {
      assert.deepEqual(actual(file), expected(entry), `${file} (${entry.summary})`);
    });
  }
});
