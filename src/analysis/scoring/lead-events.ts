// Leads' behaviour as model cells: their events (anonymous_id = lead_id) aggregated in SQL, or events given inline, with the furthest stage.
import { STAGES, type Stage } from '../../contract/entities.js';
import type { StageRule } from '../../contract/workspace-config.js';
import type { Engine, Params } from '../../engine/engine.js';
import type { CompiledModel } from './compile.js';
import { stagedEventsSql } from './fit-events.js';
import { GAPS, gapsOver } from './fit-timing.js';
import type { EventEvidence } from './score-lead.js';

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
 * Builds a table of per-lead evidence over the events matching `where` (on events `e`): lid, f (furthest stage index),
 * g (gaps as "h,h"), cells ("cell:count,…"). The events are read once: a materialised row per staged event carries its
 * model cells, and every aggregate reads that.
 */
async function evidenceTable(engine: Engine, c: CompiledModel, rules: readonly StageRule[], where: string, params: Params): Promise<string> {
  const d = engine.dialect;
  const table = `__score_evidence_${process.pid}_${++tables}`;
  const ev = stagedEventsSql(engine, rules, `e.anonymous_id IS NOT NULL AND (${where})`);
  const stageIdx = `CASE ev.st ${STAGES.map((s, i) => `WHEN ${d.literal(s)} THEN ${i}`).join(' ')} END`;
  const blocks = c.events.blocks.map((b, i) => ({ i, b, cell: cellSql(engine, c, i, b.field) }));
  const cellCols = blocks.map(({ i, cell }) => `${cell} AS c${i}`).join(', ');
  const counts = blocks.map(({ i, b }) =>
    `SELECT ev.id, ev.c${i} AS cell, ${b.unit === 'session' ? 'count(DISTINCT ev.sid) + count(*) FILTER (WHERE ev.sid IS NULL)' : 'count(*)'} AS n
       FROM ev WHERE ev.c${i} IS NOT NULL GROUP BY 1, 2`,
  );
  const g = GAPS.map((_, i) => `coalesce(CAST(gaps.g${i} AS ${d.types.text}), '')`).join(` || ',' || `);
  await engine.exec(
    `CREATE TEMP TABLE ${d.ident(table)} AS
     WITH ev AS MATERIALIZED (SELECT s.anonymous_id AS id, s.__stage AS st, s.occurred_at AS t, s.session_id AS sid${cellCols ? `, ${cellCols}` : ''}
                                FROM (${ev.sql}) s WHERE s.__stage IS NOT NULL),
       far AS (SELECT ev.id, max(${stageIdx}) AS f FROM ev GROUP BY 1),
       gaps AS (${gapsOver(d, 'ev')}),
       cells AS (SELECT id, string_agg(CAST(cell AS ${d.types.text}) || ':' || CAST(n AS ${d.types.text}), ',') AS cells
                   FROM (${counts.length ? counts.join(' UNION ALL ') : 'SELECT NULL AS id, NULL AS cell, 0 AS n WHERE FALSE'}) x GROUP BY id)
     SELECT far.id AS lid, far.f AS f, ${g} AS g, cells.cells AS cells
       FROM far LEFT JOIN gaps ON gaps.id = far.id LEFT JOIN cells ON cells.id = far.id`,
    { ...ev.params, ...params },
  );
  return table;
}

/** Evidence from the text forms "cell:count,…" and "gap,gap", and a furthest stage. */
export function parseEvidence(f: number, gaps: string | null, cells: string | null): EventEvidence {
  const out: EventEvidence = { furthest: f, size: 0, cells: [], counts: [], gaps: GAPS.map(() => NaN) };
  if (gaps) gaps.split(',').forEach((v, i) => (out.gaps[i] = v === '' ? NaN : Number(v)));
  if (cells)
    for (const part of cells.split(',')) {
      const k = part.indexOf(':');
      out.cells.push(Number(part.slice(0, k)));
      out.counts.push(Number(part.slice(k + 1)));
    }
  out.size = out.cells.length;
  return out;
}

let hashA = 0;
let hashB = 0;

/** Two independent 32-bit hashes of a string (FNV-1a and a multiply-shift variant) into hashA, hashB: 64 bits per id. */
function hash2(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashA = a >>> 0;
  hashB = (b ^ (b >>> 13)) >>> 0;
}

