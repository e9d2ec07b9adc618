// Stage progression: of the customers who touched a channel × content type at a stage, how many moved on within the exposure window (lift vs the stage).
import type { Engine } from '../../engine/engine.js';
import { STAGES, type Stage } from '../../contract/entities.js';
import { membership, SAMPLE } from './customer-stages.js';
import { SEV } from './sample.js';
import { ALL_GROUP, type ProgressionCell, type StageProgression } from './journey-types.js';
import { scratchTable } from './scratch-tables.js';

export const PROG = '_j_prog';
const CELLS = '_j_prog_cells';
const STAGE_ROWS = '_j_prog_stages';
/** the tables the statements below make (dropped with the run's other scratch tables) */
export const PROGRESSION_TABLES = [PROG, CELLS, STAGE_ROWS];

export interface ProgressionOptions {
  minimum: number;
  topCells: number;
}

/**
 * Everyone is observed for the same time after entering a stage: the group's p90 time to the next stage (from the
 * funnel table, `funnel`; the window when no one moved on). A customer moved on when the next stage came within it;
 * touches count from entering the stage until moving on or the end of that time. (Counting every touch of those who
 * never move on would credit them with a longer exposure and push every lift below 1.) Observational: lift says
 * which touches go with moving on, not that they caused it. No parameters: the statements run in a batch.
 */
export function progressionStatements(engine: Engine, opts: { windowDays: number; funnel: string }): string[] {
  const d = engine.dialect;
  // per group and stage i (1-4): the p90 hours to stage i + 1; key columns typed as the joined side's (ClickHouse joins
  // only equal key types): text and a small integer
  const hours = [1, 2, 3, 4]
    .map((i) => `SELECT CAST(g AS ${d.types.text}) AS g, ${i} AS st, CAST(coalesce(p${i + 1}, ${opts.windowDays * 24}) AS ${d.types.float}) AS h FROM ${opts.funnel}`)
    .join(' UNION ALL ');
  const entered = `CASE e.st WHEN 1 THEN s.t1 WHEN 2 THEN s.t2 WHEN 3 THEN s.t3 WHEN 4 THEN s.t4 END`;
  const next = `CASE e.st WHEN 1 THEN s.t2 WHEN 2 THEN s.t3 WHEN 3 THEN s.t4 WHEN 4 THEN s.t5 END`;
  // per customer, stage and cell first (group-independent): first touch and touches before the next stage;
  // then per group, with its own observation time (hours are computed on these aggregates, not per touch)
  const c = `SELECT e.customer_id AS customer_id, e.st AS st, e.ch AS ch, e.ct AS ct, ${entered} AS t_in, ${next} AS t_next, min(e.t) AS first_t,
                    count(CASE WHEN ${next} IS NULL OR e.t < ${next} THEN 1 END) AS n
               FROM ${SEV} e JOIN ${SAMPLE} s ON s.customer_id = e.customer_id
              WHERE e.o = 0 AND e.st <= 4
              GROUP BY e.customer_id, e.st, e.ch, e.ct, ${entered}, ${next}`;
  const cm = `SELECT m.g AS g, m.w AS w, c.* FROM (${c}) c JOIN ${membership(SAMPLE, ALL_GROUP)} m ON m.customer_id = c.customer_id`;
  const until = d.addHours('cm.t_in', 'h.h');
  return [
    ...scratchTable(
      d,
      PROG,
      `SELECT cm.g AS g, cm.w AS w, cm.customer_id AS customer_id, cm.st AS st, cm.ch AS ch, cm.ct AS ct,
              coalesce(cm.t_next <= ${until}, ${d.bool(false)}) AS moved, cm.n AS n
         FROM (${cm}) cm JOIN (SELECT * FROM (${hours}) u) h ON h.g = cm.g AND h.st = cm.st
        WHERE cm.t_in IS NOT NULL AND cm.first_t <= ${until} AND (cm.t_next IS NULL OR cm.first_t < cm.t_next)`,
    ),
    // output names differ from the columns they sum (on ClickHouse an alias hides the column of the same name)
    ...scratchTable(d, CELLS, `SELECT g, st, ch, ct, sum(w) AS customers, sum(CASE WHEN moved THEN w ELSE 0 END) AS moved_w FROM ${PROG} GROUP BY g, st, ch, ct`),
    ...scratchTable(
      d,
      STAGE_ROWS,
      `SELECT g, st, sum(w) AS customers, sum(CASE WHEN moved THEN w ELSE 0 END) AS moved_w,
              sum(CASE WHEN moved THEN w * touches END) / sum(CASE WHEN moved THEN w END) AS mean,
              ${d.quantile('CASE WHEN moved THEN touches END', 0.5)} AS median
         FROM (SELECT g, w, customer_id, st, moved, sum(n) AS touches FROM ${PROG} GROUP BY g, w, customer_id, st, moved) p GROUP BY g, st`,
    ),
    d.dropTable(PROG),
  ];
}

