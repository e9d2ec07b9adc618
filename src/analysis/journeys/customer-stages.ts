// One scan of events and one of orders: per customer (`_j_cust`) the group, journey start and first time at each stage within the window;
// for a hash sample of customers (`_j_sample`) also their touches and order times, for the sequence analyses.
import type { Engine, Params } from '../../engine/engine.js';
import type { StageRule } from '../../contract/workspace-config.js';
import { stageIndexSql } from './stage-rules.js';

export const CUST = '_j_cust';
export const SAMPLE = '_j_sample';
const EV = '_j_ev';
const OD = '_j_od';

/** Where the customers and their groups come from: a table with one row per `customer_id` and a group column (NULL = no group). */
export interface GroupSource {
  table: string;
  column: string;
}

export interface CustomerStages {
  customers: number;
  as_of: string | null;
  unstaged_events: number;
  /** per group ('' = none): customers with a journey, and how many of them are in the sample */
  strata: Map<string, { customers: number; sampled: number }>;
}

const times = [1, 2, 3, 4, 5];

/** Customers whose sequences are read: 2% of customers, at least 5,000 and at most 20,000 (everyone when fewer). */
export function defaultSampleSize(customers: number): number {
  return Math.min(20_000, Math.max(5_000, Math.round(customers * 0.02)));
}

/**
 * Events: one GROUP BY customer (first time per stage from the stage column or the rules; the touches of
 * sampled customers as a list). Orders: one GROUP BY customer (first order = decision, second = retention).
 * The window then cuts stage times more than `windowDays` after the journey start (first staged touch or order).
 * Sampled customers carry the weight (customers with a journey / sampled ones) of their group.
 */
