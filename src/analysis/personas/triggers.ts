// What precedes a persona's first orders: touches in the days before the decision, time from first touch to first order, seasonal peaks.
import type { Engine } from '../../engine/engine.js';
import type { StageRule } from '../../contract/workspace-config.js';
import type { Evidence, PersonaField } from './persona-types.js';
import { stageSql } from '../journeys/stage-rules.js';
import { confidenceOf, lift } from './traits.js';
import { fieldOf, keyShares, pct, ranked, shareItem, times, type KeyCount } from './share-evidence.js';
import { MAX_CELLS, TouchCells } from './touch-cells.js';
import { eventMix, mixValues, type EventMix } from '../features/event-mix.js';

const NONE = '(none)';
const SEP = ' · ';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface TriggerOptions {
  rules: readonly StageRule[];
  /** days before the first order that count as "leading up to it" (default 14) */
  days?: number;
  /** channel × content type cells the per-customer bit masks hold at most (default MAX_CELLS); more: a grouping per customer and cell */
  maxCells?: number;
  /** the events' channel × content type counts when already read (the build's features read them): spares two scans */
  eventMix?: EventMix;
}

/** The months (1–12) of a seasonal peak: the month with the highest lift among common ones, with a neighbour that is also lifted. */
function peak(months: Map<number, { n: number; all: number }>, base: number, allBase: number): { months: number[]; n: number; all: number } | null {
  const share = (m: number): number => (months.get(m)?.n ?? 0) / base;
  const allShare = (m: number): number => (months.get(m)?.all ?? 0) / allBase;
  const l = (m: number): number => (allShare(m) > 0 ? share(m) / allShare(m) : 0);
  const best = [...months.keys()].filter((m) => share(m) >= 0.15 && l(m) >= 1.3).sort((a, b) => l(b) - l(a) || a - b)[0];
  if (best === undefined) return null;
  const next = (best % 12) + 1;
  const prev = ((best + 10) % 12) + 1;
  const side = [prev, next].filter((m) => share(m) >= 0.1 && l(m) >= 1.3).sort((a, b) => share(b) - share(a))[0];
  const ms = side === undefined ? [best] : side === prev ? [prev, best] : [best, next];
  return { months: ms, n: ms.reduce((t, m) => t + (months.get(m)?.n ?? 0), 0), all: ms.reduce((t, m) => t + (months.get(m)?.all ?? 0), 0) };
}

