// Leads' behaviour as model cells: their events (anonymous_id = lead_id) aggregated in SQL, or events given inline, with the furthest stage.
import { STAGES, type Stage } from '../../contract/entities.js';
import type { StageRule } from '../../contract/workspace-config.js';
import type { Engine, Params } from '../../engine/engine.js';
import { leftJoinUsing } from '../../engine/joins.js';
import type { CompiledModel } from './compile.js';
import { stagedEventsSql } from './fit-events.js';
import { GAPS } from './fit-timing.js';
import type { EventEvidence } from './score-lead.js';
import { blankEvidence, EvidenceStore } from './evidence-store.js';

export { blankEvidence, EvidenceStore } from './evidence-store.js';

const RS = '\u001e';
const US = '\u001f';

/** SQL of the model cell of a staged event row `s` for one block (NULL outside the model). */
function cellSql(engine: Engine, c: CompiledModel, block: number, column: string): string {
  const d = engine.dialect;
  const byStage = new Map<Stage, string[]>();
  c.events.cells.forEach((cell, i) => {
    if (cell.block !== block) return;
    const list = byStage.get(cell.stage) ?? [];
    list.push(`WHEN ${d.literal(cell.value)} THEN ${i}`);
    byStage.set(cell.stage, list);
  });
  if (byStage.size === 0) return 'NULL';
  return `CASE s.__stage ${[...byStage].map(([st, whens]) => `WHEN ${d.literal(st)} THEN CASE s.${d.ident(column)} ${whens.join(' ')} END`).join(' ')} END`;
}

let tables = 0;

/**
 * One row per lead over the events matching `where` (on events `e`), counted by the engine: lid, the furthest stage
 * `fu`, the gaps `g0`, `g1` in seconds (NULL when the events do not show them) and the lead's model cells as
 * "cell:count,…" (a cell may come more than once: its counts add up). Counted as `evidenceOf` counts inline events:
 * sessions per stage × channel cell (a session once per cell, an event without a session alone), touches per stage ×
 * content cell; times are whole epoch seconds; events without a stage or a time say nothing. Grouped by a 64-bit hash of the id (integer keys group faster
 * than text), sessions by a 64-bit hash too. The leads' touches are read as one subquery three times (stages and gaps,
 * session cells, touch cells), each time straight from `events`: writing 6M touches to a table cost 3× the CPU of
 * reading them again. Dialect hooks only (no CTE, one JOIN per SELECT, typed NULLs): the same on every engine.
 */
