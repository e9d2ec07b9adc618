// Ingests files into the engine: stage with the engine's own reader, check the contract in SQL, load, quarantine, report.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ENTITIES, ENTITY_NAMES, LOAD_ORDER, isEntityName, type EntityName } from '../contract/entities.js';
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import type { Engine, StagedFile } from '../engine/engine.js';
import { problem } from '../shared/problems.js';
import { buildChecks, checkNumberSql, typedValueSql } from './checks.js';
import { mapColumns, type ColumnMapping } from './column-map.js';
import { detectFormat, entityFromHeader, entityFromName } from './detect.js';
import { prepareFile } from './prepare-file.js';
import { ensureBaseTables, ensureEntityTable, nextIngestId } from './storage.js';
import { checkReferences } from './references.js';

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

export type IngestProgress = { phase: 'stage' | 'check' | 'load' | 'references' | 'done'; file?: string; index: number; total: number };

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
  cleanup: () => void;
}

export async function ingestFiles(engine: Engine, files: string[], opts: IngestOptions): Promise<IngestReport> {
  await ensureBaseTables(engine);
  for (const f of files) if (!existsSync(f) || !statSync(f).isFile()) throw problem('ingest/missing-file', { file: f });
  const ingestId = await nextIngestId(engine);
  await engine.exec(`INSERT INTO _ingests VALUES (${ingestId}, now()::TIMESTAMP, NULL, ${files.length}, 'running')`.replace('now()::TIMESTAMP', engine.kind === 'duckdb' ? 'now()::TIMESTAMP' : 'now()'));
  const total = files.length;
  const planned: Planned[] = [];
  try {
    // stage every file first so that a bad header fails the ingest before anything is loaded
    for (const [i, path] of files.entries()) {
      opts.onProgress?.({ phase: 'stage', file: path, index: i, total });
      const kind = detectFormat(path);
      const prepared = await prepareFile(path, kind);
      const table = `_stage_${ingestId}_${i}`;
      const staged = await engine.stageFile({ path: prepared.path, format: kind.format, table });
      const entity = opts.entity ?? entityFromName(path) ?? entityFromHeader(staged.columns, opts.config.mappings);
      if (!entity || !isEntityName(entity)) {
        await engine.dropStaged(table);
        prepared.cleanup();
        throw problem('ingest/unknown-entity', { file: path, known: ENTITY_NAMES });
      }
      const map = mapColumns(path, entity, staged.columns, opts.config.mappings[entity] ?? {});
      planned.push({ path, entity, staged, map, cleanup: prepared.cleanup });
    }
    planned.sort((a, b) => LOAD_ORDER.indexOf(a.entity) - LOAD_ORDER.indexOf(b.entity));
    const reports = await engine.transaction(async () => {
      const out: FileReport[] = [];
      for (const [i, p] of planned.entries()) {
        opts.onProgress?.({ phase: 'load', file: p.path, index: i, total });
        out.push(await loadStaged(engine, ingestId, p));
      }
      opts.onProgress?.({ phase: 'references', index: total, total });
      const refQuarantined = await checkReferences(engine, ingestId);
      for (const r of out) {
        const n = refQuarantined.get(`${r.entity}\u0000${r.file}`) ?? 0;
        r.ingested -= n;
        r.quarantined += n;
      }
      for (const r of out)
        await engine.exec(
          `INSERT INTO _ingest_files VALUES ($id, $file, $entity, $format, $bytes, $rows, $ingested, $quarantined, $duplicates, $extras)`,
          {
            id: ingestId, file: r.file, entity: r.entity, format: detectFormat(r.file).format, bytes: statSync(r.file).size,
            rows: r.rows, ingested: r.ingested, quarantined: r.quarantined, duplicates: r.duplicates, extras: r.extras.join(','),
          },
        );
      await engine.exec(`UPDATE _ingests SET finished_at = now()::TIMESTAMP, status = 'done' WHERE ingest_id = ${ingestId}`);
      return out;
    });
    opts.onProgress?.({ phase: 'done', index: total, total });
    return { ingestId, files: reports };
  } catch (e) {
    await engine.exec(`UPDATE _ingests SET finished_at = now()::TIMESTAMP, status = 'failed' WHERE ingest_id = ${ingestId}`).catch(() => undefined);
    throw e;
  } finally {
    for (const p of planned) {
      await engine.dropStaged(p.staged.table).catch(() => undefined);
      p.cleanup();
    }
  }
}

