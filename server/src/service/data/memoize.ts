/* S3 Bucket Policy — MIT License. */
/**
 * Wraps a pure function of a string in a cache of at most `max` entries (emptied when full). The
 * lookups the rules repeat on every keystroke (action patterns, resource ARNs, suggestions) cost
 * one Map lookup after the first time.
 */
export function memoize<T>(compute: (key: string) => T, max = 2000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined || cache.has(key)) {
      return cached as T;
    }
    const value = compute(key);
    if (cache.size >= max) {
      cache.clear();
    }
    cache.set(key, value);
    return value;
  };
}
