/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import cloudFormationSnippets from '../../snippets/cloudformation-yaml.json';
import terraformSnippets from '../../snippets/terraform.json';
import packageJson from '../../package.json';
import type { HostDocument } from '../../server/src/service/hosts/embeddedPolicy';
import { policyHttpDenial } from '../../server/src/service/access/httpDenial';
import { lint, read, ready } from './terraform/terraformTest';

/**
 * The snippets for templates (YAML) and Terraform, expanded as the editor would with every tab stop
 * left at its default, then placed where they go (a bucket under Resources; statements in that
 * bucket's policy; a Terraform policy beside its bucket) and read and linted by the service.
 */

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const TAB_STOP = /\\\$|\$\{(\d+):([^}]*)\}|\$\{(\d+)\}|\$(\d+)/g;

/** Expands a snippet body with every tab stop at its default (the text of the first placeholder with its number); `\$` is a `$`. */
function expand(snippet: Snippet): string {
  const body = snippet.body.join('\n');
  const defaults = new Map<number, string>();
  for (const match of body.matchAll(TAB_STOP)) {
    if (match[1] !== undefined && !defaults.has(Number(match[1]))) {
      defaults.set(Number(match[1]), match[2]);
    }
  }
  return body.replace(TAB_STOP, (escaped: string, withText: string | undefined, _text: string | undefined, braced: string | undefined, bare: string | undefined) => {
    if (escaped === '\\$') {
      return '$';
    }
    const number = Number(withText ?? braced ?? bare);
    if (number === 0) {
      return '';
    }
    const value = defaults.get(number);
    assert.ok(value !== undefined, `${snippet.prefix}: tab stop $${number} has no default anywhere in the snippet`);
    return value;
  });
}

const indent = (text: string, spaces: number) => text.split('\n').map((line) => (line ? `${' '.repeat(spaces)}${line}` : line)).join('\n');

const byPrefix = (snippets: Record<string, Snippet>, prefix: string): Snippet => {
  const found = Object.values(snippets).find((snippet) => snippet.prefix === prefix);
  assert.ok(found, `a snippet ${prefix}`);
  return found;
};

const cfnBucket = () => expand(byPrefix(cloudFormationSnippets, 's3policy-cfn-bucket'));

/** A template with the bucket snippet under Resources and `statements` (snippet text) added to its policy's Statement list. */
function template(statements: string[] = []): string {
  const resources = [cfnBucket(), ...statements.map((statement) => indent(statement, 8))].join('\n');
  return `AWSTemplateFormatVersion: '2010-09-09'\nDescription: Snippet test.\nResources:\n${indent(resources, 2)}\n`;
}

/** A Terraform file with the bucket the snippets name by default, and `policy` (snippet text). */
function terraformFile(policy: string): string {
  return `resource "aws_s3_bucket" "assets" {\n  bucket = "s3policy-snippet-test"\n}\n\n${policy}\n`;
}

/** Error-level findings, as "rule: message". */
function errors(text: string, file: string): string[] {
  return lint(text, file).filter((finding) => finding.severity === 'error').map((finding) => `${finding.ruleId}: ${finding.message}`);
}

/** True when every bucket policy the document holds denies plain HTTP to everyone, on the bucket and its objects (the access evaluator's verdict). */
function everyPolicyDeniesHttp(host: HostDocument): boolean {
  return host.policies.every((policy) => policyHttpDenial(policy.policy).everyone === 'yes');
}

