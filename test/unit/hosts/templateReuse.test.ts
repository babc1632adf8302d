/* S3 Bucket Policy — MIT License. */
/**
 * A template read after an edit reuses what did not change: the YAML pieces it parsed before
 * (templateChunks.ts, yamlValues.ts) and the bucket policies it read before, moved where the edit
 * moved them (cloudFormationHost.ts). Whatever it reuses, the result must be exactly what a first
 * read of the same text gives: these tests edit templates step by step (characters typed and
 * deleted, lines broken, syntax broken and repaired) and compare, at every step, the findings with
 * their fixes and the policies' views with a read that starts from nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { forgetReadTemplates } from '../../../server/src/service/hosts/cloudformation/cloudFormationHost';
import { splitTemplate } from '../../../server/src/service/hosts/cloudformation/templateChunks';
import { parseYamlValues, readYamlValues } from '../../../server/src/service/hosts/cloudformation/yamlValues';
import { DEFAULT_LINT_SETTINGS } from '../../../server/src/service/policyLanguageService';
import { hosted, readTemplate } from '../../helpers/templateTest';

const TEMPLATES = path.join(__dirname, '../../../../test/fixtures/templates');

/** Every template file of the corpus, with its path. */
function corpus(): { file: string; text: string }[] {
  const files: string[] = [];
  const walk = (directory: string) => fs.readdirSync(directory, { withFileTypes: true }).forEach((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      walk(full);
    } else if (/\.(ya?ml|json|template)$/.test(entry.name) && entry.name !== 'manifest.json') {
      files.push(full);
    }
  });
  walk(TEMPLATES);
  return files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

/** A YAML template with `count` bucket policies, each on its own bucket, written in several styles. */
function manyPolicies(count: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  VpceId:', '    Type: String', 'Resources:'];
  for (let index = 0; index < count; index++) {
    lines.push(
      `  Bucket${index}:`,
      '    Type: AWS::S3::Bucket',
      `  Bucket${index}Policy:`,
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      `      Bucket: !Ref Bucket${index}`,
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      `          - Sid: Read${index}`,
      '            Effect: Allow',
      '            Principal: { AWS: arn:aws:iam::210987654321:role/reader }',
      index % 2 ? '            Action: [s3:GetObject, s3:ListBucket]' : '            Action:\n              - s3:GetObject',
      `            Resource: !Sub '\${Bucket${index}.Arn}/*'`,
      '            Condition:',
      '              StringEquals:',
      '                aws:SourceVpce: !Ref VpceId',
      '  # a comment between resources',
      '',
    );
  }
  lines.push('Outputs:', '  First:', '    Value: !GetAtt Bucket0.Arn', '');
  return lines.join('\n');
}

/** A small deterministic random source. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const INSERTS = ['a', 'x', ' ', '\n', ':', '-', "'", '"', '{', '}', '[', ']', '#', '!', '*', '  ', '\n      ', '$', 'Allow'];

/** The next text: one character or word typed, deleted or replaced at a random place. */
function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const deleted = next() < 0.4 ? Math.floor(next() * 3) : 0;
  const inserted = deleted === 0 || next() < 0.5 ? INSERTS[Math.floor(next() * INSERTS.length)] : '';
  return text.slice(0, at) + inserted + text.slice(at + deleted);
}

/** What a read gives, in a comparable form: the findings with their fixes, and each policy's place, view and host spans. */
function readingOf(text: string, file: string): unknown {
  const host = readTemplate(text, file);
  return {
    kind: host.kind,
    syntaxProblems: host.syntaxProblems,
    findings: hosted.findProblems(host, DEFAULT_LINT_SETTINGS),
    policies: host.policies.map((policy) => ({
      name: policy.name,
      range: policy.range,
      nameRange: policy.nameRange,
      bucket: policy.bucket,
      view: policy.view && {
        text: policy.view.text,
        hostStart: [...policy.view.hostStart],
        hostEnd: [...policy.view.hostEnd],
        flagged: [...policy.view.flagged],
        scalars: policy.view.scalars.map((scalar) => [scalar.viewOffset, scalar.host.offset, scalar.host.end, text.slice(scalar.host.offset, scalar.host.end)]),
        containers: policy.view.containers.map((container) => [container.viewOffset, container.host.offset, container.children.map((child) => [child.host?.offset, child.keyHost?.offset])]),
      },
      hostText: policy.translation?.hostText === text,
    })),
  };
}

