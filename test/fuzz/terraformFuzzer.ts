/* S3 Bucket Policy — MIT License. */
/**
 * The Terraform fuzzer: modules of `.tf` files and templates with bucket policies in every form
 * (jsonencode with `=` and `:` keys, heredocs `<<EOF` and `<<-EOF` with interpolations and
 * directives, quoted escaped JSON, `aws_iam_policy_document` with dynamic blocks and source and
 * override documents, locals, variables with validations, `templatefile` targets), generated from
 * a seed or taken from test/fixtures/terraform, then mutated (truncation, broken braces and
 * brackets, heredoc markers renamed or removed, deleted, repeated and flipped characters). One
 * file of each module is checked, read with the rest of its module, for the properties of
 * `checkHostDocument`; a `.tf` file that parsed without ERROR nodes must still do so after
 * fix-all. Used by test/fuzz/terraformFuzz.test.ts (a fixed seed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getHostedLanguageService } from '../../server/src/service/hostedLanguageService';
import { parseHcl } from '../../server/src/service/hosts/terraform/hclParser';
import type { ModuleFiles } from '../../server/src/service/hosts/terraform/moduleFiles';
import { getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../server/src/service/policyRecognition';
import type { Violation } from './properties';
import { Random } from './random';
import { checkHostDocument, DocumentCheck, HostFuzzReport, runHostFuzz } from './templateFuzzer';

const hosted = getHostedLanguageService(getPolicyLanguageService());

/** A module: its files by path, and the one that is checked. */
export interface TerraformCase {
  kind: string;
  files: Record<string, string>;
  checked: string;
}

export interface TerraformFuzzFailure {
  index: number;
  kind: string;
  file: string;
  violation: Violation;
  document: string;
  minimal: string;
}

export type TerraformFuzzReport = HostFuzzReport<TerraformFuzzFailure>;

// ----- generation -----

/** A policy value: literals, and HCL expressions written as they are (`{ expr: 'aws_s3_bucket.b0.arn' }`). */
type Value = string | boolean | Value[] | { [key: string]: Value } | { expr: string };

const isExpression = (value: Value): value is { expr: string } => typeof value === 'object' && !Array.isArray(value) && 'expr' in value && Object.keys(value).length === 1;

const ACTIONS = ['s3:GetObject', 's3:ListBucket', 'S3:PutObject', 's3:*', '*', 's3:getobject', 's3:DeleteObject', 'sqs:SendMessage', 's3:Get*'];

function resourceOf(random: Random, bucket: string): Value {
  return random.pick<Value>([
    { expr: `aws_s3_bucket.${bucket}.arn` },
    `\${aws_s3_bucket.${bucket}.arn}/*`,
    `arn:aws:s3:::\${aws_s3_bucket.${bucket}.id}/*`,
    `arn:aws:s3:::\${aws_s3_bucket.${bucket}.arn}/*`,
    'arn:aws:s3:::acme-fuzz-bucket/*',
    `arn:aws:s3:::acme-fuzz-bucket/home/$\${aws:username}/*`,
    `arn:aws:s3:::acme-fuzz-bucket/home/\${aws:username}/*`,
    { expr: 'var.resource' },
    { expr: `"\${local.prefix}/*"` },
  ]);
}

