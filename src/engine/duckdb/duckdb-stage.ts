// Reads a data file into DuckDB with its own readers: every column as text, each row's line number, reader rejects kept.
import type { StagedFile, StagedReject, StageFileOptions } from '../engine.js';
import './staged-order.js';
import type { DuckDbEngine } from './duckdb-engine.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { readHeader, recordLines, textShape, type LineRun } from './csv-record-lines.js';

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

interface RejectRow {
  line: number;
  byte: number;
  code: string;
  message: string;
  raw: string;
}

async function rejectRows(engine: DuckDbEngine, rejectsTable: string): Promise<RejectRow[]> {
  const rows = await engine.all<{ line: number; byte: number | null; error_type: string; error_message: string; csv_line: string }>(
    `SELECT line, first(line_byte_position ORDER BY column_idx) AS byte, first(error_type ORDER BY column_idx) AS error_type,
            first(error_message ORDER BY column_idx) AS error_message, first(csv_line) AS csv_line
       FROM ${q(rejectsTable)} GROUP BY line ORDER BY line`,
  );
  return rows.map((r) => ({
    line: Number(r.line),
    byte: Number(r.byte ?? -1),
    code: REJECT_CODES[r.error_type] ?? 'unreadable-line',
    message: r.error_type === 'INVALID ENCODING' ? 'line is not valid UTF-8' : (`${r.error_message}`.split('\n')[0] ?? r.error_type),
    raw: r.csv_line ?? '',
  }));
}

/** A table of (from, delta) runs and the SQL of `__line` for a row with 0-based good-row ordinal `rn`. */
async function lineExpr(engine: DuckDbEngine, table: string, runs: LineRun[], rn: string): Promise<{ join: string; expr: string }> {
  if (runs.length === 0 || (runs.length === 1 && runs[0]?.from === 0)) return { join: '', expr: `${rn} + ${runs[0]?.delta ?? 2}` };
  const name = `${table}__shift`;
  await engine.exec(`CREATE TABLE ${q(name)} (rn_from BIGINT, delta BIGINT)`);
  await engine.insertRows(name, ['rn_from', 'delta'], runs.map((r) => [r.from, r.delta]));
  return { join: `ASOF LEFT JOIN ${q(name)} h ON ${rn} >= h.rn_from`, expr: `${rn} + h.delta` };
}

/**
 * The view `table` reads the file again on every use (reading is cheap, writing a text copy is not) and numbers the
 * good rows in file order. A first scan finds the reader's rejects and whether any field spans lines; when records and
 * lines drift apart (rejects, multi-line fields, blank lines) each record's physical line is found by a quote-aware walk.
 */
