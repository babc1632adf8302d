/* S3 Bucket Policy — MIT License. */

/** Where an object keeps the answers computed about it: one table per object, shared by every memoized function. */
const ANSWERS = Symbol('memoized answers');

type WithAnswers = { [ANSWERS]?: Map<unknown, unknown> };

/**
 * Wraps a pure function of an object (a parsed statement or document) so that the several rules
 * asking the same question of one parse compute the answer once. The answer is kept on the object
 * itself, in a table under a symbol, so it goes away with the parse. Not a WeakMap: with the answers
 * in WeakMaps, every young-generation collection during a lint promoted the parse tree to the old
 * generation (about 3.5 MB per collection on a 20 KB policy, with pauses of 10–14 ms), as the
 * answers hold nodes of the tree. Objects that take no new property (frozen data) use a WeakMap.
 * The table is an ordinary property under a symbol: JSON.stringify, Object.keys and for…in do not
 * see it (Object.defineProperty would also hide it from spreads, but cost a quarter of a microsecond
 * per object, 13 µs per lint of the 20 KB benchmark policy). A spread copies it, so a memoized
 * object must not be spread into a changed copy.
 */
export function memoizePerObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const sealedKeys = new WeakMap<K, T>();
  return (key) => {
    // The table is looked at first: most calls find their answer, and need neither an
    // extensibility check nor a function allocated to compute it.
    let answers = (key as K & WithAnswers)[ANSWERS] as Map<unknown, T> | undefined;
    if (answers === undefined) {
      if (!Object.isExtensible(key)) {
        return remembered(sealedKeys, key, compute, key);
      }
      answers = new Map();
      (key as K & WithAnswers)[ANSWERS] = answers;
    }
    return remembered(answers, compute, compute, key);
  };
}

/** The value `table` holds for `entry`, computed as `compute(key)` and stored the first time (undefined included). */
function remembered<E, K, T>(table: { get(entry: E): T | undefined; has(entry: E): boolean; set(entry: E, value: T): unknown }, entry: E, compute: (key: K) => T, key: K): T {
  const cached = table.get(entry);
  if (cached !== undefined || table.has(entry)) {
    return cached as T;
  }
  const value = compute(key);
  table.set(entry, value);
  return value;
}

/**
 * A copy of an object with some properties changed, without the answers memoized on the original:
 * they were computed from what the copy changes. (A spread would copy the answers' table along.)
 */
export function changedCopy<T extends object>(original: T, changes: Partial<T>): T {
  // Set to undefined rather than deleted: a deleted property would turn the copy into a slow dictionary object.
  return { ...original, ...changes, [ANSWERS]: undefined };
}