/**
 * Every lead's events, held compactly: typed arrays of cells, counts, gaps and furthest stage behind an open-addressing
 * table keyed by a 64-bit hash of the lead id (no id strings are kept: a million leads cost tens of megabytes and no
 * garbage-collector work). Two ids sharing all 64 bits would share evidence; at a million ids the chance is ~10⁻⁷.
 * `fill` copies one lead's evidence into a reused object, so scoring allocates nothing per lead.
 */
export class EvidenceStore {
  private keyA = new Uint32Array(2048);
  private keyB = new Uint32Array(2048);
  private slotOf = new Int32Array(2048).fill(-1);
  private count = 0;
  private furthest = new Int8Array(1024);
  private gaps = new Float64Array(1024 * GAPS.length);
  private start = new Int32Array(1025);
  private cells = new Int32Array(4096);
  private counts = new Int32Array(4096);
  private used = 0;

  get size(): number {
    return this.count;
  }

  private find(a: number, b: number): number {
    const mask = this.slotOf.length - 1;
    let i = a & mask;
    while (this.slotOf[i] !== -1 && (this.keyA[i] !== a || this.keyB[i] !== b)) i = (i + 1) & mask;
    return i;
  }

  add(id: string, f: number, gaps: string, cells: string | null): void {
    hash2(id);
    const a = hashA;
    const b = hashB;
    let at = this.find(a, b);
    if (this.slotOf[at] !== -1) return;
    const i = this.count;
    if (i + 1 >= this.furthest.length) this.grow(i * 2);
    if ((i + 1) * 2 > this.slotOf.length) {
      this.rehash(this.slotOf.length * 2);
      at = this.find(a, b);
    }
    this.keyA[at] = a;
    this.keyB[at] = b;
    this.slotOf[at] = i;
    this.count++;
    this.furthest[i] = f;
    const parts = gaps.split(',');
    for (let g = 0; g < GAPS.length; g++) this.gaps[i * GAPS.length + g] = parts[g] ? Number(parts[g]) : NaN;
    if (cells)
      for (let p = 0; p < cells.length; ) {
        const colon = cells.indexOf(':', p);
        let comma = cells.indexOf(',', colon);
        if (comma < 0) comma = cells.length;
        if (this.used >= this.cells.length) this.growCells(this.cells.length * 2);
        this.cells[this.used] = Number(cells.slice(p, colon));
        this.counts[this.used++] = Number(cells.slice(colon + 1, comma));
        p = comma + 1;
      }
    this.start[i + 1] = this.used;
  }

  /** Copies the evidence of `id` into `into` (reused arrays); false when the lead has no events. */
  fill(id: string, into: EventEvidence): boolean {
    hash2(id);
    const i = this.slotOf[this.find(hashA, hashB)] as number;
    if (i < 0) return false;
    into.furthest = this.furthest[i] as number;
    const from = this.start[i] as number;
    const n = (this.start[i + 1] as number) - from;
    for (let j = 0; j < n; j++) {
      into.cells[j] = this.cells[from + j] as number;
      into.counts[j] = this.counts[from + j] as number;
    }
    into.size = n;
    for (let g = 0; g < GAPS.length; g++) into.gaps[g] = this.gaps[i * GAPS.length + g] as number;
    return true;
  }

  private rehash(n: number): void {
    const [oa, ob, os] = [this.keyA, this.keyB, this.slotOf];
    this.keyA = new Uint32Array(n);
    this.keyB = new Uint32Array(n);
    this.slotOf = new Int32Array(n).fill(-1);
    for (let j = 0; j < os.length; j++) {
      if (os[j] === -1) continue;
      const at = this.find(oa[j] as number, ob[j] as number);
      this.keyA[at] = oa[j] as number;
      this.keyB[at] = ob[j] as number;
      this.slotOf[at] = os[j] as number;
    }
  }

  private grow(n: number): void {
    const f = new Int8Array(n);
    f.set(this.furthest);
    this.furthest = f;
    const g = new Float64Array(n * GAPS.length);
    g.set(this.gaps);
    this.gaps = g;
    const s = new Int32Array(n + 1);
    s.set(this.start);
    this.start = s;
  }

  private growCells(n: number): void {
    const c = new Int32Array(n);
    c.set(this.cells);
    this.cells = c;
    const k = new Int32Array(n);
    k.set(this.counts);
    this.counts = k;
  }
}

/** An empty evidence object to be filled by `EvidenceStore.fill`. */
export const blankEvidence = (): EventEvidence => ({ furthest: -1, size: 0, cells: [], counts: [], gaps: GAPS.map(() => NaN) });

