// Fits and applies the per-column recipe that turns raw features into comparable, weighted coordinates (SQL-expressible).
import { createRng } from '../../shared/rng.js';
import type { ColumnKind, FeatureMatrix } from './feature-matrix.js';
import { sampleIndices } from './kmeans-init.js';
import { applyTransform } from './prepare-row.js';

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
  /** the block this column belongs to (its own name when alone) */
  group: string;
  /**
   * share blocks: the sources of the whole block; when they sum to 0 (a customer without orders has no
   * category mix) the value counts as missing and takes `fill`, instead of sitting far from every mix
   */
  emptyBlock?: string[];
  /**
   * zero-inflated money and counts (spend of customers who never bought): 0 counts as missing, so the log
   * scale describes the buyers and one is-missing indicator (shared by every column missing on the same rows)
   * says who has none; otherwise the zeros form a far-away mode that k-means splits off as its own segment
   */
  zeroIsMissing?: boolean;
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
  /** winsorise at these quantiles of the transformed value (default 0.005; 0 = off) */
  clipQuantile?: number;
  /**
   * add is-missing indicators (default false): on the demo data the "has no orders" indicator makes the
   * non-buyers a segment of their own across every persona (see README)
   */
  missingIndicators?: boolean;
  /** missing (or zero, for zero-inflated money/counts) share from which a column gets special handling (default 0.05) */
  missingIndicatorAt?: number;
  /** weight of an is-missing indicator (default 1) */
  missingWeight?: number;
  /**
   * A block of m standardised columns (one-hot levels, a share mix) weighs m^exponent in total:
   * 1 = every level counts as a column, 0 = the block counts as one column (default 1, see README).
   */
  blockExponent?: number;
  /** false: zero-inflated money/count columns keep their zeros on the log scale (for comparisons) */
  zeroAsMissing?: boolean;
  /** false: an all-zero share block keeps its zeros (for comparisons) */
  emptySharesMissing?: boolean;
  /** false: no log1p (for comparisons) */
  logTransform?: boolean;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function moments(v: Float64Array): { mean: number; sd: number; skew: number } {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let m2 = 0;
  let m3 = 0;
  for (const x of v) {
    m2 += (x - mean) ** 2;
    m3 += (x - mean) ** 3;
  }
  m2 /= v.length;
  m3 /= v.length;
  return { mean, sd: Math.sqrt(m2), skew: m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0 };
}

/**
 * Standard deviation of the winsorised values (outliers are already clipped), else IQR/1.349, else 0.
 * The IQR alone is not used: on zero-inflated columns (refund rate, tickets per order) it is tiny and
 * turns the few non-zero customers into extreme points that k-means then isolates.
 */
function spreadOf(sorted: Float64Array): number {
  const { sd } = moments(sorted);
  if (sd > 1e-9) return sd;
  const iqr = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.349;
  return iqr > 1e-9 ? iqr : 0;
}

/** log1p for money and counts, and for non-negative numeric columns with a long right tail. */
function transformFor(kind: ColumnKind, sorted: Float64Array): Transform {
  if (kind === 'money' || kind === 'count') return 'log1p';
  if (kind !== 'numeric' || sorted[0] < 0) return 'none';
  return moments(sorted).skew > 2 ? 'log1p' : 'none';
}

