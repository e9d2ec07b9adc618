// Terminal renderings of the repository's reports: versions, diff, drift, near duplicates.
import type { VersionSummary } from '../../../repository/versions-overview.js';
import type { VersionDiff } from '../../../repository/version-diff.js';
import type { EvidenceBrief } from '../../../repository/persona-diff.js';
import type { DriftReport } from '../../../repository/drift.js';
import type { NearDuplicate } from '../../../repository/similarity.js';
import type { DataChanges } from '../../../repository/data-changes.js';
import { table } from '../output.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const num = (x: number): string => x.toLocaleString('en-US');
const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');
const signed = (x: number, digits = 1): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

export function renderVersions(vs: VersionSummary[]): string {
  if (!vs.length) return 'No persona-set versions yet: run `archetype build`.\n';
  const rows = vs.map((v) => [
    v.version, day(v.created_at) + ' ' + v.created_at.slice(11, 16), v.status.replace('_', ' '), v.personas, num(v.customers), day(v.data_as_of), v.checksum,
    v.last_action ? `${v.last_action.action} by ${v.last_action.actor} ${day(v.last_action.at)}` : '', v.open_requests || '',
    v.needs_refresh ? `refresh (${v.needs_refresh})` : '',
  ]);
  return table(rows, ['version', 'built', 'status', 'personas', 'customers', 'data as of', 'snapshot', 'last step', 'open requests', 'needs']) + '\n';
}

export function renderDataChanges(d: DataChanges): string {
  const parts = d.entities.filter((e) => e.changed).map((e) => `${e.entity} ${num(e.rows_before)} → ${num(e.rows_after)}${e.rows_after !== e.rows_before ? ` (${e.rows_after > e.rows_before ? '+' : '−'}${num(Math.abs(e.rows_after - e.rows_before))})` : ' (rows changed)'}`);
  return parts.length ? parts.join(' · ') : 'no change';
}

const ev = (e: EvidenceBrief | null): string => (e ? `${e.claim}  n=${num(e.n)} ${e.confidence}` : '—');

/** `all`: list small numeric changes too (otherwise they are only counted). */
export function renderDiff(d: VersionDiff, all = false): string {
  const out: string[] = [];
  const name = (side: 'from' | 'to', id: string): string => `${id} ${d.personas[side][id]?.name ?? ''}`.trim();
  out.push(`Version ${d.from.version} (${d.from.status.replace('_', ' ')}, built ${day(d.from.created_at)}) → version ${d.to.version} (${d.to.status.replace('_', ' ')}, built ${day(d.to.created_at)})`);
  out.push(`Data: ${renderDataChanges(d.data)}`);
  out.push(d.matching.by_members ? 'Personas matched by shared customers (Jaccard of _assignments) and traits (cosine of z-scores).' : 'Personas matched by traits only (no member assignments to compare).', '');
  const rel = d.matching.relations;
  const continued = rel.filter((r) => r.kind === 'continued');
  if (continued.length) out.push('Continued');
  for (const r of continued) {
    if (r.kind !== 'continued') continue;
    const o = r.overlap;
    out.push(`  ${r.from} → ${name('to', r.to)}   ${d.matching.by_members ? `kept ${pct(o.of_from)} of members (Jaccard ${o.jaccard.toFixed(2)}), ` : ''}traits ${o.traits.toFixed(2)}`);
    const c = d.changes.find((x) => x.from === r.from && x.to === r.to);
    const metrics = c?.metrics.filter((m) => all || !m.minor) ?? [];
    const fields = (c?.fields ?? []).map((f) => ({ ...f, items: f.items.filter((i) => all || !i.minor) })).filter((f) => f.items.length || f.change !== 'changed' || f.insufficient_before !== f.insufficient_after);
    const minor = all ? 0 : (c?.metrics.filter((m) => m.minor).length ?? 0) + (c?.fields.reduce((s, f) => s + f.items.filter((i) => i.minor).length, 0) ?? 0);
    if (!metrics.length && !fields.length) {
      out.push(`      no material changes${minor ? ` (${minor} small numeric changes: --all lists them)` : ''}`);
      continue;
    }
    for (const m of metrics) {
      const f = (v: number | string | null): string => (typeof v === 'number' ? (m.metric.startsWith('share') || m.metric === 'stability' ? (m.metric === 'stability' ? v.toFixed(2) : pct(v)) : num(v)) : String(v ?? '—'));
      out.push(`      ${m.metric.replace(/_/g, ' ')}: ${f(m.before)} → ${f(m.after)}`);
    }
    for (const f of fields) {
      const head = `      ${f.label}${f.change !== 'changed' ? ` (field ${f.change})` : ''}`;
      out.push(head);
      if (f.insufficient_before !== f.insufficient_after) out.push(`        evidence: ${f.insufficient_before ? `not enough (${f.insufficient_before})` : 'present'} → ${f.insufficient_after ? `not enough (${f.insufficient_after})` : 'present'}`);
      for (const i of f.items) {
        if (i.change === 'changed') out.push(`        ~ ${ev(i.before)}`, `          → ${ev(i.after)}`);
        else if (i.change === 'added') out.push(`        + ${ev(i.after)}`);
        else out.push(`        − ${ev(i.before)}`);
      }
    }
    if (minor) out.push(`      … and ${minor} small numeric changes (--all lists them)`);
  }
  const splits = rel.filter((r) => r.kind === 'split');
  if (splits.length) out.push('', 'Split');
  for (const r of splits) if (r.kind === 'split') out.push(`  ${name('from', r.from)} → ${r.overlaps.map((o) => `${name('to', o.to)} (${pct(o.of_from)} of it)`).join(', ')}`);
  const merges = rel.filter((r) => r.kind === 'merged');
  if (merges.length) out.push('', 'Merged');
  for (const r of merges) if (r.kind === 'merged') out.push(`  ${r.overlaps.map((o) => `${name('from', o.from)} (${pct(o.of_from)} of it)`).join(' + ')} → ${name('to', r.to)}`);
  const fresh = rel.filter((r) => r.kind === 'new');
  if (fresh.length) out.push('', 'New');
  for (const r of fresh)
    if (r.kind === 'new') out.push(`  ${name('to', r.to)}  (${pct(d.personas.to[r.to]?.share_of_customers ?? 0)} of customers${r.best && r.best.n ? `; most of its members were in ${r.best.from}: ${pct(r.best.of_to)}` : ''})`);
  const gone = rel.filter((r) => r.kind === 'gone');
  if (gone.length) out.push('', 'Gone');
  for (const r of gone)
    if (r.kind === 'gone') out.push(`  ${name('from', r.from)}  (${pct(d.personas.from[r.from]?.share_of_customers ?? 0)} of customers${r.best && r.best.n ? `; most of its members went to ${r.best.to}: ${pct(r.best.of_from)}` : ''})`);
  return out.join('\n') + '\n';
}

