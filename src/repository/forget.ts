// `forget`: erases one customer from a workspace (rows, derived rows, quarantine, assignments, quotes in stored versions) with an audit entry that holds no personal data.
import { createHmac, randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { deleteRows, updateRows } from '../engine/table-ops.js';
import { problem } from '../shared/problems.js';
import { appendAudit } from './audit-log.js';
import { debugPause } from './debug-pause.js';
import type { Clock } from './clock.js';
import { sqlTime } from './clock.js';
import { ensureGovernanceTables, nextId } from './governance-tables.js';
import { ensureVersionTables } from './version-store.js';
import { clearLeadEvidence } from './lead-evidence-store.js';
import { feedbackIdsOf, pruneQuotes, quarantineWhere, subjectParams, subjectTables } from './subject-data.js';

export interface ForgetResult {
  /** false when the customer had already been erased (nothing held any more) */
  erased: boolean;
  /** rows removed per table (entity tables, `_assignments`, `_features`, `_segment_now`, `_quarantine`) */
  rows: Record<string, number>;
  /** quotes removed from stored persona versions, journeys and hand-made personas */
  quotes: number;
  /** persona-set versions now marked as needing a refresh */
  versions: number[];
  /** when the customer was first erased (for a repeated call) */
  erased_at: string | null;
  audit_id: number | null;
}

async function ensurePrivacyTables(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  await engine.exec(d.createTable('_privacy', [`name ${t.text}`, `value ${t.text}`], { ifNotExists: true }));
  await engine.exec(d.createTable('_erasures', [`erasure_id ${t.int}`, `erased_at ${t.timestamp}`, `subject ${t.text}`], { ifNotExists: true }));
}

/**
 * The workspace's keyed hash of a customer id: lets `forget` recognise an id it erased before without keeping the id
 * (the key is random per workspace, so the hash cannot be reversed by hashing guessed ids elsewhere). Subject exports
 * name their subject in the audit log by this hash too: it survives an erasure, as the `_erasures` entry does, and is
 * never the id.
 */
export async function subjectHash(engine: Engine, id: string): Promise<string> {
  await ensurePrivacyTables(engine);
  let key = (await engine.all<{ value: string }>(`SELECT value FROM _privacy WHERE name = 'erasure_key'`))[0]?.value;
  if (!key) {
    key = randomBytes(32).toString('hex');
    await engine.exec(`INSERT INTO _privacy VALUES ('erasure_key', $key)`, { key });
  }
  return createHmac('sha256', key).update(id).digest('hex');
}

async function countWhere(engine: Engine, table: string, where: string, id: string): Promise<number> {
  const r = await engine.all<{ n: number }>(`SELECT count(*) AS n FROM ${engine.dialect.ident(table)} WHERE ${where}`, subjectParams(id));
  return Number(r[0]?.n ?? 0);
}

/** Stored JSON documents holding quotes: persona sets and journey maps of every version, hand-made persona revisions. */
async function pruneStoredQuotes(engine: Engine, id: string, feedbackIds: Set<string>): Promise<{ quotes: number; versions: Set<number> }> {
  let quotes = 0;
  const versions = new Set<number>();
  const rows = await engine.all<{ version: number; personas: string; journeys: string | null }>(`SELECT version, personas, journeys FROM _versions ORDER BY version`);
  for (const r of rows) {
    const p = pruneQuotes(JSON.parse(r.personas) as unknown, feedbackIds, id);
    const j = r.journeys ? pruneQuotes(JSON.parse(r.journeys) as unknown, feedbackIds, id) : { doc: null, hits: [] };
    if (p.hits.length + j.hits.length === 0) continue;
    quotes += p.hits.length + j.hits.length;
    versions.add(Number(r.version));
    await updateRows(engine, '_versions', { personas: '$p', journeys: '$j' }, 'version = $v', {
      p: JSON.stringify(p.doc), j: j.doc === null ? null : JSON.stringify(j.doc), v: Number(r.version),
    });
  }
  if (await engine.tableExists('_handmade_personas')) {
    const hand = await engine.all<{ persona_id: string; revision: number; body: string }>(`SELECT persona_id, revision, body FROM _handmade_personas`);
    for (const h of hand) {
      const b = pruneQuotes(JSON.parse(h.body) as unknown, feedbackIds, id);
      if (!b.hits.length) continue;
      quotes += b.hits.length;
      await updateRows(engine, '_handmade_personas', { body: '$b' }, 'persona_id = $p AND revision = $r', { b: JSON.stringify(b.doc), p: h.persona_id, r: Number(h.revision) });
    }
  }
  return { quotes, versions };
}

/**
 * Erases everything the workspace holds on one customer, in one transaction: rows of every entity (leads linked by id),
 * derived per-customer rows, quarantine entries naming the id, assignments in every version and their quotes in stored
 * personas, journeys and hand-made personas. Affected versions are marked `needs_refresh`. Idempotent: a second call
 * finds nothing and says when the id was erased; an id never seen fails with `repository/not-found`.
 */
export async function forgetCustomer(engine: Engine, id: string, opts: { clock: Clock; actor: string }): Promise<ForgetResult> {
  const subject = id.trim();
  if (!subject) throw problem('usage/invalid', { message: 'a customer id is required' });
  await ensureVersionTables(engine);
  await ensureGovernanceTables(engine);
  await ensurePrivacyTables(engine);
  const result = await engine.transaction(async (): Promise<ForgetResult> => {
    const hash = await subjectHash(engine, subject);
    const tables = await subjectTables(engine);
    const rows: Record<string, number> = {};
    const feedbackIds = await feedbackIdsOf(engine, subject);
    const assigned = await engine.all<{ version: number }>(`SELECT DISTINCT version FROM _assignments WHERE customer_id = $subject`, subjectParams(subject));
    for (const t of tables) rows[t.table] = await countWhere(engine, t.table, t.where, subject);
    const hasQuarantine = await engine.tableExists('_quarantine');
    rows['_quarantine'] = hasQuarantine ? await countWhere(engine, '_quarantine', quarantineWhere(engine), subject) : 0;
    const pruned = await pruneStoredQuotes(engine, subject, feedbackIds);
    const total = Object.values(rows).reduce((a, b) => a + b, 0) + pruned.quotes;
    if (total === 0) {
      const before = await engine.all<{ at: string }>(`SELECT min(erased_at) AS "at" FROM _erasures WHERE subject = $h`, { h: hash });
      const at = before[0]?.at ?? null;
      if (at === null) throw problem('repository/not-found', { what: `customer "${subject}" in this workspace (no rows, quarantine entries, assignments or quotes hold that id)` });
      return { erased: false, rows, quotes: 0, versions: [], erased_at: at, audit_id: null };
    }
    for (const t of tables) if (rows[t.table]) await deleteRows(engine, t.table, t.where, subjectParams(subject));
    if (rows['_quarantine']) await deleteRows(engine, '_quarantine', quarantineWhere(engine), subjectParams(subject));
    const versions = [...new Set([...assigned.map((a) => Number(a.version)), ...pruned.versions])].sort((a, b) => a - b);
    for (const v of versions) await updateRows(engine, '_versions', { needs_refresh: `'erasure'` }, 'version = $v', { v });
    await clearLeadEvidence(engine); // counted from events that may be the subject's: counted again when next needed
    const now = opts.clock();
    await engine.exec(`INSERT INTO _erasures VALUES ($id, ${engine.dialect.timestamp('$at')}, $h)`, { id: await nextId(engine, '_erasures', 'erasure_id'), at: sqlTime(now), h: hash });
    // the audit entry says what was removed, never whose data it was
    const audit_id = await appendAudit(engine, opts.clock, {
      actor: opts.actor, action: 'erase', version: null,
      detail: { rows: Object.fromEntries(Object.entries(rows).filter(([, n]) => n > 0)), quotes: pruned.quotes, versions_marked_for_refresh: versions },
    });
    await debugPause('forget-commit');
    return { erased: true, rows, quotes: pruned.quotes, versions, erased_at: now.toISOString(), audit_id };
  });
  // deleted rows must not survive as bytes in the database file; a repeated call compacts again, finishing the work
  // of one killed after its commit
  await engine.compact?.();
  return result;
}
