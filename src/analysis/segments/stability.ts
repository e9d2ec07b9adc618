// Bootstrap stability of a k-means partition: overall ARI agreement and Hennig's clusterwise Jaccard per segment.
import { createRng } from '../../shared/rng.js';
import { adjustedRandIndex } from './ari.js';
import { kmeans, nearestCentroid } from './kmeans.js';

export interface Stability {
  /** centroids of every bootstrap refit (k × d each), for scoring them on other points */
  refits: Float64Array[];
  /** mean ARI between the reference partition and the partitions found on bootstrap resamples */
  overall: number;
  /** per reference segment: mean over resamples of the best Jaccard overlap with a resample's segment */
  perSegment: number[];
}

export interface StabilityOptions {
  k: number;
  seed: number;
  /** number of bootstrap resamples (default 8) */
  resamples?: number;
  /** k-means restarts per resample (default 2) */
  restarts?: number;
  /** rows the restarts of a refit are screened on (k-means `restartSample`; default: all) */
  restartSample?: number;
  /**
   * stop resampling once `after` resamples agree so poorly with the reference (mean ARI under `overall` or a segment's
   * mean best Jaccard under `segment`) that more resamples cannot make the k stable: the scores so far are returned
   */
  earlyStop?: { after: number; overall: number; segment: number };
}

/** Labels of rows `idx` by their nearest centroid. */
export function assignRows(data: Float64Array, d: number, idx: ArrayLike<number>, centroids: Float64Array, k: number): Int32Array {
  const out = new Int32Array(idx.length);
  for (let r = 0; r < idx.length; r++) out[r] = nearestCentroid(centroids, k, d, data, (idx[r] as number) * d);
  return out;
}

/**
 * Each resample draws n rows with replacement, is clustered afresh, and then labels the reference rows by its
 * nearest centroids; its partition is compared with `reference` (labels of the same rows).
 */
export function bootstrapStability(data: Float64Array, n: number, d: number, reference: Int32Array, options: StabilityOptions): Stability {
  const { k } = options;
  const rng = createRng(options.seed);
  const resamples = options.resamples ?? 8;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const jaccard = new Float64Array(k);
  let ari = 0;
  const boot = new Float64Array(n * d);
  const refits: Float64Array[] = [];
  let done = 0;
  for (let b = 0; b < resamples; b++) {
    const stop = options.earlyStop;
    if (stop && b >= stop.after && (ari / b < stop.overall || Math.min(...Array.from(jaccard, (v) => v / b)) < stop.segment)) break;
    for (let r = 0; r < n; r++) {
      const i = rng.int(n);
      boot.set(data.subarray(i * d, i * d + d), r * d);
    }
    const fit = kmeans(boot, n, d, {
      k, seed: rng.int(2 ** 31), restarts: options.restarts ?? 2, tolerance: 1e-3, maxIterations: 50,
      ...(options.restartSample !== undefined ? { restartSample: options.restartSample } : {}),
    });
    refits.push(fit.centroids);
    const labels = assignRows(data, d, all, fit.centroids, k);
    ari += adjustedRandIndex(reference, labels);
    const best = bestJaccard(reference, labels, k);
    for (let c = 0; c < k; c++) jaccard[c] += best[c];
    done++;
  }
  return { overall: ari / done, perSegment: Array.from(jaccard, (v) => v / done), refits };
}

/** For each cluster of `a`, the highest Jaccard index |A ∩ B| / |A ∪ B| with any cluster of `b`. */
export function bestJaccard(a: Int32Array, b: Int32Array, k: number): Float64Array {
  const inter = new Float64Array(k * k);
  const sa = new Float64Array(k);
  const sb = new Float64Array(k);
  for (let i = 0; i < a.length; i++) {
    inter[a[i] * k + b[i]] += 1;
    sa[a[i]] += 1;
    sb[b[i]] += 1;
  }
  const out = new Float64Array(k);
  for (let x = 0; x < k; x++) {
    for (let y = 0; y < k; y++) {
      const u = sa[x] + sb[y] - inter[x * k + y];
      if (u > 0) out[x] = Math.max(out[x], inter[x * k + y] / u);
    }
  }
  return out;
}
