// Test helpers for ingest suites: a real DuckDB workspace in a temp dir, file writers (plain, gzip, Parquet) and table readers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { workspaceConfigSchema, type WorkspaceConfig } from '../../src/contract/workspace-config.js';
import type { EntityName } from '../../src/contract/entities.js';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFiles, type FileReport, type IngestReport } from '../../src/ingest/ingest.js';
import { listQuarantine, type QuarantinedRow } from '../../src/ingest/status.js';

export interface Bench {
  dir: string;
  engine: DuckDbEngine;
  config: WorkspaceConfig;
  /** writes a file in the temp dir and returns its path */
  write(name: string, content: string | Buffer): string;
  /** writes gzip-compressed content */
  writeGz(name: string, content: string | Buffer): string;
  ingest(files: string[], opts?: { entity?: EntityName; mappings?: Record<string, Record<string, string>> }): Promise<IngestReport>;
  quarantine(entity?: string): Promise<QuarantinedRow[]>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function openBench(): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-ingest-test-'));
  const engine = await DuckDbEngine.open({ path: join(dir, 'db.duckdb'), memoryLimit: '500MB', threads: 2 });
  const config = workspaceConfigSchema.parse({});
  const b: Bench = {
    dir,
    engine,
    config,
    write(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    writeGz(name, content) {
      const p = join(dir, name);
      writeFileSync(p, gzipSync(typeof content === 'string' ? Buffer.from(content) : content));
      return p;
    },
    async ingest(files, opts = {}) {
      if (opts.mappings) config.mappings = { ...config.mappings, ...opts.mappings };
      return ingestFiles(engine, files, { config, ...(opts.entity ? { entity: opts.entity } : {}) });
    },
    async quarantine(entity) {
      return (await listQuarantine(engine, entity ? { entity, limit: 100000 } : { limit: 100000 })).rows;
    },
    rows: (sql) => engine.all(sql),
    async count(table) {
      return Number((await engine.all(`SELECT count(*) AS n FROM ${table}`))[0]?.['n'] ?? 0);
    },
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return b;
}

/** The report of the one file whose path ends with `suffix`. */
export function fileReport(report: IngestReport, suffix: string): FileReport {
  const f = report.files.find((x) => x.file.endsWith(suffix));
  if (!f) throw new Error(`no report for ${suffix}: ${report.files.map((x) => x.file).join(', ')}`);
  return f;
}

/** rows = ingested + quarantined + duplicates, for every file of a report. */
export function addsUp(report: IngestReport): boolean {
  return report.files.every((f) => f.rows === f.ingested + f.quarantined + f.duplicates);
}

/** quarantine rows as compact `line:code` strings, for one file. */
export function codes(rows: QuarantinedRow[], suffix: string): string[] {
  return rows.filter((r) => r.file.endsWith(suffix)).map((r) => `${r.line}:${r.code}`);
}
