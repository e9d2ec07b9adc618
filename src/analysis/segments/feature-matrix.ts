// The input of segmentation: a row-major numeric matrix of per-customer features with typed columns.

/**
 * numeric: any real-valued feature (age, tenure, rating);
 * money, count: non-negative and usually right-skewed (spend, orders);
 * share: a fraction in [0, 1], often one of a block that sums to 1 (category mix);
 * category: a one-hot 0/1 column; `group` names the attribute it encodes.
 */
export type ColumnKind = 'numeric' | 'money' | 'count' | 'share' | 'category';

export interface FeatureColumn {
  name: string;
  kind: ColumnKind;
  /** columns sharing a group (one-hot levels, a share block) are weighted as one signal */
  group?: string;
}

export interface FeatureMatrix {
  n: number;
  columns: FeatureColumn[];
  /** row-major n × columns.length; NaN = missing */
  data: Float64Array;
  ids?: string[];
}

/** One row of a matrix as a fresh array. */
export function rowOf(m: FeatureMatrix, i: number): Float64Array {
  const d = m.columns.length;
  return m.data.slice(i * d, (i + 1) * d);
}

/** The rows `idx` of `m`, in that order (duplicates allowed, as in a bootstrap). */
export function selectRows(m: FeatureMatrix, idx: ArrayLike<number>): FeatureMatrix {
  const d = m.columns.length;
  const data = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r] as number;
    data.set(m.data.subarray(i * d, (i + 1) * d), r * d);
  }
  const out: FeatureMatrix = { n: idx.length, columns: m.columns, data };
  if (m.ids) {
    const ids = m.ids;
    out.ids = Array.from(idx, (i) => ids[i] as string);
  }
  return out;
}
