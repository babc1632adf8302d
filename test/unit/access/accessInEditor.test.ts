/* S3 Bucket Policy — MIT License. */
/**
 * The access features of the editor over host documents (service/access/accessInEditor.ts): the
 * summary rows and the statements behind them, in the document's positions; the what-if choices
 * and answers; the statement hover; and templates, whose computed values make answers depend.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, Range } from 'vscode-languageserver-types';
import { policyAccess, selectPolicy, statementHover, summarizablePolicies, whatIf, whatIfChoices } from '../../../server/src/service/access/accessInEditor';
import type { HostDocument } from '../../../server/src/service/hosts/embeddedPolicy';
import { readTemplate } from '../../helpers/templateTest';

const ROOT = path.resolve(__dirname, '../../../..');

/** A document and its host reading, from a file of the repository. */
function open(file: string): { document: TextDocument; host: HostDocument } {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const languageId = /\.ya?ml$/.test(file) ? 'yaml' : file.endsWith('.tf') ? 'terraform' : 'json';
  return { document: TextDocument.create(`file:///work/${path.basename(file)}`, languageId, 1, text), host: readTemplate(text, `/work/${path.basename(file)}`) };
}

function textOf(document: TextDocument, range: Range): string {
  return document.getText(range);
}

const WEBSITE = 'test/browser/fixtures/website.bucket-policy.json';
const VPCE_TEMPLATE = 'test/fixtures/templates/yaml/vpce-ref-no-default.yaml';

describe('access summary rows in the editor', () => {
  it('gives each grant a row, public ones marked, each statement with its place in the document', () => {
    const { document, host } = open(WEBSITE);
    const access = policyAccess(document, host, 0);
    assert.equal(access.name, 'website.bucket-policy.json');
    assert.equal(access.public, true);
    assert.match(access.line, /^Public: read \(s3:GetObject\)/);
    const anonymous = access.rows.find((row) => row.who === 'Anyone (anonymous)');
    assert.ok(anonymous, JSON.stringify(access.rows.map((row) => row.who)));
    assert.deepEqual([anonymous.public, anonymous.where, anonymous.access, anonymous.actions], [true, 'anywhere', 'read', ['s3:GetObject']]);
    assert.deepEqual(anonymous.notes, ['plain HTTP not denied']);
    assert.deepEqual(anonymous.statements.map((statement) => statement.label), ['statement 0 (PublicRead)']);
    const statementText = textOf(document, anonymous.statements[0].range);
    assert.ok(statementText.startsWith('{') && statementText.endsWith('}') && statementText.includes('"Sid": "PublicRead"'), statementText);
    assert.deepEqual(access.publicStatements.map((entry) => entry.statement.label), ['statement 0 (PublicRead)']);
    assert.equal(textOf(document, access.range), document.getText().trimEnd(), 'a policy file\'s range is the whole policy');
    assert.deepEqual(access.unknowns, []);
  });

  it('says which rows rest on values a template computes, and lists them', () => {
    const { document, host } = open(VPCE_TEMPLATE);
    assert.deepEqual(summarizablePolicies(host), [0]);
    const access = policyAccess(document, host, 0);
    assert.equal(access.name, 'PrivateBucketPolicy');
    assert.deepEqual(access.unknowns, ['statement 0 (OnlyThroughEndpoint): !Ref VpceId']);
    assert.ok(access.rows.length > 0 && access.rows.every((row) => row.notes.includes('depends on values the host computes')), JSON.stringify(access.rows.map((row) => row.notes)));
    assert.equal(textOf(document, access.range).split('\n')[0], 'Version: \'2012-10-17\'');
  });

  it('picks the policy at the cursor, by index, or the first; none for a document without one', () => {
    const { document, host } = open(WEBSITE);
    assert.equal(selectPolicy(document, host, {}), 0);
    assert.equal(selectPolicy(document, host, { policy: 0 }), 0);
    assert.equal(selectPolicy(document, host, { policy: 3 }), undefined);
    assert.equal(selectPolicy(document, host, { position: { line: 4, character: 0 } }), 0);
    const none = readTemplate('{"name": "x"}', '/work/package.json');
    assert.equal(selectPolicy(TextDocument.create('file:///work/package.json', 'json', 1, '{"name": "x"}'), none, {}), undefined);
  });
});

