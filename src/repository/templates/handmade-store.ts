// Hand-made personas: claims per template field, assumptions until feedback evidence is attached; every edit is a new revision.
import type { Engine } from '../../engine/engine.js';
import { problem } from '../../shared/problems.js';
import type { PersonaTemplate } from './template-schema.js';

export type ClaimOp = '=' | 'in' | 'contains' | '<' | '>';
export const CLAIM_OPS: readonly ClaimOp[] = ['=', 'in', 'contains', '<', '>'];
export interface ClaimCheck { field: string; op: ClaimOp; value: string[] }
export interface ClaimEvidence { feedback_id: string; source: string; customer_id: string | null; quote: string }
export interface HandClaim { text: string; evidence: ClaimEvidence[]; check?: ClaimCheck }
export interface HandPersona {
  id: string;
  name: string;
  template: string;
  /** data-driven persona whose members this persona is checked against (latest version); none = all customers */
  segment?: string;
  fields: Record<string, HandClaim[]>;
}
export interface HandRevision { persona: HandPersona; revision: number; status: 'draft' | 'in_review' | 'approved'; created_at: string }

/** Sources a quote may come from to count as evidence. */
export const EVIDENCE_SOURCES = ['interview', 'survey', 'sales_note'] as const;

async function ensure(engine: Engine): Promise<void> {
  const t = engine.dialect.types;
  await engine.exec(
    engine.dialect.createTable('_handmade_personas', [`persona_id ${t.text}`, `revision ${t.int}`, `created_at ${t.text}`, `status ${t.text}`, `body ${t.text}`], {
      ifNotExists: true,
    }),
  );
}

export async function listHandPersonas(engine: Engine): Promise<HandRevision[]> {
  await ensure(engine);
  const rows = await engine.all<{ persona_id: string; revision: number; created_at: string; status: HandRevision['status']; body: string }>(
    `SELECT h.* FROM _handmade_personas h JOIN (SELECT persona_id AS p, max(revision) AS r FROM _handmade_personas GROUP BY persona_id) m ON h.persona_id = m.p AND h.revision = m.r ORDER BY h.persona_id`,
  );
  return rows.map((r) => ({ persona: JSON.parse(r.body) as HandPersona, revision: Number(r.revision), status: r.status, created_at: r.created_at }));
}

export async function loadHandPersona(engine: Engine, id: string): Promise<HandRevision> {
  const all = await listHandPersonas(engine);
  const h = all.find((x) => x.persona.id === id || x.persona.name.toLowerCase() === id.toLowerCase());
  if (!h) throw problem('persona/not-found', { id, known: all.map((x) => x.persona.id) });
  return h;
}

export async function saveHandPersona(engine: Engine, p: HandPersona, now: string, status: HandRevision['status'] = 'draft'): Promise<HandRevision> {
  await ensure(engine);
  const r = await engine.all<{ r: number | null }>(`SELECT max(revision) AS r FROM _handmade_personas WHERE persona_id = $id`, { id: p.id });
  const revision = Number(r[0]?.r ?? 0) + 1;
  await engine.exec(`INSERT INTO _handmade_personas VALUES ($id, $rev, $now, $status, $body)`, { id: p.id, rev: revision, now, status, body: JSON.stringify(p) });
  return { persona: p, revision, status, created_at: now };
}

export async function newHandPersona(engine: Engine, template: PersonaTemplate, name: string, now: string, segment?: string): Promise<HandRevision> {
  const all = await listHandPersonas(engine);
  const id = `h${all.reduce((m, x) => Math.max(m, Number(x.persona.id.slice(1)) || 0), 0) + 1}`;
  const fields = Object.fromEntries(template.fields.map((f) => [f.name, [] as HandClaim[]]));
  return saveHandPersona(engine, { id, name, template: template.name, ...(segment !== undefined ? { segment } : {}), fields }, now);
}

/** `company_size in [51-200, 201-500]`, `first_touch_content = webinar`, `theme contains price`, `days_to_decision < 14` → a check. */
export function parseClaim(text: string): ClaimCheck {
  const m = /^\s*([a-z_][a-z0-9_ ]*?)\s+(=|in|contains|<|>)\s+(.+?)\s*$/i.exec(text);
  if (!m) throw problem('usage/invalid', { message: `cannot read claim "${text}" (expected FIELD = VALUE, FIELD in [A, B], FIELD < NUMBER, or theme contains WORD)` });
  const [, field = '', op = '', rest = ''] = m;
  const list = rest.startsWith('[') && rest.endsWith(']') ? rest.slice(1, -1).split(',') : [rest];
  return { field: field.trim().replace(/\s+/g, '_').toLowerCase(), op: op.toLowerCase() as ClaimOp, value: list.map((v) => v.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean) };
}

/** Looks up `interview:f12` (source:feedback_id) in feedback; the source must match and be an evidence source. */
export async function findEvidence(engine: Engine, ref: string): Promise<ClaimEvidence> {
  const [source = '', id = ''] = ref.includes(':') ? ref.split(/:(.*)/s) : ['', ref];
  if (!(EVIDENCE_SOURCES as readonly string[]).includes(source)) throw problem('usage/invalid', { message: `--evidence ${ref}: expected SOURCE:FEEDBACK_ID with source ${EVIDENCE_SOURCES.join(', ')}` });
  const rows = await engine.all<{ feedback_id: string; source: string; customer_id: string | null; text: string }>(
    `SELECT feedback_id, source, customer_id, text FROM feedback WHERE feedback_id = $id`, { id },
  );
  const r = rows[0];
  if (!r) throw problem('repository/not-found', { what: `feedback ${id}` });
  if (r.source !== source) throw problem('usage/invalid', { message: `feedback ${id} comes from ${r.source}, not ${source}` });
  return { feedback_id: r.feedback_id, source: r.source, customer_id: r.customer_id, quote: r.text };
}

/** Claims with a quote / all claims; template fields with at least one evidenced claim / all fields; distinct customers behind the quotes. */
export interface Coverage { claims: number; evidenced: number; share: number; fields: number; fields_evidenced: number; field_share: number; customers: number }
export function evidenceCoverage(p: HandPersona): Coverage {
  const claims = Object.values(p.fields).flat();
  const evidenced = claims.filter((c) => c.evidence.length > 0).length;
  const fields = Object.keys(p.fields).length;
  const fieldsEvidenced = Object.values(p.fields).filter((cs) => cs.some((c) => c.evidence.length > 0)).length;
  const customers = new Set(claims.flatMap((c) => c.evidence.map((e) => e.customer_id ?? `feedback:${e.feedback_id}`))).size;
  return {
    claims: claims.length, evidenced, share: claims.length ? evidenced / claims.length : 0,
    fields, fields_evidenced: fieldsEvidenced, field_share: fields ? fieldsEvidenced / fields : 0, customers,
  };
}
