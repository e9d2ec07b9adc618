// Trait profiles kept with each version: per persona and feature, a fine histogram of members' values (for drift and near-duplicate checks).
import type { Engine } from '../engine/engine.js';
import type { FeatureDef } from '../analysis/features/feature-catalog.js';
import type { Persona } from '../analysis/personas/persona-types.js';
import { BIN_SQL, addHistograms, emptyHistogram, type Histogram } from './distribution.js';
import { ensureGovernanceTables } from './governance-tables.js';

/** persona id → feature column → histogram; the pseudo persona "*" holds all customers. */
export type VersionProfiles = Map<string, Map<string, Histogram>>;

export const ALL_CUSTOMERS = '*';
/** the pseudo persona of all accounts (account personas' profiles) */
export const ALL_ACCOUNTS = '*accounts';

export interface ProfileOptions {
  /** the assignment table (default `_segment_now`) */
  assignTable?: string;
  /** the member key of the features and assignment tables (default customer_id; account_id for account personas) */
  key?: string;
  /** which personas the segments belong to (default buyer) */
  kind?: Persona['kind'];
  /** the pseudo persona for all members (default "*") */
  allKey?: string;
}

/**
 * Histograms of every feature per persona, from the features table and the segment assignment of the build in progress:
 * buyer personas by customer (default), account personas by account (`key: 'account_id'`, `kind: 'account'`).
 */
export async function computeProfiles(
  engine: Engine,
  featuresTable: string,
  defs: readonly FeatureDef[],
  personas: readonly Persona[],
  opts: ProfileOptions = {},
): Promise<VersionProfiles> {
  const d = engine.dialect;
  const assignTable = opts.assignTable ?? '_segment_now';
  const key = d.ident(opts.key ?? 'customer_id');
  const all = opts.allKey ?? ALL_CUSTOMERS;
  const bySegment = new Map(personas.filter((p) => p.kind === (opts.kind ?? 'buyer')).map((p) => [p.segment, p.id]));
  const out: VersionProfiles = new Map([[all, new Map()]]);
  for (const id of bySegment.values()) out.set(id, new Map());
  const columns = [...new Set(defs.map((x) => x.column))];
  // one join binning every feature into a narrow table, then a small GROUP BY per feature over it: a join per feature
  // cost ~20× more (the engine's per-operator overhead on 80 joins, not the rows)
  const bins = '_profile_bins';
  await engine.exec(d.dropTable(bins));
  await engine.exec(d.createTableAs(bins, `SELECT s.segment AS segment, ${columns.map((c, i) => `${BIN_SQL(d, `f.${d.ident(c)}`)} AS b${i}`).join(', ')}
    FROM ${d.ident(assignTable)} s JOIN ${d.ident(featuresTable)} f ON f.${key} = s.${key}`, { temporary: true }));
  for (let i = 0; i < columns.length; i += 20) {
    const sql = columns.slice(i, i + 20)
      .map((_, j) => `SELECT ${i + j} AS f, segment, b${i + j} AS b, count(*) AS n FROM ${bins} GROUP BY segment, b${i + j}`)
      .join(' UNION ALL ');
    const rows = await engine.all<{ f: number; segment: number; b: number | null; n: number }>(sql);
    for (const r of rows) {
      const column = columns[Number(r.f)] as string;
      const n = Number(r.n);
      const targets = [all, bySegment.get(Number(r.segment))].filter((x): x is string => x !== undefined);
      for (const t of targets) {
        const m = out.get(t) as Map<string, Histogram>;
        const h = m.get(column) ?? emptyHistogram();
        h.n += n;
        if (r.b === null) h.nulls += n;
        else h.bins[String(r.b)] = (h.bins[String(r.b)] ?? 0) + n;
        m.set(column, h);
      }
    }
  }
  await engine.exec(d.dropTable(bins));
  return out;
}

/** Writes a version's profiles; call inside the transaction that saves the version. */
export async function saveProfiles(engine: Engine, version: number, profiles: VersionProfiles): Promise<void> {
  await ensureGovernanceTables(engine);
  const rows: [number, string, string, string][] = [];
  for (const [persona, features] of profiles) for (const [feature, h] of features) rows.push([version, persona, feature, JSON.stringify(h)]);
  await engine.insertRows('_persona_profiles', ['version', 'persona_id', 'feature', 'histogram'], rows);
}

export async function loadProfiles(engine: Engine, version: number): Promise<VersionProfiles> {
  await ensureGovernanceTables(engine);
  const rows = await engine.all<{ persona_id: string; feature: string; histogram: string }>(
    `SELECT persona_id, feature, histogram FROM _persona_profiles WHERE version = $v`,
    { v: version },
  );
  const out: VersionProfiles = new Map();
  for (const r of rows) {
    const m = out.get(r.persona_id) ?? new Map<string, Histogram>();
    m.set(r.feature, JSON.parse(r.histogram) as Histogram);
    out.set(r.persona_id, m);
  }
  return out;
}

/** Profiles of several personas pooled (e.g. the parts of a split), feature by feature. */
export function poolProfiles(parts: readonly Map<string, Histogram>[]): Map<string, Histogram> {
  const out = new Map<string, Histogram>();
  for (const p of parts) for (const [f, h] of p) out.set(f, addHistograms(out.get(f) ?? emptyHistogram(), h));
  return out;
}
