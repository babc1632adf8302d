/* S3 Bucket Policy — MIT License. */
/** Edit distance between two strings (insertions, deletions, substitutions), capped at `limit + 1`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  // Two rows of numbers, swapped: a document with thousands of typos asks for millions of these.
  let previous = new Uint32Array(b.length + 1).map((_, index) => index);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const character = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = character === b.charCodeAt(j - 1) ? 0 : 1;
      const distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = distance;
      rowMinimum = Math.min(rowMinimum, distance);
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * The candidates a mistyped name most likely meant: same name in another case first, then the
 * closest by edit distance (at most a third of the length, at least 1). Used for "Did you mean …?".
 */
export function closestNames(typed: string, candidates: readonly string[], max = 3): string[] {
  const lower = typed.toLowerCase();
  const sameIgnoringCase = candidates.filter((candidate) => candidate.toLowerCase() === lower);
  if (sameIgnoringCase.length > 0) {
    return sameIgnoringCase.slice(0, max);
  }
  const limit = Math.max(1, Math.floor(typed.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase(), limit) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((entry) => entry.candidate);
}