export async function buildCustomerStages(
  engine: Engine,
  opts: { groups: GroupSource | null; rules: readonly StageRule[]; windowDays: number; sample?: number },
): Promise<CustomerStages> {
  const d = engine.dialect;
  const t = d.types;
  const groups = opts.groups
    ? `SELECT customer_id, CAST(${d.ident(opts.groups.column)} AS ${t.text}) AS grp FROM ${d.ident(opts.groups.table)}`
    : `SELECT customer_id, CAST(NULL AS ${t.text}) AS grp FROM customers`;
  const total = Number((await engine.all<{ n: number }>(`SELECT count(*) AS n FROM (${groups}) g`))[0]?.n ?? 0);
  const size = opts.sample ?? defaultSampleSize(total);
  const rate = total > 0 && Number.isFinite(size) ? Math.min(1, size / total) : 1;
  const sampled = (id: string): string => (rate >= 1 ? 'TRUE' : d.hashSample(id, '$rate'));
  const rateParam: Params = rate < 1 ? { rate } : {};
  const hasEvents = await engine.tableExists('events');
  const hasOrders = await engine.tableExists('orders');
  const stage = stageIndexSql(d, opts.rules, 'e');
  await engine.exec(`DROP TABLE IF EXISTS ${EV}`);
  await engine.exec(
    hasEvents
      ? `CREATE TEMP TABLE ${EV} AS
         SELECT customer_id, min(CASE WHEN st IS NOT NULL THEN t END) AS e0,
                ${times.map((i) => `min(CASE WHEN st = ${i} THEN t END) AS a${i}`).join(', ')},
                count(*) - count(st) AS unstaged, list(struct_pack(t := t, s := st, c := ch, k := ct, e := ev)) FILTER (WHERE sm AND st IS NOT NULL) AS evs
           FROM (SELECT e.customer_id, e.occurred_at AS t, ${stage.sql} AS st, e.channel AS ch, e.content_type AS ct, e.event AS ev,
                        ${sampled('e.customer_id')} AS sm
                   FROM events e WHERE e.customer_id IS NOT NULL) x
          GROUP BY customer_id`
      : `CREATE TEMP TABLE ${EV} AS SELECT CAST(NULL AS ${t.text}) AS customer_id, CAST(NULL AS ${t.timestamp}) AS e0,
         ${times.map((i) => `CAST(NULL AS ${t.timestamp}) AS a${i}`).join(', ')}, 0 AS unstaged,
         CAST(NULL AS STRUCT(t ${t.timestamp}, s INTEGER, c ${t.text}, k ${t.text}, e ${t.text})[]) AS evs WHERE 1 = 0`,
    hasEvents ? { ...stage.params, ...rateParam } : undefined,
  );
  await engine.exec(`DROP TABLE IF EXISTS ${OD}`);
  await engine.exec(
    hasOrders
      ? `CREATE TEMP TABLE ${OD} AS
         SELECT customer_id, min(ordered_at) AS o1, ${d.nthSmallest('ordered_at', 2)} AS o2, ${d.argMin('amount', 'ordered_at')} AS v1,
                list(ordered_at) FILTER (WHERE ${sampled('customer_id')}) AS ots
           FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id`
      : `CREATE TEMP TABLE ${OD} AS SELECT CAST(NULL AS ${t.text}) AS customer_id, CAST(NULL AS ${t.timestamp}) AS o1,
         CAST(NULL AS ${t.timestamp}) AS o2, CAST(NULL AS ${t.float}) AS v1, CAST(NULL AS ${t.timestamp}[]) AS ots WHERE 1 = 0`,
    hasOrders ? rateParam : undefined,
  );
  const within = (ts: string): string => `CASE WHEN ${d.hoursBetween('t0', ts)} <= $wh THEN ${ts} END`;
  await engine.exec(`DROP TABLE IF EXISTS ${CUST}`);
  await engine.exec(
    `CREATE TEMP TABLE ${CUST} AS
     WITH raw AS (
       SELECT g.customer_id, g.grp, ev.a1, ev.a2, least(ev.a3, od.o1) AS a3, least(ev.a4, od.o2) AS a4, ev.a5,
              least(ev.e0, od.o1) AS t0, od.v1, coalesce(ev.unstaged, 0) AS unstaged, ${sampled('g.customer_id')} AS sm
         FROM (${groups}) g LEFT JOIN ${EV} ev ON ev.customer_id = g.customer_id LEFT JOIN ${OD} od ON od.customer_id = g.customer_id),
     w AS (SELECT customer_id, grp, t0, v1, unstaged, sm, ${times.map((i) => `${within(`a${i}`)} AS t${i}`).join(', ')} FROM raw)
     SELECT *, CASE ${[5, 4, 3, 2, 1].map((i) => `WHEN t${i} IS NOT NULL THEN ${i}`).join(' ')} ELSE 0 END AS furthest FROM w`,
    { wh: opts.windowDays * 24, ...rateParam },
  );
  const strata = new Map<string, { customers: number; sampled: number }>();
  for (const s of await engine.all<{ s: string; n: number; k: number }>(
    `SELECT coalesce(grp, '') AS s, count(*) AS n, count(CASE WHEN sm THEN 1 END) AS k FROM ${CUST} WHERE t0 IS NOT NULL GROUP BY coalesce(grp, '')`,
  ))
    strata.set(s.s, { customers: Number(s.n), sampled: Number(s.k) });
  const weights = [...strata.entries()].filter(([, v]) => v.sampled > 0);
  const wp: Params = {};
  const cases = weights.map(([s, v], i) => {
    wp[`s${i}`] = s;
    wp[`w${i}`] = v.customers / v.sampled;
    return `WHEN $s${i} THEN CAST($w${i} AS ${t.float})`;
  });
  await engine.exec(`DROP TABLE IF EXISTS ${SAMPLE}`);
  await engine.exec(
    `CREATE TEMP TABLE ${SAMPLE} AS
     SELECT c.customer_id, c.grp, c.t0, c.t1, c.t2, c.t3, c.t4, c.t5, c.v1, c.furthest, ev.evs, od.ots,
            ${cases.length ? `CASE coalesce(c.grp, '') ${cases.join(' ')} END` : `CAST(1 AS ${t.float})`} AS w
       FROM ${CUST} c LEFT JOIN ${EV} ev ON ev.customer_id = c.customer_id LEFT JOIN ${OD} od ON od.customer_id = c.customer_id
      WHERE c.sm AND c.t0 IS NOT NULL`,
    cases.length ? wp : undefined,
  );
  await engine.exec(`DROP TABLE IF EXISTS ${EV}`);
  await engine.exec(`DROP TABLE IF EXISTS ${OD}`);
  const last = [hasEvents ? `SELECT max(occurred_at) AS m FROM events` : null, hasOrders ? `SELECT max(ordered_at) AS m FROM orders` : null].filter((x) => x);
  const asOf = last.length ? (await engine.all<{ m: string | null }>(`SELECT max(m) AS m FROM (${last.join(' UNION ALL ')}) x`))[0]?.m ?? null : null;
  const r = (await engine.all<{ n: number; unstaged: number | null }>(`SELECT count(*) AS n, sum(unstaged) AS unstaged FROM ${CUST}`))[0];
  return { customers: Number(r?.n ?? 0), as_of: asOf, unstaged_events: Number(r?.unstaged ?? 0), strata };
}

/** A relation over a per-customer table with `grp`: each row once in its group and once in "all", as `g`. */
export function membership(table: string, all: string): string {
  return `(SELECT grp AS g, * FROM ${table} WHERE grp IS NOT NULL UNION ALL SELECT '${all.replace(/'/g, "''")}' AS g, * FROM ${table})`;
}
