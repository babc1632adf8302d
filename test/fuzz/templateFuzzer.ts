/* S3 Bucket Policy — MIT License. */
/**
 * The template fuzzer: CloudFormation templates (YAML and JSON) with bucket policies, generated from
 * a seed or taken from test/fixtures/templates, then mutated the ways editing and copying break
 * them (truncation, broken indentation, tabs, tags, anchors and aliases, duplicated keys, deleted
 * and repeated spans). Each document is read through the hosted language service as YAML and as
 * JSON, and must keep these properties: nothing throws; every finding's range is inside the
 * document; every fix's edits are in range and disjoint; fix-all leaves a document that still
 * parses when it parsed before (YAML: no errors if it had none; JSON: JSON.parse). Used by
 * test/fuzz/templateFuzz.test.ts (a fixed seed) and `npm run fuzz`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { getHostedLanguageService } from '../../server/src/service/hostedLanguageService';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import type { PolicyFinding } from '../../server/src/service/policyLanguageTypes';
import type { ModuleFiles } from '../../server/src/service/hosts/terraform/moduleFiles';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../server/src/service/policyRecognition';
import type { Violation } from './properties';
import { Random } from './random';
import { shrink } from './shrink';

const hosted = getHostedLanguageService(getPolicyLanguageService());

/** A template document: its text and the syntax it is read in. */
export interface TemplateCase {
  kind: string;
  syntax: 'yaml' | 'json';
  text: string;
}

/** What to run. */
export interface TemplateFuzzOptions {
  root: string;
  count: number;
  seed: number;
}

/** A failure, with the document as generated and as shrunk. */
export interface TemplateFuzzFailure {
  index: number;
  kind: string;
  syntax: 'yaml' | 'json';
  violation: Violation;
  document: string;
  minimal: string;
}

/** The outcome of a run of a host fuzzer (templates, Terraform). */
export interface HostFuzzReport<Failure> {
  seed: number;
  documents: number;
  /** Documents in which at least one bucket policy was found, findings and fixes checked. */
  withPolicies: number;
  findings: number;
  fixes: number;
  elapsedMs: number;
  failure: Failure | undefined;
}

/** The outcome of a run of the template fuzzer. */
export type TemplateFuzzReport = HostFuzzReport<TemplateFuzzFailure>;

// ----- generation -----

const ACTIONS = ['s3:GetObject', 's3:ListBucket', 'S3:PutObject', 's3:*', '*', 's3:getobject', 's3:GetBucketAcl', 's3:DeleteObject', 'sqs:SendMessage', 's3:Get*'];
const EFFECTS = ['Allow', 'Deny', 'allow', 'DENY'];

/** A value of the policy in the template's terms: literals and intrinsic functions, short or long. */
type Value = string | number | boolean | Value[] | { [key: string]: Value } | { tag: string; argument: Value };

function resourceOf(random: Random, bucket: string, objects: boolean): Value {
  const suffix = objects ? '/*' : '';
  return random.pick<Value>([
    objects ? { tag: 'Sub', argument: `\${${bucket}.Arn}/*` } : { tag: 'GetAtt', argument: `${bucket}.Arn` },
    { tag: 'Join', argument: ['', [{ tag: 'GetAtt', argument: [bucket, 'Arn'] }, suffix]] },
    { tag: 'Sub', argument: `arn:\${AWS::Partition}:s3:::\${${bucket}}${suffix}` },
    `arn:aws:s3:::acme-fuzz-bucket${suffix}`,
    { tag: 'Ref', argument: 'ResourceParam' },
    { tag: 'If', argument: ['IsProd', { tag: 'Sub', argument: `\${${bucket}.Arn}${suffix}` }, { tag: 'Ref', argument: 'AWS::NoValue' }] },
  ]);
}

