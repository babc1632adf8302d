/* S3 Bucket Policy — MIT License. */
/**
 * Binary search over a sorted sequence of `count` items: the index of the first item for which
 * `isBefore` is false (`count` when there is none). `isBefore` must be true for a prefix of the
 * items and false for the rest. Used wherever a rule or the facade looks offsets up in a sorted list.
 */
export function lowerBound(count: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(middle)) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
