// One scan of events and one of orders: per customer (`_j_cust`) the group, journey start and first time at each stage within the window;
// the touches of a hash sample of customers are read by a filtered scan and their order times gathered in the orders scan, for the sequence analyses.
import type { Engine, Params } from '../../engine/engine.js';
import { leftJoinUsing } from '../../engine/joins.js';
import type { StageRule } from '../../contract/workspace-config.js';
import { problem } from '../../shared/problems.js';
import { ALL_GROUP } from './journey-types.js';
import { stageIndexedRows } from './stage-rules.js';
import { STAGES } from '../../contract/entities.js';

export const CUST = '_j_cust';
export const SAMPLE = '_j_sample';
/** the sampled customers' staged touches (customer_id, t, si stage index, ch, ct, ev) */
export const SEVRAW = '_j_sevraw';
/** the sampled customers' events, every column the stage rules read */
const SEVSRC = '_j_sevsrc';
/** per customer: first and second order, first order amount, and the sampled customers' order times */
export const OD = '_j_od';

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

/** Customers whose sequences are read: 1% of customers, at least 5,000 and at most 10,000 (everyone when fewer). */
export function defaultSampleSize(customers: number): number {
  return Math.min(10_000, Math.max(5_000, Math.round(customers * 0.01)));
}

/**
 * Events: one GROUP BY customer (the stage from the column or the rules; the first time at each stage as a
 * conditional min, so no second aggregation of per-(customer, stage) rows), plus a filtered scan keeping the staged
 * touches of sampled customers as rows (a list aggregate over every event cost more than the scan itself). Orders: one GROUP BY customer (first order =
 * decision, second = retention). The window then cuts stage times more than `windowDays` after the journey start
 * (first staged touch or order). Sampled customers carry the weight (customers with a journey / sampled ones) of
 * their group.
 */
