// Touchpoints per stage (channel × content type shares, lift vs all customers) and the last touches of those who stopped.
import type { Engine } from '../../engine/engine.js';
import { STAGES, type Stage } from '../../contract/entities.js';
import { membership } from './customer-stages.js';
import { SAMPLE } from './customer-stages.js';
import { SEV } from './sample.js';
import { SEQ, type Dictionary } from './sequences.js';
import { ALL_GROUP, type Share, type StageTouchpoints, type TouchpointCell } from './journey-types.js';
import { scratchTable } from './scratch-tables.js';

export const NONE = '(none)';

interface CellRow {
  g: string;
  st: number;
  ch: string | null;
  ct: string | null;
  n: number;
}

const CELLS = '_j_tp_cells';
const PEOPLE = '_j_tp_people';
const LAST = '_j_last';
/** the tables the statements below make (dropped with the run's other scratch tables) */
export const TOUCHPOINT_TABLES = [CELLS, PEOPLE, LAST];

/** The statements counting touches per group, stage, channel and content type, and customers per group and stage (weighted sample). */
export function touchpointStatements(engine: Engine): string[] {
  const d = engine.dialect;
  const m = membership(SAMPLE, ALL_GROUP);
  return [
    ...scratchTable(
      d,
      CELLS,
      `SELECT m.g AS g, e.st AS st, e.ch AS ch, e.ct AS ct, sum(m.w) AS n FROM ${SEV} e JOIN ${m} m ON m.customer_id = e.customer_id WHERE e.o = 0
        GROUP BY m.g, e.st, e.ch, e.ct`,
    ),
    ...scratchTable(
      d,
      PEOPLE,
      `SELECT m.g AS g, x.st AS st, sum(m.w) AS n FROM (SELECT DISTINCT customer_id, st FROM ${SEV} WHERE o = 0) x
         JOIN ${m} m ON m.customer_id = x.customer_id GROUP BY m.g, x.st`,
    ),
  ];
}

/** The counts of `touchpointStatements` shaped into shares and lifts. */
export async function readTouchpoints(engine: Engine, topCells: number): Promise<Map<string, StageTouchpoints[]>> {
  // read in a fixed order: equal weighted sums then add up the same way on every run
  const cells = await engine.all<CellRow>(`SELECT g, st, ch, ct, n FROM ${CELLS} ORDER BY g, st, ch, ct`);
  const people = await engine.all<{ g: string; st: number; n: number }>(`SELECT g, st, n FROM ${PEOPLE}`);
  const byGroup = new Map<string, CellRow[]>();
  for (const c of cells) {
    const list = byGroup.get(c.g) ?? [];
    list.push({ ...c, st: Number(c.st), n: Number(c.n) });
    byGroup.set(c.g, list);
  }
  const customersAt = (g: string, st: number): number => Number(people.find((p) => p.g === g && Number(p.st) === st)?.n ?? 0);
  const all = byGroup.get(ALL_GROUP) ?? [];
  const out = new Map<string, StageTouchpoints[]>();
  for (const [g, rows] of byGroup) {
    out.set(g, STAGES.map((stage, k) => stageTouchpoints(stage, rows.filter((r) => r.st === k + 1), all.filter((r) => r.st === k + 1),
      customersAt(g, k + 1), customersAt(ALL_GROUP, k + 1), topCells)));
  }
  return out;
}

function shares(rows: readonly CellRow[], key: (r: CellRow) => string | null, base: readonly CellRow[]): Share[] {
  const sum = (list: readonly CellRow[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of list) {
      const k = key(r);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + r.n);
    }
    return m;
  };
  const mine = sum(rows);
  const ref = sum(base);
  const total = [...mine.values()].reduce((a, b) => a + b, 0);
  const refTotal = [...ref.values()].reduce((a, b) => a + b, 0);
  return [...mine.entries()]
    .map(([k, n]): Share => {
      const share = total ? n / total : 0;
      const refShare = refTotal ? (ref.get(k) ?? 0) / refTotal : 0;
      return { key: k, n: round(n), share, lift: refShare > 0 ? share / refShare : null };
    })
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function stageTouchpoints(stage: Stage, rows: CellRow[], all: CellRow[], customers: number, allCustomers: number, topCells: number): StageTouchpoints {
  const touches = rows.reduce((a, r) => a + r.n, 0);
  const allTouches = all.reduce((a, r) => a + r.n, 0);
  const cellKey = (r: CellRow): string => `${r.ch ?? NONE}\u0000${r.ct ?? NONE}`;
  const allCells = new Map<string, number>();
  for (const r of all) allCells.set(cellKey(r), (allCells.get(cellKey(r)) ?? 0) + r.n);
  const cells = [...rows]
    // by rounded touches: weighted sums equal but for the last bits of a parallel float sum tie, and the cell decides
    .sort((a, b) => round(b.n) - round(a.n) || cellKey(a).localeCompare(cellKey(b)))
    .slice(0, topCells)
    .map((r): TouchpointCell => {
      const share = touches ? r.n / touches : 0;
      const allShare = allTouches ? (allCells.get(cellKey(r)) ?? 0) / allTouches : 0;
      return { channel: r.ch, content_type: r.ct, touches: round(r.n), share, all_share: allShare, lift: allShare > 0 ? share / allShare : null };
    });
  return {
    stage,
    touches: round(touches),
    customers: round(customers),
    per_customer: customers ? touches / customers : 0,
    all_per_customer: allCustomers ? allTouches / allCustomers : 0,
    channels: shares(rows, (r) => r.ch, all),
    content_types: shares(rows, (r) => r.ct, all),
    cells,
  };
}

export interface LastTouchRow {
  g: string;
  furthest: number;
  dim: 'channel' | 'content_type' | 'event';
  key: string | null;
  n: number;
}

/** The statements counting the last touch within the window of each sampled customer who stopped before advocacy, by stop stage. */
export function lastTouchStatements(engine: Engine): string[] {
  const d = engine.dialect;
  const m = membership(SEQ, ALL_GROUP);
  const part = (dim: string, col: string): string =>
    // no touch (an empty list: NULL on DuckDB, 0 on ClickHouse) and a touch without the field (code 0) are one key
    `SELECT g, furthest, '${dim}' AS dim, coalesce(${col}, 0) AS key, sum(w) AS n FROM ${m} m WHERE furthest BETWEEN 1 AND 4
      GROUP BY g, furthest, coalesce(${col}, 0)`;
  return scratchTable(d, LAST, `SELECT * FROM (${[part('channel', 'last_ch'), part('content_type', 'last_ct'), part('event', 'last_ev')].join(' UNION ALL ')}) u`);
}

/** The last touches counted by `lastTouchStatements`, named. */
export async function readLastTouches(engine: Engine, dict: Dictionary): Promise<LastTouchRow[]> {
  const rows = await engine.all<Omit<LastTouchRow, 'key'> & { key: number | null }>(`SELECT g, furthest, dim, key, n FROM ${LAST} ORDER BY g, furthest, dim, key`);
  const kind = { channel: 'c', content_type: 'k', event: 'e' } as const;
  return rows.map((r) => ({ ...r, key: r.key === null ? null : dict.name(kind[r.dim], Number(r.key)), furthest: Number(r.furthest), n: Number(r.n) }));
}