function statementOf(random: Random, bucket: string): Value {
  const statement: { [key: string]: Value } = {};
  if (random.chance(0.6)) {
    statement.Sid = random.pick(['Readers', 'HttpsOnly', 'Write1', 'dup']);
  }
  statement.Effect = random.pick(EFFECTS);
  statement.Principal = random.pick<Value>(['*', { AWS: '*' }, { AWS: { tag: 'GetAtt', argument: 'Role.Arn' } }, { AWS: { tag: 'Sub', argument: 'arn:aws:iam::${AWS::AccountId}:root' } }, { Service: 'cloudfront.amazonaws.com' }, { AWS: { tag: 'ImportValue', argument: 'other-RoleArn' } }]);
  const actions = Array.from({ length: random.between(1, 3) }, () => random.pick(ACTIONS));
  statement.Action = actions.length === 1 && random.chance(0.5) ? actions[0] : actions;
  const resources = Array.from({ length: random.between(1, 2) }, () => resourceOf(random, bucket, random.chance(0.5)));
  statement.Resource = resources.length === 1 && random.chance(0.5) ? resources[0] : resources;
  if (random.chance(0.5)) {
    statement.Condition = random.pick<Value>([
      { Bool: { 'aws:SecureTransport': random.pick<Value>(['false', false, 'no', 'true']) } },
      { StringNotEquals: { 'aws:SourceVpce': { tag: 'Ref', argument: 'VpceId' } } },
      { StringEquals: { 'aws:SourceArn': { tag: 'Sub', argument: 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${Distribution}' } } },
      { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', { tag: 'Ref', argument: 'Cidr' }] } },
    ]);
  }
  return random.chance(0.1) ? { tag: 'If', argument: ['IsProd', statement, { tag: 'Ref', argument: 'AWS::NoValue' }] } : statement;
}

function templateOf(random: Random): { [key: string]: Value } {
  const resources: { [key: string]: Value } = {};
  for (let index = 0; index < random.between(1, 3); index++) {
    const bucket = `Bucket${index}`;
    resources[bucket] = { Type: 'AWS::S3::Bucket' };
    const policy: { [key: string]: Value } = { Statement: Array.from({ length: random.between(1, 3) }, () => statementOf(random, bucket)) };
    if (random.chance(0.8)) {
      policy.Version = random.pick(['2012-10-17', '2008-10-17', '2012-10-18']);
    }
    resources[`${bucket}Policy`] = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { tag: 'Ref', argument: bucket }, PolicyDocument: policy } };
  }
  resources.Role = { Type: 'AWS::IAM::Role' };
  const template: { [key: string]: Value } = {};
  if (random.chance(0.5)) {
    template.AWSTemplateFormatVersion = '2010-09-09';
  }
  if (random.chance(0.2)) {
    template.Transform = 'AWS::Serverless-2016-10-31';
  }
  template.Parameters = { VpceId: { Type: 'String' }, Cidr: { Type: 'String', Default: '198.51.100.0/24' }, ResourceParam: { Type: 'String' } };
  template.Conditions = { IsProd: { tag: 'Equals', argument: ['a', 'b'] } };
  template.Resources = resources;
  return template;
}

const isCall = (value: Value): value is { tag: string; argument: Value } => typeof value === 'object' && value !== null && !Array.isArray(value) && 'tag' in value && 'argument' in value && Object.keys(value).length === 2;

/** JSON: a call is `{"Ref": …}` or `{"Fn::X": …}`; GetAtt's dotted form becomes a list. */
function toJson(value: Value): unknown {
  if (isCall(value)) {
    const argument = value.tag === 'GetAtt' && typeof value.argument === 'string' ? value.argument.split('.') : value.argument;
    return { [value.tag === 'Ref' ? 'Ref' : `Fn::${value.tag}`]: toJson(argument) };
  }
  if (Array.isArray(value)) {
    return value.map(toJson);
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  }
  return value;
}

function yamlScalar(random: Random, value: string | number | boolean, inFlow: boolean): string {
  if (typeof value !== 'string') {
    return String(value);
  }
  const plainSafe = /^[A-Za-z0-9][\w:/.*${}!-]*$/.test(value) && !/^(true|false|yes|no|null|\d[\d-]*)$/i.test(value) && !(inFlow && /[{}]/.test(value)) && !value.includes('${') || /^arn:[\w:/.*-]*$/.test(value);
  const style = random.int(3);
  if (style === 0 && plainSafe) {
    return value;
  }
  return style === 1 ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
}

/** YAML in a random mix of block and flow, short and long intrinsic forms, quoting styles. */
function toYaml(random: Random, value: Value, indent: string, inFlow: boolean): string {
  if (isCall(value)) {
    const long = value.tag === 'Ref' ? 'Ref' : `Fn::${value.tag}`;
    if (random.chance(0.7) || inFlow) {
      const argument = value.argument;
      const nestedCall = isCall(argument);
      return nestedCall ? `{${long}: ${toYaml(random, argument, indent, true)}}` : `!${value.tag} ${toYaml(random, argument, indent, true)}`;
    }
    return `\n${indent}${long}: ${toYaml(random, value.argument, `${indent}  `, false)}`;
  }
  if (Array.isArray(value)) {
    if (inFlow || value.length === 0 || random.chance(0.3)) {
      return `[${value.map((item) => toYaml(random, item, indent, true)).join(', ')}]`;
    }
    return value.map((item) => `\n${indent}- ${toYaml(random, item, `${indent}  `, false).replace(/^\n\s*/, '')}`).join('');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (inFlow || entries.length === 0 || random.chance(indent.length < 8 ? 0.02 : 0.15)) {
      return `{${entries.map(([key, item]) => `${yamlScalar(random, key, true)}: ${toYaml(random, item, indent, true)}`).join(', ')}}`;
    }
    return entries.map(([key, item]) => {
      const rendered = toYaml(random, item, `${indent}  `, false);
      return `\n${indent}${yamlScalar(random, key, false)}:${rendered.startsWith('\n') ? '' : ' '}${rendered}`;
    }).join('');
  }
  return yamlScalar(random, value, inFlow);
}

/** A generated template in YAML or JSON. */
export function generateTemplate(random: Random): TemplateCase {
  const template = templateOf(random);
  if (random.chance(0.35)) {
    const indent = random.pick([undefined, 1, 2, 4]);
    return { kind: 'generated-json', syntax: 'json', text: `${JSON.stringify(toJson(template), null, indent)}\n` };
  }
  const text = toYaml(random, template, '', false).replace(/^\n/, '');
  return { kind: 'generated-yaml', syntax: 'yaml', text: `${text}\n` };
}

// ----- mutation -----

function lines(text: string): string[] {
  return text.split('\n');
}

const MUTATIONS: [string, (random: Random, text: string) => string][] = [
  ['truncate', (random, text) => text.slice(0, random.int(text.length + 1))],
  ['indent', (random, text) => {
    const all = lines(text);
    const at = random.int(all.length);
    all[at] = random.chance(0.5) ? ' '.repeat(random.between(1, 3)) + all[at] : all[at].replace(/^ {1,3}/, '');
    return all.join('\n');
  }],
  ['tabs', (random, text) => {
    const all = lines(text);
    const at = random.int(all.length);
    all[at] = all[at].replace(/^( {2})+/, (spaces) => (random.chance(0.5) ? '\t'.repeat(spaces.length / 2) : `\t${spaces.slice(2)}`));
    return all.join('\n');
  }],
  ['tag', (random, text) => {
    const spots = [...text.matchAll(/: (?=\S)|- (?=\S)/g)].map((match) => match.index + 2);
    const at = spots.length > 0 ? random.pick(spots) : random.int(text.length + 1);
    return `${text.slice(0, at)}${random.pick(['!Sub ', '!Ref ', '!GetAtt ', '!Base64 !Sub ', '!If ', '!Foo ', '!!str ', '!ImportValue '])}${text.slice(at)}`;
  }],
  ['anchor', (random, text) => {
    const spots = [...text.matchAll(/: (?=\S)|- (?=\S)/g)].map((match) => match.index + 2);
    if (spots.length < 2) {
      return text;
    }
    const first = random.pick(spots);
    const second = random.pick(spots);
    const [anchor, alias] = first < second ? [first, second] : [second, first];
    const withAlias = `${text.slice(0, alias)}*a ${random.chance(0.5) ? '' : '#'}${text.slice(alias)}`;
    return `${withAlias.slice(0, anchor)}&a ${withAlias.slice(anchor)}`;
  }],
  ['merge-key', (random, text) => {
    const all = lines(text);
    const at = random.int(all.length);
    all.splice(at, 0, `${/^\s*/.exec(all[at] ?? '')?.[0] ?? ''}<<: {Effect: Allow}`);
    return all.join('\n');
  }],
  ['duplicate-key', (random, text) => {
    const all = lines(text);
    const at = random.int(all.length);
    all.splice(at, 0, all[at] ?? '');
    return all.join('\n');
  }],
  ['delete', (random, text) => {
    const start = random.int(text.length + 1);
    return text.slice(0, start) + text.slice(Math.min(text.length, start + random.between(1, 40)));
  }],
  ['repeat', (random, text) => {
    const start = random.int(text.length + 1);
    const end = Math.min(text.length, start + random.between(1, 120));
    const at = random.int(text.length + 1);
    return text.slice(0, at) + text.slice(start, end) + text.slice(at);
  }],
  ['flip', (random, text) => {
    const at = random.int(text.length + 1);
    return text.slice(0, at) + random.pick([':', '-', '"', "'", '{', '}', '[', ']', ',', '\n', ' ', '\t', '#', '|', '>', '!', '&', '*', '\\', '\uFEFF', '\u2028', '\r']) + text.slice(at + 1);
  }],
];

function mutate(random: Random, template: TemplateCase): TemplateCase {
  let text = template.text;
  const kinds: string[] = [];
  for (let round = random.chance(0.6) ? 1 : random.between(2, 4); round > 0; round--) {
    const [kind, mutation] = random.pick(MUTATIONS);
    text = mutation(random, text);
    kinds.push(kind);
  }
  return { kind: `${template.kind}+${kinds.join('+')}`, syntax: template.syntax, text };
}

/** The corpus templates, as seeds. */
export function loadTemplateSeeds(root: string): TemplateCase[] {
  const directory = path.join(root, 'test/fixtures/templates');
  const walk = (relative: string): string[] => fs.readdirSync(path.join(directory, relative), { withFileTypes: true }).flatMap((entry) => {
    const file = relative ? `${relative}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(file) : file === 'manifest.json' ? [] : [file];
  });
  return fs.existsSync(directory)
    ? walk('').sort().map((file) => ({ kind: 'corpus', syntax: /\.ya?ml$/.test(file) ? 'yaml' : 'json', text: fs.readFileSync(path.join(directory, file), 'utf8') }))
    : [];
}

// ----- properties -----

/** The parse problem of a text in its syntax, or undefined when it parses. */
export function templateParseProblem(text: string, syntax: 'yaml' | 'json'): string | undefined {
  if (syntax === 'yaml') {
    const documents = parseAllDocuments(text, { uniqueKeys: false });
    const list = Array.isArray(documents) ? documents : [documents];
    return list.flatMap((document) => document.errors)[0]?.message.split('\n')[0];
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function inRange(offset: number, length: number, size: number): boolean {
  return Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset + length <= size;
}

/** What checking one document found: the violations, and how much was checked. */
export interface DocumentCheck {
  violations: Violation[];
  policies: number;
  findings: number;
  fixes: number;
}

/** Checks every property on one template document; returns the violations and what was checked. */
export function checkTemplate(text: string, syntax: 'yaml' | 'json'): DocumentCheck {
  return checkHostDocument(text, syntax === 'yaml' ? 'fuzz.template.yaml' : 'fuzz.template.json', (candidate) => templateParseProblem(candidate, syntax));
}

/**
 * Checks every property on one document read as `file` through the hosted service (with `files`,
 * the rest of its module): nothing throws, ranges are inside the document, fix edits are in range
 * and disjoint, and fix-all leaves a document that parses (`parseProblem`) when it parsed before.
 */
export function checkHostDocument(text: string, file: string, parseProblem: (text: string) => string | undefined, files?: ModuleFiles): DocumentCheck {
  const violations: Violation[] = [];
  let findings: PolicyFinding[] = [];
  let policies = 0;
  try {
    const host = hosted.read(text, file, undefined, DEFAULT_RECOGNITION_SETTINGS, undefined, files);
    policies = host.policies.length;
    for (const policy of host.policies) {
      if (!inRange(policy.range.offset, policy.range.length, text.length)) {
        violations.push({ property: 'policyOutOfRange', detail: `policy ${policy.name} at ${policy.range.offset}+${policy.range.length} in a document of ${text.length}` });
      }
    }
    findings = hosted.findProblems(host, DEFAULT_LINT_SETTINGS);
  } catch (error) {
    violations.push({ property: 'throws', detail: `read + findProblems threw: ${(error as Error).stack?.split('\n').slice(0, 4).join(' | ')}` });
    return { violations, policies, findings: 0, fixes: 0 };
  }
  let fixes = 0;
  for (const finding of findings) {
    if (!inRange(finding.offset, finding.length, text.length)) {
      violations.push({ property: 'findingOutOfRange', ruleId: finding.ruleId, detail: `${finding.ruleId} at ${finding.offset}+${finding.length} in a document of ${text.length}` });
    }
    for (const fix of finding.fixes) {
      fixes++;
      const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
      if (sorted.length === 0) {
        violations.push({ property: 'emptyFix', ruleId: finding.ruleId, detail: `${finding.ruleId} fix "${fix.title}" has no edits` });
      }
      sorted.forEach((edit, index) => {
        const previous = sorted[index - 1];
        const previousEnd = previous ? previous.offset + previous.length : -1;
        if (!inRange(edit.offset, edit.length, text.length)) {
          violations.push({ property: 'fixEditOutOfRange', ruleId: finding.ruleId, detail: `${finding.ruleId} fix "${fix.title}": edit at ${edit.offset}+${edit.length} in a document of ${text.length}` });
        } else if (previous && (previousEnd > edit.offset || (previousEnd === edit.offset && (previous.length === 0 || edit.length === 0)))) {
          violations.push({ property: 'fixEditsOverlap', ruleId: finding.ruleId, detail: `${finding.ruleId} fix "${fix.title}": edits at ${previous.offset}+${previous.length} and ${edit.offset}+${edit.length} overlap` });
        }
      });
    }
  }
  if (findings.some((finding) => finding.fixes.some((fix) => fix.isPreferred))) {
    const parsedBefore = parseProblem(text) === undefined;
    try {
      const result = hosted.fixAll(text, file, undefined, DEFAULT_RECOGNITION_SETTINGS, DEFAULT_LINT_SETTINGS, files);
      const problem = parsedBefore ? parseProblem(result.text) : undefined;
      if (problem !== undefined) {
        violations.push({ property: 'fixAllBreaksParse', detail: `fix-all (${result.appliedFixes} fixes) leaves a document that does not parse: ${problem}` });
      }
    } catch (error) {
      violations.push({ property: 'throws', detail: `fixAll threw: ${(error as Error).stack?.split('\n').slice(0, 4).join(' | ')}` });
    }
  }
  return { violations, policies, findings: findings.length, fixes };
}

// ----- the run -----

function* cases(seeds: TemplateCase[], random: Random, count: number): Generator<TemplateCase> {
  for (let produced = 0; produced < count; produced++) {
    const choice = random.int(10);
    const base = choice < 4 && seeds.length > 0 ? random.pick(seeds) : generateTemplate(random);
    yield choice === 0 || choice === 4 ? base : mutate(random, base);
  }
}

/** What a host fuzzer tells the shared run about one case: its check, the text it mutated, and how a shrunk text of it checks. */
export interface HostFuzzCase {
  check: DocumentCheck;
  document: string;
  recheck: (candidate: string) => DocumentCheck;
}

/**
 * Runs a host fuzzer over its cases, stopping at the first document that breaks a property, which it
 * shrinks to a minimal one that breaks it the same way (`failureOf` says what the failure records).
 */
export function runHostFuzz<Case, Failure>(seed: number, cases: Iterable<Case>, checkCase: (generated: Case) => HostFuzzCase, failureOf: (generated: Case, index: number, violation: Violation, minimal: string) => Failure): HostFuzzReport<Failure> {
  const started = performance.now();
  const report: HostFuzzReport<Failure> = { seed, documents: 0, withPolicies: 0, findings: 0, fixes: 0, elapsedMs: 0, failure: undefined };
  for (const generated of cases) {
    const { check, document, recheck } = checkCase(generated);
    report.documents++;
    report.withPolicies += check.policies > 0 ? 1 : 0;
    report.findings += check.findings;
    report.fixes += check.fixes;
    const [violation] = check.violations;
    if (violation) {
      const same = (found: Violation) => found.property === violation.property && found.ruleId === violation.ruleId;
      const minimal = shrink(document, (candidate) => recheck(candidate).violations.some(same), { maxAttempts: 2000, maxMilliseconds: 20_000 });
      report.failure = failureOf(generated, report.documents - 1, violation, minimal);
      break;
    }
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** Runs the template fuzzer; stops at the first document that breaks a property. */
export function runTemplateFuzz(options: TemplateFuzzOptions): TemplateFuzzReport {
  return runHostFuzz(options.seed, cases(loadTemplateSeeds(options.root), new Random(options.seed), options.count), (generated) => ({
    check: checkTemplate(generated.text, generated.syntax),
    document: generated.text,
    recheck: (candidate) => checkTemplate(candidate, generated.syntax),
  }), (generated, index, violation, minimal) => ({ index, kind: generated.kind, syntax: generated.syntax, violation, document: generated.text, minimal }));
}

/** A failure as text: what broke, and the minimal document as a string literal. */
export function formatTemplateFailure(report: TemplateFuzzReport): string {
  const failure = report.failure;
  if (!failure) {
    return '';
  }
  return [
    `Template ${failure.index} of seed ${report.seed} (${failure.kind}, ${failure.syntax}, ${failure.document.length} characters) breaks "${failure.violation.property}":`,
    `  ${failure.violation.detail}`,
    `Minimal reproducer (${failure.syntax}): ${JSON.stringify(failure.minimal)}`,
  ].join('\n');
}
