// Mean silhouette width of partitions of one subsample, with the pairwise distances computed once for every k.

export interface DistanceCache {
  n: number;
  /** n × n Euclidean distances (Float32: 3 000 points take 36 MB) */
  dist: Float32Array;
}

/** Pairwise Euclidean distances of rows `idx` of a row-major matrix with d columns. */
export function distanceCache(data: Float64Array, d: number, idx: ArrayLike<number>): DistanceCache {
  const n = idx.length;
  const dist = new Float32Array(n * n);
  for (let a = 0; a < n; a++) {
    const ao = (idx[a] as number) * d;
    for (let b = 0; b < a; b++) {
      const bo = (idx[b] as number) * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = data[ao + j] - data[bo + j];
        s += t * t;
      }
      const v = Math.sqrt(s);
      dist[a * n + b] = v;
      dist[b * n + a] = v;
    }
  }
  return { n, dist };
}

/** Mean silhouette s(i) = (b − a) / max(a, b) over the cached points; singletons count 0 (as scikit-learn). */
export function silhouette(cache: DistanceCache, labels: ArrayLike<number>, k: number): number {
  const { n, dist } = cache;
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i] as number] += 1;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) sums[labels[j] as number] += dist[row + j];
    const own = labels[i] as number;
    if (sizes[own] <= 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}
