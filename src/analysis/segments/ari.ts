// Agreement between two labelings of the same items: Adjusted Rand Index and normalised mutual information.

interface Contingency {
  table: Float64Array;
  rows: Float64Array;
  cols: Float64Array;
  ka: number;
  kb: number;
  n: number;
}

function relabel(labels: ArrayLike<number>): { codes: Int32Array; k: number } {
  const map = new Map<number, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    let c = map.get(l);
    if (c === undefined) {
      c = map.size;
      map.set(l, c);
    }
    codes[i] = c;
  }
  return { codes, k: map.size };
}

function contingency(a: ArrayLike<number>, b: ArrayLike<number>): Contingency {
  if (a.length !== b.length) throw new Error(`labelings differ in length: ${a.length} vs ${b.length}`);
  const ra = relabel(a);
  const rb = relabel(b);
  const table = new Float64Array(ra.k * rb.k);
  const rows = new Float64Array(ra.k);
  const cols = new Float64Array(rb.k);
  for (let i = 0; i < a.length; i++) {
    const x = ra.codes[i] as number;
    const y = rb.codes[i] as number;
    table[x * rb.k + y] += 1;
    rows[x] += 1;
    cols[y] += 1;
  }
  return { table, rows, cols, ka: ra.k, kb: rb.k, n: a.length };
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand Index (Hubert & Arabie): 1 for identical partitions up to relabeling, ~0 for chance. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = contingency(a, b);
  if (c.n < 2) return 1;
  let sumCells = 0;
  for (const v of c.table) sumCells += pairs(v);
  let sumRows = 0;
  for (const v of c.rows) sumRows += pairs(v);
  let sumCols = 0;
  for (const v of c.cols) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / pairs(c.n);
  const max = (sumRows + sumCols) / 2;
  // both partitions trivial (all one cluster, or all singletons): they agree exactly
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}

/** Normalised mutual information with the arithmetic-mean normaliser (sklearn's default). */
export function normalizedMutualInfo(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = contingency(a, b);
  if (c.n === 0) return 1;
  const entropy = (v: Float64Array): number => {
    let h = 0;
    for (const x of v) if (x > 0) h -= (x / c.n) * Math.log(x / c.n);
    return h;
  };
  const ha = entropy(c.rows);
  const hb = entropy(c.cols);
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (let x = 0; x < c.ka; x++) {
    for (let y = 0; y < c.kb; y++) {
      const v = c.table[x * c.kb + y] as number;
      if (v > 0) mi += (v / c.n) * Math.log((v * c.n) / ((c.rows[x] as number) * (c.cols[y] as number)));
    }
  }
  const denom = (ha + hb) / 2;
  return denom === 0 ? 0 : Math.max(0, Math.min(1, mi / denom));
}

/** k × k contingency counts of `a` (rows) against `b` (columns), labels assumed in 0..k-1. */
export function crossCounts(a: ArrayLike<number>, b: ArrayLike<number>, ka: number, kb: number): Float64Array {
  const t = new Float64Array(ka * kb);
  for (let i = 0; i < a.length; i++) t[(a[i] as number) * kb + (b[i] as number)] += 1;
  return t;
}
