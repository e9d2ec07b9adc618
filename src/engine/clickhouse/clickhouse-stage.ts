// Reads a data file into ClickHouse: records streamed as raw text lines, split into text fields by the server, rejects kept.
import { createReadStream, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { StagedFile, StagedReject, StageFileOptions } from '../engine.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { RecordSplitter } from './clickhouse-records.js';
import { readHeader } from '../duckdb/csv-record-lines.js';

/** DuckDB's reader refuses longer lines (max_line_size); the same limit here keeps the quarantine alike. */
const MAX_LINE = 4_000_000;

function source(path: string): NodeJS.ReadableStream {
  const s = createReadStream(path, { highWaterMark: 4 << 20 });
  return path.toLowerCase().endsWith('.gz') ? s.pipe(createGunzip()) : s;
}

/** A regex matching one field and its delimiter: a quoted field ("" inside), or an unquoted one (a quote only past its start). */
function fieldPattern(delim: string): string {
  const d = delim === '\t' ? '\\t' : delim;
  return `("(?:[^"]|"")*"|[^${d}"][^${d}]*|)${d}`;
}

/**
 * CSV / TSV. The raw table holds each record's text; the staged view splits it: `splitByChar` when it has no quote,
 * else the field pattern (which must then cover the whole record). Records that are not valid UTF-8, too long, badly
 * quoted or with another number of fields than the header are the reader's rejects, found by one query.
 */
async function stageDelimited(engine: ClickHouseEngine, opts: StageFileOptions, delim: string): Promise<StagedFile> {
  const d = engine.dialect;
  const q = d.ident;
  const gzip = opts.path.toLowerCase().endsWith('.gz');
  const cols = await readHeader(opts.path, gzip, delim);
  const n = cols.length;
  const raw = `${opts.table}__raw`;
  await engine.exec(`DROP TABLE IF EXISTS ${q(opts.table)}; DROP TABLE IF EXISTS ${q(raw)}`);
  await engine.exec(`CREATE TABLE ${q(raw)} (__line Int64, __utf8 UInt8, __raw String) ENGINE = MergeTree ORDER BY tuple()`);
  const splitter = new RecordSplitter(delim, true);
  const feeding = pipeline(source(opts.path), splitter).catch((e: unknown) => splitter.destroy(e as Error));
  await engine.insertStream(raw, ['__line', '__utf8', '__raw'], splitter, 'TabSeparated');
  await feeding;

  const dl = d.literal(delim);
  const pattern = d.literal(fieldPattern(delim));
  const plain = `splitByChar(${dl}, __raw)`;
  const quoted = `extractAll(concat(__raw, ${dl}), ${pattern})`;
  // quoted records: the fields and their delimiters must add up to the whole record
  const whole = `length(arrayStringConcat(f)) + length(f) = length(__raw) + 1`;
  const good = `__utf8 = 1 AND length(__raw) <= ${MAX_LINE}`;
  const unquote = (k: number): string =>
    `if(startsWith(f[${k}], '"'), replaceAll(substring(f[${k}], 2, length(f[${k}]) - 2), '""', '"'), nullIf(f[${k}], ''))`;
  const fields = cols.map((c, i) => `${unquote(i + 1)} AS ${q(c)}`).join(', ');
  const plainFields = cols.map((c, i) => `nullIf(f[${i + 1}], '') AS ${q(c)}`).join(', ');
  await engine.exec(
    `CREATE VIEW ${q(opts.table)} AS
       SELECT __line, ${plainFields} FROM (SELECT __line, ${plain} AS f FROM ${q(raw)} WHERE ${good} AND position(__raw, '"') = 0) WHERE length(f) = ${n}
       UNION ALL
       SELECT __line, ${fields} FROM (SELECT __line, __raw, ${quoted} AS f FROM ${q(raw)} WHERE ${good} AND position(__raw, '"') > 0)
        WHERE length(f) = ${n} AND ${whole}`,
  );
  const bad = await engine.all<{ line: number; raw: string; code: string; found: number }>(
    `SELECT __line AS line, __raw AS raw, multiIf(__utf8 = 0, 'invalid-utf8', length(__raw) > ${MAX_LINE}, 'line-too-long',
            position(__raw, '"') > 0 AND NOT (${whole}), 'bad-quoting', 'ragged-line') AS code, length(f) AS found
       FROM (SELECT __line, __utf8, __raw, if(position(__raw, '"') > 0, ${quoted}, ${plain}) AS f FROM ${q(raw)})
      WHERE NOT (${good}) OR length(f) <> ${n} OR (position(__raw, '"') > 0 AND NOT (${whole}))
      ORDER BY __line`,
  );
  const message = (r: { code: string; found: number }): string => {
    switch (r.code) {
      case 'invalid-utf8':
        return 'line is not valid UTF-8';
      case 'line-too-long':
        return `line is longer than ${MAX_LINE} bytes`;
      case 'bad-quoting':
        return 'Value with unterminated quote found.';
      default:
        return `Expected Number of Columns: ${n} Found: ${Number(r.found)}`;
    }
  };
  const rejects: StagedReject[] = bad.map((r) => ({ line: Number(r.line), code: r.code, message: message(r), raw: String(r.raw ?? '') }));
  return { table: opts.table, columns: cols, records: splitter.records, rejects };
}

interface JsonRecord {
  __line: number;
  __keys: string[];
  __values: (string | null)[];
}

/** Reads JSON values into (line, keys, text values) rows; lines that are no JSON object are the reader's rejects. */
class JsonRecords {
  keys = new Set<string>();
  rejects: StagedReject[] = [];
  records = 0;

  row(line: number, text: string, utf8: boolean): JsonRecord | null {
    this.records++;
    if (!utf8) {
      this.rejects.push({ line, code: 'invalid-utf8', message: 'line is not valid UTF-8', raw: text });
      return null;
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      v = undefined;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      this.rejects.push({ line, code: 'invalid-json', message: 'line is not a JSON object', raw: text });
      return null;
    }
    return this.object(line, v as Record<string, unknown>);
  }

  object(line: number, o: Record<string, unknown>): JsonRecord {
    const keys = Object.keys(o);
    for (const k of keys) this.keys.add(k);
    // text of each value as DuckDB's json_extract_string gives it: strings as they are, other values as JSON
    const values = keys.map((k) => {
      const x = o[k];
      return x === null || x === undefined ? null : typeof x === 'string' ? x : JSON.stringify(x);
    });
    return { __line: line, __keys: keys, __values: values };
  }
}

async function stageJsonRows(engine: ClickHouseEngine, opts: StageFileOptions, rows: AsyncIterable<JsonRecord>, reader: JsonRecords): Promise<StagedFile> {
  const q = engine.dialect.ident;
  const raw = `${opts.table}__raw`;
  await engine.exec(`DROP TABLE IF EXISTS ${q(opts.table)}; DROP TABLE IF EXISTS ${q(raw)}`);
  await engine.exec(`CREATE TABLE ${q(raw)} (__line Int64, __keys Array(String), __values Array(Nullable(String))) ENGINE = MergeTree ORDER BY tuple()`);
  // objects: the client writes them as JSONEachRow
  const lines = Readable.from(
    (async function* () {
      for await (const r of rows) yield r;
    })(),
  );
  await engine.insertStream(raw, ['__line', '__keys', '__values'], lines, 'JSONEachRow');
  const keys = [...reader.keys].sort();
  const select = keys.map((k) => `if(indexOf(__keys, ${engine.dialect.literal(k)}) = 0, NULL, __values[indexOf(__keys, ${engine.dialect.literal(k)})]) AS ${q(k)}`);
  await engine.exec(`CREATE VIEW ${q(opts.table)} AS SELECT __line${select.length ? `, ${select.join(', ')}` : ''} FROM ${q(raw)}`);
  return { table: opts.table, columns: keys, records: reader.records, rejects: reader.rejects.sort((a, b) => a.line - b.line) };
}

/** JSON Lines: each non-blank line is a record, parsed here (ClickHouse 18.16 cannot list a JSON object's keys). */
async function stageJsonLines(engine: ClickHouseEngine, opts: StageFileOptions): Promise<StagedFile> {
  const reader = new JsonRecords();
  async function* rows(): AsyncIterable<JsonRecord> {
    let line = 0;
    let rest: Buffer = Buffer.alloc(0);
    const take = (b: Buffer): JsonRecord | null => {
      line++;
      const body = b.length > 0 && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b;
      if (body.toString('latin1').trim() === '') return null; // blank lines are no records
      return reader.row(line, body.toString('utf8'), isUtf8(body));
    };
    for await (const chunk of source(opts.path) as AsyncIterable<Buffer>) {
      const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let from = 0;
      for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, from)) {
        const r = take(data.subarray(from, nl));
        from = nl + 1;
        if (r) yield r;
      }
      rest = Buffer.from(data.subarray(from));
    }
    if (rest.length) {
      const r = take(rest);
      if (r) yield r;
    }
  }
  return stageJsonRows(engine, opts, rows(), reader);
}