/**
 * Edits `original` `steps` times, as a person types: a few edits in a row, then back to the original
 * (an undo); at each step the read that reuses equals a first read.
 */
function assertEditsReadAsNew(original: string, file: string, steps: number, seed: number): void {
  const next = random(seed);
  forgetReadTemplates();
  readingOf(original, file);
  let text = original;
  for (let step = 0; step < steps; step++) {
    text = edit(step % 4 === 0 ? original : text, next);
    const reused = readingOf(text, file);
    forgetReadTemplates();
    assert.deepEqual(reused, readingOf(text, file), `${path.basename(file)}, step ${step + 1} (seed ${seed}):\n${text}`);
  }
}

describe('a template read after an edit is read as a first read would read it', () => {
  it('a YAML template with 12 policies, 300 random edits', () => {
    assertEditsReadAsNew(manyPolicies(12), 'many.yaml', 300, 1);
  });

  it('every template of the corpus, 25 random edits each', () => {
    for (const [index, { file, text }] of corpus().entries()) {
      assertEditsReadAsNew(text, file, 25, index + 7);
    }
  });

  it('typing a policy into the middle of a template, one character at a time', () => {
    const template = manyPolicies(4);
    const at = template.indexOf('  Bucket2:');
    const typed = ['  Extra:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !Ref Bucket1', '      PolicyDocument:', '        Statement:', '          - Effect: Allow', '            Principal: "*"', '            Action: s3:GetObject', "            Resource: !Sub '${Bucket1.Arn}/*'", ''].join('\n');
    forgetReadTemplates();
    for (let length = 0; length <= typed.length; length += 3) {
      const text = template.slice(0, at) + typed.slice(0, length) + template.slice(at);
      const reused = readingOf(text, 'typed.yaml');
      forgetReadTemplates();
      assert.deepEqual(reused, readingOf(text, 'typed.yaml'), `after ${length} characters`);
    }
  });
});

describe('a YAML template is read piece by piece exactly as it is read whole', () => {
  it('splits the templates of the corpus and a large one, and reads them the same', () => {
    const yaml = corpus().filter(({ file }) => /\.(ya?ml|template)$/.test(file));
    let split = 0;
    for (const { file, text } of [...yaml, { file: 'many.yaml', text: manyPolicies(20) }]) {
      split += splitTemplate(text) ? 1 : 0;
      assert.deepEqual(readYamlValues(text), parseYamlValues(text), file);
    }
    assert.ok(split >= yaml.length - 3, `${split} of ${yaml.length + 1} templates are split`);
  });

  it('does not split what could tie one piece to another', () => {
    const base = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n';
    assert.ok(splitTemplate(base));
    for (const text of [
      `${base}  C: &shared\n    Type: X\n  D: *shared\n`,
      `%YAML 1.2\n---\n${base}`,
      `${base}\tD: 1\n`,
      `\uFEFF${base}`,
      `${base}Outputs: {\n  X: 1\n}\n`,
      `${base} Half:\n`,
      `  Indented: 1\n${base}`,
      `${base}- item\n`,
      `${base}  "Quoted": 1\n`,
    ]) {
      assert.equal(splitTemplate(text), undefined, JSON.stringify(text));
    }
  });

  it('where a piece has a YAML error, the template has one there too', () => {
    const next = random(3);
    const text = manyPolicies(6);
    for (let step = 0; step < 400; step++) {
      const edited = edit(edit(text, next), next);
      const whole = parseYamlValues(edited);
      const pieces = readYamlValues(edited);
      if (whole.problems.length === 0) {
        assert.deepEqual(pieces, whole, edited);
      } else {
        assert.ok(pieces.problems.length > 0, `the whole text has "${whole.problems[0].message}"; the pieces have no problem:\n${edited}`);
      }
    }
  });
});
