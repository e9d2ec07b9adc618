// Every lead's events as scoring evidence, kept in the workspace (`_lead_evidence`): written by the build, brought up to
// date by a scoring run after an ingest (only the leads with new events are counted again), read back by batch and
// server scoring instead of aggregating the events again.
import { createHash } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/table-ops.js';
import type { StageRule, WorkspaceConfig } from '../contract/workspace-config.js';
import { compileModel, type CompiledModel } from '../analysis/scoring/compile.js';
import type { ScoringModel } from '../analysis/scoring/scoring-model.js';
import { effectiveRules } from '../analysis/journeys/stage-rules.js';
import { allLeadEvidence, EvidenceStore, leadEvidenceWhere } from '../analysis/scoring/lead-events.js';
import { rulesForStoredEvents } from '../analysis/journeys/stored-stage-rules.js';
import { readIfExists } from './scoring-store.js';

/** Characters of base64 per stored part (the bytes are kept as text: every engine stores and returns it unchanged). */
const PART_CHARS = 1 << 20;

/** What kept evidence was counted from: the model and rules (`key`), and the events as they were (count, latest ingest). */
export interface EvidenceMeta {
  key: string;
  events: number;
  ingest: number | null;
}

/** How `leadEvidenceFor` got its store. */
export type EvidenceSource = 'kept' | 'updated' | 'counted';

const COLUMNS = ['evidence_key', 'events', 'ingest', 'part', 'bytes'];

/** Whether `_lead_evidence` exists in the current layout (an earlier one, with a single key column, holds nothing usable). */
async function keptTable(engine: Engine): Promise<'current' | 'earlier' | 'none'> {
  if (!(await engine.tableExists('_lead_evidence'))) return 'none';
  return (await engine.columns('_lead_evidence')).map((c) => c.name).join() === COLUMNS.join() ? 'current' : 'earlier';
}

export async function ensureLeadEvidenceTable(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  // a table of an earlier layout holds nothing worth keeping: made again
  if ((await keptTable(engine)) === 'earlier') await engine.exec(d.dropTable('_lead_evidence'));
  await engine.exec(
    d.createTable('_lead_evidence', [`evidence_key ${t.text}`, `events ${t.bigint}`, `ingest ${t.int}`, `part ${t.int}`, `bytes ${t.text}`], { ifNotExists: true }),
  );
}

/** The events as they are: how many, and the latest ingest (of any entity). */
export async function eventsState(engine: Engine): Promise<{ events: number; ingest: number | null }> {
  const n = (await readIfExists<{ n: number }>(engine, `SELECT count(*) AS n FROM events`))[0]?.n ?? -1;
  const i = (await readIfExists<{ i: number | null }>(engine, `SELECT max(ingest_id) AS i FROM _ingests`))[0]?.i ?? null;
  return { events: Number(n), ingest: i === null ? null : Number(i) };
}

/** Changes when lead events may have changed: the number of events and the latest ingest. */
export async function eventsFingerprint(engine: Engine): Promise<string> {
  const s = await eventsState(engine);
  return `${s.events}|${s.ingest ?? ''}`;
}

/**
 * What kept evidence is counted by: the model's event cells and blocks, and the stage rules of the configuration. A model
 * with other cells or edited rules gives another key, and the evidence is counted again.
 */
export function leadEvidenceKey(c: CompiledModel, rules: readonly StageRule[]): string {
  const counted = { cells: c.events.cells.map((x) => [x.block, x.stage, x.value]), blocks: c.events.blocks.map((b) => [b.field, b.unit]) };
  return createHash('sha256').update(JSON.stringify([counted, rules])).digest('hex');
}

/** What the kept evidence was counted from, or null (none kept). */
export async function keptEvidenceMeta(engine: Engine): Promise<EvidenceMeta | null> {
  if ((await keptTable(engine)) !== 'current') return null;
  const r = (await engine.all<{ k: string; e: number; i: number | null }>(`SELECT evidence_key AS k, events AS e, ingest AS i FROM _lead_evidence WHERE part = 0`))[0];
  return r ? { key: r.k, events: Number(r.e), ingest: r.i === null ? null : Number(r.i) } : null;
}

/** The kept evidence, or null (none kept, unreadable). */
export async function loadLeadEvidence(engine: Engine): Promise<EvidenceStore | null> {
  if ((await keptTable(engine)) !== 'current') return null;
  const rows = await engine.all<{ bytes: string }>(`SELECT bytes FROM _lead_evidence ORDER BY part`);
  if (rows.length === 0) return null;
  const parts = rows.map((r) => Buffer.from(r.bytes, 'base64'));
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  // one aligned block in shared memory: the views of the store need 8-byte alignment, and a worker reads it uncopied
  const bytes = new Uint8Array(new SharedArrayBuffer(total));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return EvidenceStore.fromBytes(bytes);
}