async function loadStaged(engine: Engine, ingestId: number, p: Planned): Promise<FileReport> {
  const d = engine.dialect;
  const spec = ENTITIES[p.entity];
  const file = resolve(p.path);
  const extras = [...p.map.extras.keys()];
  await ensureEntityTable(engine, p.entity, extras);
  // re-ingesting a file replaces its earlier quarantine entries instead of piling them up
  await engine.exec(`DELETE FROM _quarantine WHERE file = $file AND entity = $entity`, { file, entity: p.entity });
  const checks = buildChecks(d, p.entity, p.map);
  const checkNo = checkNumberSql(checks);
  const stage = `${d.ident(p.staged.table)} s`;
  const srcCols = p.staged.columns.map((c) => `s.${d.ident(c)}`);
  const rawText = d.joinText(srcCols, p.staged.columns.length ? (detectFormat(p.path).format === 'tsv' ? '\t' : ',') : ',');
  const params = { id: ingestId, file, entity: p.entity };

  // reader rejects (ragged lines, invalid UTF-8, invalid JSON)
  if (p.staged.rejects.length)
    await engine.insertRows(
      '_quarantine',
      ['ingest_id', 'entity', 'file', 'line', 'code', 'column', 'message', 'raw'],
      p.staged.rejects.map((r) => [ingestId, p.entity, file, r.line, r.code, null, r.message, r.raw]),
    );
  // contract checks
  if (checks.length) {
    const codes = `CASE __check ${checks.map((c, i) => `WHEN ${i + 1} THEN ${d.literal(c.code)}`).join(' ')} END`;
    const columns = `CASE __check ${checks.map((c, i) => `WHEN ${i + 1} THEN ${c.column === null ? 'NULL' : d.literal(c.column)}`).join(' ')} END`;
    const messages = `CASE __check ${checks.map((c, i) => `WHEN ${i + 1} THEN ${c.message}`).join(' ')} END`;
    await engine.exec(
      `INSERT INTO _quarantine SELECT $id, $entity, $file, __line, ${codes}, ${columns}, ${messages}, __raw
         FROM (SELECT s.*, ${checkNo} AS __check, ${rawText} AS __raw FROM ${stage}) s WHERE __check <> 0`,
      params,
    );
  }
  const inQuarantine = Number(
    (await engine.all(`SELECT count(*) AS n FROM _quarantine WHERE file = $file AND entity = $entity AND ingest_id = $id`, params))[0]?.['n'] ?? 0,
  );
  const checkFailed = inQuarantine - p.staged.rejects.length;

  // load the rows that pass: typed, keyed, first occurrence only, not already present
  const keyCol = spec.key !== undefined ? p.map.canonical.get(spec.key) : undefined;
  const hash = d.hashText(srcCols);
  const keyExpr = keyCol !== undefined ? `coalesce(NULLIF(trim(s.${d.ident(keyCol)}), ''), ${hash})` : hash;
  const targetCols: string[] = [];
  const values: string[] = [];
  for (const c of spec.columns) {
    const src = p.map.canonical.get(c.name);
    if (src === undefined) continue;
    targetCols.push(d.ident(c.name));
    const e = `s.${d.ident(src)}`;
    values.push(c.values ? `lower(trim(${e}))` : typedValueSql(d, c.type, e));
  }
  for (const [name, src] of p.map.extras) {
    targetCols.push(d.ident(name));
    values.push(`NULLIF(s.${d.ident(src)}, '')`);
  }
  targetCols.push('__key', '__ingest', '__file', '__line');
  values.push('s.__key', '$id', '$file', 's.__line');
  const before = Number((await engine.all(`SELECT count(*) AS n FROM ${d.ident(p.entity)}`))[0]?.['n'] ?? 0);
  await engine.exec(
    `INSERT INTO ${d.ident(p.entity)} (${targetCols.join(', ')})
     SELECT ${values.join(', ')} FROM (
       SELECT s.*, ${keyExpr} AS __key FROM ${stage} WHERE ${checkNo} = 0
     ) s
     WHERE NOT EXISTS (SELECT 1 FROM ${d.ident(p.entity)} t WHERE t.__key = s.__key)
     QUALIFY row_number() OVER (PARTITION BY s.__key ORDER BY s.__line) = 1`,
    { id: ingestId, file },
  );
  const after = Number((await engine.all(`SELECT count(*) AS n FROM ${d.ident(p.entity)}`))[0]?.['n'] ?? 0);
  const ingested = after - before;
  const quarantined = p.staged.rejects.length + checkFailed;
  const rows = p.staged.records;
  return { file, entity: p.entity, rows, ingested, quarantined, duplicates: rows - ingested - quarantined, extras };
}

export { basename };
