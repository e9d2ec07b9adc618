// Top-level segmentation: preprocess, choose k, fit k-means, measure stability; and assign one row to a fitted model.
import { createRng } from '../../shared/rng.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { selectRows } from './feature-matrix.js';
import { pickK, scoreKs } from './choose-k.js';
import { scoreKsParallel } from './parallel-scores.js';
import type { ChooseKOptions, KScore } from './choose-k.js';
import { kmeans } from './kmeans.js';
import { sampleIndices } from './kmeans-init.js';
import { fitPreprocessor } from './preprocess.js';
import { prepareMatrix, prepareRow } from './prepare-row.js';
import type { PreprocessOptions, Preprocessor } from './preprocess.js';
import { canonicalOrder } from './row-order.js';
import { bootstrapStability } from './stability.js';

/**
 * A fitted segmentation, JSON-serialisable. A row x goes to the segment c minimising
 * Σ_j weight_j · (z_j − centroids[c][j])², where for each prepared column v = x_source, NULL when
 * `zeroIsMissing` and v = 0 or when every `emptyBlock` source is 0/NULL, and
 * z_j = (clamp(transform(coalesce(v, fill)), low, high) − center) / scale
 * (is-missing columns: z_j = ((v IS NULL ? 1 : 0) − center) / scale); ties go to the lower segment number.
 */
export interface SegmentModel {
  version: 1;
  method: 'kmeans';
  k: number;
  preprocessor: Preprocessor;
  /** k rows of preprocessor.columns.length standardised (unweighted) coordinates; segment 0 is the largest */
  centroids: number[][];
  /** share of the fitting sample in each segment */
  shares: number[];
}

export interface SegmentOptions {
  /** fixed number of segments (skips the choice of k) */
  k?: number;
  seed?: number;
  /** inclusive range of k tried (default [2, 10]) */
  kRange?: [number, number];
  /** rows used to fit (default: all rows of the matrix) */
  sampleSize?: number;
  /** k-means restarts of the final fit (default 8) */
  restarts?: number;
  preprocess?: PreprocessOptions;
  /**
   * score the candidate k in two threads (a worker takes half of them); same numbers either way. Off by default:
   * on this shared 2-core machine it was not measurably faster (see README)
   */
  parallel?: boolean;
  /** options of the choice of k (samples, resamples, restarts, thresholds) */
  choose?: Partial<Omit<ChooseKOptions, 'seed' | 'kRange'>>;
}

export interface SegmentFit {
  model: SegmentModel;
  /** segment of every row of the input matrix */
  labels: Int32Array;
  k: number;
  kScores: KScore[];
  chosenBecause: string;
  stability: { overall: number; perSegment: number[] };
}

/** Relabels segments largest first, so segment numbers do not depend on the order k-means found them. */
function bySize(centroids: Float64Array, labels: Int32Array, k: number, d: number): { centroids: number[][]; labels: Int32Array; shares: number[] } {
  const counts = new Float64Array(k);
  for (const l of labels) counts[l] += 1;
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => counts[b] - counts[a] || a - b);
  const rank = new Int32Array(k);
  order.forEach((c, r) => (rank[c] = r));
  return {
    centroids: order.map((c) => Array.from(centroids.subarray(c * d, c * d + d))),
    labels: labels.map((l) => rank[l]),
    shares: order.map((c) => counts[c] / labels.length),
  };
}