async function evidenceTable(engine: Engine, c: CompiledModel, rules: readonly StageRule[], where: string, params: Params, from = 'events'): Promise<string> {
  const d = engine.dialect;
  const t = d.types;
  const table = `__score_evidence_${process.pid}_${++tables}`;
  const ev = stagedEventsSql(engine, rules, `e.anonymous_id IS NOT NULL AND e.occurred_at IS NOT NULL AND (${where})`, from);
  const stageIdx = `CASE s.__stage ${STAGES.map((st, i) => `WHEN ${d.literal(st)} THEN ${i}`).join(' ')} END`;
  const blocks = c.events.blocks;
  const touches = `SELECT ${d.hash64('s.anonymous_id')} AS h, s.anonymous_id AS lid, ${stageIdx} AS st,
                          ${blocks.map((b, i) => `CAST(${cellSql(engine, c, i, b.field)} AS ${t.int}) AS c${i}`).join(', ')}${blocks.length ? ',' : ''}
                          CASE WHEN s.session_id IS NOT NULL THEN ${d.hash64('s.session_id')} END AS sid,
                          CAST(floor(${d.epochSeconds('s.occurred_at')}) AS ${t.bigint}) AS t
                     FROM (${ev.sql}) s WHERE s.__stage IS NOT NULL`;
  const staged = `(SELECT * FROM (${touches}) x WHERE st IS NOT NULL)`;
  // the gaps in one grouping: the first touch at the later stage, and the times at the earlier one as a list to pick from
  const per = GAPS.map(
    ([, from, to], g) => `min(CASE WHEN st = ${STAGES.indexOf(to)} THEN t END) AS f${g}, ${d.listAggIf('t', `st = ${STAGES.indexOf(from)}`)} AS l${g}`,
  ).join(', ');
  const gaps = GAPS.map((_, g) => `f${g} - ${d.listMax(d.listFilter(`l${g}`, 'x', `x <= f${g}`))} AS g${g}`).join(', ');
  const perLead = `SELECT h, lid, fu, ${gaps} FROM (SELECT h, ${d.anyValue('lid')} AS lid, max(st) AS fu, ${per} FROM ${staged} z0 GROUP BY h) z`;
  // one row per (lead, cell, session): a session-unit cell counts 1 per session (an event without a session alone, so
  // their rows count them all), a touch-unit cell has no session (a NULL of the session's type) and counts every touch;
  // TypeScript sums a cell's rows
  const rows = blocks.map((b, i) => `SELECT h, c${i} AS cell, ${b.unit === 'session' ? 'sid' : 'CASE WHEN 1 = 0 THEN sid END'} AS sid FROM ${staged} r${i} WHERE c${i} IS NOT NULL`);
  const pair = d.joinText([`CAST(cell AS ${t.text})`, `CAST(n AS ${t.text})`], ':');
  const cells = `SELECT h, ${d.textAgg(pair, d.literal(','))} AS cells
                   FROM (SELECT h, cell, CASE WHEN sid IS NULL THEN count(*) ELSE 1 END AS n FROM (${rows.join(' UNION ALL ')}) u GROUP BY h, cell, sid) y GROUP BY h`;
  const sql = rows.length
    ? `SELECT h, lid, fu, ${GAPS.map((_, g) => `g${g}`).join(', ')}, cells FROM ${leftJoinUsing('h', perLead, [cells])}`
    : `SELECT h, lid, fu, ${GAPS.map((_, g) => `g${g}`).join(', ')}, CAST(NULL AS ${t.text}) AS cells FROM (${perLead}) f`;
  await engine.exec(d.createTableAs(table, sql, { temporary: true }), { ...ev.params, ...params });
  return table;
}

/** A lead's touch: stage index, model cell per event block (−1 = none), session (−1 = none: a session of its own), time (s). */
export interface Touch {
  st: number;
  cells: number[];
  session: number;
  t: number;
}

/**
 * Counts a lead's touches into evidence (reusing `into`'s arrays): sessions per stage × channel cell (a session counts
 * once per cell), touches per stage × content cell, the furthest stage, and the gaps — the first touch at a stage minus
 * the last touch of the stage before it, up to that first one — in hours. The fit counts customers the same way in SQL.
 */
export function evidenceOf(c: CompiledModel, touches: readonly Touch[], into: EventEvidence): EventEvidence {
  into.furthest = -1;
  into.size = 0;
  const seen: number[] = [];
  for (let i = 0; i < touches.length; i++) {
    const x = touches[i] as Touch;
    if (x.st > into.furthest) into.furthest = x.st;
    for (let b = 0; b < x.cells.length; b++) {
      const cell = x.cells[b] as number;
      if (cell < 0) continue;
      if (c.events.blocks[b]?.unit === 'session' && x.session >= 0) {
        // cell and session together: counted once
        let dup = false;
        for (let j = 0; j < seen.length; j += 2) if (seen[j] === cell && seen[j + 1] === x.session) dup = true;
        if (dup) continue;
        seen.push(cell, x.session);
      }
      let k = 0;
      while (k < into.size && into.cells[k] !== cell) k++;
      if (k === into.size) {
        into.cells[k] = cell;
        into.counts[k] = 0;
        into.size++;
      }
      into.counts[k] = (into.counts[k] as number) + 1;
    }
  }
  GAPS.forEach(([, from, to], g) => {
    const fi = STAGES.indexOf(from);
    const ti = STAGES.indexOf(to);
    let first = Infinity;
    for (const x of touches) if (x.st === ti && x.t < first) first = x.t;
    let before = -Infinity;
    for (const x of touches) if (x.st === fi && x.t <= first && x.t > before) before = x.t;
    into.gaps[g] = Number.isFinite(first) && Number.isFinite(before) ? (first - before) / 3600 : NaN;
  });
  return into;
}


