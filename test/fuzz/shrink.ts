/* S3 Bucket Policy — MIT License. */
/**
 * Shrinks a failing document to a small one that still fails the same way (delta debugging): try
 * removing ever smaller chunks, then single characters, keeping every removal that still fails.
 */

/** Limits on shrinking, so that a slow failure cannot hold a run for long. */
export interface ShrinkLimits {
  maxAttempts: number;
  maxMilliseconds: number;
}

const DEFAULT_LIMITS: ShrinkLimits = { maxAttempts: 5000, maxMilliseconds: 20_000 };

/** The shortest text found, by removing chunks of `text`, for which `fails` still holds. */
export function shrink(text: string, fails: (candidate: string) => boolean, limits: ShrinkLimits = DEFAULT_LIMITS): string {
  const started = performance.now();
  let attempts = 0;
  const stillFails = (candidate: string): boolean => {
    attempts++;
    return fails(candidate);
  };
  const exhausted = () => attempts >= limits.maxAttempts || performance.now() - started > limits.maxMilliseconds;
  let current = text;
  for (let chunk = Math.max(1, Math.floor(current.length / 2)); chunk >= 1 && !exhausted(); chunk = chunk === 1 ? 0 : Math.max(1, Math.floor(chunk / 2))) {
    let removedAny = true;
    while (removedAny && !exhausted()) {
      removedAny = false;
      for (let start = 0; start < current.length && !exhausted();) {
        const candidate = current.slice(0, start) + current.slice(start + chunk);
        if (stillFails(candidate)) {
          current = candidate;
          removedAny = true;
        } else {
          start += chunk;
        }
      }
    }
  }
  return current;
}
