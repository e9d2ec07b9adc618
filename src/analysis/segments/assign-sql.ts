// Renders a fitted segment model as SQL so the engine assigns every customer (nearest centroid / most likely component).
import type { Dialect } from '../../engine/dialect.js';
import type { Preprocessor } from './preprocess.js';

/** score_c(x) = constant − ½ Σ_j precision_j (x_j − mean_j)², over the weighted prepared coordinates x; the highest score wins (terms every component shares may be left out). */
export interface ScoringComponent {
  constant: number;
  mean: number[];
  precision: number[];
}

export interface ScoringModel {
  preprocessor: Preprocessor;
  components: ScoringComponent[];
}

const num = (x: number): string => (Number.isFinite(x) ? x.toPrecision(17) : '0');

/** The weighted coordinate of every prepared column as a SQL expression over the feature table. */
export function coordinateSql(d: Dialect, p: Preprocessor): string[] {
  const cast = (name: string): string => `CAST(${d.ident(name)} AS ${d.types.float})`;
  return p.columns.map((c) => {
    let src = cast(c.source);
    // the same "counts as missing" rules as prepareRow: zeros of a zero-inflated column, an all-zero share block
    if (c.zeroIsMissing) src = `(CASE WHEN ${src} = 0 THEN NULL ELSE ${src} END)`;
    if (c.emptyBlock && c.emptyBlock.length > 0) {
      const empty = c.emptyBlock.map((b) => `coalesce(${cast(b)}, 0) = 0`).join(' AND ');
      src = `(CASE WHEN ${empty} THEN NULL ELSE ${src} END)`;
    }
    let z: string;
    if (c.transform === 'is-missing') z = `(CASE WHEN ${src} IS NULL OR ${d.isNaN(src)} THEN 1.0 ELSE 0.0 END)`;
    else {
      const filled = `coalesce(${src}, ${num(c.fill)})`;
      z = c.transform === 'log1p' ? `ln(1 + greatest(0.0, ${filled}))` : filled;
      if (c.low !== null) z = `greatest(${z}, ${num(c.low)})`;
      if (c.high !== null) z = `least(${z}, ${num(c.high)})`;
    }
    return `((${z} - ${num(c.center)}) / ${num(c.scale)} * ${num(Math.sqrt(c.weight))})`;
  });
}

/** SELECT customer_id, segment FROM the feature table, segment = index of the best-scoring component. */
export function assignSegmentsSql(d: Dialect, model: ScoringModel, featureTable: string, key = 'customer_id'): string {
  const id = d.ident(key);
  const coords = coordinateSql(d, model.preprocessor);
  const xs = coords.map((c, j) => `${c} AS x${j}`);
  // a column whose precision is the same in every component (all of them for k-means) adds the same −½ p x² to every
  // score: it is left out, and the rest of its term is linear in x (p m x − ½ p m²) — one multiply-add per column
  const shared = coords.map((_, j) => {
    const p0 = model.components[0]?.precision[j] ?? 0;
    return model.components.every((c) => (c.precision[j] ?? 0) === p0);
  });
  const scores = model.components.map((comp, k) => {
    let constant = comp.constant;
    const terms = coords.map((_, j) => {
      const pr = comp.precision[j] ?? 0;
      const m = comp.mean[j] ?? 0;
      if (pr === 0) return '';
      if (shared[j]) {
        constant -= 0.5 * pr * m * m;
        return pr * m === 0 ? '' : ` + ${num(pr * m)} * x${j}`;
      }
      return ` - ${num(0.5 * pr)} * (x${j} - ${num(m)}) * (x${j} - ${num(m)})`;
    });
    // rounded to 1e-9: engines sum in their own order and differ in the last bits, which must not flip a near tie
    return `round(${num(constant)}${terms.join('')}, 9) AS s${k}`;
  });
  const k = model.components.length;
  const best = k === 1 ? '0' : `(CASE ${Array.from({ length: k - 1 }, (_, c) => `WHEN s${c} >= ${d.greatest(Array.from({ length: k }, (_, o) => `s${o}`))} THEN ${c}`).join(' ')} ELSE ${k - 1} END)`;
  return `SELECT ${id}, ${best} AS segment FROM (SELECT ${id}, ${scores.join(', ')} FROM (SELECT ${id}, ${xs.join(', ')} FROM ${d.ident(featureTable)}) x) s`;
}

/** The scoring form of a fitted k-means model: nearest centroid in the weighted coordinates. */
export function kmeansScoring(model: { preprocessor: Preprocessor; centroids: number[][] }): ScoringModel {
  const sqrtW = model.preprocessor.columns.map((c) => Math.sqrt(c.weight));
  return {
    preprocessor: model.preprocessor,
    components: model.centroids.map((c) => ({ constant: 0, mean: c.map((v, j) => v * (sqrtW[j] ?? 1)), precision: c.map(() => 2) })),
  };
}
