// Drift since the published version: PSI of each persona's defining traits, share changes, and age against the refresh policy.
import type { Engine } from '../engine/engine.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import type { Persona } from '../analysis/personas/persona-types.js';
import { listVersions, loadVersion, type DataSnapshot, type VersionRecord } from './version-store.js';
import { matchPersonas } from './persona-match.js';
import { loadProfiles, poolProfiles } from './persona-profiles.js';
import { histogramMean, psi } from './distribution.js';
import { dataAsOf } from './data-changes.js';
import { takeSnapshot } from './snapshot.js';
import { daysBetween, type Clock } from './clock.js';
import type { VersionBrief } from './version-diff.js';

export type DriftFlag = 'drifted' | 'share' | 'stale' | 'gone';

export interface TraitDrift {
  feature: string;
  label: string;
  direction: 'high' | 'low';
  psi: number;
  mean_before: number | null;
  mean_after: number | null;
}

export interface PersonaDrift {
  persona_id: string;
  name: string;
  relation: 'continued' | 'split' | 'merged' | 'gone' | 'unchanged';
  /** where the persona is in the current version */
  now: string[];
  share_before: number;
  share_after: number | null;
  share_change: number | null;
  traits: TraitDrift[];
  max_psi: number | null;
  flags: DriftFlag[];
}

export interface DriftReport {
  reference: VersionBrief | null;
  current: VersionBrief | null;
  thresholds: { psi: number; share: number; refresh_policy_days: number; defining_traits: number };
  age: { days: number | null; data_days: number | null; reference_data_as_of: string | null; data_as_of: string | null; stale: boolean };
  personas: PersonaDrift[];
  /** personas of the current version that come from none of the reference's */
  new_personas: { id: string; name: string; share_of_customers: number }[];
  notes: string[];
}

export interface DriftOptions {
  clock: Clock;
  /** version compared against (default: the published one, else the one before `current`) */
  reference?: number;
  /** version compared (default: the latest) */
  current?: number;
  /** the data now (default: a fresh snapshot of the workspace) */
  dataNow?: DataSnapshot;
}

const brief = (v: VersionRecord): VersionBrief => ({ version: v.version, status: v.status, created_at: v.created_at });

export async function driftReport(engine: Engine, config: WorkspaceConfig, opts: DriftOptions): Promise<DriftReport> {
  const rc = config.repository;
  const thresholds = { psi: rc.drift_threshold, share: rc.share_change_threshold, refresh_policy_days: config.refresh_policy_days, defining_traits: rc.defining_traits };
  const notes: string[] = [];
  const all = await listVersions(engine);
  const empty: DriftReport = { reference: null, current: null, thresholds, age: { days: null, data_days: null, reference_data_as_of: null, data_as_of: null, stale: false }, personas: [], new_personas: [], notes };
  if (!all.length) {
    notes.push('no persona set yet: run `archetype build`');
    return empty;
  }
  const currentV = opts.current ?? (all[all.length - 1] as { version: number }).version;
  let refV = opts.reference ?? all.filter((v) => v.status === 'published').pop()?.version;
  if (refV === undefined) {
    refV = all.filter((v) => v.version < currentV).pop()?.version ?? currentV;
    notes.push(`no published version: compared with version ${refV}`);
  }
  const ref = await loadVersion(engine, refV);
  const cur = refV === currentV ? ref : await loadVersion(engine, currentV);
  const dataNow = opts.dataNow ?? (await takeSnapshot(engine, null));
  const refAsOf = dataAsOf(ref.snapshot);
  const nowAsOf = dataAsOf(dataNow);
  const days = daysBetween(ref.created_at, opts.clock());
  const dataDays = daysBetween(refAsOf, nowAsOf);
  const stale = (days ?? 0) >= config.refresh_policy_days || (dataDays ?? 0) >= config.refresh_policy_days;
  const age = { days, data_days: dataDays, reference_data_as_of: refAsOf, data_as_of: nowAsOf, stale };
  if (stale) notes.push(`version ${ref.version} is older than the refresh policy of ${config.refresh_policy_days} days: run \`archetype refresh\``);
  const report: DriftReport = { ...empty, reference: brief(ref), current: brief(cur), age };
  if (cur === ref) {
    notes.push(`no version newer than ${ref.version} to compare: run \`archetype refresh\` after new data arrives`);
    report.personas = ref.personas.map((p) => ({
      persona_id: p.id, name: p.name, relation: 'unchanged', now: [p.id], share_before: p.share_of_customers, share_after: p.share_of_customers,
      share_change: 0, traits: [], max_psi: null, flags: stale ? ['stale'] : [],
    }));
    return report;
  }
  const matching = await matchPersonas(engine, ref, cur);
  const profRef = await loadProfiles(engine, ref.version);
  const profCur = await loadProfiles(engine, cur.version);
  if (!profRef.size || !profCur.size) notes.push(`trait profiles missing for version ${!profRef.size ? ref.version : cur.version} (built before profiles were kept): share changes only`);
  const curById = new Map(cur.personas.map((p) => [p.id, p]));
  const from = new Set<string>();
  for (const p of ref.personas) {
    const r = matching.relations.find((x) => (x.kind === 'continued' || x.kind === 'split' || x.kind === 'gone') ? x.from === p.id : x.kind === 'merged' && x.from.includes(p.id));
    const now = !r || r.kind === 'gone' || r.kind === 'new' ? [] : r.kind === 'split' ? r.to : [r.to];
    for (const id of now) from.add(id);
    const relation = !r || r.kind === 'new' ? 'gone' : r.kind;
    const shareAfter = now.length ? now.reduce((s, id) => s + (curById.get(id)?.share_of_customers ?? 0), 0) : null;
    const shareChange = shareAfter === null ? null : shareAfter - p.share_of_customers;
    const before = profRef.get(p.id);
    const parts = now.map((id) => profCur.get(id)).filter((x): x is NonNullable<typeof x> => x !== undefined);
    const after = parts.length ? poolProfiles(parts) : undefined;
    const traits: TraitDrift[] = [];
    if (before && after)
      for (const t of definingTraits(p, rc.defining_traits)) {
        const hb = before.get(t.feature);
        const ha = after.get(t.feature);
        if (!hb || !ha) continue;
        traits.push({ feature: t.feature, label: t.label, direction: t.direction, psi: psi(hb, ha), mean_before: histogramMean(hb), mean_after: histogramMean(ha) });
      }
    const maxPsi = traits.length ? Math.max(...traits.map((t) => t.psi)) : null;
    const flags: DriftFlag[] = [];
    if (relation === 'gone') flags.push('gone');
    if (maxPsi !== null && maxPsi >= thresholds.psi) flags.push('drifted');
    if (shareChange !== null && Math.abs(shareChange) >= thresholds.share) flags.push('share');
    if (stale) flags.push('stale');
    report.personas.push({ persona_id: p.id, name: p.name, relation, now, share_before: p.share_of_customers, share_after: shareAfter, share_change: shareChange, traits, max_psi: maxPsi, flags });
  }
  report.new_personas = cur.personas.filter((p) => !from.has(p.id)).map((p) => ({ id: p.id, name: p.name, share_of_customers: p.share_of_customers }));
  return report;
}

/** The traits that define a persona: its strongest standardised differences from all customers. */
export function definingTraits(p: Persona, n: number): Persona['traits'] {
  return [...p.traits].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, n);
}

/** Personas of the report that need attention (any flag). */
export function flagged(r: DriftReport): PersonaDrift[] {
  return r.personas.filter((p) => p.flags.length > 0);
}
