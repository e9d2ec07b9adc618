// The plain k-means a data scientist would run, for comparison: mean-impute, StandardScaler, k by silhouette.
import { createRng } from '../../shared/rng.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { kmeans } from './kmeans.js';
import { sampleIndices } from './kmeans-init.js';
import { distanceCache, silhouette } from './silhouette.js';
import { assignRows } from './stability.js';

export interface BaselineFit {
  k: number;
  labels: Int32Array;
  /** silhouette of each k tried */
  silhouettes: { k: number; silhouette: number }[];
  /** the standardised matrix the fit ran on (n × columns) */
  data: Float64Array;
}

/** Every column mean-imputed and scaled to unit variance (scikit-learn's SimpleImputer + StandardScaler). */
export function standardScaled(m: FeatureMatrix): Float64Array {
  const d = m.columns.length;
  const out = new Float64Array(m.n * d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < m.n; i++) {
      const v = m.data[i * d + j];
      if (!Number.isNaN(v)) {
        s += v;
        c++;
      }
    }
    const mean = c > 0 ? s / c : 0;
    let ss = 0;
    for (let i = 0; i < m.n; i++) {
      const v = m.data[i * d + j];
      const x = Number.isNaN(v) ? 0 : v - mean;
      out[i * d + j] = x;
      ss += x * x;
    }
    const sd = Math.sqrt(ss / m.n) || 1;
    for (let i = 0; i < m.n; i++) out[i * d + j] /= sd;
  }
  return out;
}

/** KMeans(n_init=10) for each k in the range; the k with the widest silhouette on a 3 000-row sample wins. */
export function baselineKMeans(m: FeatureMatrix, options: { seed: number; kRange?: [number, number]; k?: number }): BaselineFit {
  const d = m.columns.length;
  const data = standardScaled(m);
  const [lo, hi] = options.kRange ?? [2, 10];
  const idx = sampleIndices(m.n, Math.min(m.n, 3000), createRng(options.seed));
  const cache = distanceCache(data, d, idx);
  const silhouettes: { k: number; silhouette: number }[] = [];
  let best: { k: number; labels: Int32Array; s: number } | null = null;
  const ks = options.k !== undefined ? [options.k] : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  for (const k of ks) {
    const fit = kmeans(data, m.n, d, { k, seed: options.seed, restarts: 10, screenIterations: 100 });
    const s = silhouette(cache, assignRows(data, d, idx, fit.centroids, k), k);
    silhouettes.push({ k, silhouette: s });
    if (best === null || s > best.s) best = { k, labels: fit.labels, s };
  }
  if (best === null) throw new Error('empty k range');
  return { k: best.k, labels: best.labels, silhouettes, data };
}
