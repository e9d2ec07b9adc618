// Builds the _features table (one row per customer) in the engine by SQL: RFM, mixes, support load, sentiment, attributes.
import type { Engine } from '../../engine/engine.js';
import { leftJoinUsing } from '../../engine/joins.js';
import { eventMix, knownEvents, mixLevels } from './event-mix.js';
import { safeColumn, type FeatureDef, type FeatureSet } from './feature-catalog.js';

const MAX_LEVELS = 8;
const CATEGORICAL = ['country', 'region', 'gender', 'role', 'industry', 'company_size', 'acquisition_channel', 'job_title'];
const SYSTEM_COLUMNS = new Set(['__key', '__ingest', '__file', '__line']);

async function count(engine: Engine, sql: string): Promise<number> {
  return Number((await engine.all(sql))[0]?.['n'] ?? 0);
}

/** Frequent values of a text column (each ≥ 1% of rows), most common first. */
async function levels(engine: Engine, table: string, column: string, minShare = 0.01, max = MAX_LEVELS): Promise<string[]> {
  const d = engine.dialect;
  const rows = await engine.all<{ v: string; n: number }>(
    `SELECT CAST(${d.ident(column)} AS ${d.types.text}) AS v, count(*) AS n FROM ${d.ident(table)} WHERE ${d.ident(column)} IS NOT NULL
      GROUP BY v ORDER BY n DESC, v LIMIT ${max + 1}`,
  );
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  if (rows.length < 2) return [];
  return rows.filter((r) => Number(r.n) / Math.max(total, 1) >= minShare).slice(0, max).map((r) => r.v);
}

