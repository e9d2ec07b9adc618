// Per-segment statistics of every feature beside the same statistic for all customers, computed by one SQL pass.
import type { Engine } from '../../engine/engine.js';
import type { FeatureSet } from '../features/feature-catalog.js';

/**
 * The features whose median a profile computes: an exact median per segment is a sort of the column, and only these are
 * shown or used — the persona card's medians (synthesize.ts) and the negative personas' rule thresholds (negative.ts).
 */
export const MEDIAN_FEATURES: ReadonlySet<string> = new Set([
  'age', 'employees', 'annual_revenue', 'avg_order', 'recency_days', 'monetary',
  'refund_rate', 'tickets_per_order', 'minutes_per_order', 'churned', 'margin_rate',
]);

export interface FeatureStat {
  /** mean of the feature (share for 0/1 and share columns) */
  mean: number | null;
  /** null for features outside MEDIAN_FEATURES */
  median: number | null;
  sd: number | null;
  /** customers with a value */
  n: number;
}

export interface SegmentProfile {
  segment: number;
  size: number;
  revenue: number;
  margin: number;
  refundValue: number;
  supportMinutes: number;
  /** customers whose first order falls in the last 180 days of the data */
  recent: number;
  stats: Record<string, FeatureStat>;
}

export interface Profiles {
  all: SegmentProfile;
  segments: SegmentProfile[];
}

/** `assignments` is a table (customer_id, segment). */
export async function profileSegments(engine: Engine, features: FeatureSet, assignments: string): Promise<Profiles> {
  const d = engine.dialect;
  const q = d.ident;
  const cols = features.defs.map((f) => f.column);
  const aggs = cols.flatMap((c, i) => [
    `avg(f.${q(c)}) AS m${i}`, `${MEDIAN_FEATURES.has(c) ? d.quantile(`f.${q(c)}`, 0.5) : 'NULL'} AS p${i}`, `count(f.${q(c)}) AS n${i}`, `${d.stddevPop(`f.${q(c)}`)} AS s${i}`,
  ]);
  const has = (c: string): boolean => cols.includes(c);
  const base = [
    'count(*) AS size',
    `${has('monetary') ? 'coalesce(sum(f.monetary), 0)' : '0'} AS revenue`,
    `${has('margin_value') ? 'coalesce(sum(f.margin_value), 0)' : '0'} AS margin`,
    // output names differ from the columns summed: on ClickHouse an alias hides the column of the same name
    `${has('refund_value') ? 'coalesce(sum(f.refund_value), 0)' : '0'} AS refund_total`,
    `${has('support_minutes') ? 'coalesce(sum(f.support_minutes), 0)' : '0'} AS support_total`,
    `${has('tenure_days') ? 'count(CASE WHEN f.tenure_days <= 180 THEN 1 END)' : '0'} AS recent`,
  ];
  const from = `FROM ${q(features.table)} f JOIN ${q(assignments)} a ON a.${q(features.key)} = f.${q(features.key)}`;
  const sql = (groupBy: boolean): string =>
    `SELECT ${groupBy ? 'a.segment' : '-1'} AS segment, ${[...base, ...aggs].join(', ')} ${from} ${groupBy ? 'GROUP BY a.segment ORDER BY a.segment' : ''}`;
  const toProfile = (r: Record<string, unknown>): SegmentProfile => {
    const stats: Record<string, FeatureStat> = {};
    cols.forEach((c, i) => {
      const m = r[`m${i}`];
      const p = r[`p${i}`];
      const sd = r[`s${i}`];
      stats[c] = { mean: m === null || m === undefined ? null : Number(m), median: p === null || p === undefined ? null : Number(p), sd: sd === null || sd === undefined ? null : Number(sd), n: Number(r[`n${i}`] ?? 0) };
    });
    return {
      segment: Number(r['segment']),
      size: Number(r['size']),
      revenue: Number(r['revenue']),
      margin: Number(r['margin']),
      refundValue: Number(r['refund_total']),
      supportMinutes: Number(r['support_total']),
      recent: Number(r['recent']),
      stats,
    };
  };
  if (d.capabilities.groupingSets) {
    // every segment and all customers in one pass over the join (the total row has segment -1)
    const rows = await engine.all<Record<string, unknown>>(
      `SELECT CASE WHEN grouping(a.segment) = 1 THEN -1 ELSE a.segment END AS segment, ${[...base, ...aggs].join(', ')} ${from}
        GROUP BY GROUPING SETS ((a.segment), ())`,
    );
    const total = rows.find((r) => Number(r['segment']) === -1);
    const segments = rows.filter((r) => r !== total).sort((x, y) => Number(x['segment']) - Number(y['segment']));
    // no rows at all: the plain aggregate still answers its one row of zeros
    if (!total) return { all: toProfile((await engine.all(sql(false)))[0] ?? {}), segments: segments.map(toProfile) };
    return { all: toProfile(total ?? {}), segments: segments.map(toProfile) };
  }
  const [allRow] = await engine.all(sql(false));
  const segRows = await engine.all(sql(true));
  return { all: toProfile(allRow ?? {}), segments: segRows.map(toProfile) };
}