/** A JSON array of records: element k is "line" k + 1 (the whole document is parsed at once, as DuckDB's reader does). */
async function stageJsonArray(engine: ClickHouseEngine, opts: StageFileOptions): Promise<StagedFile> {
  const bytes = opts.path.toLowerCase().endsWith('.gz') ? gunzipSync(readFileSync(opts.path)) : readFileSync(opts.path);
  const reader = new JsonRecords();
  const doc = JSON.parse(isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1')) as unknown;
  const list = Array.isArray(doc) ? doc : [doc];
  async function* rows(): AsyncIterable<JsonRecord> {
    for (let i = 0; i < list.length; i++) {
      const v = list[i] as unknown;
      reader.records++;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        reader.rejects.push({ line: i + 1, code: 'invalid-json', message: 'line is not a JSON object', raw: JSON.stringify(v) });
        continue;
      }
      yield reader.object(i + 1, v as Record<string, unknown>);
    }
  }
  return stageJsonRows(engine, opts, rows(), reader);
}

export async function stageClickHouseFile(engine: ClickHouseEngine, opts: StageFileOptions): Promise<StagedFile> {
  switch (opts.format) {
    case 'csv':
      return stageDelimited(engine, opts, ',');
    case 'tsv':
      return stageDelimited(engine, opts, '\t');
    case 'jsonl':
      return stageJsonLines(engine, opts);
    case 'json':
      return stageJsonArray(engine, opts);
    case 'parquet': {
      const { stageParquetVia } = await import('./clickhouse-parquet.js');
      return stageParquetVia(engine, opts);
    }
  }
}