async function stageDelimited(engine: DuckDbEngine, opts: StageFileOptions, delim: string): Promise<StagedFile> {
  const n = ++counter;
  const rej = `__rejects_${process.pid}_${n}`;
  const scan = `__rejscan_${process.pid}_${n}`;
  const gzip = opts.path.toLowerCase().endsWith('.gz');
  // the header is read here and the columns given, so that DuckDB's sniffer never guesses on a small dirty file
  const cols = await readHeader(opts.path, gzip, delim);
  const columns = `{${cols.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}`;
  const reader = (extra: string): string =>
    `read_csv(${lit(opts.path)}, columns = ${columns}, header = true, auto_detect = false, delim = ${lit(delim)}, quote = '"',
       escape = '"', strict_mode = true, null_padding = false, max_line_size = 4000000, ${extra})`;
  await engine.exec(`DROP VIEW IF EXISTS ${q(opts.table)}; DROP TABLE IF EXISTS ${q(`${opts.table}__shift`)}`);
  const shape = await textShape(opts.path, gzip);
  if (!shape.quote && !shape.blankLine) {
    // no field can span lines and no line is blank: records are lines, so the loader's own read can collect the rejects
    const ordered = `${opts.table}__ordered`;
    const pendingRej = `${rej}_pending`;
    await engine.exec(
      `CREATE VIEW ${q(opts.table)} AS SELECT row_number() OVER () + 1 AS __line, * FROM ${reader('ignore_errors = true')};
       CREATE VIEW ${q(ordered)} AS SELECT * FROM ${reader(`store_rejects = true, rejects_table = ${lit(pendingRej)}, rejects_scan = ${lit(`${scan}_pending`)}`)}`,
    );
    const staged: StagedFile = { table: opts.table, columns: cols, records: 0, rejects: [] };
    staged.ordered = {
      table: ordered,
      firstLine: 2,
      pending: async () => {
        const found = (await engine.tableExists(pendingRej)) ? await rejectRows(engine, pendingRej) : [];
        await engine.exec(`DROP TABLE IF EXISTS ${q(pendingRej)}; DROP TABLE IF EXISTS ${q(`${scan}_pending`)}`);
        // reject j on line L: the good rows before it are L - 2 - j, and later rows move down by j + 1 lines
        const runs = [{ from: 0, delta: 2 }, ...found.map((r, j) => ({ from: r.line - 2 - j, delta: 3 + j }))];
        return { rejects: found.map((r) => ({ line: r.line, code: r.code, message: r.message, raw: r.raw })), runs };
      },
    };
    return staged;
  }
  const blank = shape.blankLine;
  const nl = cols.map((c) => `contains(${q(c)}, chr(10))`).join(' OR ') || 'FALSE';
  const stats = await engine.all<{ good: number; multiline: number }>(
    `SELECT count(*) AS good, count(*) FILTER (WHERE ${nl}) AS multiline
       FROM ${reader(`store_rejects = true, rejects_table = ${lit(rej)}, rejects_scan = ${lit(scan)}`)}`,
  );
  const good = Number(stats[0]?.good ?? 0);
  const multiline = Number(stats[0]?.multiline ?? 0);
  const found = await rejectRows(engine, rej);
  await engine.exec(`DROP TABLE IF EXISTS ${q(rej)}; DROP TABLE IF EXISTS ${q(scan)}`);
  let runs: LineRun[] = [{ from: 0, delta: 2 }];
  const rejects: StagedReject[] = found.map((r) => ({ line: r.line, code: r.code, message: r.message, raw: r.raw }));
  if (found.length > 0 || multiline > 0 || blank) {
    const walked = await recordLines(opts.path, gzip, found.map((r) => r.byte));
    runs = walked.runs;
    walked.rejectLines.forEach((l, i) => {
      const r = rejects[i];
      if (r && l > 0) r.line = l;
    });
  }
  const line = await lineExpr(engine, opts.table, runs, 's.__rn');
  await engine.exec(
    `CREATE VIEW ${q(opts.table)} AS SELECT ${line.expr} AS __line, ${cols.map((c) => `s.${q(c)}`).join(', ')}
       FROM (SELECT row_number() OVER () - 1 AS __rn, * FROM ${reader('ignore_errors = true')}) s ${line.join}`,
  );
  const staged: StagedFile = { table: opts.table, columns: cols, records: good + rejects.length, rejects };
  const first = runs[0];
  if (runs.length === 1 && first?.from === 0) {
    // row_number() makes DuckDB read on one thread; this view reads in parallel and keeps file order for the loader
    const ordered = `${opts.table}__ordered`;
    await engine.exec(`CREATE VIEW ${q(ordered)} AS SELECT ${cols.map(q).join(', ')} FROM ${reader('ignore_errors = true')}`);
    staged.ordered = { table: ordered, firstLine: first.delta };
  }
  return staged;
}

/** JSON Lines: each line read as one text value, then parsed; blank lines are not records. */
async function stageJsonLines(engine: DuckDbEngine, opts: StageFileOptions): Promise<StagedFile> {
  const n = ++counter;
  const raw = `${opts.table}__raw`;
  const rej = `__rejects_${process.pid}_${n}`;
  const scan = `__rejscan_${process.pid}_${n}`;
  await engine.exec(`DROP TABLE IF EXISTS ${q(raw)}; DROP VIEW IF EXISTS ${q(opts.table)}; DROP TABLE IF EXISTS ${q(`${opts.table}__shift`)}`);
  await engine.exec(
    `CREATE TABLE ${q(raw)} AS SELECT * FROM read_csv(${lit(opts.path)}, columns = {'__json': 'VARCHAR'},
       header = false, delim = '\u001e', quote = '', escape = '', auto_detect = false, store_rejects = true,
       rejects_table = ${lit(rej)}, rejects_scan = ${lit(scan)}, max_line_size = 4000000)`,
  );
  const readerRej = (await rejectRows(engine, rej)).map((r) => ({ line: r.line, code: r.code, message: r.message, raw: r.raw }));
  await engine.exec(`DROP TABLE IF EXISTS ${q(rej)}; DROP TABLE IF EXISTS ${q(scan)}`);
  // lines are records here (no quoting), so the reader's line numbers are physical: good row k is line k + 1 + rejects before it
  const runs: LineRun[] = [{ from: 0, delta: 1 }];
  readerRej.forEach((r, j) => runs.push({ from: r.line - 1 - j, delta: j + 2 }));
  return stageJsonValues(engine, opts, runs, readerRej);
}

