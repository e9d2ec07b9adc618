// Fits the attribute part of the scoring model in SQL: per lead-available customer column, level counts overall and per persona.
import type { Engine, Params } from '../../engine/engine.js';
import { penalisedInformation, redundancy } from './information.js';
import { NOT_LEAD_ATTRIBUTES, type AttributeKind, type AttributeModel, type LevelCounts } from './scoring-model.js';

const SYSTEM_COLUMNS = new Set(['__key', '__ingest', '__file', '__line']);
/** at most this many categories per attribute; rarer values are pooled as "other" */
const MAX_LEVELS = 40;
/** a category needs this share of customers (and 5 customers) to be a level of its own */
const MIN_LEVEL_SHARE = 0.002;
/** text columns with more distinct values than this (and than a fifth of the rows) are identifiers, not attributes */
const MAX_DISTINCT = 500;
const NUMERIC_BINS = 8;
/** I(A;B) / min(H) at or above which the less informative of two attributes is left out (region given country) */
const REDUNDANT = 0.8;
const LEVELS_TABLE = '_scoring_fit_levels';

/** Where persona labels come from: `SELECT customer_id, persona_id …` and its parameters. */
export interface LabelSource {
  sql: string;
  params: Params;
}

interface Candidate {
  column: string;
  kind: AttributeKind;
  levels: LevelCounts[];
  other: LevelCounts | null;
  /** SQL of the level index of customer row `c` (0..levels-1, levels for other, NULL when missing) */
  levelSql: string;
}


function niceNumber(x: number): number {
  const a = Math.abs(x);
  const step = a >= 100 ? 1 : a >= 10 ? 1 : a >= 1 ? 0.1 : 0.01;
  return Math.round(x / step) * step;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(2)));
}

/** Bins from quantile edges: [lo, hi) with open ends, labelled "25–31", "< 25", "≥ 60". */
export function numericBins(edges: readonly number[]): LevelCounts[] {
  const e = [...new Set(edges.map(niceNumber))].sort((a, b) => a - b);
  const bins: LevelCounts[] = [];
  for (let i = 0; i <= e.length; i++) {
    const lo = i === 0 ? null : (e[i - 1] as number);
    const hi = i === e.length ? null : (e[i] as number);
    const value = lo === null ? (hi === null ? 'any' : `< ${fmt(hi)}`) : hi === null ? `≥ ${fmt(lo)}` : `${fmt(lo)}–${fmt(hi)}`;
    bins.push({ value, lo, hi, all: 0, counts: [] });
  }
  return bins;
}

