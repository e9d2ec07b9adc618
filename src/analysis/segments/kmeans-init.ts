// Seeding for k-means: squared distance, greedy k-means++ centres, seeded subsamples of row indices.
import type { Rng } from '../../shared/rng.js';

export function sqDist(x: Float64Array, xo: number, c: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = x[xo + j] - c[co + j];
    s += t * t;
  }
  return s;
}

/** Greedy k-means++ (as scikit-learn): each new centre is the best of 2 + ln k candidates drawn ∝ D². */
export function kmeansPlusPlus(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const centroids = new Float64Array(k * d);
  const first = rng.int(n);
  centroids.set(data.subarray(first * d, first * d + d), 0);
  const best = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += best[i] = sqDist(data, i * d, centroids, 0, d);
  const trials = 2 + Math.floor(Math.log(k));
  for (let c = 1; c < k; c++) {
    let bestPot = Infinity;
    let bestIdx = 0;
    for (let t = 0; t < trials; t++) {
      let r = rng.next() * total;
      let idx = n - 1;
      for (let i = 0; i < n; i++) {
        r -= best[i];
        if (r < 0) {
          idx = i;
          break;
        }
      }
      let pot = 0;
      for (let i = 0; i < n && pot < bestPot; i++) pot += Math.min(best[i], sqDist(data, i * d, data, idx * d, d));
      if (pot < bestPot) {
        bestPot = pot;
        bestIdx = idx;
      }
    }
    centroids.set(data.subarray(bestIdx * d, bestIdx * d + d), c * d);
    total = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.min(best[i], sqDist(data, i * d, centroids, c * d, d));
      best[i] = v;
      total += v;
    }
  }
  return centroids;
}

/** `m` distinct indices of 0..n-1 in increasing order (Floyd's algorithm, seeded). */
export function sampleIndices(n: number, m: number, rng: Rng): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  for (let j = n - m; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from([...chosen].sort((a, b) => a - b));
}