/** `assignments` is a table (customer_id, segment); a customer's first order is its earliest order of any status (the journeys' decision). */
export async function triggers(engine: Engine, assignments: string, opts: TriggerOptions): Promise<Map<number, PersonaField>> {
  const out = new Map<number, PersonaField>();
  if (!(await engine.tableExists('orders'))) return out;
  const d = engine.dialect;
  const days = opts.days ?? 14;
  const a = d.ident(assignments);
  const first = `SELECT customer_id AS fo_cid, min(ordered_at) AS first_at FROM orders GROUP BY customer_id`;
  const monthRows = await engine.all<{ seg: number; m: number; n: number }>(
    `SELECT a.segment AS seg, ${d.monthOf('f.first_at')} AS m, count(*) AS n FROM (${first}) f JOIN ${a} a ON a.customer_id = f.fo_cid GROUP BY a.segment, ${d.monthOf('f.first_at')}`,
  );
  const buyers = new Map<number, number>();
  const allMonths = new Map<number, number>();
  for (const r of monthRows) {
    buyers.set(Number(r.seg), (buyers.get(Number(r.seg)) ?? 0) + Number(r.n));
    allMonths.set(Number(r.m), (allMonths.get(Number(r.m)) ?? 0) + Number(r.n));
  }
  const allBuyers = [...buyers.values()].reduce((x, y) => x + y, 0);
  const items = new Map<number, Evidence[]>([...buyers.keys()].map((s) => [s, []]));

  if (await engine.tableExists('events')) {
    // one events scan grouped by customer: which channel × content type cells each buyer touched in the days before the
    // first order (a bit mask; decision touches left out) and its first touch before that order
    const stage = stageSql(d, opts.rules, 'e', 'tr');
    const mix = opts.eventMix ?? (await eventMix(engine));
    const grid = new TouchCells([''], mixValues(mix, 'channel', NONE), mixValues(mix, 'contentType', NONE));
    const touch = `SELECT e.customer_id AS tcid, ${grid.cellSql(d, null, `coalesce(e.channel, ${d.literal(NONE)})`, `coalesce(e.content_type, ${d.literal(NONE)})`)} AS tcell,
        e.occurred_at AS tat, f.first_at AS t_order, ${d.hoursBetween('e.occurred_at', 'f.first_at')} <= ${days * 24} AS tnear
        FROM events e JOIN (${first}) f ON f.fo_cid = e.customer_id
        WHERE e.occurred_at < f.first_at AND coalesce(${stage.sql}, ${d.literal('')}) <> ${d.literal('decision')}`;
    const perCustomer = grid.size <= (opts.maxCells ?? MAX_CELLS)
      ? `SELECT x.tcid AS ccid, ${grid.maskColumns(d, 'x.tcell', 'w', 'x.tnear').join(', ')}, min(x.tat) AS t_first, min(x.t_order) AS t_order FROM (${touch}) x GROUP BY x.tcid`
      : null;
    let cells: { seg: number; ch: string; ct: string; n: number }[];
    await engine.exec(d.dropTable('_trigger_cust'));
    if (perCustomer) {
      await engine.exec(d.createTableAs('_trigger_cust', `SELECT c.*, a.segment AS cseg FROM (${perCustomer}) c JOIN ${a} a ON a.customer_id = c.ccid`, { temporary: true }), stage.params);
      const pairs = grid.channels.flatMap((ch, ci) => grid.contentTypes.map((ct, ti) => ({ ch, ct, cell: grid.cell(0, ci, ti) })));
      const row = await engine.all<Record<string, number>>(
        `SELECT cseg AS seg, ${pairs.map((p, i) => `sum(${grid.hasAny(d, 'w', [p.cell])}) AS p${i}`).join(', ')} FROM _trigger_cust GROUP BY cseg`,
      );
      cells = row.flatMap((r) => pairs.map((p, i) => ({ seg: Number(r['seg']), ch: p.ch, ct: p.ct, n: Number(r[`p${i}`] ?? 0) }))).filter((c) => c.n > 0);
    } else {
      // more cells than the masks hold: per buyer and cell
      await engine.exec(
        d.createTableAs('_trigger_cust', `SELECT x.tcid AS ccid, a.segment AS cseg, min(x.tat) AS t_first, min(x.t_order) AS t_order FROM (${touch}) x JOIN ${a} a ON a.customer_id = x.tcid GROUP BY x.tcid, a.segment`, { temporary: true }),
        stage.params,
      );
      const near = `SELECT e.customer_id AS tcid, coalesce(e.channel, ${d.literal(NONE)}) AS tch, coalesce(e.content_type, ${d.literal(NONE)}) AS tct
          FROM events e JOIN (${first}) f ON f.fo_cid = e.customer_id
          WHERE e.occurred_at < f.first_at AND ${d.hoursBetween('e.occurred_at', 'f.first_at')} <= ${days * 24} AND coalesce(${stage.sql}, ${d.literal('')}) <> ${d.literal('decision')}
          GROUP BY e.customer_id, coalesce(e.channel, ${d.literal(NONE)}), coalesce(e.content_type, ${d.literal(NONE)})`;
      cells = await engine.all<{ seg: number; ch: string; ct: string; n: number }>(
        `SELECT a.segment AS seg, t.tch AS ch, t.tct AS ct, count(*) AS n FROM (${near}) t JOIN ${a} a ON a.customer_id = t.tcid GROUP BY a.segment, t.tch, t.tct`,
        stage.params,
      );
    }
    const gap = `${d.hoursBetween('t_first', 't_order')} / 24.0`;
    const timing = await engine.all<{ seg: number; med: number; n: number }>(`SELECT cseg AS seg, ${d.quantile(gap, 0.5)} AS med, count(*) AS n FROM _trigger_cust GROUP BY cseg`);
    const allTiming = (await engine.all<{ med: number | null }>(`SELECT ${d.quantile(gap, 0.5)} AS med FROM _trigger_cust`))[0];
    await engine.exec(d.dropTable('_trigger_cust'));
    const counts: KeyCount[] = cells.map((r) => ({ seg: Number(r.seg), key: `${r.ch}${SEP}${r.ct}`, n: Number(r.n), people: Number(r.n) }));
    const shares = keyShares(counts, buyers);
    for (const [seg, list] of items) {
      for (const s of ranked(shares.get(seg), 0.1).slice(0, 2)) {
        const [c, t] = s.key.split(SEP) as [string, string];
        const what = `${t === NONE ? 'a touch' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t} view`}${c === NONE ? '' : ` via ${c}`}`;
        list.push(shareItem(s, `${pct(s.value)} of first orders come within ${days} days of ${what} (all ${pct(s.all)}${times(s.lift)})`,
          `customers whose first order (earliest order, any status) has a touch with channel = ${c} and content_type = ${t} in the ${days} days before it (decision-stage touches left out), over the persona's customers with an order (${s.base.toLocaleString('en-US')}), vs all customers`));
      }
      const tm = timing.find((r) => Number(r.seg) === seg);
      const allMed = allTiming?.med === null || allTiming?.med === undefined ? null : Number(allTiming.med);
      if (tm && tm.med !== null && Number(tm.n) > 0) {
        const med = Number(tm.med);
        const l = lift(med, allMed);
        list.push({
          claim: `first order a median ${med.toFixed(1)} days after the first touch (all ${allMed === null ? '—' : allMed.toFixed(1)} days)`,
          value: med, all: allMed, lift: l, n: Number(tm.n), confidence: confidenceOf(Number(tm.n), l === null ? 0 : Math.log(Math.max(l, 1e-6))),
          definition: 'median over customers with an order and a touch before it of the days from their first touch (any stage but decision) to their first order, vs all customers',
        });
      }
    }
  }

  const monthBy = new Map<number, Map<number, { n: number; all: number }>>();
  for (const r of monthRows) {
    const m = monthBy.get(Number(r.seg)) ?? new Map<number, { n: number; all: number }>();
    m.set(Number(r.m), { n: Number(r.n), all: allMonths.get(Number(r.m)) ?? 0 });
    monthBy.set(Number(r.seg), m);
  }
  for (const [seg, list] of items) {
    const base = buyers.get(seg) ?? 0;
    const p = base > 0 ? peak(monthBy.get(seg) ?? new Map(), base, allBuyers) : null;
    if (!p) continue;
    const value = p.n / base;
    const all = p.all / allBuyers;
    const l = lift(value, all);
    const names = p.months.map((m) => MONTHS[m - 1]).join('–');
    list.unshift({
      claim: `seasonal: ${pct(value)} of first orders fall in ${names} (all ${pct(all)}${times(l)})`,
      value, all, lift: l, n: p.n, confidence: confidenceOf(p.n, all > 0 && all < 1 ? (value - all) / Math.sqrt(all * (1 - all)) : 0),
      definition: `customers whose first order (earliest order, any status) falls in ${names} (UTC), over the persona's customers with an order (${base.toLocaleString('en-US')}), vs all customers`,
    });
  }
  for (const [seg, list] of items) out.set(seg, fieldOf('triggers', list, 'no first orders with touches or a seasonal peak: ask in interviews what made them buy'));
  return out;
}
