// B2B: one row per account (company) in the engine — firmographics plus its contacts' orders, spend mix and support load.
import type { Engine } from '../../engine/engine.js';
import { leftJoinUsing } from '../../engine/joins.js';
import { safeColumn, type FeatureDef, type FeatureSet } from './feature-catalog.js';

async function levels(engine: Engine, sql: string, min = 0.02, max = 8): Promise<string[]> {
  const rows = await engine.all<{ v: string; n: number }>(sql);
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  return rows.filter((r) => r.v !== null && Number(r.n) / Math.max(total, 1) >= min).slice(0, max).map((r) => String(r.v));
}

/** Builds `_account_features`; null when the workspace has no accounts. */
export async function computeAccountFeatures(engine: Engine, asOf: string | null): Promise<FeatureSet | null> {
  const d = engine.dialect;
  const q = d.ident;
  const n = Number((await engine.all(`SELECT count(*) AS n FROM accounts`))[0]?.['n'] ?? 0);
  if (n === 0) return null;
  const defs: FeatureDef[] = [];
  const industries = await levels(engine, `SELECT industry AS v, count(*) AS n FROM accounts GROUP BY v ORDER BY n DESC, v`);
  const countries = await levels(engine, `SELECT country AS v, count(*) AS n FROM accounts GROUP BY v ORDER BY n DESC, v`);
  const cats = await levels(engine, `SELECT category AS v, count(*) AS n FROM orders GROUP BY v ORDER BY n DESC, v`, 0.01, 12);
  const asOfSql = asOf ? d.timestamp(d.literal(asOf)) : `CAST(NULL AS ${d.types.timestamp})`;
  const onehot = (col: string, vals: string[]): string[] =>
    vals.map((v) => {
      const name = safeColumn(`acct_${col}`, v);
      defs.push({ column: name, label: `${col}: ${v}`, kind: 'category', group: col, value: v, segment: true });
      return `CASE WHEN ${q(col)} IS NULL THEN NULL WHEN ${q(col)} = ${d.literal(v)} THEN 1.0 ELSE 0.0 END AS ${q(name)}`;
    });
  const catCols = cats.map((c) => {
    const name = safeColumn('cat', c);
    defs.push({ column: name, label: `${c} share of spend`, kind: 'share', group: 'category_mix', value: c, segment: true });
    return name;
  });
  // accounts LEFT JOIN per-account aggregates (prefixed c_, o_, t_ so that names are unique), one join per level
  const done = `coalesce(o.status, 'completed') = 'completed'`;
  const o = (c: string): string => q(`o_${c}`);
  const select = [
    'account_id',
    ...onehot('industry', industries),
    ...onehot('country', countries),
    'employees', 'annual_revenue',
    'coalesce(c_contacts, 0) AS contacts',
    'coalesce(o_orders, 0) AS orders', 'coalesce(o_monetary, 0) AS monetary', 'o_avg_order AS avg_order', 'o_refund_rate AS refund_rate',
    'o_margin_rate AS margin_rate', 'o_margin_value AS margin_value', 'coalesce(o_refund_value, 0) AS refund_value',
    `coalesce(o_orders, 0) / ${d.greatest([`(${d.hoursBetween('o_first_order', asOfSql)}) / 24.0 / 365.0`, '0.25'])} AS orders_per_year`,
    `(${d.hoursBetween('o_first_order', asOfSql)}) / 24.0 AS tenure_days`,
    ...catCols.map((c) => `coalesce(${o(c)}, 0) AS ${q(c)}`),
    'coalesce(t_tickets, 0) / greatest(coalesce(o_orders, 0), 1) AS tickets_per_order',
    'coalesce(t_minutes, 0) / greatest(coalesce(o_orders, 0), 1) AS minutes_per_order',
    'coalesce(t_minutes, 0) AS support_minutes',
  ];
  const from = leftJoinUsing('account_id', `SELECT * FROM accounts`, [
    `SELECT account_id, count(*) AS c_contacts FROM customers WHERE account_id IS NOT NULL GROUP BY account_id`,
    `SELECT cu.account_id AS account_id, count(CASE WHEN coalesce(o.status, 'completed') <> 'cancelled' THEN 1 END) AS o_orders,
            sum(CASE WHEN ${done} THEN o.amount END) AS o_monetary, avg(o.amount) AS o_avg_order,
            avg(CASE WHEN o.status IN ('refunded', 'returned') THEN 1.0 ELSE 0.0 END) AS o_refund_rate,
            sum(CASE WHEN o.status IN ('refunded', 'returned') THEN o.amount END) AS o_refund_value,
            sum(CASE WHEN ${done} THEN o.margin END) AS o_margin_value,
            sum(CASE WHEN ${done} THEN o.margin END) / nullif(sum(CASE WHEN ${done} THEN o.amount END), 0) AS o_margin_rate,
            min(o.ordered_at) AS o_first_order
            ${cats.map((c) => `, coalesce(sum(CASE WHEN o.category = ${d.literal(c)} THEN o.amount END) / nullif(sum(o.amount), 0), 0) AS ${o(safeColumn('cat', c))}`).join('')}
       FROM orders o JOIN customers cu ON cu.customer_id = o.customer_id WHERE cu.account_id IS NOT NULL GROUP BY cu.account_id`,
    `SELECT cu.account_id AS account_id, count(*) AS t_tickets, sum(t.minutes_spent) AS t_minutes
       FROM tickets t JOIN customers cu ON cu.customer_id = t.customer_id WHERE cu.account_id IS NOT NULL GROUP BY cu.account_id`,
  ]);
  await engine.exec(d.dropTable('_account_features'));
  await engine.exec(d.createTableAs('_account_features', `SELECT ${select.join(', ')} FROM ${from}`));
  const add = (column: string, label: string, kind: FeatureDef['kind'], segment = true): void => void defs.push({ column, label, kind, group: column, segment });
  add('employees', 'employees', 'count');
  add('annual_revenue', 'annual revenue', 'money');
  add('contacts', 'contacts', 'count');
  add('orders_per_year', 'orders a year', 'count');
  add('monetary', 'spend', 'money');
  add('avg_order', 'average order', 'money');
  add('refund_rate', 'refund/return rate', 'share');
  add('margin_rate', 'margin rate', 'numeric');
  add('tickets_per_order', 'support tickets per order', 'numeric');
  add('minutes_per_order', 'support minutes per order', 'numeric');
  add('tenure_days', 'tenure (days)', 'numeric');
  add('orders', 'orders', 'count', false);
  add('margin_value', 'margin', 'money', false);
  add('refund_value', 'refund value', 'money', false);
  add('support_minutes', 'support minutes', 'count', false);
  return { table: '_account_features', key: 'account_id', defs, asOf, customers: n };
}
