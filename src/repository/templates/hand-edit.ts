// Edits and reviews of hand-made personas, shared by the CLI and the HTTP API: add or change a claim, attach evidence, submit and approve.
import type { Engine } from '../../engine/engine.js';
import { problem } from '../../shared/problems.js';
import { appendAudit } from '../audit-log.js';
import type { Clock } from '../clock.js';
import {
  EVIDENCE_SOURCES, evidenceCoverage, findEvidence, loadHandPersona, newHandPersona, saveHandPersona,
  type ClaimCheck, type ClaimEvidence, type Coverage, type HandClaim, type HandPersona, type HandRevision,
} from './handmade-store.js';
import type { PersonaTemplate } from './template-schema.js';
import { validatePersona, type ClaimResult } from './validate-claims.js';

export interface ClaimEdit {
  field: string;
  /** a new claim's prose */
  add?: string;
  /** 1-based: the existing claim the edit goes onto */
  item?: number;
  /** new prose for the existing claim */
  text?: string;
  /** `source:feedback_id` references to attach as quotes */
  evidence?: string[];
  /** the structured form; null removes it */
  check?: ClaimCheck | null;
  /** drop the existing claim */
  remove?: boolean;
}

/** A new hand-made persona from a template (a draft without claims), audited as `create`. */
export async function createHandPersona(engine: Engine, template: PersonaTemplate, name: string, opts: { clock: Clock; by: string; segment?: string | undefined }): Promise<HandRevision> {
  return engine.transaction(async () => {
    const h = await newHandPersona(engine, template, name, opts.clock().toISOString(), opts.segment);
    await appendAudit(engine, opts.clock, {
      actor: opts.by, action: 'create', version: null, persona_id: h.persona.id,
      detail: { hand_made: true, revision: h.revision, name: h.persona.name, template: template.name, ...(opts.segment !== undefined ? { segment: opts.segment } : {}) },
    });
    return h;
  });
}

/**
 * Applies one edit as a new revision (back to draft); the claim it touched is returned (null when removed). The revision
 * and its audit entry (`edit`, naming the field, what was done and the claim's text) are written in one transaction.
 */
export async function editHandClaim(engine: Engine, id: string, edit: ClaimEdit, opts: { clock: Clock; by: string }): Promise<{ saved: HandRevision; claim: HandClaim | null }> {
  const h = await loadHandPersona(engine, id);
  const claims = h.persona.fields[edit.field];
  if (!claims) throw problem('persona/unknown-field', { persona: h.persona.id, field: edit.field, known: Object.keys(h.persona.fields) });
  const evidence = await Promise.all((edit.evidence ?? []).map((e) => findEvidence(engine, e)));
  const save = (claim: HandClaim | null, detail: Record<string, unknown>) =>
    engine.transaction(async () => {
      const saved = await saveHandPersona(engine, h.persona, opts.clock().toISOString());
      await appendAudit(engine, opts.clock, { actor: opts.by, action: 'edit', version: null, persona_id: h.persona.id, field: edit.field, detail: { hand_made: true, revision: saved.revision, ...detail } });
      return { saved, claim };
    });
  let claim: HandClaim | undefined;
  if (edit.add !== undefined) {
    if (!edit.add.trim()) throw problem('usage/invalid', { message: 'a claim needs some text' });
    claim = { text: edit.add.trim(), evidence: [] };
    claims.push(claim);
  } else {
    claim = edit.item !== undefined ? claims[edit.item - 1] : undefined;
    if (!claim) throw problem('usage/invalid', { message: `give a new claim, or item N (1…${claims.length}) of ${edit.field}` });
    if (edit.remove) {
      claims.splice((edit.item ?? 1) - 1, 1);
      return save(null, { op: 'remove', item: edit.item, text: claim.text });
    }
    if (edit.text !== undefined && edit.text.trim()) claim.text = edit.text.trim();
  }
  const target = claim;
  const added = evidence.filter((e) => !target.evidence.some((x) => x.feedback_id === e.feedback_id));
  target.evidence.push(...added);
  if (edit.check === null) delete target.check;
  else if (edit.check !== undefined) target.check = edit.check;
  return save(target, {
    op: edit.add !== undefined ? 'add' : 'change', ...(edit.item !== undefined ? { item: edit.item } : {}), text: target.text,
    ...(added.length ? { evidence: added.map((e) => e.feedback_id) } : {}), ...(edit.check !== undefined ? { check: edit.check } : {}),
  });
}

