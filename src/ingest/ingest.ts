// Ingests files into the engine: stage with the engine's own reader, check the contract in SQL, load, quarantine, report.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENTITY_NAMES, LOAD_ORDER, isEntityName, type EntityName } from '../contract/entities.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import type { Engine, FileFormat, StagedFile } from '../engine/engine.js';
import { updateRows } from '../engine/table-ops.js';
import { debugPause } from '../shared/debug-pause.js';
import { isProblem, problem } from '../shared/problems.js';
import { mapColumns, type ColumnMapping } from './column-map.js';
import { detectFormat, entityFromHeader, entityFromName } from './detect.js';
import { prepareFile } from './prepare-file.js';
import { buildLoadTable, finishLoad, loadTableNames, type LoadTable } from './load-file.js';
import { ensureBaseTables, nextIngestId } from './storage.js';

export interface FileReport {
  file: string;
  entity: EntityName;
  rows: number;
  ingested: number;
  quarantined: number;
  duplicates: number;
  /** extra columns kept as attributes */
  extras: string[];
}

export interface IngestReport {
  ingestId: number;
  files: FileReport[];
}

export type IngestProgress = { phase: 'stage' | 'load' | 'done'; file?: string; index: number; total: number };

export interface IngestOptions {
  entity?: EntityName;
  config: WorkspaceConfig;
  onProgress?: (p: IngestProgress) => void;
}

interface Planned {
  path: string;
  entity: EntityName;
  staged: StagedFile;
  map: ColumnMapping;
  format: FileFormat;
  cleanup: () => void;
}

/** The first line of a reader's error, without the engine's error class and the file name it repeats. */
function readerDetail(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/^[A-Za-z ]*Error: /, '').replace(/File '[^']*' /, 'file ');
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}

/** Engine errors that come from a file reader rather than from our SQL. */
const READER_FAILURE = /^(Invalid Input Error|Invalid Error|IO Error|Parser Error: Error reading)|TProtocolException|Parquet|CSV/;

/** Readers are lazy (a Parquet file's pages, a CSV's later blocks): a file that breaks them while loading is refused whole. */
const refuseUnreadable = (path: string) => (e: unknown): never => {
  const message = isProblem(e) && e.code === 'engine/error' ? String((e.params as { message?: unknown }).message ?? e.message) : '';
  if (READER_FAILURE.test(message)) throw problem('ingest/unreadable-file', { file: path, detail: readerDetail(message) });
  throw e;
};

/** Ingests running in this process (their staging tables are in use). */
const active = new Set<number>();

/**
 * An ingest killed midway (its log row still says running) rolled back its loads but leaves its staging views and
 * tables: dropped here, and the ingest marked interrupted. Only where the engine has transactions, i.e. one process
 * writes the workspace at a time, so a running ingest of another process cannot exist.
 */
async function clearInterrupted(engine: Engine): Promise<void> {
  if (!engine.dialect.capabilities.transactions) return;
  const dead = (await engine.all<{ id: number; files: number }>(`SELECT ingest_id AS id, files FROM _ingests WHERE status = 'running'`))
    .filter((r) => !active.has(Number(r.id)));
  for (const r of dead) {
    for (let i = 0; i < Number(r.files); i++) {
      await engine.dropStaged(`_stage_${r.id}_${i}`);
      for (const t of loadTableNames(`_stage_${r.id}_${i}`)) await engine.exec(engine.dialect.dropTable(t));
    }
    await updateRows(engine, '_ingests', { status: `'interrupted'` }, `ingest_id = ${Number(r.id)}`);
  }
}

