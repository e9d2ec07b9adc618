// `subject-export`: everything a workspace holds on one customer (rows, derived rows, quarantine entries, persona assignments, attributed quotes) as one JSON document.
import type { Engine, Row } from '../engine/engine.js';
import { problem } from '../shared/problems.js';
import { appendAudit } from './audit-log.js';
import type { Clock } from './clock.js';
import { subjectHash } from './forget.js';
import { ensureVersionTables } from './version-store.js';
import { DERIVED_TABLES, feedbackIdsOf, pruneQuotes, quarantineWhere, subjectParams, subjectTables } from './subject-data.js';

export interface SubjectQuote {
  /** `personas` / `journeys` of a version, or a hand-made persona revision */
  document: 'personas' | 'journeys' | 'handmade';
  version: number | null;
  persona_id: string | null;
  /** JSON path inside the document */
  path: string;
  text: string;
  feedback_id: string | null;
}

export interface SubjectExport {
  customer_id: string;
  exported_at: string;
  /** rows of each data entity, as stored (lineage columns `__file`, `__line` say where each came from) */
  entities: Record<string, Row[]>;
  /** rows computed from the data by builds: features, the latest segments, assignments */
  derived: Record<string, Row[]>;
  /** quarantined lines naming the id */
  quarantine: Row[];
  /** the customer's persona in each stored version */
  assignments: { version: number; status: string; segment: number | null; persona_id: string | null; persona_name: string | null }[];
  quotes: SubjectQuote[];
}

/**
 * Collects the export and audits it (a read of personal data: who exported which subject, when). The entry names the
 * subject by the workspace's keyed hash of the id, never the id: `forget` leaves audit entries as they are, so an id
 * there would outlive the erasure. An id the workspace holds nothing on fails with `repository/not-found`, unaudited
 * (nothing was read).
 */
export async function exportSubject(engine: Engine, id: string, opts: { clock: Clock; actor: string }): Promise<SubjectExport> {
  const subject = id.trim();
  if (!subject) throw problem('usage/invalid', { message: 'a customer id is required' });
  await ensureVersionTables(engine);
  const entities: Record<string, Row[]> = {};
  const derived: Record<string, Row[]> = {};
  for (const t of await subjectTables(engine)) {
    const rows = await engine.all(`SELECT * FROM ${engine.dialect.ident(t.table)} WHERE ${t.where}`, subjectParams(subject));
    ((DERIVED_TABLES as readonly string[]).includes(t.table) ? derived : entities)[t.table] = rows;
  }
  const quarantine = (await engine.tableExists('_quarantine'))
    ? await engine.all(`SELECT * FROM _quarantine WHERE ${quarantineWhere(engine)} ORDER BY ingest_id, file, line`, subjectParams(subject))
    : [];
  const versions = await engine.all<{ version: number; status: string; personas: string; journeys: string | null }>(`SELECT version, status, personas, journeys FROM _versions ORDER BY version`);
  const assigned = new Map(
    (await engine.all<{ version: number; segment: number | null; persona_id: string | null }>(`SELECT version, segment, persona_id FROM _assignments WHERE customer_id = $subject`, subjectParams(subject)))
      .map((a) => [Number(a.version), a]),
  );
  const feedbackIds = await feedbackIdsOf(engine, subject);
  const assignments: SubjectExport['assignments'] = [];
  const quotes: SubjectQuote[] = [];
  for (const v of versions) {
    const version = Number(v.version);
    const personas = JSON.parse(v.personas) as { id: string; name: string }[];
    const a = assigned.get(version);
    if (a)
      assignments.push({
        version, status: v.status, segment: a.segment === null ? null : Number(a.segment), persona_id: a.persona_id,
        persona_name: personas.find((p) => p.id === a.persona_id)?.name ?? null,
      });
    personas.forEach((p, i) => {
      for (const h of pruneQuotes(p, feedbackIds, subject).hits) quotes.push({ document: 'personas', version, persona_id: p.id, path: `[${i}]${h.path}`, text: h.text, feedback_id: h.feedback_id });
    });
    if (v.journeys)
      for (const h of pruneQuotes(JSON.parse(v.journeys) as unknown, feedbackIds, subject).hits)
        quotes.push({ document: 'journeys', version, persona_id: null, path: h.path, text: h.text, feedback_id: h.feedback_id });
  }
  if (await engine.tableExists('_handmade_personas'))
    for (const r of await engine.all<{ persona_id: string; revision: number; body: string }>(`SELECT persona_id, revision, body FROM _handmade_personas ORDER BY persona_id, revision`))
      for (const h of pruneQuotes(JSON.parse(r.body) as unknown, feedbackIds, subject).hits)
        quotes.push({ document: 'handmade', version: Number(r.revision), persona_id: r.persona_id, path: h.path, text: h.text, feedback_id: h.feedback_id });
  const held = Object.values(entities).some((r) => r.length) || Object.values(derived).some((r) => r.length) || quarantine.length > 0 || quotes.length > 0;
  if (!held) throw problem('repository/not-found', { what: `customer "${subject}" in this workspace (no rows, quarantine entries, assignments or quotes hold that id)` });
  const exported_at = opts.clock().toISOString();
  await engine.transaction(async () => {
    await appendAudit(engine, opts.clock, { actor: opts.actor, action: 'subject-export', version: null, detail: { subject_hash: await subjectHash(engine, subject) } });
  });
  return { customer_id: subject, exported_at, entities, derived, quarantine, assignments, quotes };
}
