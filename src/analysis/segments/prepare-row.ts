// Applies a fitted preprocessor: the coordinates of one raw row or of a whole matrix (what the SQL renders too).
import type { FeatureMatrix } from './feature-matrix.js';
import type { Preprocessor, Transform } from './preprocess.js';

export function applyTransform(t: Transform, x: number): number {
  return t === 'log1p' ? Math.log1p(Math.max(0, x)) : x;
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

/** Coordinates of one raw row into `out` at `offset`; `weighted` multiplies each by √weight. */
export function prepareRow(p: Preprocessor, row: ArrayLike<number>, out: Float64Array, offset = 0, weighted = true, idx = sourceIndices(p)): void {
  for (let j = 0; j < p.columns.length; j++) {
    const c = p.columns[j]!;
    let raw = row[idx[j]] as number;
    if ((c.zeroIsMissing && raw === 0) || (c.emptyBlock && isEmptyBlock(p, row, idx, j))) raw = NaN;
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

const blockIndex = new WeakMap<Preprocessor, Map<number, number[]>>();

/** True when every source of column j's share block is 0 or missing in this row. */
function isEmptyBlock(p: Preprocessor, row: ArrayLike<number>, idx: Int32Array, j: number): boolean {
  let cache = blockIndex.get(p);
  if (!cache) blockIndex.set(p, (cache = new Map()));
  let members = cache.get(j);
  if (!members) {
    // positions in the row of the block's sources, found through the prepared columns that read them
    const want = new Set(p.columns[j]!.emptyBlock);
    members = [...new Set(p.columns.flatMap((c, q) => (want.has(c.source) && c.transform !== 'is-missing' ? [idx[q]!] : [])))];
    cache.set(j, members);
  }
  for (const q of members) {
    const v = row[q] as number;
    if (!Number.isNaN(v) && v !== 0) return false;
  }
  return true;
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
