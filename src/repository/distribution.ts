// Trait distributions as fine histograms on a fixed scale (the same in every version), and the PSI and overlap computed from them.
import type { Dialect } from '../engine/dialect.js';

/** Fine bins on an asinh scale: about 0.03 wide for shares near 0.5, ~6% of the value for large amounts; the same for every version. */
export const BINS_PER_UNIT = 16;
export const BIN_SQL = (d: Dialect, expr: string): string => `CAST(floor(${d.asinh(`(${expr}) * 10`)} * ${BINS_PER_UNIT}) AS ${d.types.int})`;

export function binOf(x: number): number {
  return Math.floor(Math.asinh(x * 10) * BINS_PER_UNIT);
}

/** Counts per fine bin; `nulls` counts members without a value. */
export interface Histogram {
  n: number;
  nulls: number;
  bins: Record<string, number>;
}

export const emptyHistogram = (): Histogram => ({ n: 0, nulls: 0, bins: {} });

export function addHistograms(a: Histogram, b: Histogram): Histogram {
  const bins: Record<string, number> = { ...a.bins };
  for (const [k, v] of Object.entries(b.bins)) bins[k] = (bins[k] ?? 0) + v;
  return { n: a.n + b.n, nulls: a.nulls + b.nulls, bins };
}

/**
 * Groups of fine bins holding about 1/groups of the reference mass each (PSI's usual decile bins, taken from the reference).
 * Returns the upper fine-bin bound of each group; a value above the last bound falls in the last group.
 */
export function groupBounds(ref: Histogram, groups = 10): number[] {
  const keys = Object.keys(ref.bins).map(Number).sort((a, b) => a - b);
  const total = keys.reduce((s, k) => s + (ref.bins[String(k)] ?? 0), 0);
  if (total === 0) return [];
  const bounds: number[] = [];
  let acc = 0;
  let cut = total / groups;
  for (const k of keys) {
    acc += ref.bins[String(k)] ?? 0;
    if (acc >= cut - 1e-9) {
      bounds.push(k);
      while (cut <= acc + 1e-9) cut += total / groups;
    }
  }
  if (bounds[bounds.length - 1] !== keys[keys.length - 1]) bounds.push(keys[keys.length - 1] as number);
  return bounds;
}

/** Shares of a histogram in the groups (plus a last group for missing values), with add-half smoothing so no share is zero. */
export function groupShares(h: Histogram, bounds: number[]): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const [k, v] of Object.entries(h.bins)) {
    const b = Number(k);
    let g = bounds.findIndex((u) => b <= u);
    if (g < 0) g = bounds.length - 1;
    counts[g] = (counts[g] ?? 0) + v;
  }
  counts[bounds.length] = h.nulls;
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (c + 0.5) / (total + 0.5 * counts.length));
}

/** Population stability index of `current` against `reference`: Σ (c − r) · ln(c / r) over the reference's decile groups. */
export function psi(reference: Histogram, current: Histogram, groups = 10): number {
  if (reference.n === 0 || current.n === 0) return 0;
  const bounds = groupBounds(reference, groups);
  const r = groupShares(reference, bounds);
  const c = groupShares(current, bounds);
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] as number;
    const ci = c[i] as number;
    s += (ci - ri) * Math.log(ci / ri);
  }
  return s;
}

/** Overlap (0–1) of two distributions: Σ min(p, q) over deciles of the pooled distribution. */
export function overlap(a: Histogram, b: Histogram, groups = 10): number {
  if (a.n === 0 || b.n === 0) return 0;
  const scale = (h: Histogram, f: number): Histogram => ({ n: h.n * f, nulls: h.nulls * f, bins: Object.fromEntries(Object.entries(h.bins).map(([k, v]) => [k, v * f])) });
  const pooled = addHistograms(scale(a, 1 / a.n), scale(b, 1 / b.n));
  const bounds = groupBounds(pooled, groups);
  const raw = (h: Histogram): number[] => {
    const counts = new Array<number>(bounds.length + 1).fill(0);
    for (const [k, v] of Object.entries(h.bins)) {
      let g = bounds.findIndex((u) => Number(k) <= u);
      if (g < 0) g = bounds.length - 1;
      counts[g] = (counts[g] ?? 0) + v / h.n;
    }
    counts[bounds.length] = h.nulls / h.n;
    return counts;
  };
  const p = raw(a);
  const q = raw(b);
  return p.reduce((s, x, i) => s + Math.min(x, q[i] as number), 0);
}

/** Mean of a histogram (bin centres mapped back from the asinh scale); a readable summary beside PSI. */
export function histogramMean(h: Histogram): number | null {
  let s = 0;
  let n = 0;
  for (const [k, v] of Object.entries(h.bins)) {
    const centre = Math.sinh((Number(k) + 0.5) / BINS_PER_UNIT) / 10;
    s += centre * v;
    n += v;
  }
  return n ? s / n : null;
}
