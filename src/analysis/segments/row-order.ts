// A canonical order of a matrix's rows by their content, so fits do not depend on the order rows arrive in.
import type { FeatureMatrix } from './feature-matrix.js';

/** Row indices sorted by a hash of each row's values, ties broken by the values themselves. */
export function canonicalOrder(m: FeatureMatrix): Int32Array {
  const d = m.columns.length;
  const bits = new Uint32Array(m.data.buffer, m.data.byteOffset, m.data.length * 2);
  const hash = new Uint32Array(m.n);
  for (let i = 0; i < m.n; i++) {
    let h = 0x811c9dc5;
    for (let w = i * d * 2; w < (i + 1) * d * 2; w++) {
      h ^= bits[w]!;
      h = Math.imul(h, 0x01000193);
      h ^= h >>> 15;
    }
    hash[i] = h >>> 0;
  }
  const order = Array.from({ length: m.n }, (_, i) => i);
  order.sort((a, b) => {
    if (hash[a] !== hash[b]) return hash[a]! - hash[b]!;
    for (let j = 0; j < d; j++) {
      const x = m.data[a * d + j]!;
      const y = m.data[b * d + j]!;
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return Number.isNaN(x) ? 1 : Number.isNaN(y) ? -1 : x - y;
    }
    return 0;
  });
  return Int32Array.from(order);
}
