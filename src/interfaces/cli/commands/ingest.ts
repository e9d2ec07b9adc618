// `archetype ingest FILES…`: load files per the data contract; prints the per-file report (rows = ingested + quarantined + duplicates).
import type { Command } from 'commander';
import { isEntityName, ENTITY_NAMES, type EntityName } from '../../../contract/entities.js';
import { ingestFiles, type IngestReport } from '../../../ingest/ingest.js';
import { writeConfig } from '../../../workspace/workspace.js';
import { problem } from '../../../shared/problems.js';
import { appendAudit } from '../../../repository/audit-log.js';
import { clockFromEnv } from '../../../repository/clock.js';
import type { Engine } from '../../../engine/engine.js';
import { withWorkspace } from '../context.js';
import { actor } from './governance.js';
import { fmtNumber, printJson, progress, table, type GlobalOptions } from '../output.js';

function parseMaps(maps: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of maps) {
    const i = m.indexOf('=');
    if (i <= 0) throw problem('ingest/bad-mapping', { mapping: m });
    out[m.slice(0, i).trim()] = m.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return out;
}

export function printIngestReport(report: IngestReport): void {
  const rows = report.files.map((f) => [f.file, f.entity, f.rows, f.ingested, f.quarantined, f.duplicates, f.rows === f.ingested + f.quarantined + f.duplicates ? 'yes' : 'NO']);
  process.stdout.write(table(rows.map((r) => r.map((c) => (typeof c === 'number' ? fmtNumber(c) : c))), ['file', 'entity', 'rows', 'ingested', 'quarantined', 'duplicates', 'adds up']) + '\n');
  const q = report.files.reduce((s, f) => s + f.quarantined, 0);
  if (q > 0) process.stdout.write(`\n${fmtNumber(q)} row(s) quarantined: see \`archetype quarantine\`\n`);
}

/**
 * The ingest's audit entry, once its report is final: an ingest commits file by file (resumable after a kill), so the
 * entry follows the last commit rather than sharing one transaction; counts and file names only, never row contents.
 */
async function auditIngest(engine: Engine, report: IngestReport, by: string, mappings?: Record<string, string>): Promise<void> {
  await appendAudit(engine, clockFromEnv(), {
    actor: by, action: 'ingest', version: null,
    detail: {
      ingest_id: report.ingestId,
      files: report.files.map((f) => ({ file: f.file, entity: f.entity, ingested: f.ingested, quarantined: f.quarantined, duplicates: f.duplicates })),
      ...(mappings ? { mappings } : {}),
    },
  });
}

export function registerIngest(program: Command, globals: () => GlobalOptions): void {
  program
    .command('ingest')
    .argument('<files...>', 'CSV, TSV, JSON Lines or Parquet files (optionally .gz)')
    .option('--entity <entity>', `force the entity (${ENTITY_NAMES.join(', ')})`)
    .option('--map <mapping...>', 'column mapping canonical="Source column", saved to archetype.yaml')
    .option('--source <source>', 'notes (.md, .txt): feedback source of each note (default interview)')
    .option('--customer <id>', 'notes (.md, .txt): the interviewed customer (unless the note says otherwise)')
    .option('--by <name>', 'who ingests, for the audit log (default: ARCHETYPE_USER, else the login name)')
    .description('load files per the data contract; bad rows are quarantined with a reason')
    .action(async (files: string[], o: { entity?: string; map?: string[]; source?: string; customer?: string; by?: string }) => {
      const g = globals();
      const by = actor(o.by);
      const { isNoteFile, ingestNotes } = await import('../../../ingest/notes.js');
      const notes = files.filter((f) => isNoteFile(f, o.source !== undefined || o.customer !== undefined));
      if (notes.length) {
        // interview notes: one feedback row per file (see src/ingest/notes.ts)
        if (notes.length !== files.length) throw problem('usage/invalid', { message: 'ingest notes (.md, .txt) and data files in separate commands' });
        if (o.entity !== undefined && o.entity !== 'feedback') throw problem('usage/invalid', { message: 'notes are ingested as feedback (--entity feedback)' });
        return withWorkspace(g, async (ws) => {
          const report = await ingestNotes(ws.engine, notes, { config: ws.config, ...(o.source ? { source: o.source } : {}), ...(o.customer ? { customer: o.customer } : {}) });
          await auditIngest(ws.engine, report, by);
          if (g.json) printJson({ ingest_id: report.ingestId, files: report.files.map((f) => ({ file: f.file, entity: f.entity, rows: f.rows, ingested: f.ingested, quarantined: f.quarantined, duplicates: f.duplicates })) });
          else printIngestReport(report);
        });
      }
      if (o.entity !== undefined && !isEntityName(o.entity))
        throw problem('usage/invalid', { message: `unknown entity "${o.entity}" (one of ${ENTITY_NAMES.join(', ')})` });
      await withWorkspace(g, async (ws) => {
        if (o.map?.length) {
          if (!o.entity && files.length !== 1)
            throw problem('usage/invalid', { message: '--map needs --entity when several files are given' });
          const { entityFromName } = await import('../../../ingest/detect.js');
          const entity = (o.entity ?? entityFromName(files[0] as string)) as EntityName | undefined;
          if (!entity) throw problem('usage/invalid', { message: '--map needs --entity: the entity cannot be told from the file name' });
          ws.config.mappings[entity] = { ...(ws.config.mappings[entity] ?? {}), ...parseMaps(o.map) };
        }
        const bar = progress(g.json);
        const report = await ingestFiles(ws.engine, files, {
          config: ws.config,
          ...(o.entity ? { entity: o.entity as EntityName } : {}),
          onProgress: (p) => bar.update(p.index, p.total, `${p.phase}${p.file ? ` ${p.file}` : ''}`),
        });
        bar.stop();
        // saved once it has worked: a mapping that fails must not break every later ingest of the entity
        if (o.map?.length) writeConfig(ws.dir, ws.config);
        await auditIngest(ws.engine, report, by, o.map?.length ? parseMaps(o.map) : undefined);
        if (g.json)
          printJson({
            ingest_id: report.ingestId,
            files: report.files.map((f) => ({ file: f.file, entity: f.entity, rows: f.rows, ingested: f.ingested, quarantined: f.quarantined, duplicates: f.duplicates, extra_columns: f.extras })),
          });
        else printIngestReport(report);
      });
    });
}
