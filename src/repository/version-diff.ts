// `diff`: two persona-set versions compared — data snapshot changes, personas continued / split / merged / new / gone, field changes with evidence.
import type { Engine } from '../engine/engine.js';
import type { Persona } from '../analysis/personas/persona-types.js';
import { listVersions, loadVersion, type VersionRecord, type VersionStatus } from './version-store.js';
import { matchPersonas, type Relation, type Matching } from './persona-match.js';
import { personaChanges, type PersonaChanges } from './persona-diff.js';
import { compareSnapshots, type DataChanges } from './data-changes.js';
import { problem } from '../shared/problems.js';

export interface VersionBrief {
  version: number;
  status: VersionStatus;
  created_at: string;
}

export interface PersonaBrief {
  id: string;
  name: string;
  kind: Persona['kind'];
  size: number;
  share_of_customers: number;
}

export interface VersionDiff {
  from: VersionBrief;
  to: VersionBrief;
  data: DataChanges;
  matching: Pick<Matching, 'by_members' | 'relations'>;
  personas: { from: Record<string, PersonaBrief>; to: Record<string, PersonaBrief> };
  /** field changes of every continued persona */
  changes: PersonaChanges[];
}

const briefOf = (p: Persona): PersonaBrief => ({ id: p.id, name: p.name, kind: p.kind, size: p.size, share_of_customers: p.share_of_customers });

/** The default pair: [V1, V2] as given; V2 defaults to the latest version, V1 to the published one (or the one before V2). */
export async function defaultPair(engine: Engine, v1?: number, v2?: number): Promise<[number, number]> {
  const all = await listVersions(engine);
  if (all.length === 0) throw problem('build/no-personas', { message: 'no persona set yet: run `archetype build`' });
  const to = v2 ?? (all[all.length - 1] as { version: number }).version;
  if (v1 !== undefined) return [v1, to];
  const published = all.filter((v) => v.status === 'published' && v.version !== to).pop();
  const before = all.filter((v) => v.version < to).pop();
  const from = published?.version ?? before?.version;
  if (from === undefined) throw problem('build/no-personas', { message: `version ${to} is the only version: nothing to compare it with` });
  return [from, to];
}

export async function diffVersions(engine: Engine, fromVersion: number, toVersion: number): Promise<VersionDiff> {
  const a = await loadVersion(engine, fromVersion);
  const b = await loadVersion(engine, toVersion);
  return diffRecords(engine, a, b);
}

export async function diffRecords(engine: Engine, a: VersionRecord, b: VersionRecord): Promise<VersionDiff> {
  const matching = await matchPersonas(engine, a, b);
  const byId = (v: VersionRecord): Map<string, Persona> => new Map(v.personas.map((p) => [p.id, p]));
  const pa = byId(a);
  const pb = byId(b);
  const changes = matching.relations
    .filter((r): r is Extract<Relation, { kind: 'continued' }> => r.kind === 'continued')
    .map((r) => personaChanges(pa.get(r.from) as Persona, pb.get(r.to) as Persona));
  const brief = (v: VersionRecord): VersionBrief => ({ version: v.version, status: v.status, created_at: v.created_at });
  return {
    from: brief(a), to: brief(b), data: compareSnapshots(a.snapshot, b.snapshot),
    matching: { by_members: matching.by_members, relations: matching.relations },
    personas: { from: Object.fromEntries([...pa].map(([k, p]) => [k, briefOf(p)])), to: Object.fromEntries([...pb].map(([k, p]) => [k, briefOf(p)])) },
    changes,
  };
}