/**
 * Every lead's events (anonymous_id = lead_id) from the workspace. The per-lead rows leave the engine as a few large
 * packed texts (256 groups), which is far cheaper than a million small rows.
 */
export async function allLeadEvidence(engine: Engine, c: CompiledModel, rules: readonly StageRule[]): Promise<EvidenceStore> {
  const out = new EvidenceStore();
  if (!(await engine.tableExists('events'))) return out;
  const d = engine.dialect;
  const table = await evidenceTable(engine, c, rules, 'TRUE', {});
  try {
    const safe = `NOT contains(lid, chr(30)) AND NOT contains(lid, chr(31))`;
    const packs = await engine.all<{ pack: string | null }>(
      `SELECT string_agg(lid || chr(31) || CAST(f AS ${d.types.text}) || chr(31) || g || chr(31) || coalesce(cells, ''), chr(30)) AS pack
         FROM ${d.ident(table)} WHERE ${safe} GROUP BY hash(lid) % 256`,
    );
    for (const p of packs) {
      if (!p.pack) continue;
      for (const rec of p.pack.split(RS)) {
        const a = rec.indexOf(US);
        const b = rec.indexOf(US, a + 1);
        const e = rec.indexOf(US, b + 1);
        out.add(rec.slice(0, a), Number(rec.slice(a + 1, b)), rec.slice(b + 1, e), rec.slice(e + 1) || null);
      }
    }
    // ids holding the separators come as ordinary rows (there are none in practice)
    const odd = await engine.all<{ lid: string; f: number; g: string; cells: string | null }>(`SELECT lid, f, g, cells FROM ${d.ident(table)} WHERE NOT (${safe})`);
    for (const r of odd) out.add(r.lid, Number(r.f), r.g, r.cells);
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${d.ident(table)}`);
  }
  return out;
}

/** The events of a few leads (an API call), by id. */
export async function leadEvidence(engine: Engine, c: CompiledModel, rules: readonly StageRule[], ids: readonly string[]): Promise<Map<string, EventEvidence>> {
  const out = new Map<string, EventEvidence>();
  if (ids.length === 0 || !(await engine.tableExists('events'))) return out;
  const d = engine.dialect;
  const params: Params = {};
  ids.forEach((id, i) => (params[`lead${i}`] = id));
  const table = await evidenceTable(engine, c, rules, `e.anonymous_id IN (${ids.map((_, i) => `$lead${i}`).join(', ')})`, params);
  try {
    const rows = await engine.all<{ lid: string; f: number; g: string; cells: string | null }>(`SELECT lid, f, g, cells FROM ${d.ident(table)}`);
    for (const r of rows) out.set(r.lid, parseEvidence(Number(r.f), r.g, r.cells));
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${d.ident(table)}`);
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

/** Evidence from events given inline, counted like the SQL: sessions per stage × channel, touches per stage × content type. */
export function inlineEvidence(c: CompiledModel, rules: readonly StageRule[], events: readonly InlineEvent[]): EventEvidence {
  const counts = new Map<number, number>();
  const sessions = new Set<string>();
  let furthest = -1;
  const timed: { st: Stage; t: number }[] = [];
  events.forEach((e, i) => {
    const st = stageOfEvent(rules, e);
    if (st === null) return;
    furthest = Math.max(furthest, STAGES.indexOf(st));
    const t = e.occurred_at ? Date.parse(e.occurred_at) : NaN;
    if (Number.isFinite(t)) timed.push({ st, t });
    c.events.blocks.forEach((b, bi) => {
      const v = e[b.field];
      if (v === null || v === undefined || v === '') return;
      const cell = c.events.index[bi]?.get(`${st}\u0000${v}`);
      if (cell === undefined) return;
      if (b.unit === 'session') {
        const key = `${bi}|${cell}|${e.session_id ?? `#${i}`}`;
        if (sessions.has(key)) return;
        sessions.add(key);
      }
      counts.set(cell, (counts.get(cell) ?? 0) + 1);
    });
  });
  // as in the SQL: first touch at the later stage, minus the last touch of the earlier stage up to it
  const gaps = GAPS.map(([, from, to]) => {
    const first = Math.min(...timed.filter((x) => x.st === to).map((x) => x.t));
    const before = Math.max(...timed.filter((x) => x.st === from && x.t <= first).map((x) => x.t));
    return Number.isFinite(first) && Number.isFinite(before) ? (first - before) / 3_600_000 : NaN;
  });
  return { furthest, size: counts.size, cells: [...counts.keys()], counts: [...counts.values()], gaps };
}