describe('what if', () => {
  const ask = (file: string, principal: string, action: string, resource: string, context: Record<string, string> = {}) => {
    const { document, host } = open(file);
    const result = whatIf(document, host, { textDocument: { uri: document.uri }, principal, action, resource, context });
    return { result, document };
  };

  it('allows an anonymous read through the public statement and points at it', () => {
    const { result, document } = ask(WEBSITE, 'anonymous', 's3:GetObject', 'arn:aws:s3:::company-website/index.html');
    assert.equal(result.decision, 'allow');
    assert.equal(result.headline, 'Allowed by statement 0 (PublicRead)');
    assert.equal(result.deciding.length, 1);
    assert.match(textOf(document, result.deciding[0].range), /^\{\s*"Sid": "PublicRead"/);
    assert.ok(result.explanation[0].startsWith('The bucket owner is taken to be account'), result.explanation[0]);
  });

  it('denies an anonymous write implicitly, with no deciding statement', () => {
    const { result } = ask(WEBSITE, 'anonymous', 's3:PutObject', 'arn:aws:s3:::company-website/index.html');
    assert.deepEqual([result.decision, result.headline, result.deciding], ['implicitDeny', 'Denied implicitly: no statement allows it', []]);
    assert.ok(result.statements.every((verdict) => verdict.applies === 'no'));
  });

  it('denies plain HTTP explicitly by the HTTPS-only statement', () => {
    const { result, document } = ask('examples/cross-account-read.bucket-policy.json', '210987654321', 's3:GetObject', 'arn:aws:s3:::shared-datasets/a.csv', { 'aws:SecureTransport': 'false' });
    assert.equal(result.decision, 'explicitDeny');
    assert.equal(result.headline, 'Denied explicitly by statement 2 (DenyInsecureTransport)');
    assert.match(textOf(document, result.deciding[0].range), /"Sid": "DenyInsecureTransport"/);
  });

  it('allows the partner account over HTTPS, and a user of it only if its identity policies allow', () => {
    assert.equal(ask('examples/cross-account-read.bucket-policy.json', '210987654321', 's3:GetObject', 'arn:aws:s3:::shared-datasets/a.csv').result.headline, 'Allowed by statement 1 (PartnerRead)');
    const user = ask('examples/cross-account-read.bucket-policy.json', 'arn:aws:iam::210987654321:user/ana', 's3:GetObject', 'arn:aws:s3:::shared-datasets/a.csv').result;
    assert.equal(user.decision, 'allow');
    assert.equal(user.headline, 'Allowed if an identity policy of account 210987654321 allows it too (bucket policy: statement 1 (PartnerRead))');
  });

  it('answers "depends" where a template computes the value a Deny tests', () => {
    const { document, host } = open(VPCE_TEMPLATE);
    const owner = whatIfChoices(document, host, 0).owner.account;
    const { result } = ask(VPCE_TEMPLATE, `arn:aws:iam::${owner}:user/ana`, 's3:GetObject', 'arn:aws:s3:::privatebucket/a', { 'aws:SourceVpce': 'vpce-0a1b2c3d' });
    assert.deepEqual([...result.possible].sort(), ['allow', 'explicitDeny']);
    assert.match(result.headline, /or denied explicitly, depending on values the host computes$/);
    assert.ok(result.dependsOn.some((text) => /OnlyThroughEndpoint.*aws:SourceVpce/.test(text)), JSON.stringify(result.dependsOn));
    // Without the key, StringNotEquals holds whatever the endpoint is: the Deny applies for certain.
    const outside = ask(VPCE_TEMPLATE, `arn:aws:iam::${owner}:user/ana`, 's3:GetObject', 'arn:aws:s3:::privatebucket/a').result;
    assert.deepEqual([outside.decision, outside.possible], ['explicitDeny', ['explicitDeny']]);
  });

  it('refuses unreadable requests with a message instead of an answer, and never throws', () => {
    for (const [principal, action, resource, expected] of [
      ['nobody', 's3:GetObject', 'arn:aws:s3:::b/k', /"nobody" is not a principal/],
      ['anonymous', 'GetObject', 'arn:aws:s3:::b/k', /"GetObject" is not an IAM action/],
      ['anonymous', 's3:GetObject', 'bucket/key', /"bucket\/key" is not an ARN/],
    ] as const) {
      const { result } = ask(WEBSITE, principal, action, resource);
      assert.match(result.error ?? '', expected);
      assert.deepEqual(result.deciding, []);
    }
    const { document, host } = open(WEBSITE);
    const odd = whatIf(document, host, { textDocument: { uri: document.uri }, principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::company-website/x', context: { 'aws:SourceIp': 7 as unknown as string, list: ['a', 'b'] } });
    assert.equal(odd.decision, 'allow', 'a context value of the wrong type is left out');
  });

  it('offers the principals, actions, resources and condition values the policy uses', () => {
    const { document, host } = open('examples/vpc-endpoint-only.bucket-policy.json');
    const choices = whatIfChoices(document, host, 0);
    assert.equal(choices.principals[0].value, 'anonymous');
    assert.ok(choices.principals.some((choice) => choice.value === `arn:aws:iam::${choices.owner.account}:user/example-user`));
    assert.deepEqual(choices.actions.slice(0, 4).map((choice) => choice.value), ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], 'a wildcard offers the familiar actions it covers first');
    assert.deepEqual(choices.resources.map((choice) => choice.value), ['arn:aws:s3:::internal-app-data', 'arn:aws:s3:::internal-app-data/example', 'arn:aws:s3:::internal-app-data/example-object']);
    assert.deepEqual(choices.context.map((choice) => `${choice.key}=${choice.value}`), ['aws:SourceVpce=vpce-0a1b2c3d4e5f67890', 'aws:SecureTransport=true', 'aws:SecureTransport=false']);
  });

  it('does not offer the stand-in of a value the template computes', () => {
    const { document, host } = open(VPCE_TEMPLATE);
    const choices = whatIfChoices(document, host, 0);
    assert.deepEqual(choices.context.map((choice) => choice.key), ['aws:SecureTransport', 'aws:SecureTransport']);
  });
});

describe('statement hover', () => {
  const hoverAt = (file: string, needle: string, delta = 0) => {
    const { document, host } = open(file);
    const offset = document.getText().indexOf(needle) + delta;
    assert.ok(offset >= delta, `${needle} is in ${file}`);
    const hover = statementHover(document, host, document.positionAt(offset));
    return hover && { markdown: (hover.contents as MarkupContent).value, text: document.getText(hover.range) };
  };

  it('on a statement\'s { says what it grants, to whom, on what and when', () => {
    const hover = hoverAt('examples/cross-account-read.bucket-policy.json', '{\n      "Sid": "PartnerRead"');
    assert.ok(hover);
    assert.equal(hover.text, '{');
    assert.equal(hover.markdown, [
      'Statement 1 (PartnerRead)', '', '**Allows** read (s3:GetObject) — 1 S3 action', '',
      '**To**: account 210987654321 (whoever its IAM policies allow)', '', '**On**: `arn:aws:s3:::shared-datasets/*`', '', '**When**: always (no Condition)',
    ].join('\n'));
  });

  it('on a Sid\'s value describes a Deny and its conditions, with the missing-key behaviour of a negated operator', () => {
    const hover = hoverAt('examples/vpc-endpoint-only.bucket-policy.json', 'DenyOutsideVpcEndpoint', 2);
    assert.ok(hover);
    assert.equal(hover.text, '"DenyOutsideVpcEndpoint"');
    assert.match(hover.markdown, /^\*\*Denies\*\* change permissions/m);
    assert.match(hover.markdown, /\*\*To\*\*: everyone, anonymous users included/);
    assert.match(hover.markdown, /- `aws:SourceVpce` is not `vpce-0a1b2c3d4e5f67890` \(also true when the request does not carry it\)/);
  });

  it('marks a public statement and the values a template computes', () => {
    assert.match(hoverAt(WEBSITE, 'PublicRead', 1)?.markdown ?? '', /\*\*Public\*\*: this statement makes the bucket public \(Principal "\*" with no condition\)/);
    const template = hoverAt(VPCE_TEMPLATE, 'OnlyThroughEndpoint', 1);
    assert.match(template?.markdown ?? '', /`aws:SourceVpce` is not `!Ref VpceId` \(computed by the host\)/);
  });

  it('says nothing elsewhere: keys, other values, outside the policy', () => {
    assert.equal(hoverAt(WEBSITE, '"Effect"', 2), null);
    assert.equal(hoverAt(WEBSITE, 's3:ListBucket', 2), null);
    assert.equal(hoverAt(WEBSITE, '"Version"', 0), null);
  });
});
