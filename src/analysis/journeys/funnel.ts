// Funnel and drop-off counts per group from `_j_cust`: exact, one aggregate over customers (no event rows).
import type { Engine } from '../../engine/engine.js';
import { STAGES } from '../../contract/entities.js';
import { CUST, membership } from './customer-stages.js';
import { ALL_GROUP, type FunnelStep } from './journey-types.js';

export interface GroupFunnel {
  customers: number;
  funnel: FunnelStep[];
  /** per stage (awareness … retention): customers whose furthest stage is that one, and how many of them have an open window */
  stopped: { stopped: number; still_open: number }[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function computeFunnels(engine: Engine, windowDays: number, asOf: string | null): Promise<Map<string, GroupFunnel>> {
  const d = engine.dialect;
  const cols: string[] = ['count(*) AS customers'];
  for (let i = 1; i <= 5; i++) cols.push(`count(t${i}) AS r${i}`);
  for (let i = 2; i <= 5; i++) {
    const gap = `CASE WHEN t${i} >= t${i - 1} THEN ${d.hoursBetween(`t${i - 1}`, `t${i}`)} END`;
    const [median, p90] = d.quantiles(gap, [0.5, 0.9]) as [string, string];
    cols.push(`${median} AS m${i}`, `${p90} AS p${i}`, `count(${gap}) AS n${i}`);
  }
  // a journey's window is open when it started less than the window before the data's end
  // the end and the window written into the SQL (the data's own timestamp and a number): a statement without parameters
  // starts at the call, so a caller can run synchronous work while the engine counts
  const open = asOf === null ? d.bool(false) : `${d.hoursBetween('t0', d.timestamp(d.literal(asOf)))} < ${windowDays * 24}`;
  for (let i = 1; i <= 4; i++)
    cols.push(`count(CASE WHEN furthest = ${i} THEN 1 END) AS s${i}`, `count(CASE WHEN furthest = ${i} AND ${open} THEN 1 END) AS o${i}`);
  // each group and all customers: one aggregation with the grand total where the engine has grouping sets (a third less
  // CPU at 1M customers than aggregating the rows twice through a UNION ALL), else the union
  const rows = await engine.all<Record<string, unknown>>(
    d.capabilities.groupingSets
      ? `SELECT CASE WHEN grouping(grp) = 1 THEN ${d.literal(ALL_GROUP)} ELSE grp END AS g, ${cols.join(', ')} FROM ${CUST}
          GROUP BY GROUPING SETS ((grp), ()) HAVING grouping(grp) = 1 OR grp IS NOT NULL`
      : `SELECT g, ${cols.join(', ')} FROM ${membership(CUST, ALL_GROUP)} m GROUP BY g`,
  );
  const out = new Map<string, GroupFunnel>();
  for (const r of rows) {
    const funnel = STAGES.map((stage, k): FunnelStep => {
      const i = k + 1;
      const customers = Number(r[`r${i}`]);
      const prev = i > 1 ? Number(r[`r${i - 1}`]) : 0;
      return {
        stage,
        customers,
        conversion: i > 1 && prev > 0 ? customers / prev : null,
        median_hours: i > 1 ? num(r[`m${i}`]) : null,
        p90_hours: i > 1 ? num(r[`p${i}`]) : null,
        timed: i > 1 ? Number(r[`n${i}`]) : 0,
      };
    });
    const stopped = [1, 2, 3, 4].map((i) => ({ stopped: Number(r[`s${i}`]), still_open: Number(r[`o${i}`]) }));
    out.set(String(r['g']), { customers: Number(r['customers']), funnel, stopped });
  }
  return out;
}
