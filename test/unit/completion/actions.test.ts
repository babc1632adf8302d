/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { s3Actions } from '../../../server/src/service/data/awsData';
import { complete, parsesAsJson } from './completionTest';

const inAction = (value: string) => `{ "Statement": [ { "Effect": "Allow", "Action": ${value} } ] }`;

describe('completion of actions', () => {
  it('proposes every S3 action, and s3:*, when nothing is typed — and nothing but S3 actions', () => {
    const completion = complete(inAction('"|"'));
    assert.equal(completion.labels[0], 's3:*');
    assert.equal(completion.labels.length, s3Actions().length + 1);
    assert.ok(completion.labels.every((label) => label.startsWith('s3:')));
  });

  it('filters by what is typed, names starting with it first, and asks again as typing goes on', () => {
    const completion = complete(inAction('"s3:GetObj|"'));
    assert.equal(completion.labels[0], 's3:GetObject');
    assert.ok(completion.labels.every((label) => label.toLowerCase().includes('getobj')));
    assert.equal(completion.list.isIncomplete, true);
    assert.ok(completion.list.items.every((item) => item.filterText === '"s3:GetObj'));
    assert.equal(complete(inAction('"tagging|"')).labels.length, s3Actions().filter((action) => /tagging/i.test(action.name)).length);
  });

  it('matches a pattern with wildcards, proposing the pattern itself and the actions it grows into', () => {
    const completion = complete(inAction('"s3:Get*Tagging|"'));
    assert.equal(completion.labels[0], 's3:Get*Tagging');
    assert.match(completion.item('s3:Get*Tagging').detail ?? '', /^\d+ actions$/);
    assert.ok(completion.labels.includes('s3:GetObjectTagging'));
    assert.ok(!completion.labels.includes('s3:PutObjectTagging'));
  });

  it('proposes nothing for another service\'s prefix', () => {
    assert.deepEqual(complete(inAction('"ec2:|"')).labels, []);
  });

  it('shows each action\'s access level and description', () => {
    const item = complete(inAction('"s3:PutObject|"')).item('s3:PutObject');
    assert.equal(item.detail, 'Write');
    assert.ok(typeof item.documentation === 'object');
    assert.match(item.documentation.value, /Grants permission to add an object to a bucket/);
    assert.match(item.documentation.value, /Resources: accesspointobject, object/);
  });

  it('replaces the whole string, in an array too, and leaves out actions already listed', () => {
    const completion = complete(inAction('["s3:GetObject", "s3:GetObj|ect"]'));
    assert.ok(!completion.labels.includes('s3:GetObject'));
    assert.deepEqual(parsesAsJson(completion.accept('s3:GetObjectAcl')), { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectAcl'] }] });
  });

  it('inserts a quoted action where no string is typed yet, with the comma a following element needs', () => {
    const text = complete('{ "Statement": [ { "Action": | "Resource": "*" } ] }').accept('s3:ListBucket');
    assert.deepEqual(parsesAsJson(text), { Statement: [{ Action: 's3:ListBucket', Resource: '*' }] });
  });

  it('adds the missing comma between array items', () => {
    const text = complete(inAction('["s3:GetObject" "s3:Put|"]')).accept('s3:PutObject');
    assert.deepEqual(parsesAsJson(text), { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'] }] });
  });

  it('completes NotAction like Action', () => {
    assert.equal(complete('{ "Statement": [ { "NotAction": "s3:DeleteBuck|" } ] }').labels[0], 's3:DeleteBucket');
  });
});