/** A non-negative integer written in `text` from `from` to `to`. */
function intAt(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + text.charCodeAt(i) - 48;
  return v;
}

/** Hours from the seconds written in `text` from `from` to `to` (NaN when empty). */
const hoursAt = (text: string, from: number, to: number): number => (to > from ? Number(text.slice(from, to)) / 3600 : NaN);

/** One lead's fields "fu␟g0␟g1␟cell:count,…" (see evidenceTable) from `from` to `end` into `into`. */
function parseEvidence(text: string, from: number, end: number, into: EventEvidence): EventEvidence {
  let p = from;
  let q = text.indexOf(US, p);
  into.furthest = intAt(text, p, q);
  for (let g = 0; g < GAPS.length; g++) {
    p = q + 1;
    q = text.indexOf(US, p);
    into.gaps[g] = hoursAt(text, p, q);
  }
  into.size = 0;
  for (p = q + 1; p < end; ) {
    const colon = text.indexOf(':', p);
    let comma = text.indexOf(',', colon);
    if (comma < 0 || comma > end) comma = end;
    // kept in cell order (the engine's order varies from run to run), so sums of a lead's terms are always the same
    const cell = intAt(text, p, colon);
    const count = intAt(text, colon + 1, comma);
    let same = into.size - 1;
    while (same >= 0 && into.cells[same] !== cell) same--;
    if (same >= 0) {
      into.counts[same] = (into.counts[same] as number) + count;
      p = comma + 1;
      continue;
    }
    let k = into.size++;
    for (; k > 0 && (into.cells[k - 1] as number) > cell; k--) {
      into.cells[k] = into.cells[k - 1] as number;
      into.counts[k] = into.counts[k - 1] as number;
    }
    into.cells[k] = cell;
    into.counts[k] = count;
    p = comma + 1;
  }
  return into;
}

/** Reads the leads of a table made by evidenceTable into `onLead`, as few large texts (256 groups); `into` is reused. */
async function readEvidence(engine: Engine, table: string, onLead: (id: string, e: EventEvidence) => void): Promise<void> {
  const d = engine.dialect;
  const into = blankEvidence();
  const text = d.types.text;
  const fields = d.joinText([`CAST(fu AS ${text})`, ...GAPS.map((_, g) => `CAST(g${g} AS ${text})`), 'cells'], US);
  const safe = `NOT ${d.contains('lid', d.literal(RS))} AND NOT ${d.contains('lid', d.literal(US))}`;
  const packs = await engine.all<{ pack: string | null }>(
    `SELECT ${d.textAgg(d.joinText(['lid', fields], US), d.literal(RS))} AS pack FROM ${d.ident(table)} WHERE ${safe} GROUP BY h % 256`,
  );
  for (const p of packs) {
    const pack = p.pack;
    if (!pack) continue;
    for (let a = 0; a < pack.length; ) {
      let end = pack.indexOf(RS, a);
      if (end < 0) end = pack.length;
      const us = pack.indexOf(US, a);
      onLead(pack.slice(a, us), parseEvidence(pack, us + 1, end, into));
      a = end + 1;
    }
  }
  // ids holding the separators come as ordinary rows (there are none in practice)
  for (const r of await engine.all<{ lid: string; f: string }>(`SELECT lid, ${fields} AS f FROM ${d.ident(table)} WHERE NOT (${safe})`)) {
    onLead(r.lid, parseEvidence(r.f, 0, r.f.length, into));
  }
}

