// Where each persona gets informed: channel and channel × content type shares of its awareness and consideration touches, lift vs all customers.
import type { Engine, Params } from '../../engine/engine.js';
import type { StageRule } from '../../contract/workspace-config.js';
import type { Evidence, PersonaField } from './persona-types.js';
import { stageSql } from '../journeys/stage-rules.js';
import { fieldOf, keyShares, pct, ranked, shareItem, times, type KeyCount } from './share-evidence.js';
import { MAX_CELLS, TouchCells } from './touch-cells.js';

const STAGES = ['awareness', 'consideration'] as const;
const NONE = '(none)';
const SEP = ' · ';
/** a channel (a channel × content type) is claimed only when it holds at least this share of the persona's touches of a stage */
const MIN_CHANNEL_SHARE = 0.1;
const MIN_CELL_SHARE = 0.03;

interface Row {
  seg: number;
  st: string;
  ch: string;
  ct: string;
  touches: number;
  people: number;
}

/**
 * One events scan: touches and customers per segment, stage (awareness, consideration; the journeys' stage rules), channel and
 * content type. `assignments` is a table (customer_id, segment). Segments without such touches get "not enough evidence".
 */
/** `maxCells`: stage × channel × content type cells the per-customer bit masks hold at most (default MAX_CELLS); more: a grouping per customer and cell */
export async function informationSources(engine: Engine, assignments: string, rules: readonly StageRule[], opts: { maxCells?: number } = {}): Promise<Map<number, PersonaField>> {
  const out = new Map<number, PersonaField>();
  if (!(await engine.tableExists('events'))) return out;
  const d = engine.dialect;
  const stage = stageSql(d, rules, 'ev', 'is');
  const touches = `SELECT customer_id, coalesce(ev.channel, ${d.literal(NONE)}) AS src_ch, coalesce(ev.content_type, ${d.literal(NONE)}) AS src_ct, ${stage.sql} AS src_st
      FROM events ev WHERE ev.customer_id IS NOT NULL`;
  const inStages = `e.src_st IN (${STAGES.map((s) => d.literal(s)).join(', ')})`;
  const a = d.ident(assignments);
  // touches per segment and cell: a grouping by a handful of keys, no per-customer rows
  const counted = await engine.all<{ seg: number; st: string; ch: string; ct: string; n: number }>(
    `SELECT a.segment AS seg, e.src_st AS st, e.src_ch AS ch, e.src_ct AS ct, count(*) AS n FROM (${touches}) e JOIN ${a} a ON a.customer_id = e.customer_id
      WHERE ${inStages} GROUP BY a.segment, e.src_st, e.src_ch, e.src_ct`,
    stage.params,
  );
  const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
  const grid = new TouchCells(STAGES, sorted(counted.map((r) => r.ch)), sorted(counted.map((r) => r.ct)));
  const { cells, channels } = grid.size <= (opts.maxCells ?? MAX_CELLS)
    ? await peopleByMasks(engine, grid, touches, inStages, a, stage.params, counted)
    : await peopleByCustomerCells(engine, touches, inStages, a, stage.params);
  const segs = new Set([...cells, ...channels].map((r) => Number(r.seg)));
  const items = new Map<number, Evidence[]>([...segs].map((s) => [s, []]));
  for (const st of STAGES) {
    const of = (rows: Row[], key: (r: Row) => string): { counts: KeyCount[]; bases: Map<number, number> } => {
      const mine = rows.filter((r) => r.st === st);
      const bases = new Map<number, number>();
      for (const r of mine) bases.set(Number(r.seg), (bases.get(Number(r.seg)) ?? 0) + Number(r.touches));
      return { counts: mine.map((r) => ({ seg: Number(r.seg), key: key(r), n: Number(r.touches), people: Number(r.people) })), bases };
    };
    const ch = of(channels, (r) => r.ch);
    const cell = of(cells.filter((r) => r.ct !== NONE), (r) => `${r.ch}${SEP}${r.ct}`);
    const chShares = keyShares(ch.counts, ch.bases);
    // the cells' base is every touch of the stage, content or not, so a cell's share reads "of all awareness touches"
    const cellShares = keyShares(cell.counts, ch.bases);
    for (const seg of segs) {
      const list = items.get(seg) as Evidence[];
      const topCh = ranked(chShares.get(seg), MIN_CHANNEL_SHARE).slice(0, 2);
      for (const s of topCh)
        list.push(shareItem(s, `${st}: ${s.key === NONE ? 'no channel' : s.key} ${pct(s.value)} of touches (all ${pct(s.all)}${times(s.lift)}), ${s.people.toLocaleString('en-US')} customers`,
          `touches of the ${st} stage (journeys stage rules) with channel = ${s.key}, over all the persona's ${st} touches (${s.base.toLocaleString('en-US')}), vs the same share for all customers; n = customers with such a touch`));
      const topCell = ranked(cellShares.get(seg), MIN_CELL_SHARE)[0];
      if (topCell) {
        const [c, t] = topCell.key.split(SEP) as [string, string];
        list.push(shareItem(topCell, `${st}: ${t} via ${c === NONE ? 'no channel' : c} ${pct(topCell.value)} of touches (all ${pct(topCell.all)}${times(topCell.lift)})`,
          `touches of the ${st} stage with channel = ${c} and content_type = ${t}, over all the persona's ${st} touches (${topCell.base.toLocaleString('en-US')}), vs all customers; n = customers with such a touch`));
      }
    }
  }
  for (const [seg, list] of items) out.set(seg, fieldOf('information_sources', list, 'no awareness or consideration touches from these customers'));
  return out;
}

