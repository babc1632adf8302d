/* S3 Bucket Policy — MIT License. */
/**
 * Wraps a pure function of an object (a parsed statement or document) in a WeakMap cache, so that
 * the several rules asking the same question of one parse compute the answer once; the entry goes
 * away with the parse.
 */
export function memoizePerObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined || cache.has(key)) {
      return cached as T;
    }
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
