// S3 Bucket Policy — MIT License.
// Timing and statistics shared by the benchmark's parts.
import { performance } from 'node:perf_hooks';

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(samples, fraction) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** A function that runs `work` `count` times and returns the milliseconds it took (async when `work` is). */
async function batchTimer(work) {
  const first = work();
  const isAsync = Boolean(first && typeof first.then === 'function');
  await first;
  return isAsync
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
}

/** Runs `work` for at least `warmupMs` and 20 calls; returns its batch timer and the mean time per call while warming up. */
async function warmedUp(work, warmupMs) {
  const timeBatch = await batchTimer(work);
  let calls = 0;
  let spent = 0;
  while (spent < warmupMs || calls < 20) {
    spent += await timeBatch(1);
    calls++;
  }
  return { timeBatch, msPerCall: spent / calls };
}

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32), so a run's orders can be repeated. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from the names measured together, so each set of functions always gets the same orders. */
function seedOf(names) {
  return [...names.join('\n')].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16777619), 2166136261);
}

/** A copy of `items` in random order (Fisher–Yates). */
function shuffled(items, random) {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/**
 * Times several functions (sync or async) on a shared footing: each is warmed up first, then the
 * `runs` samples are taken in rounds, one sample of each function per round in a new order each
 * round, so that a change in machine load during the measurement weighs on all of them alike and
 * their ratios stay fair, with one untimed call (unless `callBeforeSample` is false) and the young
 * generation emptied before each sample (see below). A sample is the mean of a batch of calls
 * sized so one sample lasts at least ~1 ms, which keeps timer resolution out of sub-microsecond
 * figures. Returns, per name, the median and the spread
 * of the samples, in milliseconds.
 */
export async function measureAll(works, { runs = 200, warmupMs = 300, minSampleMs = 1, callBeforeSample = true } = {}) {
  const timers = {};
  const batches = {};
  const samples = {};
  for (const [name, work] of Object.entries(works)) {
    timers[name] = (await warmedUp(work, warmupMs)).timeBatch;
    samples[name] = [];
  }
  // Batch sizes are set once every function is warm (code they share is optimised by then, so two
  // identical functions get the same size whichever was warmed first), from the median of single
  // calls, which one slow call does not move.
  for (const name of Object.keys(works)) {
    const single = [];
    for (let call = 0; call < 31; call++) {
      single.push(await timers[name](1));
    }
    batches[name] = Math.max(1, Math.ceil(minSampleMs / percentile(single, 0.5)));
  }
  const nextRandom = seededRandom(seedOf(Object.keys(works)));
  for (let run = 0; run < runs; run++) {
    // Each round takes the functions in a new order, so that no function always follows the same
    // neighbour and pays for what it leaves behind (a major collection under way, cold caches).
    for (const name of shuffled(Object.keys(works), nextRandom)) {
      // One call, untimed, brings this function's own code and data back into the processor's
      // caches: otherwise a function pays for the caches the previous one filled with its own, and
      // the more so the more of them it uses. Measured beside the JSON language service, our full
      // lint on 20 KB read 15–25 % slower than alone in four runs of six; with this call, as fast
      // as alone (within 6 %) in all five tried (`node --expose-gc bench/profile.mjs 20
      // --neighbours`). Each function is then timed as it runs in its own process.
      if (callBeforeSample) {
        await timers[name](1);
      }
      // The garbage the previous function left in the young generation is collected here, untimed
      // (with node --expose-gc, as `npm run bench` runs): otherwise its collection is charged to
      // whichever function happens to run next. Each function still pays the collections its own
      // allocations cause during its batch.
      globalThis.gc?.({ type: 'minor' });
      samples[name].push((await timers[name](batches[name])) / batches[name]);
    }
  }
  return Object.fromEntries(Object.keys(works).map((name) => [name, {
    medianMs: percentile(samples[name], 0.5),
    p90Ms: percentile(samples[name], 0.9),
    minMs: Math.min(...samples[name]),
    runs,
    callsPerRun: batches[name],
  }]));
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

/**
 * Times functions with the cost of collecting their own garbage included: in each of `rounds`
 * rounds (a new order each round), each function runs a block of consecutive calls lasting about
 * `blockMs`, long enough for its allocations to set off several collections of the young
 * generation, which it then pays for. One untimed collection before each block, so no block pays
 * for another's garbage. Returns, per name, the median over the rounds of the mean time per call,
 * in milliseconds. `measureAll` leaves collections out instead (a sample is too short to set one off).
 */
export async function measureWithCollections(works, { rounds = 20, blockMs = 100, warmupMs = 300 } = {}) {
  const timers = {};
  const blocks = {};
  const means = {};
  for (const [name, work] of Object.entries(works)) {
    const { timeBatch, msPerCall } = await warmedUp(work, warmupMs);
    timers[name] = timeBatch;
    blocks[name] = Math.max(1, Math.ceil(blockMs / msPerCall));
    means[name] = [];
  }
  const nextRandom = seededRandom(seedOf(Object.keys(works)));
  for (let round = 0; round < rounds; round++) {
    for (const name of shuffled(Object.keys(works), nextRandom)) {
      globalThis.gc?.({ type: 'minor' });
      means[name].push((await timers[name](blocks[name])) / blocks[name]);
    }
  }
  return Object.fromEntries(Object.keys(works).map((name) => [name, { meanMsPerCall: percentile(means[name], 0.5), rounds, callsPerBlock: blocks[name] }]));
}

/**
 * V8's sampling heap profile of `calls` calls of `work` (every allocation, garbage included; one
 * sample per `samplingInterval` bytes on average): a tree of call frames with the bytes each allocated.
 */
export async function allocationProfile(work, calls, samplingInterval = 1024) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.startSampling', { samplingInterval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let call = 0; call < calls; call++) {
      await work();
    }
    return (await session.post('HeapProfiler.stopSampling')).profile;
  } finally {
    session.disconnect();
  }
}

/** The bytes `work` allocates per call, garbage included. */
export async function allocatedPerCall(work, calls = 20) {
  let total = 0;
  const walk = (node) => {
    total += node.selfSize;
    node.children.forEach(walk);
  };
  walk((await allocationProfile(work, calls)).head);
  return total / calls;
}