/** Customers per segment and cell, and per segment, stage and channel, from one bit mask of cells per customer. */
async function peopleByMasks(
  engine: Engine, grid: TouchCells, touches: string, inStages: string, a: string, params: Params,
  counted: readonly { seg: number; st: string; ch: string; ct: string; n: number }[],
): Promise<{ cells: Row[]; channels: Row[] }> {
  const d = engine.dialect;
  const cellOf = (st: string, ch: string, ct: string): number => grid.cell(grid.stages.indexOf(st), grid.channels.indexOf(ch), grid.contentTypes.indexOf(ct));
  // customers are counted only where a claim can be made: cells and channels holding a claimable share of some segment's touches
  // of the stage (the others keep people = 0 and are never shown)
  const base = new Map<string, number>();
  const chTouches = new Map<string, number>();
  for (const r of counted) {
    base.set(`${r.seg}${SEP}${r.st}`, (base.get(`${r.seg}${SEP}${r.st}`) ?? 0) + Number(r.n));
    chTouches.set(`${r.seg}${SEP}${r.st}${SEP}${r.ch}`, (chTouches.get(`${r.seg}${SEP}${r.st}${SEP}${r.ch}`) ?? 0) + Number(r.n));
  }
  const share = (r: (typeof counted)[number], n: number): number => n / (base.get(`${r.seg}${SEP}${r.st}`) ?? Infinity);
  const present = [...new Map(counted.filter((r) => r.ct !== NONE && share(r, Number(r.n)) >= MIN_CELL_SHARE).map((r) => [cellOf(r.st, r.ch, r.ct), r])).entries()]
    .sort((x, y) => x[0] - y[0]);
  const chKeys = [...new Set(counted.filter((r) => share(r, chTouches.get(`${r.seg}${SEP}${r.st}${SEP}${r.ch}`) ?? 0) >= MIN_CHANNEL_SHARE).map((r) => `${r.st}${SEP}${r.ch}`))].sort();
  const allChCells = (k: string): number[] => counted.filter((r) => `${r.st}${SEP}${r.ch}` === k).map((r) => cellOf(r.st, r.ch, r.ct));
  const chCells = chKeys.map((k) => [...new Set(allChCells(k))]);
  const sums = [
    ...present.map(([c], i) => `sum(${grid.hasAny(d, 'm.w', [c])}) AS c${i}`),
    ...chCells.map((cs, i) => `sum(${grid.hasAny(d, 'm.w', cs)}) AS h${i}`),
  ];
  const perCustomer = `SELECT x.customer_id AS cid, ${grid.maskColumns(d, 'x.cell', 'w').join(', ')}
      FROM (SELECT e.customer_id AS customer_id, ${grid.cellSql(d, 'e.src_st', 'e.src_ch', 'e.src_ct')} AS cell FROM (${touches}) e WHERE ${inStages}) x
     GROUP BY x.customer_id`;
  const rows = await engine.all<Record<string, number>>(`SELECT a.segment AS seg, ${sums.join(', ')} FROM (${perCustomer}) m JOIN ${a} a ON a.customer_id = m.cid GROUP BY a.segment`, params);
  const people = new Map(rows.map((r) => [Number(r['seg']), r]));
  const cells: Row[] = counted.map((r) => {
    const i = present.findIndex(([c]) => c === cellOf(r.st, r.ch, r.ct));
    return { seg: Number(r.seg), st: r.st, ch: r.ch, ct: r.ct, touches: Number(r.n), people: i < 0 ? 0 : Number(people.get(Number(r.seg))?.[`c${i}`] ?? 0) };
  });
  const bySegChannel = new Map<string, Row>();
  for (const r of counted) {
    const key = `${r.seg}${SEP}${r.st}${SEP}${r.ch}`;
    const h = chKeys.indexOf(`${r.st}${SEP}${r.ch}`);
    const row = bySegChannel.get(key) ?? { seg: Number(r.seg), st: r.st, ch: r.ch, ct: '', touches: 0, people: h < 0 ? 0 : Number(people.get(Number(r.seg))?.[`h${h}`] ?? 0) };
    row.touches += Number(r.n);
    bySegChannel.set(key, row);
  }
  return { cells, channels: [...bySegChannel.values()] };
}

