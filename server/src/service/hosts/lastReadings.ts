/* S3 Bucket Policy — MIT License. */

/** One reading of a document: what the last reading kept, and what this one keeps for the next. */
export interface Reading<T> {
  /** What this reading, or else the document's last reading, kept under `key`. */
  get(key: string): T | undefined;
  /** Keeps `value` for the document's next reading. */
  keep(key: string, value: T): void;
  /** Ends the reading: what it kept replaces what the last one kept. */
  finish(): void;
}

/**
 * What the last reading of each document kept for its next one (the pieces of a template, the
 * policies read from it), by document path, for the most recent `documents` documents. A reading
 * finds what the last one kept and keeps only what it used itself, so what is kept stays in
 * proportion to one version of each document, however long the editing session.
 */
export class LastReadings<T> {
  private readonly kept = new Map<string, Map<string, T>>();

  constructor(private readonly documents: number) {}

  /** A reading of the document at `path` (`''` for one without a path). */
  start(path: string): Reading<T> {
    const previous = this.kept.get(path);
    const current = new Map<string, T>();
    return {
      get: (key) => current.get(key) ?? previous?.get(key),
      keep: (key, value) => {
        current.set(key, value);
      },
      finish: () => {
        this.kept.delete(path);
        this.kept.set(path, current);
        for (const evicted of this.kept.keys()) {
          if (this.kept.size <= this.documents) {
            break;
          }
          this.kept.delete(evicted);
        }
      },
    };
  }

  /** Forgets everything kept (for tests and benchmarks of a first read). */
  clear(): void {
    this.kept.clear();
  }
}
