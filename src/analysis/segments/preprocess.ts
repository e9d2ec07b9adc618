// Fits and applies the per-column recipe that turns raw features into comparable, weighted coordinates (SQL-expressible).
import { createRng } from '../../shared/rng.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { sampleIndices } from './kmeans.js';

/** none: the value; log1p: ln(1 + max(0, value)); is-missing: 1 when the source is NULL/NaN else 0 */
export type Transform = 'none' | 'log1p' | 'is-missing';

/**
 * One output coordinate: z = (clamp(transform(coalesce(x, fill)), low, high) − center) / scale.
 * Distances weigh (z − c)² by `weight`. `low`/`high` null = unbounded.
 */
export interface PreparedColumn {
  name: string;
  source: string;
  transform: Transform;
  fill: number;
  low: number | null;
  high: number | null;
  center: number;
  scale: number;
  weight: number;
  group: string;
}

export interface Preprocessor {
  /** raw column names, in the order rows arrive */
  inputs: string[];
  columns: PreparedColumn[];
  dropped: { name: string; reason: string }[];
}

export interface PreprocessOptions {
  seed?: number;
  /** statistics come from at most this many rows (default 50 000) */
  sampleSize?: number;
  /** winsorise at these quantiles of the transformed value (default 0.005) */
  clipQuantile?: number;
  /** add an is-missing indicator when a column's missing share is at least this (default 0.05) */
  missingIndicatorAt?: number;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function spreadOf(sorted: Float64Array): number {
  const iqr = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.349;
  if (iqr > 1e-9) return iqr;
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= sorted.length;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) * (v - mean);
  const sd = Math.sqrt(ss / Math.max(1, sorted.length - 1));
  if (sd > 1e-9) return sd;
  return 0;
}

export function applyTransform(t: Transform, x: number): number {
  if (t === 'log1p') return Math.log1p(Math.max(0, x));
  return x;
}

/** Fits a preprocessor: robust centring and scaling, log1p on money/count, winsorising, fills, group weights. */
export function fitPreprocessor(m: FeatureMatrix, options: PreprocessOptions = {}): Preprocessor {
  const d = m.columns.length;
  const rng = createRng(options.seed ?? 0);
  const rows = sampleIndices(m.n, Math.min(m.n, options.sampleSize ?? 50_000), rng);
  const clipQ = options.clipQuantile ?? 0.005;
  const columns: PreparedColumn[] = [];
  const dropped: { name: string; reason: string }[] = [];
  for (let j = 0; j < d; j++) {
    const col = m.columns[j]!;
    const transform: Transform = col.kind === 'money' || col.kind === 'count' ? 'log1p' : 'none';
    const present: number[] = [];
    for (const i of rows) {
      const v = m.data[i * d + j];
      if (!Number.isNaN(v)) present.push(v);
    }
    const missingShare = 1 - present.length / rows.length;
    if (present.length < 2) {
      dropped.push({ name: col.name, reason: 'no values' });
      continue;
    }
    const rawSorted = Float64Array.from(present).sort();
    const fill = quantile(rawSorted, 0.5);
    const t = Float64Array.from(present, (v) => applyTransform(transform, v));
    const filled = new Float64Array(rows.length).fill(applyTransform(transform, fill));
    filled.set(t, 0);
    const sorted = filled.sort();
    const grouped = col.group !== undefined && (col.kind === 'category' || col.kind === 'share');
    const low = grouped ? null : quantile(sorted, clipQ);
    const high = grouped ? null : quantile(sorted, 1 - clipQ);
    const clipped = low === null || high === null ? sorted : sorted.map((v) => Math.min(high, Math.max(low, v)));
    const scale = spreadOf(clipped);
    if (scale === 0 || (low !== null && high !== null && high - low < 1e-12)) {
      dropped.push({ name: col.name, reason: 'near-constant' });
    } else {
      const center = grouped ? mean(clipped) : quantile(clipped, 0.5);
      const group = col.group ?? col.name;
      columns.push({ name: col.name, source: col.name, transform, fill, low, high, center, scale, weight: 1, group });
    }
    if (missingShare >= (options.missingIndicatorAt ?? 0.05) && missingShare <= 0.95) {
      const sd = Math.sqrt(missingShare * (1 - missingShare));
      const name = `${col.name}_missing`;
      columns.push({ name, source: col.name, transform: 'is-missing', fill: 0, low: null, high: null, center: missingShare, scale: sd, weight: 1, group: name });
    }
  }
  balanceGroups(columns, m, rows);
  return { inputs: m.columns.map((c) => c.name), columns, dropped };
}

function mean(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x;
  return s / v.length;
}

/**
 * A block (one-hot levels, a share mix) shares one scale, the square root of its total variance, so the
 * block as a whole counts as much as one standardised numeric column whatever its number of levels.
 */
function balanceGroups(columns: PreparedColumn[], m: FeatureMatrix, rows: Int32Array): void {
  const byGroup = new Map<string, PreparedColumn[]>();
  for (const c of columns) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  const d = m.columns.length;
  const index = new Map(m.columns.map((c, j) => [c.name, j]));
  for (const members of byGroup.values()) {
    if (members.length < 2) continue;
    let total = 0;
    for (const c of members) {
      const j = index.get(c.source)!;
      let s = 0;
      let ss = 0;
      for (const i of rows) {
        const raw = m.data[i * d + j];
        const v = Number.isNaN(raw) ? c.fill : raw;
        s += v;
        ss += v * v;
      }
      const mu = s / rows.length;
      total += Math.max(0, ss / rows.length - mu * mu);
    }
    const scale = Math.sqrt(total);
    for (const c of members) c.scale = scale;
  }
}

/** Coordinates of one raw row (ordered as `p.inputs`); `weighted` multiplies each by √weight. */
export function prepareRow(p: Preprocessor, row: ArrayLike<number>, out: Float64Array, offset = 0, weighted = true, sourceIndex?: Int32Array): void {
  const idx = sourceIndex ?? sourceIndices(p);
  for (let j = 0; j < p.columns.length; j++) {
    const c = p.columns[j]!;
    const raw = row[idx[j]] as number;
    let z: number;
    if (c.transform === 'is-missing') z = Number.isNaN(raw) ? 1 : 0;
    else {
      z = applyTransform(c.transform, Number.isNaN(raw) ? c.fill : raw);
      if (c.low !== null && z < c.low) z = c.low;
      if (c.high !== null && z > c.high) z = c.high;
    }
    z = (z - c.center) / c.scale;
    out[offset + j] = weighted ? z * Math.sqrt(c.weight) : z;
  }
}

/** Position of each prepared column's source among `inputs` (default: the order the preprocessor was fitted on). */
export function sourceIndices(p: Preprocessor, inputs: readonly string[] = p.inputs): Int32Array {
  const index = new Map(inputs.map((name, j) => [name, j]));
  return Int32Array.from(p.columns, (c) => {
    const j = index.get(c.source);
    if (j === undefined) throw new Error(`input column ${c.source} is missing`);
    return j;
  });
}

/** Coordinates of every row of a matrix, n × p.columns.length. */
export function prepareMatrix(p: Preprocessor, m: FeatureMatrix, weighted = true): Float64Array {
  const d = m.columns.length;
  const e = p.columns.length;
  const out = new Float64Array(m.n * e);
  const idx = sourceIndices(p, m.columns.map((c) => c.name));
  for (let i = 0; i < m.n; i++) prepareRow(p, m.data.subarray(i * d, (i + 1) * d), out, i * e, weighted, idx);
  return out;
}
