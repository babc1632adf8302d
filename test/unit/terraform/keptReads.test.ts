/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { summaryOf } from '../../../server/src/service/access/accessInEditor';
import type { HostDocument } from '../../../server/src/service/hosts/embeddedPolicy';
import type { HclSyntaxWriter } from '../../../server/src/service/hosts/terraform/hclSyntax';
import type { ModuleFiles } from '../../../server/src/service/hosts/terraform/moduleFiles';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../../server/src/service/policyRecognition';
import { Random } from '../../fuzz/random';
import { CORPUS, corpusFiles, hosted, randomEdit, ready, SETTINGS } from './terraformTest';

/** The multi-file module: test/fixtures/terraform-module. */
const MODULE = path.resolve(__dirname, '../../../../test/fixtures/terraform-module');

/** Everything a reading gives: each policy with its view and how fixes are written (roles included), and the findings with their fixes. */
function reading(host: HostDocument): unknown {
  return {
    kind: host.kind,
    syntaxProblems: host.syntaxProblems,
    policies: host.policies.map((policy) => {
      const writer = policy.translation?.writer as HclSyntaxWriter | undefined;
      return {
        name: policy.name,
        range: policy.range,
        nameRange: policy.nameRange,
        bucket: policy.bucket,
        attachedBucket: policy.policy.attachedBucket,
        view: policy.view,
        hostText: policy.translation?.hostText,
        writer: writer && policy.view?.containers.map((container) => writer.roles.get(container.host) ?? null),
        encodes: policy.translation?.encodeInString !== undefined,
        keeps: policy.keepFinding !== undefined,
        summary: summaryOf(policy, host.text),
      };
    }),
    findings: hosted.findProblems(host, SETTINGS),
  };
}

/** Files held in memory: path → text. */
function memory(files: Map<string, string>): ModuleFiles {
  return {
    list: (directory) => [...files.keys()].filter((file) => path.posix.dirname(file) === directory).map((file) => path.posix.basename(file)),
    read: (file) => files.get(file),
  };
}

/** Reads `file` of directory `kept` (reusing what its last reading kept) and the same text as a fresh copy in a directory never read: the same. */
function assertSameAsFresh(files: Map<string, string>, file: string, step: number, context: string): void {
  const text = files.get(`kept/${file}`)!;
  for (const [name, value] of [...files].filter(([name]) => name.startsWith('kept/'))) {
    files.set(`fresh${step}/${name.slice('kept/'.length)}`, value);
  }
  const moduleFiles = memory(files);
  const read = (directory: string) => hosted.read(text, `${directory}/${file}`, undefined, DEFAULT_RECOGNITION_SETTINGS, undefined, moduleFiles);
  assert.deepEqual(reading(read('kept')), reading(read(`fresh${step}`)), `${context}, step ${step}:\n${text}`);
  for (const name of [...files.keys()].filter((key) => key.startsWith(`fresh${step}/`))) {
    files.delete(name);
  }
}

describe('policies kept from the last reading of a Terraform file', () => {
  before(ready);

  it('give what a fresh reading gives, over random edits of each corpus file', () => {
    const random = new Random(11);
    let step = 0;
    for (const file of corpusFiles().filter((name) => name.endsWith('.tf'))) {
      const files = new Map([[`kept/${file}`, fs.readFileSync(path.join(CORPUS, file), 'utf8')]]);
      assertSameAsFresh(files, file, step++, file);
      for (let edit = 0; edit < 15; edit++) {
        files.set(`kept/${file}`, randomEdit(random, files.get(`kept/${file}`)!));
        assertSameAsFresh(files, file, step++, file);
      }
    }
  });

  it('give what a fresh reading gives when another file of the module changes what they look up', () => {
    const random = new Random(4);
    const files = new Map<string, string>();
    for (const name of fs.readdirSync(MODULE).filter((entry) => entry.endsWith('.tf'))) {
      files.set(`kept/${name}`, fs.readFileSync(path.join(MODULE, name), 'utf8'));
    }
    const names = [...files.keys()].map((name) => name.slice('kept/'.length));
    for (let step = 0; step < 80; step++) {
      const edited = names[random.int(names.length)];
      files.set(`kept/${edited}`, randomEdit(random, files.get(`kept/${edited}`)!));
      for (const name of names) {
        assertSameAsFresh(files, name, step, `${edited} edited, ${name} read`);
      }
    }
  });

  it('read a policy again when the bucket it names changes in another block or file, and move it when text before it changes', () => {
    const main = [
      'resource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n',
      'resource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }] })\n}\n',
    ].join('\n');
    const files = new Map([['kept/main.tf', main], ['kept/variables.tf', 'variable "name" {\n  default = "acme-one"\n}\n']]);
    const steps: [string, (text: string) => string][] = [
      ['main.tf', (text) => text],
      ['variables.tf', (text) => text.replace('acme-one', 'acme-two')],
      ['main.tf', (text) => `# a comment before\n${text}`],
      ['main.tf', (text) => text.replace('var.name', '"acme-three"')],
      ['variables.tf', (text) => text.replace('acme-two', 'acme-four')],
      // The policy's text stays as it is; the bucket it is attached to changes, then is not known for certain.
      ['main.tf', (text) => `${text}\nresource "aws_s3_bucket" "c" {\n  bucket = "acme-five"\n}\n`],
      ['main.tf', (text) => text.replace('bucket = aws_s3_bucket.b.id', 'bucket = aws_s3_bucket.c.id')],
      ['main.tf', (text) => text.replace('bucket = aws_s3_bucket.c.id', 'bucket = var.other')],
    ];
    steps.forEach(([file, change], step) => {
      files.set(`kept/${file}`, change(files.get(`kept/${file}`)!));
      assertSameAsFresh(files, 'main.tf', step, `${file} changed`);
    });
  });

  it('judge a kept policy by the bucket it is attached to now: its deny names bucket b, then the policy is attached to c', () => {
    const deny = 'Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]';
    const main = [
      'resource "aws_s3_bucket" "b" {\n  bucket = "acme-b"\n}\n',
      'resource "aws_s3_bucket" "c" {\n  bucket = "acme-c"\n}\n',
      `resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({ Version = "2012-10-17", ${deny} })\n}\n`,
    ].join('\n');
    const files = new Map([['kept/main.tf', main]]);
    const rules = (): string[] => hosted.findProblems(hosted.read(files.get('kept/main.tf')!, 'kept/main.tf', undefined, DEFAULT_RECOGNITION_SETTINGS, undefined, memory(files)), SETTINGS).map((finding) => finding.ruleId);
    assertSameAsFresh(files, 'main.tf', 0, 'attached to b');
    assert.deepEqual(rules(), []);
    files.set('kept/main.tf', main.replace('bucket = aws_s3_bucket.b.id', 'bucket = aws_s3_bucket.c.id'));
    assertSameAsFresh(files, 'main.tf', 1, 'attached to c');
    // The deny names another bucket: resourceNotPolicyBucket's error, which stands for the HTTPS-only deny's absence too.
    assert.deepEqual(rules(), ['resourceNotPolicyBucket', 'resourceNotPolicyBucket']);
  });
});