/** Keeps `store` as counted from `meta`, replacing whatever evidence was kept before (one set per workspace), in one transaction. */
export async function saveLeadEvidence(engine: Engine, meta: EvidenceMeta, store: EvidenceStore): Promise<void> {
  const bytes = store.toBytes();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  await ensureLeadEvidenceTable(engine);
  await engine.transaction(async () => {
    await clearLeadEvidence(engine);
    for (let part = 0, at = 0; at < text.length || part === 0; part++, at += PART_CHARS) {
      await engine.exec(`INSERT INTO _lead_evidence VALUES ($k, $e, $i, $p, $b)`, {
        k: meta.key, e: meta.events, i: meta.ingest, p: part, b: text.slice(at, at + PART_CHARS),
      });
    }
  });
}

/** Drops the kept evidence (an erasure: what was derived from a subject's events goes with them). */
export async function clearLeadEvidence(engine: Engine): Promise<void> {
  if (await engine.tableExists('_lead_evidence')) await deleteRows(engine, '_lead_evidence', '1 = 1');
}

/**
 * A build's lead evidence under its new model (null when the model has no event cells: scoring reads no events then),
 * with what it was counted from, to be saved with the version.
 */
export async function countLeadEvidence(engine: Engine, model: ScoringModel, config: WorkspaceConfig): Promise<{ meta: EvidenceMeta; store: EvidenceStore } | null> {
  const c = compileModel(model);
  if (c.events.cells.length === 0) return null;
  const rules = effectiveRules(config.journeys.stage_rules);
  const meta = { key: leadEvidenceKey(c, rules), ...(await eventsState(engine)) };
  return { meta, store: await allLeadEvidence(engine, c, await rulesForStoredEvents(engine, rules)) };
}

/** The evidence of the leads with events in ingests after `since`, from all their events (copied once to a small table). */
async function newEventsEvidence(engine: Engine, c: CompiledModel, rules: readonly StageRule[], since: { since: number }): Promise<EvidenceStore> {
  const d = engine.dialect;
  const table = `__lead_events_new_${process.pid}`;
  await engine.exec(d.dropTable(table));
  try {
    await engine.exec(
      d.createTableAs(
        table,
        // the columns the evidence and the stage rules read
        `SELECT anonymous_id, occurred_at, session_id, stage, event, url, channel, content_type FROM events
          WHERE anonymous_id IN (SELECT anonymous_id FROM events WHERE __ingest > $since AND anonymous_id IS NOT NULL)`,
        { temporary: true },
      ),
      since,
    );
    return await leadEvidenceWhere(engine, c, rules, d.bool(true), {}, table);
  } finally {
    await engine.exec(d.dropTable(table));
  }
}

/**
 * Every lead's events as evidence under model `c`:
 * - the kept set when it was counted by this model and rules from the events as they are (`kept`);
 * - after ingests (events only added since, every one in an ingest newer than the kept set): the kept set with the
 *   leads of the new events counted again, kept in its place (`updated`);
 * - else (none kept, another model or rules, events erased) counted from all events and kept (`counted`).
 * `keep: false` only counts; `onSource` says which it was; `saveLater` gets the keeping of a new set to await later (the
 * caller scores meanwhile, on no statement of this engine until it has awaited it).
 */
export async function leadEvidenceFor(
  engine: Engine, c: CompiledModel, rules: readonly StageRule[],
  opts: { keep?: boolean; onSource?: (source: EvidenceSource) => void; saveLater?: (saving: Promise<void>) => void } = {},
): Promise<EvidenceStore> {
  const key = leadEvidenceKey(c, rules);
  const now = await eventsState(engine);
  const meta: EvidenceMeta = { key, ...now };
  const kept = await keptEvidenceMeta(engine);
  const source = (s: EvidenceSource, store: EvidenceStore): EvidenceStore => {
    opts.onSource?.(s);
    return store;
  };
  // kept now, or (saveLater) while the caller goes on: it then owns the promise and must await it
  const keep = async (store: EvidenceStore): Promise<void> => {
    if (opts.keep === false) return;
    const saving = saveLeadEvidence(engine, meta, store);
    if (!opts.saveLater) return saving;
    saving.catch(() => undefined); // surfaces where the caller awaits it
    opts.saveLater(saving);
  };
  if (kept && kept.key === key && kept.events === now.events && kept.ingest === now.ingest) {
    const store = await loadLeadEvidence(engine);
    if (store) return source('kept', store);
  }
  const stored = await rulesForStoredEvents(engine, rules);
  if (kept && kept.key === key && kept.ingest !== null && now.ingest !== null && kept.ingest < now.ingest) {
    // events are only ever added by ingests (erasures drop the kept set): the kept count plus the newer rows must be all
    const since = { since: kept.ingest };
    const added = Number((await engine.all<{ n: number }>(`SELECT count(*) AS n FROM events WHERE __ingest > $since`, since))[0]?.n ?? -1);
    const base = kept.events + added === now.events ? await loadLeadEvidence(engine) : null;
    if (base) {
      const updates = added ? await newEventsEvidence(engine, c, stored, since) : new EvidenceStore();
      const store = updates.size ? EvidenceStore.merged(base, updates) : base;
      await keep(store);
      return source('updated', store);
    }
  }
  const store = await allLeadEvidence(engine, c, stored);
  await keep(store);
  return source('counted', store);
}