export function renderDrift(r: DriftReport): string {
  const out: string[] = [];
  if (!r.reference) return r.notes.join('\n') + '\n';
  const age = r.age.days !== null ? `${Math.floor(r.age.days)} days old` : 'age unknown';
  out.push(`Drift of version ${r.current?.version ?? '—'} against version ${r.reference.version} (${r.reference.status}, ${age}; its data as of ${day(r.age.reference_data_as_of)}, data now as of ${day(r.age.data_as_of)}${r.age.data_days !== null ? `, ${Math.round(r.age.data_days)} days newer` : ''})`);
  out.push(`Flags: drifted = a defining trait's PSI ≥ ${r.thresholds.psi} · share = share of customers moved ≥ ${Math.round(r.thresholds.share * 100)} points · stale = older than ${r.thresholds.refresh_policy_days} days · gone = no successor`, '');
  const rows = r.personas.map((p) => [
    `${p.persona_id} ${p.name}`, p.now.join('+') || '—', `${pct(p.share_before)} → ${p.share_after === null ? '—' : pct(p.share_after)}`,
    p.share_change === null ? '—' : signed(p.share_change * 100), p.max_psi === null ? '—' : p.max_psi.toFixed(2),
    p.traits.slice(0, 3).map((t) => `${t.label} ${t.psi.toFixed(2)}`).join(', '), p.flags.join(' '),
  ]);
  out.push(table(rows, ['persona', 'now', 'share', 'Δ points', 'max PSI', 'defining traits (PSI)', 'flags']));
  if (r.new_personas.length) out.push('', `New since version ${r.reference.version}: ${r.new_personas.map((p) => `${p.id} ${p.name} (${pct(p.share_of_customers)})`).join(', ')}`);
  if (r.notes.length) out.push('', ...r.notes.map((n) => `note: ${n}`));
  return out.join('\n') + '\n';
}

export function renderDuplicates(ds: NearDuplicate[], threshold: number): string {
  return ds
    .map((d) => `warning: ${d.a} (${d.a_name}) and ${d.b} (${d.b_name}) look alike: similarity ${d.similarity.toFixed(2)} ≥ ${threshold} (traits ${d.traits.toFixed(2)}${d.members !== null ? `, members ${d.members.toFixed(2)}` : ''}). Proposal: ${d.proposal}.`)
    .join('\n') + (ds.length ? '\n' : '');
}
