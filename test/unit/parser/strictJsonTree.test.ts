/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { parsePolicy } from '../../../server/src/service/parser/parsePolicy';
import { strictJsonTree } from '../../../server/src/service/parser/strictJsonTree';
import { strictTreeDisagreement, treeContent } from '../../helpers/treeComparison';

const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/policies');

function corpusTexts(): [string, string][] {
  return ['correct', 'broken'].flatMap((folder) => fs.readdirSync(path.join(CORPUS, folder)).map((name): [string, string] => [`${folder}/${name}`, fs.readFileSync(path.join(CORPUS, folder, name), 'utf8')]));
}

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('strictJsonTree', () => {
  it('builds the tree parseTree builds, on every policy of the corpus it accepts', () => {
    let built = 0;
    for (const [name, text] of corpusTexts()) {
      assert.equal(strictTreeDisagreement(text), undefined, name);
      built += strictJsonTree(text) ? 1 : 0;
    }
    assert.ok(built > 150, `only ${built} corpus policies took the strict path`);
  });

  it('builds the same tree for every kind of value, escapes and empty containers', () => {
    const text = '{"s": "a\\"b\\u00e9\\n", "e": "\\/\\\\\\b\\f\\r\\t\\uD83D\\uDE00x", "n": [-0, 1.5e3, 0, -12, 1E+2, -0.25e-3, 7e0], "t": true, "f": false, "z": null, "o": {}, "a": [], "deep": {"k": [{"x": [1]}]}, "s": "again", "\\u0041": "k"}';
    assert.deepEqual(treeContent(strictJsonTree(text)), treeContent(parseTree(text)));
    assert.equal(strictJsonTree(text)?.children?.[0].children?.[1].value, 'a"bé\n');
  });

  it('gives every node the same properties in the same order (one shape for the rules to read)', () => {
    const shapes = new Set<string>();
    const walk = (node: NonNullable<ReturnType<typeof strictJsonTree>>): void => {
      shapes.add(Object.keys(node).join());
      node.children?.forEach(walk);
    };
    const root = strictJsonTree('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Condition": {"Bool": {"aws:SecureTransport": false}}, "N": 1, "Z": null}]}');
    assert.ok(root);
    walk(root);
    assert.deepEqual([...shapes], ['type,value,offset,length,colonOffset,parent,children']);
  });

  it('leaves to parseTree everything that is not strict JSON', () => {
    for (const text of [
      '',
      '   ',
      '{"a": 1} // comment',
      '{"a": /* comment */ 1}',
      '{"a": 1,}',
      '[1, 2,]',
      "{'a': 1}",
      '{"a": "unclosed}',
      '{"a": "bad \\x escape"}',
      '{"a": "tab\there"}',
      '{"a" 1}',
      '{"a": 1 "b": 2}',
      '{a: 1}',
      '{"a": 1}}',
      '{"a": 1} {"b": 2}',
      '{"a": -}',
      '{"a": 01}',
      '\uFEFF{"a": 1}',
      '{"a": [1, 2}',
      '{"a": tru}',
      '{"a": truex}',
      '{"a": nul}',
      '{"a": 1.}',
      '{"a": 1e}',
      '{"a": 1e+}',
      '{"a": .5}',
      '{"a": +1}',
      '{"a": "\\u12G4"}',
      '{"a": "\\u12"}',
      '{"a": "ends with a backslash\\',
      '"unclosed',
      '{"a": "line\nbreak"}',
      '{"a": 1}\u00a0',
    ]) {
      assert.equal(strictJsonTree(text), undefined, JSON.stringify(text));
      assert.equal(strictTreeDisagreement(text), undefined, JSON.stringify(text));
    }
  });

  it('builds trees up to the nesting limit and leaves deeper ones to the document limits', () => {
    assert.ok(strictJsonTree(nested(32)));
    assert.equal(strictJsonTree(nested(33)), undefined);
    assert.ok(parsePolicy(nested(33)).skipped, 'parsePolicy still skips a document nested too deep');
    assert.equal(parsePolicy(nested(32)).skipped, undefined);
  });

  it('gives parsePolicy the same document either way', () => {
    const strict = '{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}';
    const policy = parsePolicy(strict);
    assert.deepEqual(policy.syntaxProblems, []);
    assert.equal(policy.statements.length, 1);
    assert.deepEqual(policy.statements[0].members.map((member) => member.name), ['Sid', 'Effect', 'Principal', 'Action', 'Resource']);
    const withTrailingComma = parsePolicy(strict.replace('/*"}]}', '/*",}]}'));
    assert.equal(withTrailingComma.syntaxProblems.length, 1, 'a trailing comma still takes the long way and is reported');
    assert.equal(withTrailingComma.statements[0].members.length, 5);
  });
});