async function candidates(engine: Engine): Promise<{ list: Candidate[]; skipped: { column: string; reason: string }[] }> {
  const d = engine.dialect;
  const q = d.ident;
  const cols = (await engine.columns('customers')).filter((c) => !SYSTEM_COLUMNS.has(c.name) && !NOT_LEAD_ATTRIBUTES.includes(c.name));
  const list: Candidate[] = [];
  const skipped: { column: string; reason: string }[] = [];
  const total = Number((await engine.all<{ n: number }>(`SELECT count(*) AS n FROM customers`))[0]?.n ?? 0);
  for (const col of cols) {
    const c = `c.${q(col.name)}`;
    const text = `CAST(${c} AS ${d.types.text})`;
    const stats = (
      await engine.all<{ n: number; distinct: number; num: number }>(
        `SELECT count(${c}) AS n, count(DISTINCT ${c}) AS "distinct", count(${d.tryNumber(text)}) AS num FROM customers c`,
      )
    )[0];
    const n = Number(stats?.n ?? 0);
    const distinct = Number(stats?.distinct ?? 0);
    if (n === 0 || distinct < 2) {
      skipped.push({ column: col.name, reason: n === 0 ? 'no values' : 'one value only' });
      continue;
    }
    const isBool = d.columnKind(col.type) === 'boolean';
    const isNumeric = !isBool && (d.columnKind(col.type) === 'number' || (Number(stats?.num) === n && distinct > 12));
    if (isNumeric) {
      const x = d.columnKind(col.type) === 'number' ? c : d.tryNumber(text);
      const qs = Array.from({ length: NUMERIC_BINS - 1 }, (_, i) => (i + 1) / NUMERIC_BINS);
      const row = (await engine.all<Record<string, number | null>>(`SELECT ${qs.map((p, i) => `${d.quantile(x, p)} AS q${i}`).join(', ')} FROM customers c`))[0] ?? {};
      const edges = qs.map((_, i) => row[`q${i}`]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const levels = numericBins(edges);
      const cases = levels.map((b, i) => (b.hi === null || b.hi === undefined ? `ELSE ${i}` : `WHEN ${x} < ${b.hi} THEN ${i}`));
      list.push({ column: col.name, kind: 'numeric', levels, other: null, levelSql: `(CASE WHEN ${x} IS NULL THEN NULL ${cases.join(' ')} END)` });
      continue;
    }
    if (!isBool && distinct > MAX_DISTINCT && distinct > total / 5) {
      skipped.push({ column: col.name, reason: `${distinct} distinct values: an identifier or free text, not an attribute` });
      continue;
    }
    const top = await engine.all<{ v: string; n: number }>(
      `SELECT ${text} AS v, count(*) AS n FROM customers c WHERE ${c} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ${MAX_LEVELS + 1}`,
    );
    const kept = top.filter((r) => Number(r.n) >= 5 && Number(r.n) / n >= MIN_LEVEL_SHARE).slice(0, MAX_LEVELS);
    if (kept.length < 1) {
      skipped.push({ column: col.name, reason: 'no value is common enough' });
      continue;
    }
    const levels: LevelCounts[] = kept.map((r) => ({ value: String(r.v), all: 0, counts: [] }));
    const keptN = kept.reduce((a, r) => a + Number(r.n), 0);
    const other: LevelCounts | null = keptN < n ? { value: 'other', all: 0, counts: [] } : null;
    const cases = levels.map((l, i) => `WHEN ${d.literal(l.value)} THEN ${i}`).join(' ');
    list.push({
      column: col.name, kind: isBool ? 'boolean' : 'category', levels, other,
      levelSql: `(CASE WHEN ${c} IS NULL THEN NULL ELSE CASE ${text} ${cases} ELSE ${levels.length} END END)`,
    });
  }
  return { list, skipped };
}

async function countLevels(engine: Engine, a: Candidate, i: number, k: number): Promise<AttributeModel> {
  const rows = await engine.all<{ lv: number; p: number | null; n: number }>(
    `SELECT a${i} AS lv, p, count(*) AS n FROM ${engine.dialect.ident(LEVELS_TABLE)} WHERE a${i} IS NOT NULL GROUP BY lv, p`,
  );
  const all = [...a.levels, ...(a.other ? [a.other] : [])];
  for (const l of all) {
    l.all = 0;
    l.counts = new Array<number>(k).fill(0);
  }
  const knownBy = new Array<number>(k).fill(0);
  let known = 0;
  for (const r of rows) {
    const l = all[Number(r.lv)];
    if (!l) continue;
    const n = Number(r.n);
    l.all += n;
    known += n;
    if (r.p !== null) {
      l.counts[Number(r.p)] = (l.counts[Number(r.p)] as number) + n;
      knownBy[Number(r.p)] = (knownBy[Number(r.p)] as number) + n;
    }
  }
  return {
    column: a.column, label: a.column.replace(/_/g, ' '), kind: a.kind, levels: a.levels, other: a.other, known, known_by_persona: knownBy,
    information: penalisedInformation(all.map((l) => l.counts)), expected: true,
  };
}

/** Redundancy of attributes i and j over the customers holding both. */
async function pairRedundancy(engine: Engine, i: number, j: number): Promise<number> {
  const rows = await engine.all<{ x: number; y: number; n: number }>(
    `SELECT a${i} AS x, a${j} AS y, count(*) AS n FROM ${engine.dialect.ident(LEVELS_TABLE)} WHERE a${i} IS NOT NULL AND a${j} IS NOT NULL GROUP BY x, y`,
  );
  const width = 1 + Math.max(0, ...rows.map((r) => Number(r.y)));
  const height = 1 + Math.max(0, ...rows.map((r) => Number(r.x)));
  const joint = Array.from({ length: height }, () => new Array<number>(width).fill(0));
  for (const r of rows) (joint[Number(r.x)] as number[])[Number(r.y)] = Number(r.n);
  return redundancy(joint);
}

/**
 * Level counts of every lead-available customer column, overall and per persona (`personaIds` order), keeping the
 * attributes that tell something about the persona and are not redundant with a more informative one.
 */
export async function fitAttributes(
  engine: Engine,
  labels: LabelSource,
  personaIds: readonly string[],
): Promise<{ attributes: AttributeModel[]; skipped: { column: string; reason: string }[] }> {
  const d = engine.dialect;
  const q = d.ident;
  const { list, skipped } = await candidates(engine);
  if (list.length === 0) return { attributes: [], skipped };
  const k = personaIds.length;
  const pcase = `CASE l.persona_id ${personaIds.map((id, i) => `WHEN ${d.literal(id)} THEN ${i}`).join(' ')} END`;
  // one pass over customers turns every attribute into a small level index; counts and pairs are then cheap group-bys
  await engine.exec(d.dropTable(LEVELS_TABLE));
  await engine.exec(
    d.createTableAs(
      LEVELS_TABLE,
      `SELECT ${pcase} AS p, ${list.map((a, i) => `${a.levelSql} AS a${i}`).join(', ')}
         FROM customers c LEFT JOIN (${labels.sql}) l ON l.customer_id = c.customer_id`,
    ),
    labels.params,
  );
  try {
    const attrs: { model: AttributeModel; index: number }[] = [];
    for (let i = 0; i < list.length; i++) {
      const model = await countLevels(engine, list[i] as Candidate, i, k);
      if (model.information > 0) attrs.push({ model, index: i });
      else skipped.push({ column: model.column, reason: `tells too little about the personas (information ${model.information.toFixed(4)} nats after the penalty for its ${model.levels.length + (model.other ? 1 : 0)} levels)` });
    }
    // greedy: the most informative first; an attribute mostly determined by (or determining) a kept one is left out
    const kept: typeof attrs = [];
    for (const a of [...attrs].sort((x, y) => y.model.information - x.model.information)) {
      let red = 0;
      let by = '';
      for (const b of kept) {
        const r = await pairRedundancy(engine, a.index, b.index);
        if (r > red) [red, by] = [r, b.model.column];
      }
      if (red >= REDUNDANT) skipped.push({ column: a.model.column, reason: `redundant with ${by} (${Math.round(red * 100)}% of the one is determined by the other)` });
      else kept.push(a);
    }
    return { attributes: attrs.filter((a) => kept.includes(a)).map((a) => a.model), skipped };
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${q(LEVELS_TABLE)}`);
  }
}
