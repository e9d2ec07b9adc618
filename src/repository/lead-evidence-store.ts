// Every lead's events as scoring evidence, kept in the workspace (`_lead_evidence`): written by the build (and by a scoring
// run that found the events changed), read back by batch and server scoring instead of aggregating the events again.
import { createHash } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/table-ops.js';
import type { StageRule, WorkspaceConfig } from '../contract/workspace-config.js';
import { compileModel, type CompiledModel } from '../analysis/scoring/compile.js';
import type { ScoringModel } from '../analysis/scoring/scoring-model.js';
import { effectiveRules } from '../analysis/journeys/stage-rules.js';
import { allLeadEvidence, EvidenceStore } from '../analysis/scoring/lead-events.js';
import { rulesForStoredEvents } from '../analysis/journeys/stored-stage-rules.js';
import { readIfExists } from './scoring-store.js';

/** Characters of base64 per stored part (the bytes are kept as text: every engine stores and returns it unchanged). */
const PART_CHARS = 1 << 20;

export async function ensureLeadEvidenceTable(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  await engine.exec(d.createTable('_lead_evidence', [`evidence_key ${t.text}`, `part ${t.int}`, `bytes ${t.text}`], { ifNotExists: true }));
}

/** Changes when lead events may have changed: the number of events and the latest ingest. */
export async function eventsFingerprint(engine: Engine): Promise<string> {
  const n = (await readIfExists<{ n: number }>(engine, `SELECT count(*) AS n FROM events`))[0]?.n ?? -1;
  const i = (await readIfExists<{ i: number | null }>(engine, `SELECT max(ingest_id) AS i FROM _ingests`))[0]?.i ?? null;
  return `${Number(n)}|${i ?? ''}`;
}

/**
 * What kept evidence must match to be used: what the evidence is counted by (the model's event cells and blocks), the
 * stage rules of the configuration and the events' fingerprint. A change to any (a model with other cells, edited rules,
 * an ingest, an erasure) gives a new key, and the evidence is counted again.
 */
export function leadEvidenceKey(c: CompiledModel, rules: readonly StageRule[], fingerprint: string): string {
  const counted = { cells: c.events.cells.map((x) => [x.block, x.stage, x.value]), blocks: c.events.blocks.map((b) => [b.field, b.unit]) };
  return createHash('sha256').update(JSON.stringify([counted, rules, fingerprint])).digest('hex');
}

/** The evidence kept under `key`, or null (none kept, another key, unreadable). */
export async function loadLeadEvidence(engine: Engine, key: string): Promise<EvidenceStore | null> {
  const rows = await readIfExists<{ bytes: string }>(engine, `SELECT bytes FROM _lead_evidence WHERE evidence_key = $k ORDER BY part`, { k: key });
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

/** Keeps `store` under `key`, replacing whatever evidence was kept before (one set per workspace), in one transaction. */
export async function saveLeadEvidence(engine: Engine, key: string, store: EvidenceStore): Promise<void> {
  const bytes = store.toBytes();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  await ensureLeadEvidenceTable(engine);
  await engine.transaction(async () => {
    await clearLeadEvidence(engine);
    for (let part = 0, at = 0; at < text.length || part === 0; part++, at += PART_CHARS) {
      await engine.exec(`INSERT INTO _lead_evidence VALUES ($k, $p, $b)`, { k: key, p: part, b: text.slice(at, at + PART_CHARS) });
    }
  });
}

/**
 * A build's lead evidence under its new model (null when the model has no event cells: scoring reads no events then),
 * with its key, to be saved with the version.
 */
export async function countLeadEvidence(engine: Engine, model: ScoringModel, config: WorkspaceConfig): Promise<{ key: string; store: EvidenceStore } | null> {
  const c = compileModel(model);
  if (c.events.cells.length === 0) return null;
  const rules = effectiveRules(config.journeys.stage_rules);
  const key = leadEvidenceKey(c, rules, await eventsFingerprint(engine));
  return { key, store: await allLeadEvidence(engine, c, await rulesForStoredEvents(engine, rules)) };
}

/** Drops the kept evidence (an erasure: what was derived from a subject's events goes with them). */
export async function clearLeadEvidence(engine: Engine): Promise<void> {
  if (await engine.tableExists('_lead_evidence')) await deleteRows(engine, '_lead_evidence', '1 = 1');
}

/**
 * Every lead's events as evidence under model `c`: the kept set when its key still matches, else counted from the
 * events now and kept for the next run (`keep: false` only counts). `fingerprint`: the events' one, when the caller has it.
 */
export async function leadEvidenceFor(
  engine: Engine, c: CompiledModel, rules: readonly StageRule[], opts: { keep?: boolean; fingerprint?: string } = {},
): Promise<EvidenceStore> {
  const key = leadEvidenceKey(c, rules, opts.fingerprint ?? (await eventsFingerprint(engine)));
  const kept = await loadLeadEvidence(engine, key);
  if (kept) return kept;
  const store = await allLeadEvidence(engine, c, await rulesForStoredEvents(engine, rules));
  if (opts.keep !== false) await saveLeadEvidence(engine, key, store);
  return store;
}