export async function ingestFiles(engine: Engine, files: string[], opts: IngestOptions): Promise<IngestReport> {
  await ensureBaseTables(engine);
  for (const f of files) if (!existsSync(f) || !statSync(f).isFile()) throw problem('ingest/missing-file', { file: f });
  await clearInterrupted(engine);
  const ingestId = await nextIngestId(engine);
  active.add(ingestId);
  await engine.exec(`INSERT INTO _ingests VALUES (${ingestId}, ${engine.dialect.now()}, NULL, ${files.length}, 'running')`);
  const total = files.length;
  const planned: Planned[] = [];
  try {
    // stage every file first so that a bad header fails the ingest before anything is loaded
    for (const [i, path] of files.entries()) {
      opts.onProgress?.({ phase: 'stage', file: path, index: i, total });
      const kind = detectFormat(path);
      const prepared = await prepareFile(path, kind);
      const table = `_stage_${ingestId}_${i}`;
      const staged = await engine.stageFile({ path: prepared.path, format: prepared.format, table }).catch(async (e: unknown) => {
        prepared.cleanup();
        await engine.dropStaged(table).catch(() => undefined);
        // the reader gave up on the whole file (a truncated Parquet file, a CSV its parser cannot follow): say so, load nothing
        if (isProblem(e) && e.code === 'engine/error') throw problem('ingest/unreadable-file', { file: path, detail: readerDetail(String((e.params as { message?: unknown }).message ?? e.message)) });
        throw e;
      });
      const entity = opts.entity ?? entityFromName(path) ?? entityFromHeader(staged.columns, opts.config.mappings);
      if (!entity || !isEntityName(entity)) {
        await engine.dropStaged(table);
        prepared.cleanup();
        throw problem('ingest/unknown-entity', { file: path, known: ENTITY_NAMES });
      }
      const map = mapColumns(path, entity, staged.columns, opts.config.mappings[entity] ?? {});
      planned.push({ path, entity, staged, map, format: prepared.format, cleanup: prepared.cleanup });
    }
    planned.sort((a, b) => LOAD_ORDER.indexOf(a.entity) - LOAD_ORDER.indexOf(b.entity));
    await debugPause('ingest-staged');
    // the load tables are written before the transaction (see buildLoadTable); references to entities of this ingest
    // are checked inside it, once their rows are in
    const tables: LoadTable[] = [];
    const loadedBefore = new Set<EntityName>();
    for (const [i, p] of planned.entries()) {
      opts.onProgress?.({ phase: 'load', file: p.path, index: i, total });
      const file = resolve(p.path);
      tables.push(
        await buildLoadTable(engine, { ingestId, file, entity: p.entity, staged: p.staged, map: p.map, delimiter: p.format === 'tsv' ? '\t' : ',', loadedBefore: new Set(loadedBefore) })
          .catch(refuseUnreadable(p.path)),
      );
      loadedBefore.add(p.entity);
    }
    const reports = await engine.transaction(async () => {
      const out: FileReport[] = [];
      for (const [i, t] of tables.entries()) {
        const counts = await finishLoad(engine, t).catch(refuseUnreadable(planned[i]?.path ?? t.input.file));
        out.push({ file: t.input.file, entity: t.input.entity, ...counts });
        if (i === 0) await debugPause('ingest-load');
      }
      // staging goes with the commit: a crash after it leaves none behind
      for (const p of planned) await engine.dropStaged(p.staged.table);
      for (const r of out)
        await engine.exec(
          `INSERT INTO _ingest_files VALUES ($id, $file, $entity, $format, $bytes, $rows, $ingested, $quarantined, $duplicates, $extras)`,
          {
            id: ingestId, file: r.file, entity: r.entity, format: detectFormat(r.file).format, bytes: statSync(r.file).size,
            rows: r.rows, ingested: r.ingested, quarantined: r.quarantined, duplicates: r.duplicates, extras: r.extras.join(','),
          },
        );
      await updateRows(engine, '_ingests', { finished_at: engine.dialect.now(), status: `'done'` }, `ingest_id = ${ingestId}`);
      await debugPause('ingest-commit');
      return out;
    });
    await debugPause('ingest-committed');
    opts.onProgress?.({ phase: 'done', index: total, total });
    return { ingestId, files: reports };
  } catch (e) {
    await updateRows(engine, '_ingests', { finished_at: engine.dialect.now(), status: `'failed'` }, `ingest_id = ${ingestId}`).catch(() => undefined);
    throw e;
  } finally {
    active.delete(ingestId);
    for (const p of planned) {
      await engine.dropStaged(p.staged.table).catch(() => undefined);
      for (const t of loadTableNames(p.staged.table)) await engine.exec(engine.dialect.dropTable(t)).catch(() => undefined);
      p.cleanup();
    }
  }
}