export async function computeFeatures(engine: Engine): Promise<FeatureSet> {
  const d = engine.dialect;
  const q = d.ident;
  const defs: FeatureDef[] = [];
  const add = (def: FeatureDef): void => void defs.push(def);
  const asOfRow = (
    await engine.all<{ t: string | null }>(
      `SELECT max(t) AS t FROM (SELECT max(ordered_at) AS t FROM orders UNION ALL SELECT max(occurred_at) FROM events
        UNION ALL SELECT max(opened_at) FROM tickets UNION ALL SELECT max(created_at) FROM customers) x`,
    )
  )[0];
  const asOf = asOfRow?.t ?? null;
  const asOfSql = asOf ? d.timestamp(d.literal(asOf)) : `CAST(NULL AS ${d.types.timestamp})`;
  const days = (from: string, to: string): string => `(${d.hoursBetween(from, to)} / 24.0)`;

  // --- orders: RFM, spread, refunds, margin, category and order-channel mixes
  const hasOrders = (await count(engine, 'SELECT count(*) AS n FROM orders')) > 0;
  const cats = hasOrders ? await levels(engine, 'orders', 'category', 0.01, 12) : [];
  const orderChannels = hasOrders ? await levels(engine, 'orders', 'channel', 0.02, 8) : [];
  // sum(CASE WHEN … THEN x END) rather than FILTER: NULL when nothing matches, on every engine
  const completed = `coalesce(status, 'completed') = 'completed'`;
  const orderAgg = [
    `count(CASE WHEN coalesce(status, 'completed') <> 'cancelled' THEN 1 END) AS o_orders`,
    `sum(CASE WHEN ${completed} THEN amount END) AS o_monetary`,
    `avg(amount) AS o_avg_order`,
    `coalesce(${d.stddevSamp('amount')}, 0) AS o_order_spread`,
    `min(ordered_at) AS o_first_order`,
    `max(ordered_at) AS o_last_order`,
    `avg(CASE WHEN status IN ('refunded', 'returned') THEN 1.0 ELSE 0.0 END) AS o_refund_rate`,
    `sum(CASE WHEN status IN ('refunded', 'returned') THEN amount END) AS o_refund_value`,
    `sum(CASE WHEN ${completed} THEN margin END) AS o_margin_value`,
    `sum(CASE WHEN ${completed} THEN margin END) / nullif(sum(CASE WHEN ${completed} THEN amount END), 0) AS o_margin_rate`,
    ...cats.map((c) => `coalesce(sum(CASE WHEN category = ${d.literal(c)} THEN amount END) / nullif(sum(amount), 0), 0) AS ${q(`o_${safeColumn('cat', c)}`)}`),
    ...orderChannels.map((c) => `avg(CASE WHEN channel = ${d.literal(c)} THEN 1.0 ELSE 0.0 END) AS ${q(`o_${safeColumn('ochan', c)}`)}`),
  ];
  // --- events: touchpoint channel and content-type mixes, activity
  const mix = await eventMix(engine);
  const hasEvents = knownEvents(mix) > 0;
  const evChannels = hasEvents ? mixLevels(mix, 'channel', 0.01, 11) : [];
  const contents = hasEvents ? mixLevels(mix, 'contentType', 0.01, 10) : [];
  const eventAgg = [
    `count(*) AS e_events`,
    ...evChannels.map((c) => `avg(CASE WHEN channel = ${d.literal(c)} THEN 1.0 ELSE 0.0 END) AS ${q(`e_${safeColumn('chan', c)}`)}`),
    `count(content_type) AS e_content_views`,
    ...contents.map((c) => `coalesce(sum(CASE WHEN content_type = ${d.literal(c)} THEN 1.0 ELSE 0.0 END) / nullif(count(content_type), 0), 0) AS ${q(`e_${safeColumn('content', c)}`)}`),
  ];
  // --- customer attributes: age, categoricals, extra columns
  const custCols = (await engine.columns('customers')).filter((c) => !SYSTEM_COLUMNS.has(c.name));
  const known = new Set(['customer_id', 'account_id', 'created_at', 'city', 'email_opt_in', 'churned', 'churned_at', 'age', ...CATEGORICAL]);
  const extras = custCols.filter((c) => !known.has(c.name));
  const attrNames: string[] = ['customer_id', 'age', 'created_at', 'churned'];
  const attrSelect: string[] = ['c.customer_id AS customer_id', 'c.age AS age', 'c.created_at AS created_at',
    `CASE WHEN c.churned = ${d.bool(true)} THEN 1.0 WHEN c.churned = ${d.bool(false)} THEN 0.0 END AS churned`];
  const nCustomers = await count(engine, 'SELECT count(*) AS n FROM customers');
  for (const col of [...CATEGORICAL, ...extras.map((e) => e.name)]) {
    const isExtra = !CATEGORICAL.includes(col);
    if (isExtra) {
      // numbers as numbers, low-cardinality text as categories
      const numeric = await count(
        engine,
        `SELECT CASE WHEN count(${q(col)}) > 0 AND count(${d.tryNumber(q(col))}) = count(${q(col)}) THEN 1 ELSE 0 END AS n FROM customers`,
      );
      if (numeric) {
        const name = safeColumn('x', col);
        attrSelect.push(`${d.tryNumber(`c.${q(col)}`)} AS ${q(name)}`);
        attrNames.push(name);
        add({ column: name, label: col.replace(/_/g, ' '), kind: 'numeric', group: name, segment: true });
        continue;
      }
      const distinct = await count(engine, `SELECT count(DISTINCT ${q(col)}) AS n FROM customers`);
      if (distinct > 30 || distinct > nCustomers / 10) continue;
    }
    const lv = await levels(engine, 'customers', col, 0.01, MAX_LEVELS);
    for (const v of lv) {
      const name = safeColumn(col, v);
      attrSelect.push(`CASE WHEN c.${q(col)} IS NULL THEN NULL WHEN CAST(c.${q(col)} AS ${d.types.text}) = ${d.literal(v)} THEN 1.0 ELSE 0.0 END AS ${q(name)}`);
      attrNames.push(name);
      add({ column: name, label: `${col.replace(/_/g, ' ')}: ${v}`, kind: 'category', group: col, value: v, segment: col !== 'job_title' });
    }
  }
  const ageKnown = await count(engine, 'SELECT count(age) AS n FROM customers');
  if (ageKnown > 0) add({ column: 'age', label: 'age', kind: 'numeric', group: 'age', segment: true });

  // --- assemble: customers LEFT JOIN the per-customer aggregates (prefixed o_, e_, t_, f_ so that every name is unique)
  const o = (c: string): string => q(`o_${c}`);
  const select = [
    ...attrNames.map(q),
    `coalesce(o_orders, 0) AS orders`, `coalesce(o_monetary, 0) AS monetary`, `o_avg_order AS avg_order`, `o_order_spread AS order_spread`,
    `o_refund_rate AS refund_rate`, `coalesce(o_refund_value, 0) AS refund_value`, `o_margin_value AS margin_value`, `o_margin_rate AS margin_rate`,
    `CASE WHEN o_last_order IS NOT NULL THEN ${days('o_last_order', asOfSql)} END AS recency_days`,
    `${days(`coalesce(o_first_order, created_at)`, asOfSql)} AS tenure_days`,
    `coalesce(o_orders, 0) / ${d.greatest([`${days(`coalesce(o_first_order, created_at)`, asOfSql)} / 365.0`, '0.25'])} AS orders_per_year`,
    ...cats.map((c) => `coalesce(${o(safeColumn('cat', c))}, 0) AS ${q(safeColumn('cat', c))}`),
    ...orderChannels.map((c) => `coalesce(${o(safeColumn('ochan', c))}, 0) AS ${q(safeColumn('ochan', c))}`),
    `coalesce(e_events, 0) AS events`,
    ...evChannels.map((c) => `coalesce(${q(`e_${safeColumn('chan', c)}`)}, 0) AS ${q(safeColumn('chan', c))}`),
    ...contents.map((c) => `coalesce(${q(`e_${safeColumn('content', c)}`)}, 0) AS ${q(safeColumn('content', c))}`),
    `coalesce(t_tickets, 0) AS tickets`, `coalesce(t_minutes, 0) AS support_minutes`,
    `coalesce(t_tickets, 0) / greatest(coalesce(o_orders, 0), 1) AS tickets_per_order`,
    `coalesce(t_minutes, 0) / greatest(coalesce(o_orders, 0), 1) AS minutes_per_order`,
    `f_avg_rating AS avg_rating`, `f_feedback_count AS feedback_count`,
  ];
  const from = leftJoinUsing('customer_id', `SELECT ${attrSelect.join(', ')} FROM customers c`, [
    `SELECT customer_id, ${orderAgg.join(', ')} FROM orders GROUP BY customer_id`,
    `SELECT customer_id, ${eventAgg.join(', ')} FROM events WHERE customer_id IS NOT NULL GROUP BY customer_id`,
    `SELECT customer_id, count(*) AS t_tickets, sum(minutes_spent) AS t_minutes FROM tickets GROUP BY customer_id`,
    `SELECT customer_id, avg(CASE WHEN rating > 5 THEN rating / 2.0 ELSE rating END) AS f_avg_rating, count(*) AS f_feedback_count
       FROM feedback WHERE customer_id IS NOT NULL GROUP BY customer_id`,
  ]);
  await engine.exec(d.dropTable('_features'));
  await engine.exec(d.createTableAs('_features', `SELECT ${select.join(',\n')} FROM ${from}`));
  if (hasOrders) {
    add({ column: 'orders_per_year', label: 'orders a year', kind: 'count', group: 'frequency', segment: true });
    add({ column: 'orders', label: 'orders', kind: 'count', group: 'orders', segment: false });
    add({ column: 'monetary', label: 'spend', kind: 'money', group: 'monetary', segment: true });
    add({ column: 'avg_order', label: 'average order', kind: 'money', group: 'avg_order', segment: true });
    add({ column: 'order_spread', label: 'order-size spread', kind: 'money', group: 'order_spread', segment: true });
    add({ column: 'recency_days', label: 'days since last order', kind: 'numeric', group: 'recency', segment: true });
    add({ column: 'refund_rate', label: 'refund/return rate', kind: 'share', group: 'refund_rate', segment: true });
    add({ column: 'refund_value', label: 'refund value', kind: 'money', group: 'refund_value', segment: false });
    add({ column: 'margin_value', label: 'margin', kind: 'money', group: 'margin_value', segment: false });
    add({ column: 'margin_rate', label: 'margin rate', kind: 'numeric', group: 'margin_rate', segment: true });
    for (const c of cats) add({ column: safeColumn('cat', c), label: `${c} share of spend`, kind: 'share', group: 'category_mix', value: c, segment: true });
    for (const c of orderChannels) add({ column: safeColumn('ochan', c), label: `orders via ${c}`, kind: 'share', group: 'order_channel_mix', value: c, segment: true });
  }
  add({ column: 'tenure_days', label: 'tenure (days)', kind: 'numeric', group: 'tenure', segment: true });
  if (hasEvents) {
    add({ column: 'events', label: 'touchpoints', kind: 'count', group: 'events', segment: true });
    for (const c of evChannels) add({ column: safeColumn('chan', c), label: `${c} touchpoints`, kind: 'share', group: 'channel_mix', value: c, segment: true });
    for (const c of contents) add({ column: safeColumn('content', c), label: `${c} content`, kind: 'share', group: 'content_mix', value: c, segment: true });
  }
  const hasTickets = (await count(engine, 'SELECT count(*) AS n FROM tickets')) > 0;
  if (hasTickets) {
    add({ column: 'tickets_per_order', label: 'support tickets per order', kind: 'numeric', group: 'support', segment: true });
    add({ column: 'minutes_per_order', label: 'support minutes per order', kind: 'numeric', group: 'support_minutes', segment: true });
    add({ column: 'tickets', label: 'support tickets', kind: 'count', group: 'tickets', segment: false });
    add({ column: 'support_minutes', label: 'support minutes', kind: 'count', group: 'support_minutes_total', segment: false });
  }
  const hasFeedback = (await count(engine, 'SELECT count(rating) AS n FROM feedback WHERE customer_id IS NOT NULL')) > 0;
  if (hasFeedback) add({ column: 'avg_rating', label: 'average rating', kind: 'numeric', group: 'rating', segment: true });
  const churnKnown = await count(engine, 'SELECT count(churned) AS n FROM customers');
  if (churnKnown > 0) add({ column: 'churned', label: 'churned', kind: 'share', group: 'churned', segment: true });
  return { table: '_features', key: 'customer_id', defs, asOf, customers: nCustomers, eventMix: mix };
}
