/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy } from '../../../server/src/service/parser/parsePolicy';
import type { PolicyStatement } from '../../../server/src/service/parser/policyDocument';

function onlyStatement(statementText: string): PolicyStatement {
  const policy = parsePolicy(`{"Version": "2012-10-17", "Statement": [${statementText}]}`);
  assert.equal(policy.statements.length, 1);
  return policy.statements[0];
}

const names = (statement: PolicyStatement): string[] => statement.members.map((member) => member.name);
const values = (statement: PolicyStatement): unknown[] => statement.members.map((member): unknown => member.valueNode?.value);

describe('parsePolicy statements', () => {
  it('lists the members in document order and gives each known one its element', () => {
    const statement = onlyStatement('{"Effect": "Allow", "Sid": "A", "Principal": "*", "NotAction": "s3:Delete*", "NotResource": "arn:aws:s3:::b", "Condition": {}}');
    assert.deepEqual(names(statement), ['Effect', 'Sid', 'Principal', 'NotAction', 'NotResource', 'Condition']);
    assert.equal(statement.elements.Effect?.valueNode?.value, 'Allow');
    assert.equal(statement.elements.Sid?.keyNode.value, 'Sid');
    assert.equal(statement.elements.NotAction?.valueNode?.value, 's3:Delete*');
    assert.equal(statement.elements.NotResource?.valueNode?.value, 'arn:aws:s3:::b');
    assert.equal(statement.elements.Condition?.valueNode?.type, 'object');
    assert.equal(statement.elements.Action, undefined);
    assert.equal(statement.elements.Resource, undefined);
    assert.equal(statement.elements.NotPrincipal, undefined);
    for (const member of statement.members) {
      assert.equal(statement.elements[member.name as keyof PolicyStatement['elements']], member, `${member.name} is the same member in both`);
    }
  });

  it('keeps a repeated name once, at its first place, with its last value, as S3 reads it', () => {
    const statement = onlyStatement('{"Effect": "Deny", "Action": "s3:GetObject", "Effect": "Allow", "Resource": "*"}');
    assert.deepEqual(names(statement), ['Effect', 'Action', 'Resource']);
    assert.deepEqual(values(statement), ['Allow', 's3:GetObject', '*']);
    assert.equal(statement.elements.Effect?.valueNode?.value, 'Allow');
    assert.equal(statement.elements.Effect, statement.members[0]);
  });

  it('keeps unknown names, and a repeated unknown name once with its last value', () => {
    const statement = onlyStatement('{"Effect": "Allow", "Actions": "a", "Condtion": {}, "Actions": "b"}');
    assert.deepEqual(names(statement), ['Effect', 'Actions', 'Condtion']);
    assert.deepEqual(values(statement), ['Allow', 'b', undefined]);
    assert.equal(statement.elements.Condition, undefined);
  });

  it('tells names apart by case, as S3 does', () => {
    const statement = onlyStatement('{"effect": "Allow", "Effect": "Deny"}');
    assert.deepEqual(names(statement), ['effect', 'Effect']);
    assert.equal(statement.elements.Effect?.valueNode?.value, 'Deny');
  });

  it('reads a statement the long way (with a syntax problem the tree survives) the same way', () => {
    const policy = parsePolicy('{"Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "s3:GetObject",}]}');
    assert.equal(policy.syntaxProblems.length, 1);
    assert.deepEqual(names(policy.statements[0]), ['Effect', 'Action']);
    assert.equal(policy.statements[0].elements.Effect?.valueNode?.value, 'Allow');
  });
});
