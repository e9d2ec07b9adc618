// Persona-set versions in the engine: each build is an immutable version with its data snapshot, report and personas.
import type { Engine } from '../engine/engine.js';
import { addColumnIfMissing, updateRows } from '../engine/table-ops.js';
import type { Persona } from '../analysis/personas/persona-types.js';
import type { JourneySet } from '../analysis/journeys/journey-types.js';
import { problem } from '../shared/problems.js';

export type VersionStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'archived' | 'rejected';

export interface DataSnapshot {
  entities: { entity: string; rows: number; checksum: string; from: string | null; to: string | null }[];
  as_of: string | null;
}

export interface VersionRecord {
  version: number;
  created_at: string;
  status: VersionStatus;
  seed: number;
  k: number;
  snapshot: DataSnapshot;
  report: unknown;
  personas: Persona[];
}

export async function ensureVersionTables(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  await engine.exec(
    d.createTable('_versions', [`version ${t.int}`, `created_at ${t.timestamp}`, `status ${t.text}`, `seed ${t.bigint}`, `k ${t.int}`,
      `snapshot ${t.text}`, `report ${t.text}`, `personas ${t.text}`], { ifNotExists: true }),
  );
  // one row per customer and version: on a cluster it is spread over the shards like the customers
  await engine.exec(
    d.createTable('_assignments', [`version ${t.int}`, `customer_id ${t.text}`, `segment ${t.int}`, `persona_id ${t.text}`], { ifNotExists: true, shardKey: 'customer_id' }),
  );
  await addColumnIfMissing(engine, '_versions', 'journeys', t.text); // journey maps (JSON); workspaces from before have none
  await addColumnIfMissing(engine, '_versions', 'needs_refresh', t.text); // why the version is out of date ('erasure'), else NULL
}

export async function nextVersion(engine: Engine): Promise<number> {
  await ensureVersionTables(engine);
  const r = await engine.all<{ v: number | null }>(`SELECT max(version) AS v FROM _versions`);
  return Number(r[0]?.v ?? 0) + 1;
}

export async function saveVersion(engine: Engine, v: Omit<VersionRecord, 'created_at' | 'status'>): Promise<void> {
  await engine.exec(
    `INSERT INTO _versions (version, created_at, status, seed, k, snapshot, report, personas) VALUES ($version, ${engine.dialect.now()}, 'draft', $seed, $k, $snapshot, $report, $personas)`,
    { version: v.version, seed: v.seed, k: v.k, snapshot: JSON.stringify(v.snapshot), report: JSON.stringify(v.report), personas: JSON.stringify(v.personas) },
  );
}

interface VersionRow {
  version: number;
  created_at: string;
  status: VersionStatus;
  seed: number;
  k: number;
  snapshot: string;
  report: string;
  personas: string;
}

const parse = (r: VersionRow): VersionRecord => ({
  version: Number(r.version), created_at: r.created_at, status: r.status, seed: Number(r.seed), k: Number(r.k),
  snapshot: JSON.parse(r.snapshot) as DataSnapshot, report: JSON.parse(r.report) as unknown, personas: JSON.parse(r.personas) as Persona[],
});

export async function listVersions(engine: Engine): Promise<Omit<VersionRecord, 'personas' | 'report'>[]> {
  await ensureVersionTables(engine);
  const rows = await engine.all<VersionRow>(`SELECT version, created_at, status, seed, k, snapshot, '{}' AS report, '[]' AS personas FROM _versions ORDER BY version`);
  return rows.map(parse);
}

/** The given version, else the latest published one, else the latest. */
export async function loadVersion(engine: Engine, version?: number): Promise<VersionRecord> {
  await ensureVersionTables(engine);
  const rows =
    version !== undefined
      ? await engine.all<VersionRow>(`SELECT * FROM _versions WHERE version = $v`, { v: version })
      : await engine.all<VersionRow>(`SELECT * FROM _versions ORDER BY (status = 'published') DESC, version DESC LIMIT 1`);
  const r = rows[0];
  if (!r) throw problem('build/no-personas', { message: version !== undefined ? `no persona-set version ${version}` : 'no persona set yet: run `archetype build`' });
  return parse(r);
}

export async function findPersona(engine: Engine, id: string, version?: number): Promise<{ version: VersionRecord; persona: Persona }> {
  const v = await loadVersion(engine, version);
  const p = v.personas.find((x) => x.id === id || x.name.toLowerCase() === id.toLowerCase());
  if (!p) throw problem('persona/not-found', { id, known: v.personas.map((x) => x.id) });
  return { version: v, persona: p };
}

/** Stores the journey maps of a version (JSON in `_versions.journeys`). */
export async function saveJourneys(engine: Engine, version: number, journeys: JourneySet): Promise<void> {
  await updateRows(engine, '_versions', { journeys: '$j' }, 'version = $v', { j: JSON.stringify(journeys), v: version });
}

/** The journey maps of a version; null when it was built before journeys existed. */
export async function loadJourneys(engine: Engine, version: number): Promise<JourneySet | null> {
  await ensureVersionTables(engine);
  const r = await engine.all<{ j: string | null }>(`SELECT journeys AS j FROM _versions WHERE version = $v`, { v: version });
  const text = r[0]?.j;
  return text ? (JSON.parse(text) as JourneySet) : null;
}
