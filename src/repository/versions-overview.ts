// `versions`: every persona-set version with its status, data snapshot (rows, date range, checksum), last workflow step and open requests.
import { createHash } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { listVersions, type DataSnapshot, type VersionStatus } from './version-store.js';
import { listAudit } from './audit-log.js';
import { listComments } from './comments.js';
import { dataAsOf } from './data-changes.js';

export interface VersionSummary {
  version: number;
  created_at: string;
  status: VersionStatus;
  seed: number;
  k: number;
  personas: number;
  customers: number;
  /** the latest timestamp in the data the version was built from */
  data_as_of: string | null;
  /** rows per entity */
  rows: Record<string, number>;
  /** a short digest of the whole snapshot: equal digests, equal data */
  checksum: string;
  last_action: { action: string; actor: string; at: string } | null;
  open_requests: number;
  /** why the version no longer matches the data it holds ('erasure': a customer was forgotten since), else null */
  needs_refresh: string | null;
}

export function snapshotDigest(s: DataSnapshot): string {
  const text = s.entities.map((e) => `${e.entity}:${e.rows}:${e.checksum}`).sort().join('|');
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export async function versionsOverview(engine: Engine): Promise<VersionSummary[]> {
  const versions = await listVersions(engine);
  const stored = await engine.all<{ version: number; personas: string; needs_refresh: string | null }>(`SELECT version, personas, needs_refresh FROM _versions`);
  const personaCounts = new Map(stored.map((r) => [Number(r.version), (JSON.parse(r.personas) as unknown[]).length]));
  const stale = new Map(stored.map((r) => [Number(r.version), r.needs_refresh]));
  const audit = await listAudit(engine);
  const open = await listComments(engine, { open: true });
  return versions.map((v) => {
    const last = audit.filter((a) => a.version === v.version && ['submit', 'approve', 'reject', 'publish', 'archive'].includes(a.action)).pop();
    return {
      version: v.version, created_at: v.created_at, status: v.status, seed: v.seed, k: v.k,
      personas: personaCounts.get(v.version) ?? 0,
      customers: v.snapshot.entities.find((e) => e.entity === 'customers')?.rows ?? 0,
      data_as_of: dataAsOf(v.snapshot),
      rows: Object.fromEntries(v.snapshot.entities.map((e) => [e.entity, e.rows])),
      checksum: snapshotDigest(v.snapshot),
      last_action: last ? { action: last.action, actor: last.actor, at: last.at } : null,
      open_requests: open.filter((c) => c.version === v.version).length,
      needs_refresh: stale.get(v.version) ?? null,
    };
  });
}
