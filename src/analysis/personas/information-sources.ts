// Where each persona gets informed: channel and channel × content type shares of its awareness and consideration touches, lift vs all customers.
import type { Engine } from '../../engine/engine.js';
import type { StageRule } from '../../contract/workspace-config.js';
import type { Evidence, PersonaField } from './persona-types.js';
import { stageSql } from '../journeys/stage-rules.js';
import { fieldOf, keyShares, pct, ranked, shareItem, times, type KeyCount } from './share-evidence.js';

const STAGES = ['awareness', 'consideration'] as const;
const NONE = '(none)';
const SEP = ' · ';

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
export async function informationSources(engine: Engine, assignments: string, rules: readonly StageRule[]): Promise<Map<number, PersonaField>> {
  const out = new Map<number, PersonaField>();
  if (!(await engine.tableExists('events'))) return out;
  const d = engine.dialect;
  const stage = stageSql(d, rules, 'ev', 'is');
  const touches = `SELECT customer_id, coalesce(ev.channel, ${d.literal(NONE)}) AS src_ch, coalesce(ev.content_type, ${d.literal(NONE)}) AS src_ct, ${stage.sql} AS src_st
      FROM events ev WHERE ev.customer_id IS NOT NULL`;
  // per customer first (a few rows each), so the channel-level customer counts come from the same small table
  const perCustomer = `SELECT e.customer_id AS cid, e.src_st AS pst, e.src_ch AS pch, e.src_ct AS pct, count(*) AS pn
      FROM (${touches}) e WHERE e.src_st IN (${STAGES.map((s) => d.literal(s)).join(', ')}) GROUP BY e.customer_id, e.src_st, e.src_ch, e.src_ct`;
  await engine.exec(d.dropTable('_info_touch'));
  await engine.exec(d.createTableAs('_info_touch', perCustomer, { temporary: true }), stage.params);
  const a = d.ident(assignments);
  // one row per customer and cell: customers are counted by count(*) (a distinct count per group costs 5× more at 1M customers)
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
  await engine.exec(d.dropTable('_info_touch'));
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
      const topCh = ranked(chShares.get(seg), 0.1).slice(0, 2);
      for (const s of topCh)
        list.push(shareItem(s, `${st}: ${s.key === NONE ? 'no channel' : s.key} ${pct(s.value)} of touches (all ${pct(s.all)}${times(s.lift)}), ${s.people.toLocaleString('en-US')} customers`,
          `touches of the ${st} stage (journeys stage rules) with channel = ${s.key}, over all the persona's ${st} touches (${s.base.toLocaleString('en-US')}), vs the same share for all customers; n = customers with such a touch`));
      const topCell = ranked(cellShares.get(seg), 0.03)[0];
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