export async function buildCustomerStages(
  engine: Engine,
  opts: {
    groups: GroupSource | null; rules: readonly StageRule[]; windowDays: number; sample?: number;
    /** synchronous work to run while the engine reads the orders (e.g. loading the text models) */
    whileReading?: () => void;
  },
): Promise<CustomerStages> {
  const d = engine.dialect;
  const t = d.types;
  const groups = opts.groups
    ? `SELECT customer_id, CAST(${d.ident(opts.groups.column)} AS ${t.text}) AS grp FROM ${d.ident(opts.groups.table)}`
    : `SELECT customer_id, CAST(NULL AS ${t.text}) AS grp FROM customers`;
  const sizes = (await engine.all<{ n: number; reserved: number }>(`SELECT count(*) AS n, count(CASE WHEN grp = $all THEN 1 END) AS reserved FROM (${groups}) g`, { all: ALL_GROUP }))[0];
  if (Number(sizes?.reserved ?? 0) > 0) throw problem('usage/invalid', { message: `a group may not be named "${ALL_GROUP}": that name is the map of all customers` });
  const total = Number(sizes?.n ?? 0);
  const size = opts.sample ?? defaultSampleSize(total);
  const rate = total > 0 && Number.isFinite(size) ? Math.min(1, size / total) : 1;
  // the rate written into the SQL (a number of ours, not user input): as a parameter the engine could not fold the
  // sample test into a plain comparison, and the filtered scan read every column of every event (2× the time)
  const sampled = (id: string): string => (rate >= 1 ? d.bool(true) : d.hashSample(id, String(rate)));
  const hasEvents = await engine.tableExists('events');
  const hasOrders = await engine.tableExists('orders');
  // a missing table reads as an empty one with the columns used, so both engines type the results alike
  const events = hasEvents
    ? 'events'
    : `(SELECT ${['customer_id', 'event', 'url', 'content_type', 'stage', 'channel'].map((c) => `CAST(NULL AS ${t.text}) AS ${c}`).join(', ')},
         CAST(NULL AS ${t.timestamp}) AS occurred_at WHERE 1 = 0)`;
  const orders = hasOrders
    ? 'orders'
    : `(SELECT CAST(NULL AS ${t.text}) AS customer_id, CAST(NULL AS ${t.timestamp}) AS ordered_at, CAST(NULL AS ${t.float}) AS amount WHERE 1 = 0)`;
  // one pass over events, grouped by customer only: the first time at each stage, the stage an integer from the start
  const rows = (select: string, where: string): { sql: string; params: Params } =>
    stageIndexedRows(d, opts.rules, { from: events, alias: 'e', select, where: `e.customer_id IS NOT NULL${where}` });
  // per customer (a subquery of the customers' statement below: not written to a table of its own)
  let perCustomer: { sql: string; params: Params };
  if (opts.rules.length === 0) {
    // no rules (every event has a stage): the stage names compared directly, ~15% less than going through the index
    const stage = `e.${d.ident('stage')}`;
    const firstAt = (i: number): string => `${d.earliestIf('e.occurred_at', `${stage} = ${d.literal(STAGES[i - 1] as string)}`)} AS e_a${i}`;
    // ingest keeps a stage only when it is one of the five names (others are quarantined), so counting it counts the staged
    const staged = `count(${stage})`;
    perCustomer = {
      sql: `SELECT e.customer_id AS customer_id, ${times.map(firstAt).join(', ')}, count(*) - ${staged} AS e_unstaged FROM ${events} e WHERE e.customer_id IS NOT NULL GROUP BY e.customer_id`,
      params: {},
    };
  } else {
    const ev = rows('e.customer_id AS customer_id, e.occurred_at AS t', '');
    const firstAt = (i: number): string => `${d.earliestIf('t', `si = ${i}`)} AS e_a${i}`;
    perCustomer = { sql: `SELECT customer_id, ${times.map(firstAt).join(', ')}, count(*) - count(si) AS e_unstaged FROM (${ev.sql}) x GROUP BY customer_id`, params: ev.params };
  }
  // the sampled customers' staged touches as rows: a filtered read (a list aggregate built over every event cost more than the
  // scan) into a small table first, then their stages: the stage rules' two branches over all events read every column twice
  // and ran on one thread (0.85 s at 50M events vs 0.45 s)
  await engine.exec(d.dropTable(SEVSRC));
  // url only when a rule reads it (long texts: reading them for the sampled rows is a good part of this scan)
  const url = opts.rules.some((r) => r.url !== undefined) ? ', url' : '';
  await engine.exec(
    d.createTableAs(SEVSRC, `SELECT customer_id, occurred_at, channel, content_type, event${url}, stage FROM ${events} e WHERE e.customer_id IS NOT NULL AND ${sampled('e.customer_id')}`, { temporary: true }),
  );
  const sev = stageIndexedRows(d, opts.rules, { from: SEVSRC, alias: 'e', select: 'e.customer_id AS customer_id, e.occurred_at AS t, e.channel AS ch, e.content_type AS ct, e.event AS ev', where: d.bool(true) });
  await engine.exec(d.dropTable(SEVRAW));
  await engine.exec(d.createTableAs(SEVRAW, `SELECT customer_id, t, si, ch, ct, ev FROM (${sev.sql}) x WHERE si IS NOT NULL`, { temporary: true }), sev.params);
  await engine.exec(d.dropTable(SEVSRC));
  await engine.exec(d.dropTable(OD));
  // a statement without parameters starts at the call: the caller's synchronous work runs while the engine reads the orders
  const orderPass = engine.exec(
    d.createTableAs(
      OD,
      `SELECT customer_id, min(ordered_at) AS o1, ${d.nthSmallest('ordered_at', 2)} AS o2, ${d.argMin('amount', 'ordered_at')} AS v1,
              ${d.listAggIf('ordered_at', `ordered_at IS NOT NULL AND ${sampled('customer_id')}`)} AS ots
         FROM ${orders} o WHERE customer_id IS NOT NULL GROUP BY customer_id`,
      { temporary: true },
    ),
  );
  orderPass.catch(() => undefined); // a failure surfaces at the await below
  opts.whileReading?.();
  await orderPass;
  const within = (ts: string): string => `CASE WHEN ${ts} <= t_end THEN ${ts} END`;
  // per customer: group, first staged touch, first time at each stage (orders as decision / retention), then the window
  const joined = leftJoinUsing('customer_id', groups, [
    // a staged touch has an index 1-5, so the first staged touch is the first of the stages' first times
    `SELECT customer_id, ${d.least(times.map((i) => `e_a${i}`))} AS e0, ${times.map((i) => `e_a${i}`).join(', ')}, e_unstaged FROM (${perCustomer.sql}) pc`,
    `SELECT customer_id, o1, o2, v1 FROM ${OD}`,
  ]);
  const raw = `SELECT customer_id, grp, e_a1 AS a1, e_a2 AS a2, ${d.least(['e_a3', 'o1'])} AS a3, ${d.least(['e_a4', 'o2'])} AS a4, e_a5 AS a5,
                      ${d.least(['e0', 'o1'])} AS t0, v1, coalesce(e_unstaged, 0) AS unstaged, ${sampled('customer_id')} AS sm
                 FROM ${joined}`;
  const windowed = `SELECT customer_id, grp, t0, t_end, v1, unstaged, sm, ${times.map((i) => `${within(`a${i}`)} AS t${i}`).join(', ')}
                      FROM (SELECT *, ${d.addHours('t0', '$wh')} AS t_end FROM (${raw}) r) e`;
  await engine.exec(d.dropTable(CUST));
  await engine.exec(
    d.createTableAs(
      CUST,
      `SELECT *, CASE ${[5, 4, 3, 2, 1].map((i) => `WHEN t${i} IS NOT NULL THEN ${i}`).join(' ')} ELSE 0 END AS furthest FROM (${windowed}) w`,
      { temporary: true },
    ),
    { ...perCustomer.params, wh: opts.windowDays * 24 },
  );
  const strata = new Map<string, { customers: number; sampled: number }>();
  for (const s of await engine.all<{ s: string; n: number; k: number }>(
    `SELECT coalesce(grp, '') AS s, count(*) AS n, count(CASE WHEN sm THEN 1 END) AS k FROM ${CUST} WHERE t0 IS NOT NULL GROUP BY coalesce(grp, '')`,
  ))
    strata.set(s.s, { customers: Number(s.n), sampled: Number(s.k) });
  const wp: Params = {};
  const cases = [...strata.entries()].filter(([, v]) => v.sampled > 0).map(([s, v], i) => {
    wp[`s${i}`] = s;
    wp[`w${i}`] = v.customers / v.sampled;
    return `WHEN $s${i} THEN CAST($w${i} AS ${t.float})`;
  });
  await engine.exec(d.dropTable(SAMPLE));
  await engine.exec(
    d.createTableAs(
      SAMPLE,
      `SELECT customer_id, grp, t0, t_end, t1, t2, t3, t4, t5, v1, furthest,
              ${cases.length ? `CASE coalesce(grp, '') ${cases.join(' ')} END` : `CAST(1 AS ${t.float})`} AS w
         FROM ${CUST} WHERE sm AND t0 IS NOT NULL`,
      { temporary: true },
    ),
    cases.length ? wp : undefined,
  );
  const last = [hasEvents ? `SELECT max(occurred_at) AS m FROM events` : null, hasOrders ? `SELECT max(ordered_at) AS m FROM orders` : null].filter((x) => x);
  const asOf = last.length ? (await engine.all<{ m: string | null }>(`SELECT max(m) AS m FROM (${last.join(' UNION ALL ')}) x`))[0]?.m ?? null : null;
  const r = (await engine.all<{ n: number; unstaged: number | null }>(`SELECT count(*) AS n, sum(unstaged) AS unstaged FROM ${CUST}`))[0];
  return { customers: Number(r?.n ?? 0), as_of: asOf, unstaged_events: Number(r?.unstaged ?? 0), strata };
}

/** A relation over a per-customer table with `grp`: each row once in its group and once in "all", as `g`. */
export function membership(table: string, all: string): string {
  return `(SELECT grp AS g, * FROM ${table} WHERE grp IS NOT NULL UNION ALL SELECT '${all.replace(/'/g, "''")}' AS g, * FROM ${table})`;
}
