// Fits the behaviour part of the scoring model in SQL: customers' sessions by stage × channel and touches by stage × content type per persona.
import { STAGES, type Stage } from '../../contract/entities.js';
import type { StageRule } from '../../contract/workspace-config.js';
import type { Engine, Params } from '../../engine/engine.js';
import { stageSql } from '../journeys/stage-rules.js';
import type { LabelSource } from './fit-attributes.js';
import { penalisedInformation } from './information.js';
import type { EventBlock } from './scoring-model.js';

/** a stage × value cell needs this many observations over all customers to be scored (rarer ones say nothing) */
const MIN_CELL = 5;

/** Events of customers with their stage (column or rules), as a subquery with its parameters. */
export function stagedEventsSql(engine: Engine, rules: readonly StageRule[], where: string, from = 'events'): { sql: string; params: Params } {
  const st = stageSql(engine.dialect, rules, 'e', 'sc');
  return {
    sql: `SELECT e.*, ${st.sql} AS __stage FROM ${engine.dialect.ident(from)} e WHERE ${where}`,
    params: st.params,
  };
}

/**
 * The customers whose events a fit reads: all of them, or (`rate` < 1) a stable hash sample of them. Counts from a sample
 * are scaled back by 1 / rate, so smoothing and the minimum cell size keep their meaning.
 */
export function eventCustomers(engine: Engine, rate: number): string {
  return rate >= 1 ? 'e.customer_id IS NOT NULL' : `e.customer_id IS NOT NULL AND ${engine.dialect.hashSample('e.customer_id', String(rate))}`;
}

/** `sampleRate`: the share of customers whose events are read (see `eventCustomers`). */
export async function fitEvents(engine: Engine, labels: LabelSource, personaIds: readonly string[], rules: readonly StageRule[], sampleRate = 1): Promise<EventBlock[]> {
  const d = engine.dialect;
  const scale = sampleRate >= 1 ? 1 : 1 / sampleRate;
  const has = Number((await engine.all<{ n: number }>(`SELECT count(*) AS n FROM events WHERE customer_id IS NOT NULL`))[0]?.n ?? 0);
  if (has === 0) return [];
  const k = personaIds.length;
  const pcase = `CASE l.persona_id ${personaIds.map((id, i) => `WHEN ${d.literal(id)} THEN ${i}`).join(' ')} END`;
  const ev = stagedEventsSql(engine, rules, eventCustomers(engine, sampleRate));
  const base = `(SELECT s.__stage AS st, s.channel AS channel, s.content_type AS content_type, s.session_id AS session_id, ${pcase} AS p
                   FROM (${ev.sql}) s LEFT JOIN (${labels.sql}) l ON l.customer_id = s.customer_id WHERE s.__stage IS NOT NULL)`;
  const params = { ...ev.params, ...labels.params };
  // a session keeps one channel: count sessions (events without a session count alone), not events
  const sessions = await engine.all<{ st: string; v: string; p: number | null; n: number }>(
    `SELECT st, channel AS v, p, count(DISTINCT session_id) + count(CASE WHEN session_id IS NULL THEN 1 END) AS n
       FROM ${base} b WHERE channel IS NOT NULL GROUP BY st, v, p`,
    params,
  );
  const touches = await engine.all<{ st: string; v: string; p: number | null; n: number }>(
    `SELECT st, content_type AS v, p, count(*) AS n FROM ${base} b WHERE content_type IS NOT NULL GROUP BY st, v, p`,
    params,
  );
  const block = (field: EventBlock['field'], unit: EventBlock['unit'], label: string, rows: typeof sessions): EventBlock | null => {
    const cells = new Map<string, EventBlock['cells'][number]>();
    const totals = new Map<Stage, EventBlock['totals'][number]>();
    for (const r of rows) {
      const stage = r.st as Stage;
      if (!STAGES.includes(stage)) continue;
      const key = `${stage}\u0000${r.v}`;
      const c = cells.get(key) ?? { stage, value: String(r.v), all: 0, counts: new Array<number>(k).fill(0) };
      const t = totals.get(stage) ?? { stage, all: 0, counts: new Array<number>(k).fill(0) };
      const n = Math.round(Number(r.n) * scale);
      c.all += n;
      t.all += n;
      if (r.p !== null) {
        c.counts[Number(r.p)] = (c.counts[Number(r.p)] as number) + n;
        t.counts[Number(r.p)] = (t.counts[Number(r.p)] as number) + n;
      }
      cells.set(key, c);
      totals.set(stage, t);
    }
    const kept = [...cells.values()].filter((c) => c.all >= MIN_CELL).sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || b.all - a.all);
    if (kept.length === 0) return null;
    // information of one observation given its stage: the cells are (stage, value) and the stage is always known
    let information = 0;
    for (const t of totals.values()) {
      const table = kept.filter((c) => c.stage === t.stage).map((c) => c.counts);
      const n = t.counts.reduce((a, b) => a + b, 0);
      const all = [...totals.values()].reduce((a, x) => a + x.counts.reduce((y, z) => y + z, 0), 0);
      if (all > 0) information += (n / all) * penalisedInformation(table);
    }
    return { field, unit, label, cells: kept, totals: STAGES.filter((s) => totals.has(s)).map((s) => totals.get(s) as EventBlock['totals'][number]), information };
  };
  return [block('channel', 'session', 'channel', sessions), block('content_type', 'touch', 'content', touches)].filter((b): b is EventBlock => b !== null);
}
