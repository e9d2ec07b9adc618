// Pulls a deterministic sample of the feature table into a typed matrix for fitting (only the sample crosses the wire).
import type { Engine } from '../../engine/engine.js';
import type { FeatureMatrix } from '../segments/feature-matrix.js';
import type { FeatureDef } from './feature-catalog.js';

/**
 * A value as the fit sees it: 12 significant digits. Sums of the same rows in another order (another engine, other
 * threads) differ in the last bit, and k-means can carry such a bit into a different model; rounded, every engine
 * fits the same model and assigns the same segments.
 */
const fitValue = (x: number): number =>
  // an integer under 10^12 already has at most 12 significant digits (one-hot columns, counts): no string round trip
  Number.isInteger(x) && Math.abs(x) < 1e12 ? x : Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(12)) : x;

export async function loadSample(engine: Engine, table: string, defs: FeatureDef[], seed: number, size: number, key = 'customer_id'): Promise<FeatureMatrix> {
  const d = engine.dialect;
  const cols = defs.map((f) => `CAST(${d.ident(f.column)} AS ${d.types.float}) AS ${d.ident(f.column)}`);
  // order by a seeded hash of the id: the same sample for a seed whatever the physical row order
  const sql = `SELECT ${d.ident(key)} AS __id, ${cols.join(', ')} FROM ${d.ident(table)} ORDER BY ${d.hashText([d.ident(key), d.literal(String(seed))])} LIMIT ${Math.floor(size)}`;
  const ids: string[] = [];
  const values: number[] = [];
  await engine.stream(sql, undefined, (rows) => {
    for (const r of rows) {
      ids.push(String(r['__id']));
      for (const f of defs) {
        const v = r[f.column];
        values.push(v === null || v === undefined ? NaN : fitValue(Number(v)));
      }
    }
  });
  return {
    n: ids.length,
    columns: defs.map((f) => ({ name: f.column, kind: f.kind, group: f.group })),
    data: Float64Array.from(values),
    ids,
  };
}