/** Validation needs a customers table; a workspace of interview notes alone has none yet, so every claim stays untested (null). */
export async function validateOrNull(engine: Engine, p: HandPersona, minimum: number): Promise<ClaimResult[] | null> {
  try {
    return await validatePersona(engine, p, minimum);
  } catch {
    return null;
  }
}

export interface HandCard extends HandRevision { coverage: Coverage; validation: ClaimResult[] | null; contradicted: number }

export async function handCard(engine: Engine, h: HandRevision, minimum: number): Promise<HandCard> {
  const validation = await validateOrNull(engine, h.persona, minimum);
  return { ...h, coverage: evidenceCoverage(h.persona), validation, contradicted: validation?.filter((r) => r.verdict === 'contradicted').length ?? 0 };
}

/** draft → in_review (submit) → approved (approve); approving is refused while the data contradicts a claim. */
export async function reviewHandPersona(engine: Engine, id: string, action: 'submit' | 'approve', minimum: number, clock: Clock, by: string): Promise<HandRevision> {
  const h = await loadHandPersona(engine, id);
  const from = action === 'submit' ? 'draft' : 'in_review';
  if (h.status !== from) throw problem('repository/invalid-transition', { version: h.revision, status: h.status, action, hint: action === 'submit' ? 'only a draft is submitted' : 'submit it first' });
  if (action === 'approve') {
    const contradicted = (await validateOrNull(engine, h.persona, minimum))?.filter((r) => r.verdict === 'contradicted').length ?? 0;
    if (contradicted) throw problem('persona/contradicted', { persona: h.persona.id, count: contradicted });
  }
  return engine.transaction(async () => {
    const saved = await saveHandPersona(engine, h.persona, clock().toISOString(), action === 'submit' ? 'in_review' : 'approved');
    await appendAudit(engine, clock, { actor: by, action, version: null, persona_id: h.persona.id, detail: { hand_made: true, revision: saved.revision } });
    return saved;
  });
}

/** Quotes that may serve as evidence: feedback from interviews, surveys and sales notes, optionally one source and words in the text. */
export async function searchEvidence(engine: Engine, opts: { q?: string; source?: string; limit: number }): Promise<ClaimEvidence[]> {
  if (!(await engine.tableExists('feedback'))) return [];
  const sources = opts.source !== undefined ? EVIDENCE_SOURCES.filter((s) => s === opts.source) : [...EVIDENCE_SOURCES];
  if (!sources.length) return [];
  const params: Record<string, string | number> = {};
  const inList = sources.map((s, i) => ((params[`s${i}`] = s), `$s${i}`)).join(', ');
  const words = (opts.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const match = words.map((w, i) => ((params[`w${i}`] = `%${w}%`), `lower(text) LIKE $w${i}`));
  const rows = await engine.all<{ feedback_id: string; source: string; customer_id: string | null; text: string }>(
    `SELECT feedback_id, source, customer_id, text FROM feedback WHERE source IN (${inList})${match.map((m) => ` AND ${m}`).join('')}
     ORDER BY feedback_id LIMIT ${Math.max(1, Math.min(200, Math.floor(opts.limit)))}`, params,
  );
  return rows.map((r) => ({ feedback_id: r.feedback_id, source: r.source, customer_id: r.customer_id, quote: r.text }));
}
