// Most common paths per group and kind (stage, channel, event), Sankey links by step, and back-and-forth loops in stage paths.
import type { Engine } from '../../engine/engine.js';
import { STAGES, type Stage } from '../../contract/entities.js';
import { membership } from './customer-stages.js';
import { SEQ, type Dictionary } from './sequences.js';
import { ALL_GROUP, type LoopPattern, type PathKind, type PathSummary, type SankeyLink, type SankeyNode } from './journey-types.js';
import { scratchTable } from './scratch-tables.js';

export interface PathOptions {
  /** steps shown per stage path and in the Sankey diagrams (default 8) */
  maxSteps: number;
  /** steps shown per channel or event path: longer ones are counted by their first steps (default 5) */
  maxTouchSteps: number;
  /** paths kept per group and kind (default 20) */
  top: number;
  /** paths, links and loops shared by fewer (estimated) customers are left out */
  minimum: number;
}

export interface GroupPaths {
  paths: PathSummary[];
  loops: LoopPattern[];
  back_moves: LoopPattern[];
}

const KINDS: PathKind[] = ['stage', 'channel', 'event'];
const stageName = (s: string | number): string => STAGES[Number(s) - 1] ?? String(s);
const label = (dict: Dictionary, kind: PathKind, step: unknown): string =>
  kind === 'stage' ? stageName(String(step)) : (dict.name(kind === 'channel' ? 'c' : 'e', Number(step)) ?? '(none)');
const round = (x: number): number => Math.round(x * 1000) / 1000;
/**
 * Order by weighted count: rounded first, so that counts equal but for the last bits of a parallel float sum (which vary
 * from run to run) tie, and the path itself decides — the same order on every run.
 */
const BY_N = 'round(n, 6) DESC';

const TOP = '_j_p_top';
const TOTALS = '_j_p_totals';
const LINKS = '_j_p_links';
const LOOPS = '_j_p_loops';
/** the tables the statements below make (dropped with the run's other scratch tables) */
export const PATH_SUMMARY_TABLES = [TOP, TOTALS, LINKS, LOOPS];

/** The statements counting paths, Sankey links and loops per group into tables (no parameters: they run in a batch). */
export function pathStatements(engine: Engine, opts: PathOptions): string[] {
  const d = engine.dialect;
  const m = membership(SEQ, ALL_GROUP);
  const kinds = `SELECT g, w, 'stage' AS kind, sp AS p FROM ${m} m
                 UNION ALL SELECT g, w, 'channel' AS kind, cp AS p FROM ${m} m
                 UNION ALL SELECT g, w, 'event' AS kind, ep AS p FROM ${m} m`;
  const len = (l: string): string => d.listLength(l);
  const max = Math.max(1, Math.floor(opts.maxSteps));
  const tmax = Math.max(1, Math.floor(opts.maxTouchSteps));
  const counted = `SELECT g, kind, steps, truncated, sum(w) AS n
                     FROM (SELECT g, kind, w, ${d.listSlice('p', '1', 'mx')} AS steps, ${len('p')} > mx AS truncated
                             FROM (SELECT *, CASE WHEN kind = 'stage' THEN ${max} ELSE ${tmax} END AS mx FROM (${kinds}) k) q WHERE ${len('p')} > 0) c
                    GROUP BY g, kind, steps, truncated`;
  const pair = (k: number): string => `sp[i + ${k}]`;
  const u = `(SELECT g, customer_id, w, sp, ${d.unnest(d.listSequence(`${len('sp')} - 1`))} AS i FROM ${m} m WHERE ${len('sp')} >= 2) u`;
  const table = (name: string, select: string): string[] => scratchTable(d, name, select);
  return [
    ...table(TOP, `SELECT g, kind, steps, truncated, n FROM (${d.firstRowsPerGroup(counted, 'g, kind', `${BY_N}, steps, truncated`, opts.top)}) r`),
    ...table(TOTALS, `SELECT g, kind, sum(w) AS n FROM (${kinds}) k WHERE ${len('p')} > 0 GROUP BY g, kind`),
    ...table(
      LINKS,
      `SELECT g, kind, i, a, b, sum(w) AS n
         FROM (SELECT g, kind, w, i, p[i] AS a, CASE WHEN i < ${len('p')} THEN p[i + 1] END AS b
                 FROM (SELECT g, kind, w, p, ${d.unnest(d.listSequence(`least(${len('p')}, ${max})`))} AS i FROM (${kinds}) k
                        WHERE kind <> 'event' AND ${len('p')} > 0) u
                WHERE i < ${max} OR i = ${len('p')}) x
        GROUP BY g, kind, i, a, b`,
    ),
    ...table(
      LOOPS,
      `SELECT g, kind, pat, sum(w) AS n
         FROM (SELECT DISTINCT g, customer_id, w, kind, pat FROM (
                 SELECT g, customer_id, w, 'back' AS kind, [sp[i], ${pair(1)}] AS pat FROM ${u} WHERE ${pair(1)} < sp[i]
                 UNION ALL SELECT g, customer_id, w, 'loop' AS kind, [sp[i], ${pair(1)}, ${pair(2)}] AS pat FROM ${u}
                  WHERE i + 2 <= ${len('sp')} AND sp[i] = ${pair(2)}
                 UNION ALL SELECT g, customer_id, w, 'loop' AS kind, [sp[i], ${pair(1)}, ${pair(2)}, ${pair(3)}] AS pat FROM ${u}
                  WHERE i + 3 <= ${len('sp')} AND sp[i] = ${pair(2)} AND ${pair(1)} = ${pair(3)}) pats) x
        GROUP BY g, kind, pat`,
    ),
  ];
}