/** The same by a grouping per customer and cell (for workspaces with more cells than the masks hold). */
async function peopleByCustomerCells(engine: Engine, touches: string, inStages: string, a: string, params: Params): Promise<{ cells: Row[]; channels: Row[] }> {
  const d = engine.dialect;
  const perCustomer = `SELECT e.customer_id AS cid, e.src_st AS pst, e.src_ch AS pch, e.src_ct AS pct, count(*) AS pn
      FROM (${touches}) e WHERE ${inStages} GROUP BY e.customer_id, e.src_st, e.src_ch, e.src_ct`;
  await engine.exec(d.dropTable('_info_touch'));
  await engine.exec(d.createTableAs('_info_touch', perCustomer, { temporary: true }), params);
  try {
    // one row per customer and cell: customers are counted by count(*)
    const cells = await engine.all<Row>(
      `SELECT a.segment AS seg, t.pst AS st, t.pch AS ch, t.pct AS ct, sum(t.pn) AS touches, count(*) AS people
         FROM _info_touch t JOIN ${a} a ON a.customer_id = t.cid GROUP BY a.segment, t.pst, t.pch, t.pct`,
    );
    const channels = await engine.all<Row>(
      `SELECT c.seg AS seg, c.cst AS st, c.cch AS ch, sum(c.cn) AS touches, count(*) AS people
         FROM (SELECT a.segment AS seg, t.cid AS ccid, t.pst AS cst, t.pch AS cch, sum(t.pn) AS cn FROM _info_touch t JOIN ${a} a ON a.customer_id = t.cid
                GROUP BY a.segment, t.cid, t.pst, t.pch) c
        GROUP BY c.seg, c.cst, c.cch`,
    );
    return { cells, channels };
  } finally {
    await engine.exec(d.dropTable('_info_touch'));
  }
}
