// Reads a data file into DuckDB with its own readers: every column as text, each row's line number, reader rejects kept.
import type { StagedFile, StagedReject, StageFileOptions } from '../engine.js';
import type { DuckDbEngine } from './duckdb-engine.js';
import { duckdbDialect } from './duckdb-dialect.js';

const q = duckdbDialect.ident;
const lit = duckdbDialect.literal;

const REJECT_CODES: Record<string, string> = {
  'INVALID ENCODING': 'invalid-utf8',
  'MISSING COLUMNS': 'ragged-line',
  'TOO MANY COLUMNS': 'ragged-line',
  'UNQUOTED VALUE': 'bad-quoting',
  'LINE SIZE OVER MAXIMUM': 'line-too-long',
  CAST: 'bad-value',
};

let counter = 0;

async function readerRejects(engine: DuckDbEngine, rejectsTable: string): Promise<StagedReject[]> {
  const rows = await engine.all<{ line: number; error_type: string; error_message: string; csv_line: string }>(
    `SELECT line, first(error_type ORDER BY column_idx) AS error_type, first(error_message ORDER BY column_idx) AS error_message,
            first(csv_line) AS csv_line
       FROM ${q(rejectsTable)} GROUP BY line ORDER BY line`,
  );
  return rows.map((r) => ({
    line: Number(r.line),
    code: REJECT_CODES[r.error_type] ?? 'unreadable-line',
    message: r.error_type === 'INVALID ENCODING' ? 'line is not valid UTF-8' : `${r.error_message}`.split('\n')[0] ?? r.error_type,
    raw: r.csv_line ?? '',
  }));
}

/**
 * The view `table` exposes the text columns plus `__line`. For CSV the reader's rejected lines are not rows of the
 * staged table, so a good row's line is its ordinal + header + the rejected lines before it (multi-line quoted
 * fields count as one line).
 */
async function stageDelimited(engine: DuckDbEngine, opts: StageFileOptions, delim: string): Promise<StagedFile> {
  const n = ++counter;
  const raw = `${opts.table}__raw`;
  const rej = `__rejects_${process.pid}_${n}`;
  const scan = `__rejscan_${process.pid}_${n}`;
  await engine.exec(`DROP TABLE IF EXISTS ${q(raw)}; DROP VIEW IF EXISTS ${q(opts.table)}`);
  await engine.exec(
    `CREATE TABLE ${q(raw)} AS SELECT * FROM read_csv(${lit(opts.path)}, all_varchar = true, header = true,
       delim = ${lit(delim)}, quote = '"', escape = '"', store_rejects = true, rejects_table = ${lit(rej)},
       rejects_scan = ${lit(scan)}, strict_mode = true, null_padding = false, max_line_size = 16000000)`,
  );
  const rejects = await readerRejects(engine, rej);
  await engine.exec(`DROP TABLE IF EXISTS ${q(rej)}; DROP TABLE IF EXISTS ${q(scan)}`);
  const cols = (await engine.columns(raw)).map((c) => c.name);
  const good = Number((await engine.all(`SELECT count(*) AS n FROM ${q(raw)}`))[0]?.['n'] ?? 0);
  const select = cols.map(q).join(', ');
  if (rejects.length === 0) {
    await engine.exec(`CREATE VIEW ${q(opts.table)} AS SELECT rowid + 2 AS __line, ${select} FROM ${q(raw)}`);
  } else {
    // goodBefore_j = good rows before the j-th rejected line; rows at or after that ordinal shift by j lines
    const byGoodBefore = new Map<number, number>();
    rejects.forEach((r, j) => byGoodBefore.set(r.line - 2 - j, j + 1));
    const shifts = [...byGoodBefore].map(([g, s]) => `(${g}, ${s})`).join(', ');
    await engine.exec(
      `CREATE TABLE ${q(`${opts.table}__shift`)} AS SELECT * FROM (VALUES ${shifts}) AS t(good_before, shift)`,
    );
    await engine.exec(
      `CREATE VIEW ${q(opts.table)} AS SELECT s.rid + 2 + coalesce(h.shift, 0) AS __line, ${cols.map((c) => `s.${q(c)}`).join(', ')}
         FROM (SELECT rowid AS rid, * FROM ${q(raw)}) s ASOF LEFT JOIN ${q(`${opts.table}__shift`)} h ON s.rid >= h.good_before`,
    );
  }
  return { table: opts.table, columns: cols, records: good + rejects.length, rejects };
}