function statementOf(random: Random, bucket: string): { [key: string]: Value } {
  const statement: { [key: string]: Value } = {};
  if (random.chance(0.6)) {
    statement.Sid = random.pick(['Readers', 'HttpsOnly', 'Write1', 'dup']);
  }
  statement.Effect = random.pick<Value>(['Allow', 'Deny', 'allow', { expr: 'var.effect' }]);
  statement.Principal = random.pick<Value>(['*', { AWS: '*' }, { AWS: { expr: 'aws_iam_role.reader.arn' } }, { AWS: `arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root` }, { Service: 'cloudfront.amazonaws.com' }, { AWS: { expr: 'var.reader' } }]);
  const actions = Array.from({ length: random.between(1, 3) }, () => random.pick(ACTIONS));
  statement.Action = actions.length === 1 && random.chance(0.5) ? actions[0] : actions;
  const resources = Array.from({ length: random.between(1, 2) }, () => resourceOf(random, bucket));
  statement.Resource = resources.length === 1 && random.chance(0.5) ? resources[0] : resources;
  if (random.chance(0.5)) {
    statement.Condition = random.pick<Value>([
      { Bool: { 'aws:SecureTransport': random.pick<Value>(['false', false, 'true']) } },
      { StringNotEquals: { 'aws:SourceVpce': { expr: 'var.vpce' } } },
      { StringEquals: { 'aws:SourceAccount': { expr: 'data.aws_caller_identity.current.account_id' } } },
      { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', { expr: 'var.cidr' }] } },
    ]);
  }
  return statement;
}

function policyOf(random: Random, bucket: string): { [key: string]: Value } {
  const policy: { [key: string]: Value } = {};
  if (random.chance(0.8)) {
    policy.Version = random.pick(['2012-10-17', '2008-10-17', '2012-10-18']);
  }
  policy.Statement = Array.from({ length: random.between(1, 3) }, () => statementOf(random, bucket));
  return policy;
}

/** A string as HCL writes it: `${…}` kept (interpolations), quotes and backslashes escaped. */
function hclText(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** An HCL value inside `jsonencode`, in `=` or `:` style, with commas or newlines. */
function toHcl(random: Random, value: Value, indent: string, separator: string): string {
  if (typeof value === 'string') {
    return hclText(value);
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  if (isExpression(value)) {
    return value.expr;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return random.chance(0.5) ? `[${value.map((item) => toHcl(random, item, inner, separator)).join(', ')}]` : `[\n${value.map((item) => `${inner}${toHcl(random, item, inner, separator)},`).join('\n')}\n${indent}]`;
  }
  const comma = random.chance(0.3) ? ',' : '';
  return `{\n${Object.entries(value).map(([key, item]) => `${inner}${/^[A-Za-z_]\w*$/.test(key) && random.chance(0.7) ? key : JSON.stringify(key)} ${separator} ${toHcl(random, item, inner, separator)}${comma}`).join('\n')}\n${indent}}`;
}

/** JSON for a heredoc or template: expressions become interpolations inside strings. */
function toTemplateJson(value: Value, escapeQuotes: boolean): string {
  const render = (item: Value): unknown => {
    if (isExpression(item)) {
      return item.expr.startsWith('"') ? item.expr.slice(1, -1) : `\${${item.expr}}`;
    }
    if (Array.isArray(item)) {
      return item.map(render);
    }
    return typeof item === 'object' ? Object.fromEntries(Object.entries(item).map(([key, child]) => [key, render(child)])) : item;
  };
  const json = JSON.stringify(render(value), null, 2);
  return escapeQuotes ? json.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n\s*/g, '') : json;
}

/** A list of strings for a policy document argument. */
function hclList(value: Value | undefined): string {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return `[${items.map((item) => (typeof item === 'string' ? hclText(item) : isExpression(item) ? item.expr : '"x"')).join(', ')}]`;
}

/** `data "aws_iam_policy_document"` for a policy: statement blocks, some dynamic, misspellings now and then. */
function documentOf(random: Random, name: string, policy: { [key: string]: Value }, sources: string[]): string {
  const lines = [`data "aws_iam_policy_document" "${name}" {`];
  if (typeof policy.Version === 'string') {
    lines.push(`  version = ${hclText(policy.Version)}`);
  }
  if (sources.length > 0) {
    lines.push(`  ${random.pick(['source_policy_documents', 'override_policy_documents'])} = [${sources.join(', ')}]`);
  }
  for (const statement of policy.Statement as { [key: string]: Value }[]) {
    const dynamic = random.chance(0.15);
    const pad = dynamic ? '      ' : '    ';
    const body: string[] = [];
    if (typeof statement.Sid === 'string') {
      body.push(`sid = ${hclText(statement.Sid)}`);
    }
    if (typeof statement.Effect === 'string') {
      body.push(`${random.chance(0.05) ? 'efect' : 'effect'} = ${hclText(statement.Effect)}`);
    }
    body.push(`actions = ${hclList(statement.Action)}`, `resources = ${hclList(statement.Resource)}`);
    const principal = statement.Principal;
    const [type, identifiers] = principal === '*' ? ['*', '*'] : typeof principal === 'object' && !Array.isArray(principal) && !isExpression(principal) ? Object.entries(principal)[0] : ['AWS', '*'];
    body.push(`principals {\n${pad}  type        = ${hclText(type)}\n${pad}  identifiers = ${hclList(identifiers)}\n${pad}}`);
    if (random.chance(0.5)) {
      body.push(`condition {\n${pad}  test     = "Bool"\n${pad}  variable = "aws:SecureTransport"\n${pad}  values   = [${hclText(random.pick(['false', 'true']))}]\n${pad}}`);
    }
    const block = body.map((line) => `${pad}${line}`).join('\n');
    lines.push(dynamic ? `  dynamic "statement" {\n    for_each = var.readers\n    content {\n${block}\n    }\n  }` : `  statement {\n${block}\n  }`);
  }
  lines.push('}');
  return lines.join('\n');
}

const HEADER = `variable "effect" {
  type = string
  validation {
    condition     = contains(["Allow"], var.effect)
    error_message = "Allow only."
  }
}

variable "reader" {
  default = "arn:aws:iam::210987654321:root"
}

locals {
  prefix = "arn:aws:s3:::acme-fuzz-bucket"
}

data "aws_caller_identity" "current" {}
`;

/** A generated module: main.tf with buckets and their policies, documents.tf, and a template now and then. */
export function generateModule(random: Random): TerraformCase {
  const files: Record<string, string> = {};
  const main: string[] = [HEADER];
  const documents: string[] = [];
  /** The files a policy is written in: most checks go to one of them. */
  const holders = new Set<string>();
  const count = random.between(1, 3);
  for (let index = 0; index < count; index++) {
    const bucket = `b${index}`;
    main.push(`resource "aws_s3_bucket" "${bucket}" {\n  bucket = ${random.chance(0.8) ? `"acme-fuzz-${index}"` : 'var.bucket_name'}\n}`);
    const policy = policyOf(random, bucket);
    const form = random.int(7);
    let expression: string;
    if (form === 0 || form === 1) {
      expression = `jsonencode(${toHcl(random, policy, '  ', form === 0 ? '=' : ':')})`;
    } else if (form === 2) {
      const marker = random.pick(['EOF', 'POLICY', 'EOT']);
      const flush = random.chance(0.5);
      const body = toTemplateJson(policy, false).split('\n').map((line) => (flush ? `    ${line}` : line)).join('\n');
      const directive = random.chance(0.3) ? `${flush ? '    ' : ''}%{ if var.extra }${random.pick(['', ','])}%{ endif }\n` : '';
      expression = `<<${flush ? '-' : ''}${marker}\n${body.replace(/\n(\s*)\]\n/, `\n$1]\n${directive}`)}\n${flush ? '  ' : ''}${marker}`;
    } else if (form === 3) {
      expression = `"${toTemplateJson(policy, true)}"`;
    } else if (form === 4) {
      const sources = random.chance(0.4) ? [random.pick(['data.aws_iam_policy_document.shared.json', 'var.base_policy', 'file("${path.module}/base.json")'])] : [];
      const inDocuments = random.chance(0.5);
      (inDocuments ? documents : main).push(documentOf(random, bucket, policy, sources));
      holders.add(inDocuments ? 'documents.tf' : 'main.tf');
      expression = `data.aws_iam_policy_document.${bucket}.${random.pick(['json', 'minified_json'])}`;
    } else if (form === 5) {
      main.push(`locals {\n  ${bucket}_policy = jsonencode(${toHcl(random, policy, '  ', '=')})\n}`);
      expression = `local.${bucket}_policy`;
    } else {
      const template = `policies/${bucket}.json.tpl`;
      files[template] = `${toTemplateJson(policy, false).replace(new RegExp(`\\$\\{aws_s3_bucket\\.${bucket}\\.arn\\}`, 'g'), '${bucket_arn}').replace(/\$\{(?!bucket_arn|aws:)[^}]*\}/g, '${other}')}\n`;
      expression = `templatefile("\${path.module}/${template}", { bucket_arn = aws_s3_bucket.${bucket}.arn, other = var.reader })`;
      holders.add(template);
    }
    if (form !== 4 && form !== 6) {
      holders.add('main.tf');
    }
    const attachment = random.chance(0.85)
      ? `resource "aws_s3_bucket_policy" "${bucket}" {\n  bucket = aws_s3_bucket.${bucket}.${random.pick(['id', 'bucket'])}\n  policy = ${expression}\n}`
      : `resource "aws_s3_bucket" "${bucket}_legacy" {\n  bucket = "acme-legacy-${index}"\n  policy = ${expression}\n}`;
    main.push(attachment);
  }
  documents.push(documentOf(random, 'shared', policyOf(random, 'b0'), []));
  files['main.tf'] = `${main.join('\n\n')}\n`;
  files['documents.tf'] = `${documents.join('\n\n')}\n`;
  return { kind: 'generated', files, checked: random.pick(random.chance(0.85) && holders.size > 0 ? [...holders] : Object.keys(files)) };
}

// ----- mutation -----

const MUTATIONS: [string, (random: Random, text: string) => string][] = [
  ['truncate', (random, text) => text.slice(0, random.int(text.length + 1))],
  ['brace', (random, text) => {
    const at = random.int(text.length + 1);
    return random.chance(0.5) ? text.slice(0, at) + random.pick(['{', '}', '[', ']', '(', ')']) + text.slice(at) : text.replace(random.pick([/\{/, /\}/, /\[/, /\]/]), '');
  }],
  ['heredoc', (random, text) => {
    const markers = [...text.matchAll(/^\s*(EOF|POLICY|EOT)\s*$/gm)];
    const marker = markers.length > 0 ? random.pick(markers) : undefined;
    if (!marker) {
      return text.replace(/<<-?/, random.pick(['<', '<<~', '<<- ']));
    }
    const end = marker.index + marker[0].length;
    return random.chance(0.5) ? text.slice(0, marker.index) + text.slice(end) : `${text.slice(0, marker.index)}\n  END${text.slice(end)}`;
  }],
  ['interpolation', (random, text) => {
    const at = random.int(text.length + 1);
    return text.slice(0, at) + random.pick(['${', '%{', '$${', '}', '${aws:username}', '%{ if x }', '%{ endif }', '\\"', '"']) + text.slice(at);
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
    return text.slice(0, at) + random.pick(['=', ':', '"', '{', '}', '[', ']', ',', '\n', ' ', '\t', '#', '<', '$', '%', '\\', '\uFEFF', '\r']) + text.slice(at + 1);
  }],
];

function mutate(random: Random, base: TerraformCase): TerraformCase {
  let text = base.files[base.checked];
  const kinds: string[] = [];
  for (let round = random.chance(0.6) ? 1 : random.between(2, 4); round > 0; round--) {
    const [kind, mutation] = random.pick(MUTATIONS);
    text = mutation(random, text);
    kinds.push(kind);
  }
  return { kind: `${base.kind}+${kinds.join('+')}`, files: { ...base.files, [base.checked]: text }, checked: base.checked };
}

/** The Terraform corpus, each file a module of its own, as seeds. */
export function loadTerraformSeeds(root: string): TerraformCase[] {
  const directory = path.join(root, 'test/fixtures/terraform');
  return fs.existsSync(directory)
    ? fs.readdirSync(directory).filter((file) => file !== 'manifest.json').sort().map((file) => ({ kind: `corpus ${file}`, files: { [file]: fs.readFileSync(path.join(directory, file), 'utf8') }, checked: file }))
    : [];
}

// ----- properties -----

/** A module held in memory, as the service reads it. */
export function memoryFiles(files: Record<string, string>): ModuleFiles {
  return {
    list: (directory) => Object.keys(files).filter((file) => path.posix.dirname(file) === (directory || '.')).map((file) => path.posix.basename(file)),
    read: (file) => files[file],
  };
}

/** An HCL file's first ERROR or missing node, or undefined when it parses cleanly. */
export function hclParseProblem(text: string): string | undefined {
  const tree = parseHcl(text);
  if (!tree) {
    return 'no tree';
  }
  try {
    return tree.rootNode.hasError ? 'ERROR or missing nodes' : undefined;
  } finally {
    tree.delete();
  }
}

/** Checks one module's checked file: `.tf` files must keep parsing; a template must keep reading as a policy without JSON syntax errors. */
export function checkModuleFile(files: Record<string, string>, checked: string): DocumentCheck {
  const moduleFiles = memoryFiles(files);
  const parseProblem = /\.(tf|tofu)$/.test(checked) ? hclParseProblem : (text: string) => {
    const policy = hosted.read(text, checked, undefined, DEFAULT_RECOGNITION_SETTINGS, undefined, moduleFiles).policies[0]?.policy;
    return !policy ? 'not read as a policy' : policy.syntaxProblems[0]?.message;
  };
  return checkHostDocument(files[checked], checked, parseProblem, moduleFiles);
}

// ----- the run -----

function* cases(seeds: TerraformCase[], random: Random, count: number): Generator<TerraformCase> {
  for (let produced = 0; produced < count; produced++) {
    const choice = random.int(10);
    const base = choice < 3 && seeds.length > 0 ? random.pick(seeds) : generateModule(random);
    yield choice === 0 || choice === 4 ? base : mutate(random, base);
  }
}

/** Runs the Terraform fuzzer; stops at the first file that breaks a property. */
export function runTerraformFuzz(options: { root: string; count: number; seed: number }): TerraformFuzzReport {
  return runHostFuzz(options.seed, cases(loadTerraformSeeds(options.root), new Random(options.seed), options.count), (generated) => ({
    check: checkModuleFile(generated.files, generated.checked),
    document: generated.files[generated.checked],
    recheck: (candidate) => checkModuleFile({ ...generated.files, [generated.checked]: candidate }, generated.checked),
  }), (generated, index, violation, minimal) => ({ index, kind: generated.kind, file: generated.checked, violation, document: generated.files[generated.checked], minimal }));
}

/** A failure as text: what broke, and the minimal file as a string literal. */
export function formatTerraformFailure(report: TerraformFuzzReport): string {
  const failure = report.failure;
  if (!failure) {
    return '';
  }
  return [
    `File ${failure.file} of module ${failure.index} of seed ${report.seed} (${failure.kind}, ${failure.document.length} characters) breaks "${failure.violation.property}":`,
    `  ${failure.violation.detail}`,
    `Minimal reproducer: ${JSON.stringify(failure.minimal)}`,
  ].join('\n');
}
