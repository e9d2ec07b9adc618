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
  /** points for silhouette (default 1 500) */
  silhouetteSample?: number;
  /** points for bootstrap stability (default 2 000) */
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
  /** rows the restarts of every fit are screened on before the best is refined on the whole subsample (default 1 000) */
  restartSample?: number;
  /** resamples after which a k far from stable stops being resampled (default 2; 0 = never stop early) */
  earlyStopAfter?: number;
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

/** The two subsamples every k is scored on: rows for silhouette and rows for bootstrap stability. */
export interface ScoringSample {
  d: number;
  silRows: Float64Array;
  stabRows: Float64Array;
}

export function scoringSample(data: Float64Array, n: number, d: number, options: ChooseKOptions): ScoringSample {
  const rng = createRng(options.seed);
  const silRows = rowsOf(data, d, sampleIndices(n, Math.min(n, options.silhouetteSample ?? 1500), rng));
  const stabRows = rowsOf(data, d, sampleIndices(n, Math.min(n, options.stabilitySample ?? 2000), rng));
  return { d, silRows, stabRows };
}

/** The k tried: the range, capped so every segment can have points in both subsamples. */
export function kCandidates(s: ScoringSample, options: ChooseKOptions): number[] {
  const [lo, hi] = options.kRange ?? [2, 10];
  const cap = Math.min(hi, s.stabRows.length / s.d - 1, s.silRows.length / s.d - 1);
  const out: number[] = [];
  for (let k = Math.max(2, lo); k <= cap; k++) out.push(k);
  return out;
}

/** Silhouette and stability of each k in `ks`; each k has its own seed, so any split of the ks gives the same scores. */
export function scoreSomeKs(s: ScoringSample, ks: readonly number[], options: ChooseKOptions): KScore[] {
  const { d, silRows, stabRows } = s;
  const nSil = silRows.length / d;
  const nStab = stabRows.length / d;
  const silAll = Int32Array.from({ length: nSil }, (_, r) => r);
  const cache = distanceCache(silRows, d, silAll);
  return ks.map((k) => {
    const seed = options.seed * 1000 + k;
    const restartSample = options.restartSample ?? 1000;
    const ref = kmeans(stabRows, nStab, d, { k, seed, restarts: options.restarts ?? 6, tolerance: 1e-3, maxIterations: 50, restartSample });
    // a k whose first resamples are far under the thresholds cannot become the choice (unless no k is stable, when the
    // most stable wins, and that one is not stopped): its remaining resamples are skipped
    const after = options.earlyStopAfter ?? 2;
    const stab = bootstrapStability(stabRows, nStab, d, ref.labels, {
      k, seed, resamples: options.resamples ?? 4, restarts: options.bootstrapRestarts ?? 4, restartSample,
      ...(after > 0 ? { earlyStop: { after, overall: (options.minStability ?? 0.75) - 0.15, segment: (options.minSegmentStability ?? 0.6) - 0.2 } } : {}),
    });
    // silhouette averaged over the reference fit and every refit: one fit's silhouette is too noisy to rank k by
    const fits = [ref.centroids, ...stab.refits];
    let sil = 0;
    for (const c of fits) sil += silhouette(cache, assignRows(silRows, d, silAll, c, k), k) / fits.length;
    return { k, silhouette: sil, stability: stab.overall, minSegmentStability: Math.min(...stab.perSegment) };
  });
}

/** Silhouette and stability of every k in the range (k-means on subsamples of the prepared rows), in this thread. */
export function scoreKs(data: Float64Array, n: number, d: number, options: ChooseKOptions): KScore[] {
  const s = scoringSample(data, n, d, options);
  return scoreSomeKs(s, kCandidates(s, options), options);
}

const f2 = (x: number): string => x.toFixed(2);
/** Relative silhouette difference below which two stable k count as tied (subsample noise at the default sizes). */
const SILHOUETTE_BAND = 0.03;
/** How much more stable a tied k must be to win over the widest silhouette. */
const STABILITY_MARGIN = 0.05;
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
  // silhouettes within SILHOUETTE_BAND of the widest are a tie at this sample size: a clearly more stable k wins among them
  const widest = stable.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const tied = stable.filter((s) => s.silhouette >= widest.silhouette * (1 - SILHOUETTE_BAND));
  const steadiest = tied.reduce((a, b) => (b.stability > a.stability || (b.stability === a.stability && b.silhouette > a.silhouette) ? b : a));
  const best = steadiest.stability >= widest.stability + STABILITY_MARGIN ? steadiest : widest;
  const tieNote = best.k !== widest.k ? ` (within ${Math.round(SILHOUETTE_BAND * 100)}% of k=${widest.k}'s ${f3(widest.silhouette)}, and more stable: ${f2(best.stability)} vs ${f2(widest.stability)})` : '';
  const runner = stable.filter((s) => s.k !== best.k).reduce<KScore | null>((a, b) => (a === null || b.silhouette > a.silhouette ? b : a), null);
  const vs = runner ? `; next best stable k=${runner.k} (silhouette ${f3(runner.silhouette)})` : '';
  return {
    k: best.k,
    scores,
    because: `k=${best.k}: ${tieNote ? 'silhouette' : 'widest silhouette'} (${f3(best.silhouette)})${tieNote} among the k whose bootstrap stability ≥ ${f2(minAll)} and every segment ≥ ${f2(minSeg)} (${stable.map((s) => s.k).join(', ')}); its stability ${f2(best.stability)}, least stable segment ${f2(best.minSegmentStability)}${vs}`,
  };
}

export function chooseK(data: Float64Array, n: number, d: number, options: ChooseKOptions): KChoice {
  return pickK(scoreKs(data, n, d, options), options);
}
