/* S3 Bucket Policy — MIT License. */
/**
 * What readings of templates and Terraform files keep for the next one (hosts/lastReadings.ts): only
 * what the last reading of each document used, for a bounded number of documents, so that memory
 * stays in proportion to one version of each document however long the editing session.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LastReadings } from '../../../server/src/service/hosts/lastReadings';

/** Reads the document at `path`: looks up `used` (keeping what it finds, or a new value) and returns what it found. */
function read(kept: LastReadings<string>, path: string, used: string[]): (string | undefined)[] {
  const reading = kept.start(path);
  const found = used.map((key) => reading.get(key));
  used.forEach((key, index) => reading.keep(key, found[index] ?? `${key}@${path}`));
  reading.finish();
  return found;
}

describe('what the last reading of a document keeps', () => {
  it('finds what the last reading kept, and forgets what that reading did not use', () => {
    const kept = new LastReadings<string>(4);
    assert.deepEqual(read(kept, 'a.yaml', ['one', 'two']), [undefined, undefined]);
    assert.deepEqual(read(kept, 'a.yaml', ['two', 'three']), ['two@a.yaml', undefined]);
    // "one" was not used by the last reading: it is gone, whatever edits came between.
    assert.deepEqual(read(kept, 'a.yaml', ['one', 'two', 'three']), [undefined, 'two@a.yaml', 'three@a.yaml']);
  });

  it('keeps each document apart, for the most recent documents only', () => {
    const kept = new LastReadings<string>(2);
    read(kept, 'a.yaml', ['x']);
    read(kept, 'b.yaml', ['x']);
    assert.deepEqual(read(kept, 'a.yaml', ['x']), ['x@a.yaml']);
    read(kept, 'c.yaml', ['x']);
    // b.yaml was read least recently of the three: its reading is forgotten.
    assert.deepEqual(read(kept, 'b.yaml', ['x']), [undefined]);
    assert.deepEqual(read(kept, 'c.yaml', ['x']), ['x@c.yaml']);
  });

  it('forgets everything when cleared', () => {
    const kept = new LastReadings<string>(2);
    read(kept, 'a.yaml', ['x']);
    kept.clear();
    assert.deepEqual(read(kept, 'a.yaml', ['x']), [undefined]);
  });
});
