// The embedded DuckDB engine (the only module that imports @duckdb/node-api).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Engine, Params, Row, SqlParam, StagedFile, StagedReject, StageFileOptions, ColumnInfo } from '../engine.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { problem } from '../../shared/problems.js';
import { debugPause } from '../../shared/debug-pause.js';

export interface DuckDbOptions {
  /** database file, or ':memory:' */
  path: string;
  memoryLimit?: string;
  threads?: number;
  tempDirectory?: string;
}

function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = toPlain(x);
    return o;
  }
  return v;
}

function wrap(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  return problem('engine/error', { message });
}

const q = duckdbDialect.ident;
const lit = duckdbDialect.literal;

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** bytes of a DuckDB memory size such as "1200MB" or "1.5 GiB"; null when unreadable */
export function bytesOf(size: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(size);
  const unit = UNITS[(m?.[2] || 'b').toLowerCase()];
  return m && unit !== undefined ? Number(m[1]) * unit : null;
}

export class DuckDbEngine implements Engine {
  readonly kind = 'duckdb' as const;
  readonly dialect = duckdbDialect;
  private depth = 0;

  private constructor(
    private instance: DuckDBInstance,
    private conn: DuckDBConnection,
    private readonly opts: DuckDbOptions,
  ) {}

  private static async connect(opts: DuckDbOptions): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
    const config: Record<string, string> = {};
    if (opts.memoryLimit) config['memory_limit'] = opts.memoryLimit;
    if (opts.threads) config['threads'] = String(opts.threads);
    if (opts.tempDirectory) config['temp_directory'] = opts.tempDirectory;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(opts.path, config);
    } catch (e) {
      throw wrap(e);
    }
    const conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
    return { instance, conn };
  }

  static async open(opts: DuckDbOptions): Promise<DuckDbEngine> {
    const { instance, conn } = await DuckDbEngine.connect(opts);
    return new DuckDbEngine(instance, conn, opts);
  }

  /**
   * DuckDB marks deleted rows and frees dropped tables' blocks without overwriting them, so erased text stays in the
   * file until the blocks are reused. Copies the database into a fresh file (committed data only) and swaps it in; a
   * kill before the rename leaves the old file untouched (and the next compaction removes the partial copy).
   */
  async compact(): Promise<void> {
    const path = this.opts.path;
    if (path === ':memory:') return;
    const tmp = `${path}.compact`;
    for (const f of [tmp, `${tmp}.wal`]) rmSync(f, { force: true });
    await this.exec('CHECKPOINT');
    const db = (await this.all<{ d: string }>('SELECT current_database() AS d'))[0]?.d ?? 'main';
    await this.exec(`ATTACH ${lit(tmp)} AS __compact`);
    try {
      await this.exec(`COPY FROM DATABASE ${q(db)} TO __compact`);
    } finally {
      await this.exec('DETACH __compact');
    }
    await debugPause('compact-swap');
    this.conn.closeSync();
    this.instance.closeSync();
    // everything committed is in the copy: the old file's log must not be replayed onto it
    rmSync(`${path}.wal`, { force: true });
    renameSync(tmp, path);
    // another process waiting for the workspace may get in first: wait for it like any opener, with the waiting
    // marker of repository/workspace-lock.ts so that a server under steady traffic lets go
    const marker = join(dirname(path), `.waiting-${process.pid}`);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          ({ instance: this.instance, conn: this.conn } = await DuckDbEngine.connect(this.opts));
          return;
        } catch (e) {
          if (attempt >= 600 || !/lock/i.test(e instanceof Error ? e.message : String(e))) throw e;
          if (attempt === 0) writeFileSync(marker, '');
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      rmSync(marker, { force: true });
    }
  }

  async withMemoryLimit<T>(limit: string, fn: () => Promise<T>): Promise<T> {
    const configured = this.opts.memoryLimit;
    const wanted = bytesOf(limit);
    // never above the configured cap (an unreadable size is left alone)
    if (wanted === null || (configured !== undefined && (bytesOf(configured) ?? 0) <= wanted)) return fn();
    await this.exec(`SET memory_limit = ${lit(limit)}`);
    try {
      return await fn();
    } finally {
      await this.exec(configured === undefined ? 'RESET memory_limit' : `SET memory_limit = ${lit(configured)}`);
    }
  }

  async withUnorderedRows<T>(fn: () => Promise<T>): Promise<T> {
    // parallel writes skip the bookkeeping that keeps rows in order (~6% of the journeys' scans at 50M events)
    const before = (await this.all<{ v: unknown }>(`SELECT current_setting('preserve_insertion_order') AS v`))[0]?.v;
    if (before === false) return fn();
    await this.exec('SET preserve_insertion_order = false');
    try {
      return await fn();
    } finally {
      await this.exec('SET preserve_insertion_order = true');
    }
  }

  async exec(sql: string, params?: Params): Promise<void> {
    try {
      if (params && Object.keys(params).length) await this.conn.run(sql, params as Record<string, SqlParam>);
      else await this.conn.run(sql);
    } catch (e) {
      throw wrap(e);
    }
  }

  async all<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader =
        params && Object.keys(params).length ? await this.conn.runAndReadAll(sql, params) : await this.conn.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((r) => toPlain(r) as T);
    } catch (e) {
      throw wrap(e);
    }
  }

  async stream(sql: string, params: Params | undefined, onRows: (rows: Row[]) => void | Promise<void>): Promise<void> {
    // the columnar stream, each chunk turned into one object per row
    await this.streamColumns(sql, params, (columns, n) => {
      const names = Object.keys(columns);
      const rows: Row[] = [];
      for (let i = 0; i < n; i++) {
        const r: Row = {};
        for (const name of names) r[name] = (columns[name] as unknown[])[i];
        rows.push(r);
      }
      return onRows(rows);
    });
  }

  async streamColumns(sql: string, params: Params | undefined, onChunk: (columns: Record<string, unknown[]>, rows: number) => void | Promise<void>): Promise<void> {
    try {
      const result = params && Object.keys(params).length ? await this.conn.stream(sql, params) : await this.conn.stream(sql);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const names = result.columnNames();
        const cols = chunk.getColumns();
        const out: Record<string, unknown[]> = {};
        names.forEach((name, j) => {
          const values = cols[j] as unknown[];
          // numbers, strings and NULLs are plain already: only other values (bigints, dates, lists) are converted
          for (let i = 0; i < values.length; i++) {
            const v = values[i];
            if (v !== null && typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') values[i] = toPlain(v);
          }
          out[name] = values;
        });
        await onChunk(out, chunk.rowCount);
      }
    } catch (e) {
      throw wrap(e);
    }
  }

  async insertRows(table: string, columns: string[], rows: readonly (readonly SqlParam[])[]): Promise<void> {
    if (rows.length === 0) return;
    const batch = 1000;
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      const values = part
        .map((r) => `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? lit(v) : String(v))).join(', ')})`)
        .join(',\n');
      await this.exec(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${values}`);
    }
  }

  async tableExists(name: string): Promise<boolean> {
    const r = await this.all(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $name`, { name });
    return Number(r[0]?.['n']) > 0;
  }

  async columns(table: string): Promise<ColumnInfo[]> {
    const r = await this.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position`,
      { t: table },
    );
    return r;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    this.depth++;
    await this.exec('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.exec('COMMIT');
      return out;
    } catch (e) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      this.depth--;
    }
  }

  async stageFile(opts: StageFileOptions): Promise<StagedFile> {
    const { stageDuckDbFile } = await import('./duckdb-stage.js');
    return stageDuckDbFile(this, opts);
  }

  async dropStaged(table: string): Promise<void> {
    const { dropDuckDbStage } = await import('./duckdb-stage.js');
    await dropDuckDbStage(this, table);
  }

  async close(): Promise<void> {
    try {
      this.conn.closeSync();
      this.instance.closeSync();
    } catch {
      // closing twice is harmless
    }
  }
}

export type { StagedFile, StagedReject };
export const fileSize = (p: string): number => statSync(p).size;