/** Every lead's events (anonymous_id = lead_id) from the workspace, read in one pass over `events`. */
export async function allLeadEvidence(engine: Engine, c: CompiledModel, rules: readonly StageRule[]): Promise<EvidenceStore> {
  return leadEvidenceWhere(engine, c, rules, engine.dialect.bool(true), {});
}

/**
 * The evidence of the leads of the events matching `where` (SQL on events `e`) in `from` (default `events`; a table of
 * events with the same columns, e.g. every event of the leads an ingest added events for).
 */
export async function leadEvidenceWhere(engine: Engine, c: CompiledModel, rules: readonly StageRule[], where: string, params: Params, from = 'events'): Promise<EvidenceStore> {
  const out = new EvidenceStore();
  if (!(await engine.tableExists(from))) return out;
  const table = await evidenceTable(engine, c, rules, where, params, from);
  try {
    await readEvidence(engine, table, (id, e) => out.add(id, e));
  } finally {
    await engine.exec(engine.dialect.dropTable(table));
  }
  return out;
}

/** The events of a few leads (an API call), by id. */
export async function leadEvidence(engine: Engine, c: CompiledModel, rules: readonly StageRule[], ids: readonly string[]): Promise<Map<string, EventEvidence>> {
  const out = new Map<string, EventEvidence>();
  if (ids.length === 0 || !(await engine.tableExists('events'))) return out;
  const params: Params = {};
  ids.forEach((id, i) => (params[`lead${i}`] = id));
  const table = await evidenceTable(engine, c, rules, `e.anonymous_id IN (${ids.map((_, i) => `$lead${i}`).join(', ')})`, params);
  try {
    await readEvidence(engine, table, (id, e) => out.set(id, { ...e, cells: e.cells.slice(0, e.size), counts: e.counts.slice(0, e.size), gaps: [...e.gaps] }));
  } finally {
    await engine.exec(engine.dialect.dropTable(table));
  }
  return out;
}

/** An event given with a lead (API): the events columns that matter here. */
export interface InlineEvent {
  stage?: string | null;
  event?: string | null;
  url?: string | null;
  channel?: string | null;
  content_type?: string | null;
  session_id?: string | null;
  /** ISO 8601; needed for the pace between stages */
  occurred_at?: string | null;
}

function globMatch(glob: string, value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const re = new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'is');
  return re.test(value);
}

/** The stage of an inline event: its `stage` when it is one, else the first matching rule (the same rules as the SQL). */
export function stageOfEvent(rules: readonly StageRule[], e: InlineEvent): Stage | null {
  const given = e.stage?.trim().toLowerCase();
  if (given && (STAGES as readonly string[]).includes(given)) return given as Stage;
  for (const r of rules) {
    const fields = (['event', 'url', 'content_type'] as const).filter((f) => r[f] !== undefined);
    if (fields.length && fields.every((f) => globMatch(r[f] as string, e[f]))) return r.stage;
  }
  return null;
}

/** Evidence from events given inline: stages by the same rules, then counted by `evidenceOf` like stored events. */
export function inlineEvidence(c: CompiledModel, rules: readonly StageRule[], events: readonly InlineEvent[]): EventEvidence {
  const sessions = new Map<string, number>();
  const touches: Touch[] = [];
  for (const e of events) {
    const st = stageOfEvent(rules, e);
    if (st === null) continue;
    const cells = c.events.blocks.map((b, bi) => {
      const v = e[b.field];
      return v === null || v === undefined || v === '' ? -1 : (c.events.index[bi]?.get(`${st}\u0000${v}`) ?? -1);
    });
    let session = -1;
    if (e.session_id) {
      session = sessions.get(e.session_id) ?? sessions.size;
      sessions.set(e.session_id, session);
    }
    const t = e.occurred_at ? Date.parse(e.occurred_at) / 1000 : NaN;
    touches.push({ st: STAGES.indexOf(st), cells, session, t: Number.isFinite(t) ? Math.floor(t) : NaN });
  }
  return evidenceOf(c, touches, blankEvidence());
}
