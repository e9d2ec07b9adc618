// Fast seeded k-means on a row-major Float64Array: greedy k-means++ init, restarts, Hamerly's bounded Lloyd iterations.
import { createRng } from '../../shared/rng.js';
import { kmeansPlusPlus, sampleIndices, sqDist } from './kmeans-init.js';

export interface KMeansOptions {
  k: number;
  seed: number;
  /** independent k-means++ starts; the lowest inertia wins (default 4) */
  restarts?: number;
  maxIterations?: number;
  /** stop when fewer than this share of points change cluster (default 0: until stable) */
  tolerance?: number;
  /** restarts run on a subsample of this many rows, the winner is refined on all rows (default 20 000) */
  restartSample?: number;
  /** iterations each start gets before the best is chosen and run to convergence (default 8) */
  screenIterations?: number;
}

export interface KMeansResult {
  k: number;
  d: number;
  /** k × d, row-major */
  centroids: Float64Array;
  labels: Int32Array;
  /** sum of squared distances to the assigned centroid */
  inertia: number;
  iterations: number;
}

/** Nearest centroid of one row (index of the first minimum). */
export function nearestCentroid(centroids: Float64Array, k: number, d: number, row: Float64Array, offset = 0): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < k; c++) {
    const s = sqDist(row, offset, centroids, c * d, d);
    if (s < bestD) {
      bestD = s;
      best = c;
    }
  }
  return best;
}

/** Lloyd iterations accelerated by Hamerly's bounds, from the given centroids. */
export function lloyd(data: Float64Array, n: number, d: number, init: Float64Array, maxIterations = 100, tolerance = 0): KMeansResult {
  const k = init.length / d;
  const c = init.slice();
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  // first full assignment
  for (let i = 0; i < n; i++) {
    let b1 = Infinity;
    let b2 = Infinity;
    let a = 0;
    for (let j = 0; j < k; j++) {
      const s = sqDist(data, i * d, c, j * d, d);
      if (s < b1) {
        b2 = b1;
        b1 = s;
        a = j;
      } else if (s < b2) b2 = s;
    }
    labels[i] = a;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  }
  // sums and counts per cluster are kept up to date as points move (most points stay put after a few iterations)
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    counts[a] += 1;
    const o = a * d;
    const io = i * d;
    for (let j = 0; j < d; j++) sums[o + j] += data[io + j];
  }
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    refillEmpty(data, n, d, c, labels, sums, counts);
    let maxMove = 0;
    let secondMove = 0;
    let maxAt = 0;
    for (let j = 0; j < k; j++) {
      let m = 0;
      for (let t = 0; t < d; t++) {
        const v = sums[j * d + t] / counts[j];
        const delta = v - c[j * d + t];
        m += delta * delta;
        c[j * d + t] = v;
      }
      moved[j] = Math.sqrt(m);
      if (moved[j] > maxMove) {
        secondMove = maxMove;
        maxMove = moved[j];
        maxAt = j;
      } else if (moved[j] > secondMove) secondMove = moved[j];
    }
    for (let j = 0; j < k; j++) {
      let m = Infinity;
      for (let t = 0; t < k; t++) if (t !== j) m = Math.min(m, sqDist(c, j * d, c, t * d, d));
      half[j] = Math.sqrt(m) / 2;
    }
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const a0 = labels[i];
      upper[i] += moved[a0];
      lower[i] -= a0 === maxAt ? secondMove : maxMove;
      const bound = Math.max(half[a0], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = Math.sqrt(sqDist(data, i * d, c, a0 * d, d));
      if (upper[i] <= bound) continue;
      let b1 = Infinity;
      let b2 = Infinity;
      let a = 0;
      for (let j = 0; j < k; j++) {
        const s = sqDist(data, i * d, c, j * d, d);
        if (s < b1) {
          b2 = b1;
          b1 = s;
          a = j;
        } else if (s < b2) b2 = s;
      }
      upper[i] = Math.sqrt(b1);
      lower[i] = Math.sqrt(b2);
      if (a !== a0) {
        labels[i] = a;
        changed++;
        counts[a0] -= 1;
        counts[a] += 1;
        const io = i * d;
        const o0 = a0 * d;
        const o1 = a * d;
        for (let j = 0; j < d; j++) {
          const v = data[io + j];
          sums[o0 + j] -= v;
          sums[o1 + j] += v;
        }
      }
    }
    if (changed === 0 || changed <= tolerance * n) {
      iterations++;
      break;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(data, i * d, c, labels[i] * d, d);
  return { k, d, centroids: c, labels, inertia, iterations };
}

/** An empty cluster takes over the point farthest from its own centroid. */
function refillEmpty(data: Float64Array, n: number, d: number, c: Float64Array, labels: Int32Array, sums: Float64Array, counts: Float64Array): void {
  const k = counts.length;
  for (let j = 0; j < k; j++) {
    if (counts[j] > 0) continue;
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      if (counts[labels[i]] <= 1) continue;
      const s = sqDist(data, i * d, c, labels[i] * d, d);
      if (s > farD) {
        farD = s;
        far = i;
      }
    }
    if (far < 0) continue;
    const from = labels[far];
    for (let t = 0; t < d; t++) {
      sums[from * d + t] -= data[far * d + t];
      sums[j * d + t] = data[far * d + t];
    }
    counts[from] -= 1;
    counts[j] = 1;
    labels[far] = j;
  }
}

/** k-means with restarts: starts are compared on a subsample, the best is refined on every row. */
export function kmeans(data: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  const { k, seed } = options;
  if (k < 1 || k > n) throw new Error(`k must be in 1..${n}, got ${k}`);
  const rng = createRng(seed);
  const restarts = Math.max(1, options.restarts ?? 4);
  const maxIterations = options.maxIterations ?? 100;
  const sampleSize = Math.min(n, Math.max(options.restartSample ?? 20_000, k * 50));
  let sample = data;
  if (sampleSize < n) {
    sample = new Float64Array(sampleSize * d);
    const idx = sampleIndices(n, sampleSize, rng);
    for (let r = 0; r < sampleSize; r++) sample.set(data.subarray(idx[r] * d, idx[r] * d + d), r * d);
  }
  // every start gets a few cheap iterations; only the most promising one is run to convergence
  const screen = Math.min(maxIterations, options.screenIterations ?? 8);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const init = kmeansPlusPlus(sample, sampleSize, d, k, rng);
    const fit = lloyd(sample, sampleSize, d, init, restarts > 1 ? screen : maxIterations, options.tolerance ?? 0);
    if (best === null || fit.inertia < best.inertia) best = fit;
  }
  if (best === null) throw new Error('unreachable');
  if (sampleSize < n || restarts > 1) return lloyd(data, n, d, best.centroids, maxIterations, options.tolerance ?? 0);
  return best;
}
