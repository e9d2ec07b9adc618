// B2B: one row per account (company) in the engine — firmographics plus its contacts' orders, spend mix and support load.
import type { Engine } from '../../engine/engine.js';
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
  const industries = await levels(engine, `SELECT industry AS v, count(*) AS n FROM accounts GROUP BY 1 ORDER BY n DESC, v`);
  const countries = await levels(engine, `SELECT country AS v, count(*) AS n FROM accounts GROUP BY 1 ORDER BY n DESC, v`);
  const cats = await levels(engine, `SELECT category AS v, count(*) AS n FROM orders GROUP BY 1 ORDER BY n DESC, v`, 0.01, 12);
  const asOfSql = asOf ? d.timestamp(d.literal(asOf)) : `CAST(NULL AS ${d.types.timestamp})`;
  const onehot = (col: string, vals: string[]): string[] =>
    vals.map((v) => {
      const name = safeColumn(`acct_${col}`, v);
      defs.push({ column: name, label: `${col}: ${v}`, kind: 'category', group: col, value: v, segment: true });
      return `CASE WHEN a.${q(col)} IS NULL THEN NULL WHEN a.${q(col)} = ${d.literal(v)} THEN 1.0 ELSE 0.0 END AS ${q(name)}`;
    });
  const catCols = cats.map((c) => {
    const name = safeColumn('cat', c);
    defs.push({ column: name, label: `${c} share of spend`, kind: 'share', group: 'category_mix', value: c, segment: true });
    return name;
  });
  const select = [
    'a.account_id',
    ...onehot('industry', industries),
    ...onehot('country', countries),
    'a.employees', 'a.annual_revenue',
    'coalesce(c.contacts, 0) AS contacts',
    'coalesce(o.orders, 0) AS orders', 'coalesce(o.monetary, 0) AS monetary', 'o.avg_order', 'o.refund_rate', 'o.margin_rate',
    'o.margin_value', 'coalesce(o.refund_value, 0) AS refund_value',
    `coalesce(o.orders, 0) / greatest((${d.hoursBetween('o.first_order', asOfSql)}) / 24.0 / 365.0, 0.25) AS orders_per_year`,
    `(${d.hoursBetween('o.first_order', asOfSql)}) / 24.0 AS tenure_days`,
    ...catCols.map((c) => `coalesce(o.${q(c)}, 0) AS ${q(c)}`),
    'coalesce(t.tickets, 0) / greatest(coalesce(o.orders, 0), 1) AS tickets_per_order',
    'coalesce(t.minutes, 0) / greatest(coalesce(o.orders, 0), 1) AS minutes_per_order',
    'coalesce(t.minutes, 0) AS support_minutes',
  ];
  await engine.exec(`DROP TABLE IF EXISTS _account_features`);
  await engine.exec(
    `CREATE TABLE _account_features AS SELECT ${select.join(', ')}
       FROM accounts a
       LEFT JOIN (SELECT account_id, count(*) AS contacts FROM customers WHERE account_id IS NOT NULL GROUP BY account_id) c ON c.account_id = a.account_id
       LEFT JOIN (SELECT cu.account_id, count(*) FILTER (WHERE coalesce(o.status, 'completed') <> 'cancelled') AS orders,
                         sum(o.amount) FILTER (WHERE coalesce(o.status, 'completed') = 'completed') AS monetary, avg(o.amount) AS avg_order,
                         avg(CASE WHEN o.status IN ('refunded', 'returned') THEN 1.0 ELSE 0.0 END) AS refund_rate,
                         sum(o.amount) FILTER (WHERE o.status IN ('refunded', 'returned')) AS refund_value,
                         sum(o.margin) FILTER (WHERE coalesce(o.status, 'completed') = 'completed') AS margin_value,
                         sum(o.margin) FILTER (WHERE coalesce(o.status, 'completed') = 'completed') / nullif(sum(o.amount) FILTER (WHERE coalesce(o.status, 'completed') = 'completed'), 0) AS margin_rate,
                         min(o.ordered_at) AS first_order
                         ${cats.map((c) => `, coalesce(sum(o.amount) FILTER (WHERE o.category = ${d.literal(c)}) / nullif(sum(o.amount), 0), 0) AS ${q(safeColumn('cat', c))}`).join('')}
                    FROM orders o JOIN customers cu ON cu.customer_id = o.customer_id WHERE cu.account_id IS NOT NULL GROUP BY cu.account_id) o ON o.account_id = a.account_id
       LEFT JOIN (SELECT cu.account_id, count(*) AS tickets, sum(t.minutes_spent) AS minutes
                    FROM tickets t JOIN customers cu ON cu.customer_id = t.customer_id WHERE cu.account_id IS NOT NULL GROUP BY cu.account_id) t ON t.account_id = a.account_id`,
  );
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
