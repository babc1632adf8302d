// S3 Bucket Policy — MIT License.
// Timing and statistics shared by the benchmark's parts.
import { performance } from 'node:perf_hooks';

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(samples, fraction) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/**
 * Times `work` (sync or async): warm-up first, then `runs` samples. A sample is the mean of a
 * batch of calls sized so one sample lasts at least ~0.5 ms, which keeps timer resolution out of
 * sub-microsecond figures. Returns the median and the spread of the samples, in milliseconds.
 */
export async function measure(work, { runs = 200, warmupMs = 300, minSampleMs = 0.5 } = {}) {
  const first = work();
  const isAsync = Boolean(first && typeof first.then === 'function');
  await first;
  const timeBatch = isAsync
    ? async (count) => {
      const start = performance.now();
      for (let index = 0; index < count; index++) {
        await work();
      }
      return performance.now() - start;
    }
    : (count) => {
      const start = performance.now();
      for (let index = 0; index < count; index++) {
        work();
      }
      return performance.now() - start;
    };
  let calls = 0;
  let spent = 0;
  while (spent < warmupMs || calls < 20) {
    spent += await timeBatch(1);
    calls++;
  }
  const batch = Math.max(1, Math.ceil(minSampleMs / (spent / calls)));
  const samples = [];
  for (let run = 0; run < runs; run++) {
    samples.push((await timeBatch(batch)) / batch);
  }
  return { medianMs: percentile(samples, 0.5), p90Ms: percentile(samples, 0.9), minMs: Math.min(...samples), runs, callsPerRun: batch };
}

/** Milliseconds with a precision that suits their size. */
export function formatMs(ms) {
  if (ms === undefined || ms === null) {
    return '—';
  }
  return ms < 0.01 ? `${(ms * 1000).toFixed(2)} µs` : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** Bytes as KB or MB. */
export function formatBytes(bytes) {
  if (bytes === undefined || bytes === null) {
    return 'missing';
  }
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