/** Paths, Sankey diagrams and loops per group from the tables of `pathStatements`. */
export async function readPaths(engine: Engine, dict: Dictionary, opts: PathOptions): Promise<Map<string, GroupPaths>> {
  const top = await engine.all<{ g: string; kind: PathKind; steps: unknown[]; truncated: boolean; n: number }>(
    `SELECT g, kind, steps, truncated, n FROM ${TOP} ORDER BY g, kind, ${BY_N}, steps, truncated`,
  );
  const totals = await engine.all<{ g: string; kind: PathKind; n: number }>(`SELECT g, kind, n FROM ${TOTALS}`);
  const links = await engine.all<{ g: string; kind: PathKind; i: number; a: number; b: number | null; n: number }>(
    `SELECT g, kind, i, a, b, n FROM ${LINKS} ORDER BY g, kind, i, ${BY_N}, a, b`,
  );
  const loops = await engine.all<{ g: string; kind: 'back' | 'loop'; pat: number[]; n: number }>(`SELECT g, kind, pat, n FROM ${LOOPS} ORDER BY g, kind, ${BY_N}, pat`);
  const out = new Map<string, GroupPaths>();
  const get = (g: string): GroupPaths => {
    let v = out.get(g);
    if (!v) out.set(g, (v = { paths: KINDS.map((kind) => ({ kind, customers: 0, top: [], sankey: { nodes: [], links: [] } })), loops: [], back_moves: [] }));
    return v;
  };
  const summary = (g: string, kind: PathKind): PathSummary => get(g).paths.find((p) => p.kind === kind) as PathSummary;
  for (const t of totals) summary(t.g, t.kind).customers = round(Number(t.n));
  for (const r of top) {
    const s = summary(r.g, r.kind);
    const n = Number(r.n);
    if (n < opts.minimum) continue;
    s.top.push({ steps: r.steps.map((x) => label(dict, r.kind, x)), customers: round(n), share: s.customers ? n / s.customers : 0, truncated: Boolean(r.truncated) });
  }
  for (const l of links) {
    const n = Number(l.n);
    if (n < opts.minimum) continue;
    const s = summary(l.g, l.kind);
    const i = Number(l.i);
    const link: SankeyLink = {
      source: `${i}:${label(dict, l.kind, l.a)}`, target: `${i + 1}:${l.b === null ? '(end)' : label(dict, l.kind, l.b)}`, step: i, value: round(n),
    };
    s.sankey.links.push(link);
  }
  for (const g of out.values())
    for (const s of g.paths) {
      const nodes = new Map<string, SankeyNode>();
      for (const l of s.sankey.links)
        for (const id of [l.source, l.target]) {
          const at = id.indexOf(':');
          if (!nodes.has(id)) nodes.set(id, { id, step: Number(id.slice(0, at)), label: id.slice(at + 1) });
        }
      s.sankey.nodes = [...nodes.values()].sort((a, b) => a.step - b.step || a.label.localeCompare(b.label));
    }
  for (const r of loops) {
    const n = Number(r.n);
    if (n < opts.minimum) continue;
    const g = get(r.g);
    const base = summary(r.g, 'stage').customers;
    const item: LoopPattern = { pattern: r.pat.map((x) => stageName(x) as Stage), customers: round(n), share: base ? n / base : 0 };
    (r.kind === 'back' ? g.back_moves : g.loops).push(item);
  }
  return out;
}
