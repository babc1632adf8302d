/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import { complete, parsesAsJson } from './completionTest';

describe('completion of element names', () => {
  it('proposes the top-level elements in an empty object', () => {
    const completion = complete('{|}');
    assert.deepEqual(completion.labels, ['Version', 'Id', 'Statement']);
    assert.equal(completion.accept('Version'), '{"Version": "2012-10-17"}');
    assert.deepEqual(parsesAsJson(completion.accept('Statement')), { Statement: [] });
  });

  it('leaves out the elements already present', () => {
    assert.deepEqual(complete('{\n  "Version": "2012-10-17",\n  |\n}').labels, ['Id', 'Statement']);
  });

  it('adds the missing comma after the member before the cursor', () => {
    const text = complete('{\n  "Version": "2012-10-17"\n  |\n}').accept('Id');
    assert.equal(text, '{\n  "Version": "2012-10-17",\n  "Id": ""\n}');
  });

  it('ends with a comma when a member follows', () => {
    const text = complete('{ | "Statement": [] }').accept('Version');
    assert.deepEqual(parsesAsJson(text), { Version: '2012-10-17', Statement: [] });
  });

  it('proposes statement elements not present, nor the counterpart of a present one', () => {
    const labels = complete('{ "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", | } ] }').labels;
    assert.deepEqual(labels, ['Sid', 'Principal', 'Resource', 'Condition', 'NotPrincipal', 'NotResource']);
  });

  it('completes a half-typed element name in a broken document, replacing the whole string', () => {
    const completion = complete('{ "Statement": [ { "Eff|');
    const edit = completion.item('Effect').textEdit as TextEdit;
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [19, 23]);
    assert.equal(completion.item('Effect').filterText, '"Effect"');
    assert.equal(completion.accept('Effect'), '{ "Statement": [ { "Effect": "Allow"');
  });

  it('inserts only the name when a colon already follows it', () => {
    const text = complete('{ "Statement": [ { "Eff|": "Allow", "Principal": "*" } ] }').accept('Effect');
    assert.deepEqual(parsesAsJson(text), { Statement: [{ Effect: 'Allow', Principal: '*' }] });
  });

  it('starts a Deny statement\'s Principal with "*" and an Allow statement\'s with an AWS principal', () => {
    assert.match(complete('{ "Statement": { "Effect": "Deny", | } }').accept('Principal'), /"Principal": "\*"/);
    assert.match(complete('{ "Statement": { "Effect": "Allow", | } }').accept('Principal'), /"Principal": \{ "AWS": "" \}/);
  });

  it('starts Resource with the ARNs of the bucket the policy names that the statement\'s actions need', () => {
    const policy = (statement: string) => `{ "Statement": [ ${statement}, { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme", "arn:aws:s3:::acme/*"] } ] }`;
    assert.match(complete(policy('{ "Action": "s3:ListBucket", | }')).accept('Resource'), /"Resource": "arn:aws:s3:::acme" \}/);
    assert.match(complete(policy('{ "Action": "s3:GetObject", | }')).accept('Resource'), /"Resource": "arn:aws:s3:::acme\/\*" \}/);
    assert.match(complete(policy('{ | }')).accept('Resource'), /"Resource": \["arn:aws:s3:::acme", "arn:aws:s3:::acme\/\*"\]/);
  });

  it('proposes the principal types a bucket policy accepts (not Federated)', () => {
    const completion = complete('{ "Statement": [ { "Principal": { | } } ] }');
    assert.deepEqual(completion.labels, ['AWS', 'Service', 'CanonicalUser']);
    assert.deepEqual(parsesAsJson(completion.accept('Service')), { Statement: [{ Principal: { Service: '' } }] });
  });

  it('documents each element with the schema\'s description', () => {
    const documentation = complete('{ "Statement": [ { | } ] }').item('Resource').documentation;
    assert.ok(typeof documentation === 'object' && documentation.kind === 'markdown');
    assert.match(documentation.value, /Bucket actions such as `s3:ListBucket` need the bucket ARN/);
  });

  it('gives clients without snippet support plain text', () => {
    const item = complete('{ "Statement": [ { | } ] }', { snippetSupport: false }).list.items.find((candidate) => candidate.label === 'Effect');
    assert.notEqual(item?.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((item?.textEdit as TextEdit).newText, '"Effect": "Allow"');
  });

  it('proposes nothing inside a comment or after a member name without its colon', () => {
    assert.deepEqual(complete('{ // Ver|\n}').labels, []);
    assert.deepEqual(complete('{ "Version" | }').labels, []);
  });
});

describe('completion of Version, Effect and Principal values', () => {
  it('proposes 2012-10-17 first (preselected) and the legacy version after it', () => {
    const completion = complete('{ "Version": "|" }');
    assert.deepEqual(completion.labels, ['2012-10-17', '2008-10-17']);
    assert.equal(completion.item('2012-10-17').preselect, true);
    assert.equal(completion.accept('2012-10-17'), '{ "Version": "2012-10-17" }');
  });

  it('replaces a half-typed or unquoted Effect with the quoted value', () => {
    assert.equal(complete('{ "Statement": [ { "Effect": "Al|" } ] }').accept('Allow'), '{ "Statement": [ { "Effect": "Allow" } ] }');
    assert.equal(complete('{ "Statement": [ { "Effect": al| } ] }').accept('Allow'), '{ "Statement": [ { "Effect": "Allow" } ] }');
    assert.equal(complete('{ "Statement": [ { "Effect": "De|\n  } ] }').accept('Deny'), '{ "Statement": [ { "Effect": "Deny"\n  } ] }');
  });

  it('puts a space after a colon typed just before', () => {
    assert.equal(complete('{ "Statement": [ { "Effect":| } ] }').accept('Deny'), '{ "Statement": [ { "Effect": "Deny" } ] }');
  });

  it('proposes "*" and the object forms for a Principal', () => {
    const completion = complete('{ "Statement": [ { "Principal": | } ] }');
    assert.deepEqual(completion.labels, ['*', '{ "AWS": … }', '{ "Service": … }', '{ "CanonicalUser": … }']);
    assert.deepEqual(parsesAsJson(completion.accept('{ "AWS": … }')), { Statement: [{ Principal: { AWS: '' } }] });
    assert.deepEqual(complete('{ "Statement": [ { "Principal": "|" } ] }').labels, ['*']);
  });

  it('proposes the root ARN of the accounts the policy already names under AWS, and service principals under Service', () => {
    const policy = '{ "Statement": [ { "Principal": { "AWS": "210987654321" } }, { "Principal": { "AWS": "|" } } ] }';
    assert.equal(complete(policy).labels[0], 'arn:aws:iam::210987654321:root');
    assert.ok(complete('{ "Statement": [ { "Principal": { "Service": "|" } } ] }').labels.includes('cloudfront.amazonaws.com'));
  });
});
