// Trait profiles kept with each version: per persona and feature, a fine histogram of members' values (for drift and near-duplicate checks).
import type { Engine } from '../engine/engine.js';
import type { FeatureDef } from '../analysis/features/feature-catalog.js';
import type { Persona } from '../analysis/personas/persona-types.js';
import { BIN_SQL, addHistograms, emptyHistogram, type Histogram } from './distribution.js';
import { ensureGovernanceTables } from './governance-tables.js';

/** persona id → feature column → histogram; the pseudo persona "*" holds all customers. */
export type VersionProfiles = Map<string, Map<string, Histogram>>;

export const ALL_CUSTOMERS = '*';

/**
 * Histograms of every feature per persona, from the features table and the segment assignment of the build in progress.
 * Buyer personas only: account personas have no per-customer assignment.
 */
export async function computeProfiles(
  engine: Engine,
  featuresTable: string,
  defs: readonly FeatureDef[],
  personas: readonly Persona[],
  assignTable = '_segment_now',
): Promise<VersionProfiles> {
  const d = engine.dialect;
  const bySegment = new Map(personas.filter((p) => p.kind === 'buyer').map((p) => [p.segment, p.id]));
  const out: VersionProfiles = new Map([[ALL_CUSTOMERS, new Map()]]);
  for (const id of bySegment.values()) out.set(id, new Map());
  const columns = [...new Set(defs.map((x) => x.column))];
  // a few features per query keeps each statement small; one scan per feature is cheap next to the build itself
  for (let i = 0; i < columns.length; i += 8) {
    const part = columns.slice(i, i + 8);
    const sql = part
      .map((c, j) => `SELECT ${i + j} AS f, s.segment AS segment, ${BIN_SQL(d, `f.${d.ident(c)}`)} AS b, count(*) AS n
        FROM ${d.ident(assignTable)} s JOIN ${d.ident(featuresTable)} f ON f.customer_id = s.customer_id GROUP BY f, segment, b`)
      .join(' UNION ALL ');
    const rows = await engine.all<{ f: number; segment: number; b: number | null; n: number }>(sql);
    for (const r of rows) {
      const column = columns[Number(r.f)] as string;
      const n = Number(r.n);
      const targets = [ALL_CUSTOMERS, bySegment.get(Number(r.segment))].filter((x): x is string => x !== undefined);
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