/** Fits a preprocessor: log1p on skewed columns, winsorising, fills, standardising, block and indicator weights. */
export function fitPreprocessor(m: FeatureMatrix, options: PreprocessOptions = {}): Preprocessor {
  const d = m.columns.length;
  const rows = sampleIndices(m.n, Math.min(m.n, options.sampleSize ?? 50_000), createRng(options.seed ?? 0));
  const clipQ = options.clipQuantile ?? 0.005;
  const columns: PreparedColumn[] = [];
  const dropped: { name: string; reason: string }[] = [];
  const groupSize = new Map<string, number>();
  for (const c of m.columns) if (c.group !== undefined) groupSize.set(c.group, (groupSize.get(c.group) ?? 0) + 1);
  const masks = new Set<string>();
  for (let j = 0; j < d; j++) {
    const col = m.columns[j]!;
    let zeros = 0;
    for (const i of rows) if (m.data[i * d + j] === 0) zeros++;
    const hurdle = options.zeroAsMissing !== false && (col.kind === 'money' || col.kind === 'count') && zeros / rows.length >= (options.missingIndicatorAt ?? 0.05) && zeros / rows.length <= 0.95;
    const isMissing = (v: number): boolean => Number.isNaN(v) || (hurdle && v === 0);
    const present: number[] = [];
    for (const i of rows) {
      const v = m.data[i * d + j];
      if (!isMissing(v)) present.push(v);
    }
    if (present.length < 2) {
      dropped.push({ name: col.name, reason: 'no values' });
      continue;
    }
    const rawSorted = Float64Array.from(present).sort();
    const inBlock = col.group !== undefined && (groupSize.get(col.group) ?? 0) > 1;
    const fill = inBlock ? moments(rawSorted).mean : quantile(rawSorted, 0.5);
    const transform = options.logTransform === false ? 'none' : transformFor(col.kind, rawSorted);
    const t = new Float64Array(rows.length).fill(applyTransform(transform, fill));
    for (let r = 0; r < present.length; r++) t[r] = applyTransform(transform, present[r]!);
    t.sort();
    // shares and one-hot levels are bounded already: clipping would erase rare levels
    const clip = !inBlock && col.kind !== 'category' && clipQ > 0;
    const low = clip ? quantile(t, clipQ) : null;
    const high = clip ? quantile(t, 1 - clipQ) : null;
    const clipped = low === null || high === null ? t : t.map((v) => Math.min(high, Math.max(low, v)));
    const scale = spreadOf(clipped);
    if (scale === 0) dropped.push({ name: col.name, reason: 'near-constant' });
    else {
      const center = inBlock ? moments(clipped).mean : quantile(clipped, 0.5);
      const group = col.group ?? col.name;
      const c: PreparedColumn = { name: col.name, source: col.name, transform, fill, low, high, center, scale, weight: 1, group };
      if (inBlock && col.kind === 'share' && options.emptySharesMissing !== false) c.emptyBlock = blockSources(m, group);
      if (hurdle) c.zeroIsMissing = true;
      columns.push(c);
    }
    const missingShare = 1 - present.length / rows.length;
    if (options.missingIndicators !== true || missingShare < (options.missingIndicatorAt ?? 0.05) || missingShare > 0.95) continue;
    // columns missing together (every order feature of a customer without orders) share one indicator
    const mask = Array.from(rows, (i) => (isMissing(m.data[i * d + j]) ? '1' : '0')).join('');
    if (masks.has(mask)) continue;
    masks.add(mask);
    const name = `${col.name}_missing`;
    const sd = Math.sqrt(missingShare * (1 - missingShare));
    const weight = options.missingWeight ?? 1;
    const indicator: PreparedColumn = { name, source: col.name, transform: 'is-missing', fill: 0, low: null, high: null, center: missingShare, scale: sd, weight, group: name };
    if (hurdle) indicator.zeroIsMissing = true;
    columns.push(indicator);
  }
  weighBlocks(columns, options.blockExponent ?? 1);
  return { inputs: m.columns.map((c) => c.name), columns, dropped };
}

function blockSources(m: FeatureMatrix, group: string): string[] {
  return m.columns.filter((c) => c.group === group && c.kind === 'share').map((c) => c.name);
}

/** A block of m kept columns weighs m^exponent in total, shared equally by its columns. */
function weighBlocks(columns: PreparedColumn[], exponent: number): void {
  const size = new Map<string, number>();
  for (const c of columns) size.set(c.group, (size.get(c.group) ?? 0) + 1);
  for (const c of columns) {
    const m = size.get(c.group) ?? 1;
    if (m > 1) c.weight *= Math.pow(m, exponent - 1);
  }
}
