/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildOffsetMap, mapEdit, mapFindingRange } from '../../../server/src/service/pasted/offsetMap';
import { combinedFixEdits, findSyntaxRepairs } from '../../../server/src/service/pasted/syntaxRepairs';
import { applyOffsetEdits } from '../../../server/src/service/edits/jsonEdits';

/** The repaired reading of a text with its repairs, wrapped as given. */
function read(text: string, prefix = '', suffix = '') {
  const repairs = findSyntaxRepairs(text);
  assert.ok(repairs, 'repairable');
  return buildOffsetMap(text, repairs.map((repair) => repair.edit), prefix, suffix);
}

describe('pasted/offsetMap', () => {
  const original = '{\u201CA\u201D: [1, 2,], # note\n "T": ${admin}}';

  it('repairs into strict JSON', () => {
    const map = read(original);
    assert.equal(map.text, '{"A": [1, 2], \n "T": "${admin}"}');
    JSON.parse(map.text);
  });

  it('maps a finding in copied text exactly, and one on a rewritten token to the whole token', () => {
    const map = read(original);
    const two = map.text.indexOf('2');
    assert.deepEqual(mapFindingRange(map, { offset: two, length: 1 }), { offset: original.indexOf('2'), length: 1 });
    assert.deepEqual(mapFindingRange(map, { offset: 1, length: 3 }), { offset: 1, length: 3 });
    const template = map.text.indexOf('"${admin}"');
    assert.deepEqual(mapFindingRange(map, { offset: template, length: 10 }), { offset: original.indexOf('${admin}'), length: 8 });
  });

  it('maps an edit of copied text, and of a whole rewritten token, exactly', () => {
    const map = read(original);
    const two = map.text.indexOf('2');
    assert.deepEqual(mapEdit(map, { offset: two, length: 1, content: '3' }), { offset: original.indexOf('2'), length: 1, content: '3' });
    assert.deepEqual(mapEdit(map, { offset: 1, length: 3, content: '"B"' }), { offset: 1, length: 3, content: '"B"' });
    const template = map.text.indexOf('"${admin}"');
    const edit = mapEdit(map, { offset: template, length: 10, content: '"x"' });
    assert.ok(edit);
    assert.equal(applyOffsetEdits(original, [edit]), original.replace('${admin}', '"x"'));
  });

  it('inserts after a value, before its removed trailing comma', () => {
    const map = read(original);
    const afterTwo = map.text.indexOf('2') + 1;
    const edit = mapEdit(map, { offset: afterTwo, length: 0, content: ', 3' });
    assert.ok(edit);
    assert.equal(applyOffsetEdits(original, [edit]), original.replace('2,]', '2, 3,]'));
  });

  it('refuses edits that would take removed text with them, cut into a token, or touch the wrapping', () => {
    const map = read(original);
    // From the array to "T": the # comment lies between.
    assert.equal(mapEdit(map, { offset: map.text.indexOf('['), length: map.text.indexOf('"T"') - map.text.indexOf('['), content: '' }), undefined);
    assert.deepEqual(mapEdit(map, { offset: 2, length: 1, content: 'B' }), { offset: 2, length: 1, content: 'B' }, 'between two straightened quotes: copied text');
    const single = read('{\'Abc\': 1}');
    assert.equal(single.text, '{"Abc": 1}');
    assert.equal(mapEdit(single, { offset: 2, length: 1, content: 'a' }), undefined, 'inside a rewritten token');
    assert.equal(mapEdit(map, { offset: map.text.indexOf('${'), length: 0, content: 'x' }), undefined, 'between added quotes and the value');
    const wrapped = read('{"Effect": "Allow"}', '{"Statement": [', ']}');
    assert.equal(mapEdit(wrapped, { offset: 1, length: 0, content: '"Version": "2012-10-17", ' }), undefined);
    assert.equal(mapEdit(wrapped, { offset: wrapped.text.length - 2, length: 0, content: ', {}' }), undefined);
    assert.equal(mapFindingRange(wrapped, { offset: 2, length: 9 }), undefined, 'a finding on the added "Statement"');
    assert.deepEqual(mapFindingRange(wrapped, { offset: 16, length: 8 }), { offset: 1, length: 8 });
  });

  it('leaves quotes inside a # comment to the comment, and gives up on what has no obvious meaning', () => {
    const repairs = findSyntaxRepairs('{"A": 1 # it\'s \u201Cfine\u201D\n}');
    assert.deepEqual(repairs?.map((repair) => repair.form), ['hashComment']);
    assert.equal(findSyntaxRepairs('{"A": "open\n}'), undefined);
    assert.equal(findSyntaxRepairs('{"A": ${x\n}'), undefined);
    assert.equal(findSyntaxRepairs('{"A": 1 /* open'), undefined);
  });

  it('combines the fixes without overlaps: two comments on one line each keep to their own span', () => {
    const text = '{"A": 1, /* a */ /* b */\n"B": 2}';
    const repairs = findSyntaxRepairs(text);
    assert.ok(repairs);
    const fixed = applyOffsetEdits(text, combinedFixEdits(repairs));
    assert.deepEqual(JSON.parse(fixed), { A: 1, B: 2 });
  });
});
