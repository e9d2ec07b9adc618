// Chooses the number of segments from silhouette width and bootstrap stability on subsamples, and says why.
import { createRng } from '../../shared/rng.js';
import { kmeans } from './kmeans.js';
import { sampleIndices } from './kmeans-init.js';
import { distanceCache, silhouette } from './silhouette.js';
import { assignRows, bootstrapStability } from './stability.js';

export interface KScore {
  k: number;
  /** mean silhouette width on the silhouette subsample */
  silhouette: number;
  /** mean ARI of bootstrap refits against the fit on the stability subsample */
  stability: number;
  /** the least stable segment's mean best Jaccard overlap across refits */
  minSegmentStability: number;
}

export interface ChooseKOptions {
  seed: number;
  /** inclusive range of k tried (default [2, 10]) */
  kRange?: [number, number];
  /** points for silhouette (default 2 000) */
  silhouetteSample?: number;
  /** points for bootstrap stability (default 3 000) */
  stabilitySample?: number;
  resamples?: number;
  /** a k is stable when its overall stability is at least this (default 0.75) */
  minStability?: number;
  /** … and its least stable segment at least this (default 0.6) */
  minSegmentStability?: number;
  /** k-means restarts of each k's reference fit (default 6) */
  restarts?: number;
  /** k-means restarts of each bootstrap refit (default 4): fewer makes stability mostly measure bad starts */
  bootstrapRestarts?: number;
}

export interface KChoice {
  k: number;
  scores: KScore[];
  because: string;
}

function rowsOf(data: Float64Array, d: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * d);
  idx.forEach((i, r) => out.set(data.subarray(i * d, i * d + d), r * d));
  return out;
}

/** Silhouette and stability of every k in the range (k-means on subsamples of the prepared rows). */
export function scoreKs(data: Float64Array, n: number, d: number, options: ChooseKOptions): KScore[] {
  const [lo, hi] = options.kRange ?? [2, 10];
  const rng = createRng(options.seed);
  const silIdx = sampleIndices(n, Math.min(n, options.silhouetteSample ?? 2000), rng);
  const silRows = rowsOf(data, d, silIdx);
  const cache = distanceCache(silRows, d, Int32Array.from(silIdx, (_, r) => r));
  const silAll = Int32Array.from(silIdx, (_, r) => r);
  const stabIdx = sampleIndices(n, Math.min(n, options.stabilitySample ?? 3000), rng);
  const stabRows = rowsOf(data, d, stabIdx);
  const scores: KScore[] = [];
  for (let k = Math.max(2, lo); k <= Math.min(hi, stabIdx.length - 1, silIdx.length - 1); k++) {
    const seed = options.seed * 1000 + k;
    const ref = kmeans(stabRows, stabIdx.length, d, { k, seed, restarts: options.restarts ?? 6, tolerance: 1e-3, maxIterations: 50 });
    const stab = bootstrapStability(stabRows, stabIdx.length, d, ref.labels, { k, seed, resamples: options.resamples ?? 6, restarts: options.bootstrapRestarts ?? 4 });
    // silhouette averaged over the reference fit and every refit: one fit's silhouette is too noisy to rank k by
    const fits = [ref.centroids, ...stab.refits];
    let sil = 0;
    for (const c of fits) sil += silhouette(cache, assignRows(silRows, d, silAll, c, k), k) / fits.length;
    scores.push({ k, silhouette: sil, stability: stab.overall, minSegmentStability: Math.min(...stab.perSegment) });
  }
  return scores;
}

const f2 = (x: number): string => x.toFixed(2);
const f3 = (x: number): string => x.toFixed(3);

/**
 * Among the stable k (overall and per-segment stability over the thresholds) the widest silhouette wins;
 * when no k is stable, the most stable one.
 */
export function pickK(scores: KScore[], options: Pick<ChooseKOptions, 'minStability' | 'minSegmentStability'> = {}): KChoice {
  if (scores.length === 0) throw new Error('no k to choose from');
  const minAll = options.minStability ?? 0.75;
  const minSeg = options.minSegmentStability ?? 0.6;
  const stable = scores.filter((s) => s.stability >= minAll && s.minSegmentStability >= minSeg);
  if (stable.length === 0) {
    const best = scores.reduce((a, b) => (b.stability > a.stability ? b : a));
    return { k: best.k, scores, because: `no k reached stability ${f2(minAll)} with every segment ≥ ${f2(minSeg)}; k=${best.k} is the most stable (${f2(best.stability)})` };
  }
  const best = stable.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const runner = stable.filter((s) => s.k !== best.k).reduce<KScore | null>((a, b) => (a === null || b.silhouette > a.silhouette ? b : a), null);
  const vs = runner ? `; next best stable k=${runner.k} (silhouette ${f3(runner.silhouette)})` : '';
  return {
    k: best.k,
    scores,
    because: `k=${best.k}: widest silhouette (${f3(best.silhouette)}) among the k whose bootstrap stability ≥ ${f2(minAll)} and every segment ≥ ${f2(minSeg)} (${stable.map((s) => s.k).join(', ')}); its stability ${f2(best.stability)}, least stable segment ${f2(best.minSegmentStability)}${vs}`,
  };
}

export function chooseK(data: Float64Array, n: number, d: number, options: ChooseKOptions): KChoice {
  return pickK(scoreKs(data, n, d, options), options);
}