async function stageJsonLines(engine: DuckDbEngine, opts: StageFileOptions): Promise<StagedFile> {
  const n = ++counter;
  const raw = `${opts.table}__raw`;
  const rej = `__rejects_${process.pid}_${n}`;
  const scan = `__rejscan_${process.pid}_${n}`;
  await engine.exec(`DROP TABLE IF EXISTS ${q(raw)}; DROP VIEW IF EXISTS ${q(opts.table)}`);
  await engine.exec(
    `CREATE TABLE ${q(raw)} AS SELECT * FROM read_csv(${lit(opts.path)}, columns = {'__json': 'VARCHAR'},
       header = false, delim = '\u001e', quote = '', escape = '', auto_detect = false, store_rejects = true,
       rejects_table = ${lit(rej)}, rejects_scan = ${lit(scan)}, max_line_size = 16000000)`,
  );
  const readerRej = await readerRejects(engine, rej);
  await engine.exec(`DROP TABLE IF EXISTS ${q(rej)}; DROP TABLE IF EXISTS ${q(scan)}`);
  const lines = `(SELECT rowid + 1 AS __line, __json FROM ${q(raw)})`;
  const badJson = await engine.all<{ line: number; raw: string }>(
    `SELECT __line AS line, __json AS raw FROM ${lines}
      WHERE NOT coalesce(json_valid(__json), false) OR json_type(__json) <> 'OBJECT' ORDER BY __line`,
  );
  const keys = (
    await engine.all<{ k: string }>(
      `SELECT DISTINCT unnest(json_keys(__json)) AS k FROM ${q(raw)} WHERE json_valid(__json) AND json_type(__json) = 'OBJECT' ORDER BY k`,
    )
  ).map((r) => r.k);
  const select = keys.map((k) => `json_extract_string(__json, ${lit(`$."${k.replace(/"/g, '\\"')}"`)}) AS ${q(k)}`);
  await engine.exec(
    `CREATE VIEW ${q(opts.table)} AS SELECT __line${select.length ? ', ' + select.join(', ') : ''} FROM ${lines}
      WHERE json_valid(__json) AND json_type(__json) = 'OBJECT'`,
  );
  const total = Number((await engine.all(`SELECT count(*) AS n FROM ${q(raw)}`))[0]?.['n'] ?? 0);
  const rejects: StagedReject[] = [
    ...readerRej,
    ...badJson.map((r) => ({ line: Number(r.line), code: 'invalid-json', message: 'line is not a JSON object', raw: r.raw ?? '' })),
  ].sort((a, b) => a.line - b.line);
  return { table: opts.table, columns: keys, records: total + readerRej.length, rejects };
}

async function stageParquet(engine: DuckDbEngine, opts: StageFileOptions): Promise<StagedFile> {
  await engine.exec(`DROP VIEW IF EXISTS ${q(opts.table)}`);
  const src = `read_parquet(${lit(opts.path)}, file_row_number = true)`;
  const cols = (await engine.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${src}`))
    .map((r) => r.column_name)
    .filter((c) => c !== 'file_row_number');
  await engine.exec(
    `CREATE VIEW ${q(opts.table)} AS SELECT file_row_number + 1 AS __line, ${cols
      .map((c) => `CAST(${q(c)} AS VARCHAR) AS ${q(c)}`)
      .join(', ')} FROM ${src}`,
  );
  const records = Number((await engine.all(`SELECT count(*) AS n FROM ${src}`))[0]?.['n'] ?? 0);
  return { table: opts.table, columns: cols, records, rejects: [] };
}

async function stageJsonArray(engine: DuckDbEngine, opts: StageFileOptions): Promise<StagedFile> {
  const raw = `${opts.table}__raw`;
  await engine.exec(`DROP TABLE IF EXISTS ${q(raw)}; DROP VIEW IF EXISTS ${q(opts.table)}`);
  await engine.exec(
    `CREATE TABLE ${q(raw)} AS SELECT * FROM read_json(${lit(opts.path)}, format = 'array', records = true, sample_size = -1)`,
  );
  const cols = (await engine.columns(raw)).map((c) => c.name);
  await engine.exec(
    `CREATE VIEW ${q(opts.table)} AS SELECT rowid + 1 AS __line, ${cols
      .map((c) => `CAST(${q(c)} AS VARCHAR) AS ${q(c)}`)
      .join(', ')} FROM ${q(raw)}`,
  );
  const records = Number((await engine.all(`SELECT count(*) AS n FROM ${q(raw)}`))[0]?.['n'] ?? 0);
  return { table: opts.table, columns: cols, records, rejects: [] };
}

export async function stageDuckDbFile(engine: DuckDbEngine, opts: StageFileOptions): Promise<StagedFile> {
  switch (opts.format) {
    case 'csv':
      return stageDelimited(engine, opts, ',');
    case 'tsv':
      return stageDelimited(engine, opts, '\t');
    case 'jsonl':
      return stageJsonLines(engine, opts);
    case 'json':
      return stageJsonArray(engine, opts);
    case 'parquet':
      return stageParquet(engine, opts);
  }
}

/** Drops the staging view and its helper tables. */
export async function dropDuckDbStage(engine: DuckDbEngine, table: string): Promise<void> {
  await engine.exec(
    `DROP VIEW IF EXISTS ${q(table)}; DROP TABLE IF EXISTS ${q(`${table}__shift`)}; DROP TABLE IF EXISTS ${q(`${table}__raw`)}`,
  );
}
