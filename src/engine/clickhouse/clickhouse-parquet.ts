// Parquet on ClickHouse 18.16 (no Parquet format there): an in-memory DuckDB reads the file, rows stream over as text.
import { Readable } from 'node:stream';
import type { Row, StagedFile, StageFileOptions } from '../engine.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { DuckDbEngine } from '../duckdb/duckdb-engine.js';

export async function stageParquetVia(engine: ClickHouseEngine, opts: StageFileOptions): Promise<StagedFile> {
  const q = engine.dialect.ident;
  const duck = await DuckDbEngine.open({ path: ':memory:', memoryLimit: '512MB' });
  try {
    const src = `read_parquet(${duck.dialect.literal(opts.path)}, file_row_number = true)`;
    const cols = (await duck.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${src}`)).map((r) => r.column_name).filter((c) => c !== 'file_row_number');
    const raw = `${opts.table}__raw`;
    await engine.exec(`DROP TABLE IF EXISTS ${q(opts.table)}; DROP TABLE IF EXISTS ${q(raw)}`);
    const names = ['__line', ...cols];
    await engine.exec(
      `CREATE TABLE ${q(raw)} (__line Int64${cols.map((c) => `, ${q(c)} Nullable(String)`).join('')}) ENGINE = MergeTree ORDER BY tuple()`,
    );
    // the same text DuckDB's own stage gives each value (CAST … AS VARCHAR)
    const select = `SELECT file_row_number + 1 AS __line${cols.map((c) => `, CAST(${duck.dialect.ident(c)} AS VARCHAR) AS ${duck.dialect.ident(c)}`).join('')} FROM ${src}`;
    let records = 0;
    const queue: Record<string, unknown>[][] = [];
    let done = false;
    let wake: (() => void) | null = null;
    const reading = duck
      .stream(select, undefined, async (rows: Row[]) => {
        records += rows.length;
        queue.push(rows.map((r) => Object.fromEntries(names.map((k) => [k, r[k] ?? null]))));
        wake?.();
        // backpressure: let the insert catch up
        while (queue.length > 8) await new Promise<void>((res) => setTimeout(res, 5));
      })
      .finally(() => {
        done = true;
        wake?.();
      });
    const body = Readable.from(
      (async function* () {
        for (;;) {
          const next = queue.shift();
          if (next !== undefined) yield* next;
          else if (done) return;
          else await new Promise<void>((res) => (wake = res));
        }
      })(),
    );
    await engine.insertStream(raw, names, body, 'JSONEachRow');
    await reading;
    await engine.exec(`CREATE VIEW ${q(opts.table)} AS SELECT * FROM ${q(raw)}`);
    return { table: opts.table, columns: cols, records, rejects: [] };
  } finally {
    await duck.close();
  }
}
