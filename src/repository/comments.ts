// Comments and change requests on any field of a persona; a request is resolved (accepted with an edit, or declined with a reason), never deleted.
import type { Engine } from '../engine/engine.js';
import { updateRows } from '../engine/table-ops.js';
import { FIELD_ORDER, type Persona } from '../analysis/personas/persona-types.js';
import { problem } from '../shared/problems.js';
import { ensureGovernanceTables, nextId } from './governance-tables.js';
import { appendAudit } from './audit-log.js';
import { sqlTime, type Clock } from './clock.js';
import { loadVersion } from './version-store.js';
import { nameClash } from './similarity.js';

export type CommentKind = 'comment' | 'request';
export type RequestStatus = 'open' | 'accepted' | 'declined';

export interface CommentRecord {
  comment_id: number;
  version: number;
  persona_id: string;
  field: string;
  kind: CommentKind;
  author: string;
  created_at: string;
  text: string;
  /** requests: the proposed new text, when different from the message */
  proposal: string | null;
  /** requests only */
  status: RequestStatus | null;
  resolved_by: string | null;
  resolved_at: string | null;
  /** accepted: the text that went in; declined: the reason */
  resolution: string | null;
}

/** The fields a comment or request may name: the persona's own fields, the standard ones, its name and summary. */
export function commentableFields(p: Persona): string[] {
  return [...new Set(['name', 'summary', ...Object.keys(p.fields), ...FIELD_ORDER])];
}

export function checkField(p: Persona, field: string): void {
  const known = commentableFields(p);
  if (!known.includes(field)) throw problem('persona/unknown-field', { persona: p.id, field, known });
}

export interface NewComment {
  version: number;
  persona: Persona;
  field: string;
  author: string;
  text: string;
  request: boolean;
  proposal?: string;
}

export async function addComment(engine: Engine, clock: Clock, c: NewComment): Promise<CommentRecord> {
  checkField(c.persona, c.field);
  await ensureGovernanceTables(engine);
  return engine.transaction(async () => {
    const id = await nextId(engine, '_comments', 'comment_id');
    const at = sqlTime(clock());
    await engine.exec(
      `INSERT INTO _comments VALUES ($id, $version, $persona, $field, $kind, $author, ${engine.dialect.timestamp('$at')}, $text, $proposal, $status, NULL, NULL, NULL)`,
      {
        id, version: c.version, persona: c.persona.id, field: c.field, kind: c.request ? 'request' : 'comment', author: c.author, at, text: c.text,
        proposal: c.proposal ?? null, status: c.request ? 'open' : null,
      },
    );
    await appendAudit(engine, clock, {
      actor: c.author, action: c.request ? 'request' : 'comment', version: c.version, persona_id: c.persona.id, field: c.field, detail: { comment_id: id, text: c.text },
    });
    return (await getComment(engine, id)) as CommentRecord;
  });
}

const toRecord = (r: CommentRecord): CommentRecord => ({ ...r, comment_id: Number(r.comment_id), version: Number(r.version) });

export async function getComment(engine: Engine, id: number): Promise<CommentRecord | null> {
  await ensureGovernanceTables(engine);
  const r = await engine.all<CommentRecord>(`SELECT * FROM _comments WHERE comment_id = $id`, { id });
  return r[0] ? toRecord(r[0]) : null;
}

export async function listComments(engine: Engine, filter: { version?: number; persona_id?: string; open?: boolean } = {}): Promise<CommentRecord[]> {
  await ensureGovernanceTables(engine);
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.version !== undefined) {
    where.push('version = $version');
    params['version'] = filter.version;
  }
  if (filter.persona_id !== undefined) {
    where.push('persona_id = $persona');
    params['persona'] = filter.persona_id;
  }
  if (filter.open) where.push(`kind = 'request' AND status = 'open'`);
  const rows = await engine.all<CommentRecord>(`SELECT * FROM _comments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY comment_id`, params);
  return rows.map(toRecord);
}

export interface Resolution {
  accept: boolean;
  by: string;
  /** accept: the text that goes in (default: the proposal, else the request's text) */
  edit?: string;
  /** decline: why (required) */
  reason?: string;
}

