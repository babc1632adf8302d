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
    // Computed from, and stored under, a copy: a string value read from a document shares that
    // document's whole text, and so would every part of it the answer keeps (a bucket name, a
    // matched placeholder). Kept as is, each new value typed would keep one more version of the
    // document alive until the cache is emptied.
    const own = ownCopy(key);
    const value = compute(own);
    if (cache.size >= max) {
      cache.clear();
    }
    cache.set(own, value);
    return value;
  };
}

/** A string equal to `text` that shares no memory with the string it was cut from. */
function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