export function fitSegments(input: FeatureMatrix, options: SegmentOptions = {}): SegmentFit {
  const seed = options.seed ?? 42;
  // fit on rows in an order fixed by their content: the result cannot depend on how the sample arrived
  const order = canonicalOrder(input);
  let rows = order;
  if (options.sampleSize !== undefined && options.sampleSize < input.n) {
    const pick = sampleIndices(input.n, options.sampleSize, createRng(seed));
    rows = Int32Array.from(pick, (r) => order[r]);
  }
  const m = selectRows(input, rows);
  const pre = fitPreprocessor(m, { seed, ...options.preprocess });
  const d = pre.columns.length;
  if (d === 0) throw new Error('no usable feature columns (all missing or constant)');
  const x = prepareMatrix(pre, m, true);
  let k = options.k;
  let kScores: KScore[] = [];
  let chosenBecause = `k=${k} was given`;
  if (k === undefined) {
    const chooseOptions = { ...options.choose, seed, ...(options.kRange ? { kRange: options.kRange } : {}) };
    const choice = pickK(options.parallel ? scoreKsParallel(x, m.n, d, chooseOptions) : scoreKs(x, m.n, d, chooseOptions), chooseOptions);
    k = choice.k;
    kScores = choice.scores;
    chosenBecause = choice.because;
  }
  if (!Number.isInteger(k) || k < 1 || k > m.n) throw new Error(`k must be an integer in 1..${m.n}, got ${k}`);
  // restarts are screened on at most 4 000 rows; the best start runs to convergence on every row
  const fit = kmeans(x, m.n, d, { k, seed, restarts: options.restarts ?? 8, restartSample: 4000 });
  const sqrtW = pre.columns.map((c) => Math.sqrt(c.weight));
  const named = bySize(fit.centroids, fit.labels, k, d);
  const centroids = named.centroids.map((c) => c.map((v, j) => v / sqrtW[j]!));
  const model: SegmentModel = { version: 1, method: 'kmeans', k, preprocessor: pre, centroids, shares: named.shares };
  const stability = k > 1 ? segmentStability(x, m.n, d, named.labels, k, seed) : { overall: 1, perSegment: [1] };
  const labels = new Int32Array(input.n).fill(-1);
  if (rows.length === input.n) rows.forEach((src, r) => (labels[src] = named.labels[r]!));
  else {
    // rows outside the fitting sample: assigned by the model, exactly as SQL will assign them
    const names = input.columns.map((c) => c.name);
    const w = input.columns.length;
    for (let i = 0; i < input.n; i++) labels[i] = assignPrepared(model, input.data.subarray(i * w, (i + 1) * w), names);
  }
  return { model, labels, k, kScores, chosenBecause, stability };
}

/** Bootstrap stability of the final partition, on a subsample of the fitted rows. */
function segmentStability(x: Float64Array, n: number, d: number, labels: Int32Array, k: number, seed: number): { overall: number; perSegment: number[] } {
  const idx = sampleIndices(n, Math.min(n, 3000), createRng(seed + 7));
  const sub = new Float64Array(idx.length * d);
  idx.forEach((i, r) => sub.set(x.subarray(i * d, i * d + d), r * d));
  const ref = Int32Array.from(idx, (i) => labels[i]!);
  return bootstrapStability(sub, idx.length, d, ref, { k, seed, resamples: 6, restartSample: 1000 });
}

function assignPrepared(model: SegmentModel, row: ArrayLike<number>, inputs?: readonly string[]): number {
  const pre = model.preprocessor;
  const d = pre.columns.length;
  const z = new Float64Array(d);
  prepareRow(pre, row, z, 0, false, sourceIdx(model, inputs ?? pre.inputs));
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < model.k; c++) {
    const cen = model.centroids[c]!;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = z[j]! - cen[j]!;
      s += pre.columns[j]!.weight * t * t;
    }
    if (s < bestD) {
      bestD = s;
      best = c;
    }
  }
  return best;
}

const idxCache = new WeakMap<SegmentModel, { inputs: readonly string[]; idx: Int32Array }>();
function sourceIdx(model: SegmentModel, inputs: readonly string[]): Int32Array {
  const hit = idxCache.get(model);
  if (hit && hit.inputs === inputs) return hit.idx;
  const index = new Map(inputs.map((name, j) => [name, j]));
  const idx = Int32Array.from(model.preprocessor.columns, (c) => {
    const j = index.get(c.source);
    if (j === undefined) throw new Error(`input column ${c.source} is missing`);
    return j;
  });
  idxCache.set(model, { inputs, idx });
  return idx;
}

/** Segment of one raw row whose values are ordered as `model.preprocessor.inputs` (NaN = missing). */
export function assign(model: SegmentModel, row: Float64Array): number {
  return assignPrepared(model, row);
}
