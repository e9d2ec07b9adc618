// Diagonal-covariance Gaussian mixture fitted by EM from a hard start (k-means labels), with variance floors.

export interface GmmOptions {
  maxIterations?: number;
  /** stop when the mean log-likelihood per row improves by less than this (default 1e-6) */
  tolerance?: number;
  /** each variance is at least this share of the column's overall variance (default 0.02) */
  varianceFloor?: number;
  /** per-dimension exponent on the likelihood (default all 1): lets a block of redundant columns count once */
  dimensionWeights?: Float64Array;
}

export interface Gmm {
  k: number;
  d: number;
  /** mixing proportions, length k */
  proportions: Float64Array;
  /** k × d */
  means: Float64Array;
  /** k × d */
  variances: Float64Array;
  /** d: exponents on each dimension's log-density */
  dimensionWeights: Float64Array;
  logLikelihood: number;
  iterations: number;
}

/**
 * Score of component c for row x: log π_c − ½ Σ_j w_j (log σ²_cj + (x_j − μ_cj)² / σ²_cj).
 * The row belongs to the component with the largest score; the constants common to all components are left out.
 */
export function componentScore(g: Gmm, c: number, x: Float64Array, offset = 0, logTerms?: Float64Array): number {
  const { d, means, variances, dimensionWeights: w } = g;
  let s = logTerms ? logTerms[c] : logConstant(g, c);
  for (let j = 0; j < d; j++) {
    const t = x[offset + j] - means[c * d + j];
    s -= (0.5 * w[j] * t * t) / variances[c * d + j];
  }
  return s;
}

/** log π_c − ½ Σ_j w_j log σ²_cj: the part of a component's score that does not depend on the row. */
export function logConstant(g: Gmm, c: number): number {
  let s = Math.log(g.proportions[c]);
  for (let j = 0; j < g.d; j++) s -= 0.5 * g.dimensionWeights[j] * Math.log(g.variances[c * g.d + j]);
  return s;
}

export function gmmAssign(g: Gmm, x: Float64Array, offset = 0, logTerms?: Float64Array): number {
  let best = 0;
  let bestS = -Infinity;
  for (let c = 0; c < g.k; c++) {
    const s = componentScore(g, c, x, offset, logTerms);
    if (s > bestS) {
      bestS = s;
      best = c;
    }
  }
  return best;
}

function columnVariances(data: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[j] += (data[i * d + j] - mean[j]) ** 2 / n;
  return v;
}

/** M-step: proportions, means and floored variances from responsibilities (n × k). */
function maximise(data: Float64Array, n: number, d: number, k: number, resp: Float64Array, floor: Float64Array, g: Gmm): void {
  const { proportions, means, variances } = g;
  proportions.fill(0);
  means.fill(0);
  variances.fill(0);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r < 1e-12) continue;
      proportions[c] += r;
      for (let j = 0; j < d; j++) means[c * d + j] += r * data[i * d + j];
    }
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c * d + j] /= Math.max(proportions[c], 1e-12);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r < 1e-12) continue;
      for (let j = 0; j < d; j++) variances[c * d + j] += r * (data[i * d + j] - means[c * d + j]) ** 2;
    }
  }
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) variances[c * d + j] = Math.max(variances[c * d + j] / Math.max(proportions[c], 1e-12), floor[j]);
    proportions[c] = Math.max(proportions[c] / n, 1e-9);
  }
}

/** E-step: responsibilities in place; returns the mean (tempered) log-likelihood per row. */
function expect(data: Float64Array, n: number, g: Gmm, resp: Float64Array): number {
  const { k, d } = g;
  const consts = Float64Array.from({ length: k }, (_, c) => logConstant(g, c));
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = componentScore(g, c, data, i * d, consts);
      resp[i * k + c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += resp[i * k + c] = Math.exp(resp[i * k + c] - max);
    for (let c = 0; c < k; c++) resp[i * k + c] /= sum;
    total += max + Math.log(sum);
  }
  return total / n;
}

/** EM for a diagonal Gaussian mixture, started from the hard partition `labels` (0..k-1). */
export function fitGmm(data: Float64Array, n: number, d: number, labels: Int32Array, k: number, options: GmmOptions = {}): Gmm {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  const overall = columnVariances(data, n, d);
  const floor = overall.map((v) => Math.max(v * (options.varianceFloor ?? 0.02), 1e-9));
  const g: Gmm = {
    k,
    d,
    proportions: new Float64Array(k),
    means: new Float64Array(k * d),
    variances: new Float64Array(k * d),
    dimensionWeights: options.dimensionWeights ?? new Float64Array(d).fill(1),
    logLikelihood: -Infinity,
    iterations: 0,
  };
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) resp[i * k + labels[i]] = 1;
  maximise(data, n, d, k, resp, floor, g);
  let previous = -Infinity;
  for (let it = 0; it < maxIterations; it++) {
    const ll = expect(data, n, g, resp);
    g.iterations = it + 1;
    g.logLikelihood = ll;
    if (ll - previous < tolerance) break;
    previous = ll;
    maximise(data, n, d, k, resp, floor, g);
  }
  return g;
}

/** Hard labels: the most likely component of every row. */
export function gmmLabels(g: Gmm, data: Float64Array, n: number): Int32Array {
  const consts = Float64Array.from({ length: g.k }, (_, c) => logConstant(g, c));
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = gmmAssign(g, data, i * g.d, consts);
  return out;
}