/** Per group and stage, the customers who moved on and the cells that go with it, from the tables of `progressionStatements`. */
export async function readProgression(engine: Engine, opts: ProgressionOptions): Promise<Map<string, StageProgression[]>> {
  const cells = (
    await engine.all<{ g: string; st: number; ch: string | null; ct: string | null; customers: number; moved_w: number }>(
      `SELECT g, st, ch, ct, customers, moved_w FROM ${CELLS} ORDER BY g, st, ch, ct`,
    )
  ).map((r) => ({ ...r, moved: r.moved_w }));
  const stages = (
    await engine.all<{ g: string; st: number; customers: number; moved_w: number; mean: number | null; median: number | null }>(
      `SELECT g, st, customers, moved_w, mean, median FROM ${STAGE_ROWS} ORDER BY g, st`,
    )
  ).map((r) => ({ ...r, moved: r.moved_w }));
  const out = new Map<string, StageProgression[]>();
  for (const g of new Set(stages.map((s) => s.g))) {
    const list: StageProgression[] = [];
    for (let i = 1; i <= 4; i++) {
      const s = stages.find((x) => x.g === g && Number(x.st) === i);
      const customers = Number(s?.customers ?? 0);
      const moved = Number(s?.moved ?? 0);
      const rate = customers ? moved / customers : 0;
      const mine = cells
        .filter((c) => c.g === g && Number(c.st) === i && Number(c.customers) >= opts.minimum)
        .map((c): ProgressionCell => {
          const n = Number(c.customers);
          const r = n ? Number(c.moved) / n : 0;
          return { channel: c.ch, content_type: c.ct, customers: round(n), moved: round(Number(c.moved)), rate: r, lift: rate > 0 ? r / rate : null };
        })
        .sort((a, b) => shrunkLift(b, rate) - shrunkLift(a, rate) || b.customers - a.customers || `${a.channel}${a.content_type}`.localeCompare(`${b.channel}${b.content_type}`))
        .slice(0, opts.topCells);
      list.push({
        stage: STAGES[i - 1] as Stage, next: STAGES[i] as Stage, customers: round(customers), moved: round(moved), rate,
        touches_per_mover: s?.mean === null || s?.mean === undefined ? null : Number(s.mean),
        median_touches_per_mover: s?.median === null || s?.median === undefined ? null : Number(s.median),
        cells: mine,
      });
    }
    out.set(g, list);
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Customers added at the stage's own rate before ranking, so that a small cell needs more evidence to rank high. */
export const SHRINK_CUSTOMERS = 30;

/** Lift with the cell's rate pulled toward the stage rate by SHRINK_CUSTOMERS pseudo-customers (for ranking). */
export function shrunkLift(c: { customers: number; moved: number }, stageRate: number): number {
  if (stageRate <= 0) return 0;
  return (c.moved + SHRINK_CUSTOMERS * stageRate) / (c.customers + SHRINK_CUSTOMERS) / stageRate;
}