export interface ResolveResult {
  comment: CommentRecord;
  edit_id: number | null;
  /** e.g. an edited name that makes the persona look like another one */
  warnings: string[];
}

/** Resolves an open change request in one transaction: the request, the manual edit (when accepted) and the audit entries. */
export async function resolveRequest(engine: Engine, clock: Clock, id: number, r: Resolution): Promise<ResolveResult> {
  await ensureGovernanceTables(engine);
  if (!r.accept && !r.reason?.trim()) throw problem('usage/invalid', { message: 'declining a change request needs a reason (--reason TEXT)' });
  const warnings: string[] = [];
  const out = await engine.transaction(async () => {
    const c = await getComment(engine, id);
    if (!c) throw problem('repository/not-found', { what: `comment or change request #${id}` });
    if (c.kind !== 'request') throw problem('usage/invalid', { message: `#${id} is a comment, not a change request: only requests are resolved` });
    if (c.status !== 'open') throw problem('usage/invalid', { message: `change request #${id} is already ${c.status} (by ${c.resolved_by ?? '?'})` });
    const at = sqlTime(clock());
    const ts = (text: string): string => engine.dialect.timestamp(text);
    let editId: number | null = null;
    if (r.accept) {
      const text = (r.edit ?? c.proposal ?? c.text).trim();
      editId = await nextId(engine, '_edits', 'edit_id');
      await engine.exec(`INSERT INTO _edits VALUES ($id, $version, $persona, $field, $text, $author, ${ts('$at')}, $comment)`, {
        id: editId, version: c.version, persona: c.persona_id, field: c.field, text, author: r.by, at, comment: id,
      });
      await updateRows(engine, '_comments', { status: `'accepted'`, resolved_by: '$by', resolved_at: ts('$at'), resolution: '$text' }, 'comment_id = $id', { by: r.by, at, text, id });
      await appendAudit(engine, clock, { actor: r.by, action: 'accept', version: c.version, persona_id: c.persona_id, field: c.field, detail: { comment_id: id, edit_id: editId, text } });
      await appendAudit(engine, clock, { actor: r.by, action: 'edit', version: c.version, persona_id: c.persona_id, field: c.field, detail: { edit_id: editId, text, manual: true } });
      if (c.field === 'name') {
        const v = await loadVersion(engine, c.version);
        const clash = nameClash(text, v.personas, c.persona_id);
        if (clash) warnings.push(`the new name "${text}" is close to ${clash.id} (${clash.name}): consider merging the two personas instead`);
      }
    } else {
      await updateRows(engine, '_comments', { status: `'declined'`, resolved_by: '$by', resolved_at: ts('$at'), resolution: '$reason' }, 'comment_id = $id', {
        by: r.by, at, reason: (r.reason ?? '').trim(), id,
      });
      await appendAudit(engine, clock, { actor: r.by, action: 'decline', version: c.version, persona_id: c.persona_id, field: c.field, detail: { comment_id: id, reason: r.reason ?? '' } });
    }
    return { comment: (await getComment(engine, id)) as CommentRecord, edit_id: editId };
  });
  return { ...out, warnings };
}

export interface ManualEdit {
  edit_id: number;
  version: number;
  persona_id: string;
  field: string;
  text: string;
  author: string;
  created_at: string;
  comment_id: number | null;
}

export async function listEdits(engine: Engine, filter: { version?: number; persona_id?: string } = {}): Promise<ManualEdit[]> {
  await ensureGovernanceTables(engine);
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.version !== undefined) {
    where.push('version = $version');
    params['version'] = filter.version;
  }
  if (filter.persona_id !== undefined) {
    where.push('persona_id = $persona');
    params['persona'] = filter.persona_id;
  }
  const rows = await engine.all<ManualEdit>(`SELECT * FROM _edits ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY edit_id`, params);
  return rows.map((e) => ({ ...e, edit_id: Number(e.edit_id), version: Number(e.version), comment_id: e.comment_id === null ? null : Number(e.comment_id) }));
}
