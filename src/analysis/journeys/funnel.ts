// Funnel and drop-off counts per group from `_j_cust`: exact, one aggregate over customers (no event rows) into `_j_funnel`,
// a statement without parameters (it runs in a batch with others while this thread analyses text), then read back.
import type { Engine } from '../../engine/engine.js';
import { STAGES } from '../../contract/entities.js';
import { CUST, membership } from './customer-stages.js';
import { ALL_GROUP, type FunnelStep } from './journey-types.js';
import { scratchTable } from './scratch-tables.js';

export interface GroupFunnel {
  customers: number;
  funnel: FunnelStep[];
  /** per stage (awareness … retention): customers whose furthest stage is that one, and how many of them have an open window */
  stopped: { stopped: number; still_open: number }[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const FUNNEL = '_j_funnel';

/** The statements counting every group's funnel into `_j_funnel` (one row per group, "all" included). */
export function funnelStatements(engine: Engine, windowDays: number, asOf: string | null): string[] {
  const d = engine.dialect;
  const cols: string[] = ['count(*) AS customers'];
  for (let i = 1; i <= 5; i++) cols.push(`count(t${i}) AS r${i}`);
  for (let i = 2; i <= 5; i++) {
    const gap = `CASE WHEN t${i} >= t${i - 1} THEN ${d.hoursBetween(`t${i - 1}`, `t${i}`)} END`;
    const [median, p90] = d.quantiles(gap, [0.5, 0.9]) as [string, string];
    cols.push(`${median} AS m${i}`, `${p90} AS p${i}`, `count(${gap}) AS n${i}`);
  }
  // a journey's window is open when it started less than the window before the data's end
  // the end and the window written into the SQL (the data's own timestamp and a number): no parameters, so the statement
  // can run in a batch
  const open = asOf === null ? d.bool(false) : `${d.hoursBetween('t0', d.timestamp(d.literal(asOf)))} < ${windowDays * 24}`;
  for (let i = 1; i <= 4; i++)
    cols.push(`count(CASE WHEN furthest = ${i} THEN 1 END) AS s${i}`, `count(CASE WHEN furthest = ${i} AND ${open} THEN 1 END) AS o${i}`);
  // each group and all customers: one aggregation with the grand total where the engine has grouping sets (a third less
  // CPU at 1M customers than aggregating the rows twice through a UNION ALL), else the union
  const select =
    d.capabilities.groupingSets
      ? `SELECT CASE WHEN grouping(grp) = 1 THEN ${d.literal(ALL_GROUP)} ELSE grp END AS g, ${cols.join(', ')} FROM ${CUST}
          GROUP BY GROUPING SETS ((grp), ()) HAVING grouping(grp) = 1 OR grp IS NOT NULL`
      : `SELECT g, ${cols.join(', ')} FROM ${membership(CUST, ALL_GROUP)} m GROUP BY g`;
  return scratchTable(d, FUNNEL, select);
}

/** The funnels counted by `funnelStatements`, per group. */
export async function readFunnels(engine: Engine): Promise<Map<string, GroupFunnel>> {
  const rows = await engine.all<Record<string, unknown>>(`SELECT * FROM ${FUNNEL} ORDER BY g`);
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
