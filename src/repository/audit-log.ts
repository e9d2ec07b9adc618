// The audit log: who did what to which version, persona and field, and when. Append-only; written in the same transaction as the change.
import type { Engine } from '../engine/engine.js';
import { ensureGovernanceTables, nextId } from './governance-tables.js';
import { sqlTime, type Clock } from './clock.js';

export type AuditAction =
  | 'erase' | 'subject-export'
  | 'submit' | 'approve' | 'reject' | 'publish' | 'archive'
  | 'comment' | 'request' | 'accept' | 'decline' | 'edit'
  | 'build' | 'token-create' | 'token-revoke'
  | 'create' | 'ingest' | 'recalibrate' | 'settings';

export interface AuditEntry {
  audit_id: number;
  at: string;
  actor: string;
  action: AuditAction;
  version: number | null;
  persona_id: string | null;
  field: string | null;
  detail: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, 'audit_id' | 'at' | 'persona_id' | 'field' | 'detail'> & {
  persona_id?: string | null;
  field?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends one entry; call inside the transaction that makes the change so both land or neither does. */
export async function appendAudit(engine: Engine, clock: Clock, e: NewAuditEntry): Promise<number> {
  await ensureGovernanceTables(engine);
  const id = await nextId(engine, '_audit', 'audit_id');
  await engine.exec(`INSERT INTO _audit VALUES ($id, ${engine.dialect.timestamp('$at')}, $actor, $action, $version, $persona, $field, $detail)`, {
    id, at: sqlTime(clock()), actor: e.actor, action: e.action, version: e.version, persona: e.persona_id ?? null, field: e.field ?? null,
    detail: JSON.stringify(e.detail ?? {}),
  });
  return id;
}

interface AuditRow extends Omit<AuditEntry, 'detail'> {
  detail: string;
}

export async function listAudit(engine: Engine, filter: { version?: number; persona_id?: string } = {}): Promise<AuditEntry[]> {
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
  const rows = await engine.all<AuditRow>(`SELECT audit_id, occurred_at AS "at", actor, action, version, persona_id, field, detail FROM _audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_id`, params);
  return rows.map((r) => ({ ...r, audit_id: Number(r.audit_id), version: r.version === null ? null : Number(r.version), detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
