// What a workspace holds: rows and quarantined rows per entity, last ingest, date ranges; and the quarantine itself.
import { ENTITY_NAMES, type EntityName } from '../contract/entities.js';
import type { Engine } from '../engine/engine.js';
import { ensureBaseTables } from './storage.js';

const TIME_COLUMN: Partial<Record<EntityName, string>> = {
  customers: 'created_at', orders: 'ordered_at', events: 'occurred_at', feedback: 'created_at', tickets: 'opened_at', leads: 'created_at',
};

export interface EntityStatus {
  entity: EntityName;
  rows: number;
  quarantined: number;
  files: number;
  last_ingest: string | null;
  from: string | null;
  to: string | null;
}

export interface WorkspaceStatus {
  entities: EntityStatus[];
  ingests: number;
  last_ingest: string | null;
}

export async function workspaceStatus(engine: Engine): Promise<WorkspaceStatus> {
  await ensureBaseTables(engine);
  const q = await engine.all<{ entity: string; n: number }>(`SELECT entity, count(*) AS n FROM _quarantine GROUP BY entity`);
  const files = await engine.all<{ entity: string; n: number; last: string | null }>(
    `SELECT f.entity, count(DISTINCT f.file) AS n, max(i.finished_at) AS last FROM _ingest_files f JOIN _ingests i USING (ingest_id) GROUP BY f.entity`,
  );
  const entities: EntityStatus[] = [];
  for (const entity of ENTITY_NAMES) {
    const tc = TIME_COLUMN[entity];
    const r = (
      await engine.all<{ n: number; lo: string | null; hi: string | null }>(
        `SELECT count(*) AS n, ${tc ? `min(${tc})` : 'NULL'} AS lo, ${tc ? `max(${tc})` : 'NULL'} AS hi FROM ${engine.dialect.ident(entity)}`,
      )
    )[0];
    const f = files.find((x) => x.entity === entity);
    entities.push({
      entity,
      rows: Number(r?.n ?? 0),
      quarantined: Number(q.find((x) => x.entity === entity)?.n ?? 0),
      files: Number(f?.n ?? 0),
      last_ingest: f?.last ?? null,
      from: r?.lo ?? null,
      to: r?.hi ?? null,
    });
  }
  const ing = (await engine.all<{ n: number; last: string | null }>(`SELECT count(*) AS n, max(finished_at) AS last FROM _ingests WHERE status = 'done'`))[0];
  return { entities, ingests: Number(ing?.n ?? 0), last_ingest: ing?.last ?? null };
}

export interface QuarantinedRow {
  entity: string;
  file: string;
  line: number;
  code: string;
  column: string | null;
  message: string;
  raw: string;
}

export async function listQuarantine(engine: Engine, opts: { entity?: string; limit?: number; offset?: number } = {}): Promise<{ total: number; rows: QuarantinedRow[] }> {
  await ensureBaseTables(engine);
  const where = opts.entity ? `WHERE entity = $entity` : '';
  const params = opts.entity ? { entity: opts.entity } : undefined;
  const total = Number((await engine.all(`SELECT count(*) AS n FROM _quarantine ${where}`, params))[0]?.['n'] ?? 0);
  const rows = await engine.all<QuarantinedRow>(
    `SELECT entity, file, line, code, "column", message, raw FROM _quarantine ${where} ORDER BY entity, file, line
      LIMIT ${Math.max(0, Math.floor(opts.limit ?? 1000))} OFFSET ${Math.max(0, Math.floor(opts.offset ?? 0))}`,
    params,
  );
  return { total, rows: rows.map((r) => ({ ...r, line: Number(r.line) })) };
}
