// Fits the pace of journeys per persona in SQL: hours from the last touch of a stage to the first touch of the next (binned by quantiles).
import type { StageRule } from '../../contract/workspace-config.js';
import type { Dialect } from '../../engine/dialect.js';
import type { Engine, Params } from '../../engine/engine.js';
import type { LabelSource } from './fit-attributes.js';
import { numericBins } from './fit-attributes.js';
import { eventCustomers, stagedEventsSql } from './fit-events.js';
import { penalisedInformation } from './information.js';
import type { AttributeModel } from './scoring-model.js';

const BINS = 8;
const TABLE = '_scoring_fit_timing';

/** The gaps a lead's events can show: [column, from stage, to stage]. */
export const GAPS = [
  ['hours_awareness_to_consideration', 'awareness', 'consideration'],
  ['hours_consideration_to_decision', 'consideration', 'decision'],
] as const;

/**
 * SQL of the gaps of each id over a relation `ev(id, st, t)` (stage name, timestamp): the first touch at a stage, and the
 * hours since the last touch of the stage before it (touches up to that first one only). Columns: id, g0, g1 (NULL
 * when not shown); ids showing neither are left out. Customers (fit) and leads (scoring) use the same definition.
 * One grouping per id, the earlier stage's touch times kept as a list to pick from: half the CPU of joining the
 * touches to each id's first times (two reads of `ev`) at 1M customers.
 */
export function gapsOver(d: Dialect, ev: string): string {
  const per = GAPS.map(
    ([, from, to], i) => `min(CASE WHEN ev.st = ${d.literal(to)} THEN ev.t END) AS f${i}, ${d.listAggIf('ev.t', `ev.st = ${d.literal(from)}`)} AS l${i}`,
  ).join(', ');
  const gaps = GAPS.map((_, i) => `${d.hoursBetween(d.listMax(d.listFilter(`z.l${i}`, 'x', `x <= z.f${i}`)), `z.f${i}`)} AS g${i}`).join(', ');
  return `SELECT y.id AS id, ${GAPS.map((_, i) => `y.g${i} AS g${i}`).join(', ')}
            FROM (SELECT z.id AS id, ${gaps} FROM (SELECT ev.id AS id, ${per} FROM ${ev} ev GROUP BY ev.id) z) y
           WHERE ${GAPS.map((_, i) => `y.g${i} IS NOT NULL`).join(' OR ')}`;
}

/** The gaps of each customer (`idColumn` of events matching `where`). */
export function gapsSql(engine: Engine, rules: readonly StageRule[], idColumn: string, where: string): { sql: string; params: Params } {
  const d = engine.dialect;
  const ev = stagedEventsSql(engine, rules, where);
  // the staged events as a subquery (read twice by gapsOver): no CTEs on every engine
  const sql = gapsOver(d, `(SELECT s.${d.ident(idColumn)} AS id, s.__stage AS st, s.occurred_at AS t FROM (${ev.sql}) s WHERE s.__stage IS NOT NULL)`);
  return { sql, params: ev.params };
}

/** `sampleRate`: the share of customers whose events are read (see `eventCustomers`); counts are scaled back by 1 / rate. */
export async function fitTiming(engine: Engine, labels: LabelSource, personaIds: readonly string[], rules: readonly StageRule[], sampleRate = 1): Promise<AttributeModel[]> {
  const d = engine.dialect;
  const scale = sampleRate >= 1 ? 1 : 1 / sampleRate;
  const q = d.ident;
  const k = personaIds.length;
  const g = gapsSql(engine, rules, 'customer_id', eventCustomers(engine, sampleRate));
  const pcase = `CASE l.persona_id ${personaIds.map((id, i) => `WHEN ${d.literal(id)} THEN ${i}`).join(' ')} END`;
  await engine.exec(d.dropTable(TABLE));
  await engine.exec(
    d.createTableAs(TABLE, `SELECT ${pcase} AS p, ${GAPS.map((_, i) => `g.g${i} AS g${i}`).join(', ')} FROM (${g.sql}) g LEFT JOIN (${labels.sql}) l ON l.customer_id = g.id`),
    { ...g.params, ...labels.params },
  );
  try {
    const out: AttributeModel[] = [];
    for (let i = 0; i < GAPS.length; i++) {
      const [column, from, to] = GAPS[i] as (typeof GAPS)[number];
      const x = `g${i}`;
      const qs = Array.from({ length: BINS - 1 }, (_, j) => (j + 1) / BINS);
      const row = (await engine.all<Record<string, number | null>>(`SELECT count(${x}) AS n, ${qs.map((p, j) => `${d.quantile(x, p)} AS q${j}`).join(', ')} FROM ${q(TABLE)}`))[0] ?? {};
      if (Number(row['n'] ?? 0) * scale < 50) continue;
      const levels = numericBins(qs.map((_, j) => row[`q${j}`]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
      const cases = levels.map((b, j) => (b.hi === null || b.hi === undefined ? `ELSE ${j}` : `WHEN ${x} < ${b.hi} THEN ${j}`)).join(' ');
      const rows = await engine.all<{ lv: number; p: number | null; n: number }>(
        `SELECT CASE ${cases} END AS lv, p, count(*) AS n FROM ${q(TABLE)} WHERE ${x} IS NOT NULL GROUP BY lv, p`,
      );
      for (const l of levels) l.counts = new Array<number>(k).fill(0);
      const knownBy = new Array<number>(k).fill(0);
      let known = 0;
      for (const r of rows) {
        const l = levels[Number(r.lv)];
        if (!l) continue;
        const n = Math.round(Number(r.n) * scale);
        l.all += n;
        known += n;
        if (r.p !== null) {
          l.counts[Number(r.p)] = (l.counts[Number(r.p)] as number) + n;
          knownBy[Number(r.p)] = (knownBy[Number(r.p)] as number) + n;
        }
      }
      const information = penalisedInformation(levels.map((l) => l.counts));
      if (!(information > 0)) continue;
      out.push({ column, label: `hours from ${from} to ${to}`, kind: 'numeric', levels, other: null, known, known_by_persona: knownBy, information, expected: false });
    }
    return out;
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${q(TABLE)}`);
  }
}
