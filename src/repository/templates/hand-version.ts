// A hand-made persona set as its own persona-set version (draft): claims become evidence items, so `personas`, `show` and `review` work on it.
import type { Engine } from '../../engine/engine.js';
import type { Evidence, Persona, PersonaField } from '../../analysis/personas/persona-types.js';
import { FIELD_LABELS } from '../../analysis/personas/persona-types.js';
import { nextVersion, saveVersion } from '../version-store.js';
import { takeSnapshot } from '../snapshot.js';
import { evidenceCoverage, type HandPersona } from './handmade-store.js';
import type { PersonaTemplate } from './template-schema.js';
import { pct } from './validate-claims.js';
import { validateOrNull } from './hand-edit.js';
import { appendAudit } from '../audit-log.js';
import type { Clock } from '../clock.js';

export async function toPersona(engine: Engine, p: HandPersona, minimum: number, template?: PersonaTemplate): Promise<Persona> {
  const results = await validateOrNull(engine, p, minimum);
  const cov = evidenceCoverage(p);
  const flagged = results?.filter((r) => r.verdict === 'contradicted').length ?? 0;
  const fields: Record<string, PersonaField> = {};
  for (const [key, claims] of Object.entries(p.fields)) {
    const items: Evidence[] = claims.map((c) => {
      const r = results?.find((x) => x.field === key && x.text === c.text);
      const tested = r && r.verdict !== 'untested' ? r : null;
      const customers = new Set(c.evidence.map((e) => e.customer_id ?? e.feedback_id)).size;
      return {
        claim: `${tested?.verdict === 'contradicted' ? '⚠ ' : ''}${c.text}${c.evidence.length ? '' : ' (assumption)'}`,
        value: tested?.share_segment ?? null, all: tested?.share_all ?? null, lift: tested?.lift ?? null,
        n: tested ? tested.segment_n : customers,
        confidence: c.evidence.length && tested?.verdict === 'validated' ? 'high' : c.evidence.length || tested?.verdict === 'validated' ? 'medium' : 'low',
        definition: `hand-made claim; ${c.evidence.length ? `evidenced by ${c.evidence.length} quote(s) from ${customers} customer(s)` : 'assumption until evidence is attached'}${tested ? `; ${tested.verdict}: ${tested.reason}` : ''}`,
        quotes: c.evidence.map((e) => ({ text: e.quote, feedback_id: e.feedback_id, source: e.source })),
      };
    });
    fields[key] = { key, label: template?.fields.find((f) => f.name === key)?.label ?? FIELD_LABELS[key] ?? key.replace(/_/g, ' '), items, ...(items.length ? {} : { insufficient: 'no claims yet' }) };
  }
  const size = results?.find((r) => r.segment_n > 0 && r.check?.field !== 'theme')?.segment_n ?? 0;
  return {
    id: p.id, name: p.name, template: p.template, negative: false, kind: 'buyer', segment: -1,
    summary: `Hand-made (template ${p.template}${p.segment !== undefined ? `, segment ${p.segment}` : ''}): ${cov.evidenced}/${cov.claims} claims evidenced (${pct(cov.share)}) by ${cov.customers} distinct customers, ${cov.fields_evidenced}/${cov.fields} fields evidenced${flagged ? `; ⚠ ${flagged} contradicted by the data` : ''}.`,
    size, share_of_customers: 0, share_of_revenue: 0, share_of_margin: 0,
    growth: { recent_share: 0, all_recent_share: 0, lift: null }, stability: null, headline_quote: null, traits: [], fields,
  };
}

/** Saves the given hand-made personas as a new draft version, audited as a `build` of it; returns its number. */
export async function saveHandVersion(
  engine: Engine, personas: HandPersona[], minimum: number, templates: PersonaTemplate[], opts: { clock: Clock; by: string },
): Promise<number> {
  const out: Persona[] = [];
  for (const p of personas) out.push(await toPersona(engine, p, minimum, templates.find((t) => t.name === p.template)));
  // claims the data contradicted when the version was saved: the version review refuses to approve it (workflow.ts)
  const contradicted = Object.fromEntries(out.map((p) => [p.id, Object.values(p.fields).flatMap((f) => f.items).filter((i) => i.claim.startsWith('⚠ ')).length]).filter(([, n]) => Number(n) > 0));
  const snapshot = await takeSnapshot(engine, null);
  return engine.transaction(async () => {
    const version = await nextVersion(engine);
    await saveVersion(engine, { version, seed: 0, k: 0, snapshot, report: { hand_made: true, personas: out.length, contradicted }, personas: out });
    await appendAudit(engine, opts.clock, { actor: opts.by, action: 'build', version, detail: { hand_made: true, personas: personas.map((p) => p.id) } });
    return version;
  });
}
