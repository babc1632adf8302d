/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { editBetween, HclNode, keptTreeCount, parseHcl, parseHclFile } from '../../../server/src/service/hosts/terraform/hclParser';
import { Random } from '../../fuzz/random';
import { CORPUS, corpusFiles, randomEdit, ready } from './terraformTest';

/** Everything a tree says about each node, in document order: type, indices, positions, errors. */
function nodesOf(node: HclNode, out: string[] = []): string[] {
  out.push(`${node.type} ${node.startIndex}-${node.endIndex} ${node.startPosition.row}:${node.startPosition.column}-${node.endPosition.row}:${node.endPosition.column}${node.isMissing ? ' missing' : ''}${node.hasError ? ' error' : ''}`);
  for (const child of node.children) {
    if (child) {
      nodesOf(child, out);
    }
  }
  return out;
}

describe('incremental HCL parsing', () => {
  before(ready);

  it('finds the edit between two texts in UTF-16 code units, without splitting a surrogate pair', () => {
    const edit = editBetween('a = "é😀x"\nb = 1', 'a = "é😁x"\nb = 1');
    assert.deepEqual([edit.startIndex, edit.oldEndIndex, edit.newEndIndex], [6, 8, 8]);
    assert.deepEqual([edit.startPosition, edit.oldEndPosition, edit.newEndPosition], [{ row: 0, column: 6 }, { row: 0, column: 8 }, { row: 0, column: 8 }]);
    const inserted = editBetween('x\ny', 'x\n€\ny');
    assert.deepEqual([inserted.startIndex, inserted.oldEndIndex, inserted.newEndIndex, inserted.newEndPosition], [2, 2, 4, { row: 2, column: 0 }]);
  });

  it('gives the tree a fresh parse gives, over random edits of the corpus with non-ASCII text', () => {
    const random = new Random(5);
    for (const file of corpusFiles().filter((name) => name.endsWith('.tf'))) {
      let text = `# Politique de sécurité — 桶 😀\n${fs.readFileSync(path.join(CORPUS, file), 'utf8')}`;
      for (let step = 0; step < 12; step++) {
        text = randomEdit(random, text);
        const incremental = parseHclFile(`/incremental/${file}`, text)!;
        const fresh = parseHcl(text)!;
        assert.deepEqual(nodesOf(incremental.rootNode), nodesOf(fresh.rootNode), `${file}, edit ${step}:\n${text}`);
        incremental.delete();
        fresh.delete();
      }
    }
  });

  it('keeps one tree per file for the last few files, however many edits', () => {
    const text = fs.readFileSync(path.join(CORPUS, '33-document-clean.tf'), 'utf8');
    const before = keptTreeCount();
    const random = new Random(9);
    let edited = text;
    for (let step = 0; step < 300; step++) {
      edited = randomEdit(random, edited);
      parseHclFile('/kept/main.tf', edited)?.delete();
    }
    assert.equal(keptTreeCount(), Math.min(before + 1, 32));
    for (let file = 0; file < 100; file++) {
      parseHclFile(`/kept/${file}.tf`, text)?.delete();
    }
    assert.equal(keptTreeCount(), 32);
  });
});