describe('snippets for templates and Terraform', () => {
  before(ready);

  it('are contributed for the yaml and terraform languages, with namespaced, unique prefixes and descriptions', () => {
    const contributed = packageJson.contributes.snippets.map((entry) => `${entry.language} ${entry.path}`);
    assert.ok(contributed.includes('yaml ./snippets/cloudformation-yaml.json'));
    assert.ok(contributed.includes('terraform ./snippets/terraform.json'));
    const all = [...Object.values(cloudFormationSnippets), ...Object.values(terraformSnippets)] as Snippet[];
    for (const snippet of all) {
      assert.match(snippet.prefix, /^s3policy-(cfn|tf)-[a-z-]+$/);
      assert.ok(snippet.description.length >= 60, `${snippet.prefix} needs a description that says what it inserts`);
    }
    assert.equal(new Set(all.map((snippet) => snippet.prefix)).size, all.length);
  });

  it('s3policy-cfn-bucket: a bucket and its policy with the HTTPS-only deny, read as a template, no error-level finding', () => {
    const text = template();
    const host = read(text, 'template.yaml');
    assert.equal(host.kind, 'cloudformation');
    assert.equal(host.policies.length, 1);
    assert.ok(everyPolicyDeniesHttp(host), 'the policy denies plain HTTP on the bucket and its objects');
    assert.deepEqual(errors(text, 'template.yaml'), []);
    assert.deepEqual(lint(text, 'template.yaml').map((finding) => finding.ruleId), [], 'nothing at all to report');
    assert.match(text, /Bucket: !Ref AssetsBucket\n/);
    assert.match(text, /- !Sub '\$\{AssetsBucket\.Arn\}\/\*'/);
  });

  it('the HTTPS-only deny is what keeps the bucket snippet clean (the check can fail)', () => {
    const withoutDeny = template().replace("'aws:SecureTransport': 'false'", "'aws:SecureTransport': 'true'");
    assert.ok(!everyPolicyDeniesHttp(read(withoutDeny, 'template.yaml')));
    assert.ok(lint(withoutDeny, 'template.yaml').length > 0);
  });

  for (const prefix of ['s3policy-cfn-restrict-to-vpce', 's3policy-cfn-cross-account-read']) {
    it(`${prefix}: statements added to the bucket snippet's policy leave it with the HTTPS-only deny and no error-level finding`, () => {
      const statement = expand(byPrefix(cloudFormationSnippets, prefix));
      const text = template([statement]);
      const host = read(text, 'template.yaml');
      assert.equal(host.policies.length, 1);
      assert.equal(host.policies[0].policy.statements.length, 1 + statement.split('\n').filter((line) => line.startsWith('- ')).length, 'every statement of the snippet is in the policy');
      assert.ok(everyPolicyDeniesHttp(host));
      assert.deepEqual(errors(text, 'template.yaml'), []);
    });
  }

  it('s3policy-cfn-restrict-to-vpce and s3policy-cfn-cross-account-read say what they say', () => {
    const policy = (prefix: string) => read(template([expand(byPrefix(cloudFormationSnippets, prefix))]), 'template.yaml').policies[0].view?.text ?? '';
    assert.match(policy('s3policy-cfn-restrict-to-vpce'), /"StringNotEquals":\s*\{\s*"aws:SourceVpce":\s*"vpce-1a2b3c4d"/);
    const crossAccount = JSON.parse(policy('s3policy-cfn-cross-account-read')) as { Statement: { Action: string; Principal: { AWS: string } }[] };
    assert.deepEqual(crossAccount.Statement.slice(1).map((statement) => [statement.Action, statement.Principal.AWS]), [
      ['s3:ListBucket', 'arn:aws:iam::210987654321:root'],
      ['s3:GetObject', 'arn:aws:iam::210987654321:root'],
    ]);
  });

  for (const [prefix, form] of [['s3policy-tf-jsonencode', 'jsonencode('], ['s3policy-tf-policy-document', 'data "aws_iam_policy_document"']]) {
    it(`${prefix}: beside its bucket, read as Terraform: the HTTPS-only deny and no error-level finding`, () => {
      const snippet = expand(byPrefix(terraformSnippets, prefix));
      assert.ok(snippet.includes(form));
      const text = terraformFile(snippet);
      const host = read(text, 'main.tf');
      assert.equal(host.kind, 'terraform');
      assert.equal(host.policies.length, 1);
      assert.equal(host.policies[0].policy.statements.length, 2);
      assert.ok(everyPolicyDeniesHttp(host), 'the policy denies plain HTTP on the bucket and its objects');
      assert.deepEqual(errors(text, 'main.tf'), []);
      assert.deepEqual(lint(text, 'main.tf').map((finding) => finding.ruleId), [], 'nothing at all to report');
      assert.ok(snippet.includes('"${aws_s3_bucket.assets.arn}/*"'), 'the interpolation is written out, not taken for a tab stop');
    });
  }
});
