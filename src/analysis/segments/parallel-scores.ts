// Scores the k candidates on two cores: a worker takes every other k while this thread does the rest (synchronous API).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { kCandidates, scoreSomeKs, scoringSample } from './choose-k.js';
import type { ChooseKOptions, KScore } from './choose-k.js';

/**
 * Starts the worker. From TypeScript source (run through tsx) the worker first registers tsx itself: an
 * `--import` in a worker's execArgv does not apply to the worker's own entry module on Node 20.
 */
function startWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./choose-k-worker.js', import.meta.url), { workerData });
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./choose-k-worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); });`, { eval: true, workerData });
}

/**
 * The same scores as `scoreKs`, computed in two threads. Every k has its own seed, so the split does not change
 * a number; if the worker cannot start or fails, this thread scores its ks as well.
 */
export function scoreKsParallel(data: Float64Array, n: number, d: number, options: ChooseKOptions): KScore[] {
  const sample = scoringSample(data, n, d, options);
  const ks = kCandidates(sample, options);
  // the largest k cost the most: alternate from the top so both halves weigh about the same
  const byCost = [...ks].sort((a, b) => b - a);
  const theirs = byCost.filter((_, i) => i % 2 === 1);
  const ours = byCost.filter((_, i) => i % 2 === 0);
  if (theirs.length === 0 || availableParallelism() < 2) return scoreSomeKs(sample, ks, options);
  const out = new Float64Array(new SharedArrayBuffer(theirs.length * 3 * 8));
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | null = null;
  try {
    worker = startWorker({ sample, ks: theirs, options, out, flag });
    worker.unref();
    worker.on('error', () => {
      Atomics.store(flag, 0, 2);
      Atomics.notify(flag, 0);
    });
  } catch {
    worker = null;
  }
  const mine = scoreSomeKs(sample, ours, options);
  let theirScores: KScore[];
  // 'error' events cannot arrive while this thread blocks: a worker that never started is given 20 s more,
  // one that started is waited for (its own try/catch reports failures through the flag)
  if (worker !== null && Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 20_000);
  if (worker !== null && Atomics.load(flag, 0) === 3) Atomics.wait(flag, 0, 3, 1_800_000);
  if (worker !== null && Atomics.load(flag, 0) === 1) {
    theirScores = theirs.map((k, i) => ({ k, silhouette: out[i * 3]!, stability: out[i * 3 + 1]!, minSegmentStability: out[i * 3 + 2]! }));
  } else {
    void worker?.terminate();
    theirScores = scoreSomeKs(sample, theirs, options);
  }
  return [...mine, ...theirScores].sort((a, b) => a.k - b.k);
}