/** The view over a `__raw` table of JSON texts (one per record): one text column per key of the objects; other values are rejects. */
async function stageJsonValues(engine: DuckDbEngine, opts: StageFileOptions, runs: LineRun[], readerRej: StagedReject[]): Promise<StagedFile> {
  const raw = `${opts.table}__raw`;
  const line = await lineExpr(engine, opts.table, runs, 's.rid');
  const lines = `(SELECT ${line.expr} AS __line, s.__json FROM (SELECT rowid AS rid, __json FROM ${q(raw)}) s ${line.join})`;
  // CASE, not AND: DuckDB may evaluate json_type on text that is not JSON, which throws
  const isObject = `(CASE WHEN json_valid(__json) THEN json_type(__json) = 'OBJECT' ELSE FALSE END)`;
  const blank = `coalesce(trim(__json), '') = ''`;
  const badJson = await engine.all<{ line: number; raw: string }>(
    `SELECT __line AS line, __json AS raw FROM ${lines} WHERE NOT (${blank}) AND NOT coalesce(${isObject}, false) ORDER BY __line`,
  );
  const keys = (
    await engine.all<{ k: string }>(`SELECT DISTINCT unnest(json_keys(__json)) AS k FROM ${q(raw)} WHERE ${isObject} ORDER BY k`)
  ).map((r) => r.k);
  // column names are case-insensitive in DuckDB: keys differing only in case ("Tier", "tier") get distinct names
  const seen = new Set<string>();
  const names = keys.map((k, i) => {
    let name = k;
    while (seen.has(name.toLowerCase())) name = `${name}_${i + 1}`;
    seen.add(name.toLowerCase());
    return name;
  });
  const select = keys.map((k, i) => `json_extract_string(__json, ${lit(`$."${k.replace(/"/g, '\\"')}"`)}) AS ${q(names[i] as string)}`);
  await engine.exec(
    `CREATE VIEW ${q(opts.table)} AS SELECT __line${select.length ? ', ' + select.join(', ') : ''} FROM ${lines} WHERE ${isObject}`,
  );
  const nonBlank = Number((await engine.all(`SELECT count(*) AS n FROM ${q(raw)} WHERE NOT (${blank})`))[0]?.['n'] ?? 0);
  const rejects: StagedReject[] = [
    ...readerRej,
    ...badJson.map((r) => ({ line: Number(r.line), code: 'invalid-json', message: 'line is not a JSON object', raw: r.raw ?? '' })),
  ].sort((a, b) => a.line - b.line);
  return { table: opts.table, columns: names, records: nonBlank + readerRej.length, rejects };
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

/** A JSON array of records: element k is "line" k + 1. */
async function stageJsonArray(engine: DuckDbEngine, opts: StageFileOptions): Promise<StagedFile> {
  const raw = `${opts.table}__raw`;
  await engine.exec(`DROP TABLE IF EXISTS ${q(raw)}; DROP VIEW IF EXISTS ${q(opts.table)}; DROP TABLE IF EXISTS ${q(`${opts.table}__shift`)}`);
  await engine.exec(
    `CREATE TABLE ${q(raw)} AS SELECT CAST(json AS VARCHAR) AS __json FROM read_json(${lit(opts.path)}, format = 'array', records = false, columns = {json: 'JSON'}, maximum_object_size = 64000000)`,
  );
  return stageJsonValues(engine, opts, [{ from: 0, delta: 1 }], []);
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
    `DROP VIEW IF EXISTS ${q(table)}; DROP VIEW IF EXISTS ${q(`${table}__ordered`)}; DROP TABLE IF EXISTS ${q(`${table}__shift`)};
     DROP TABLE IF EXISTS ${q(`${table}__raw`)}`,
  );
}
