// Reads a leads file of any ingest format as batches of rows under a header: CSV/TSV and JSON in TypeScript, Parquet through the engine.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { gunzipSync, createGunzip } from 'node:zlib';
import type { Engine, FileFormat } from '../../engine/engine.js';
import { isProblem, problem } from '../../shared/problems.js';
import type { RowProblem } from './lead-encoder.js';
import { fieldsOfObject } from './lead-encoder.js';
import { readDelimited } from './read-delimited.js';

export interface LeadBatch {
  /** column names as in the file (a JSON batch holds objects with the same keys) */
  header: readonly string[];
  lines: number[];
  rows: string[][];
}

export interface LeadFileHandlers {
  /** the header of a delimited file, before its rows (JSON batches carry their own keys) */
  header?(columns: readonly string[]): void;
  rows(batch: LeadBatch): void | Promise<void>;
  reject(p: RowProblem): void;
}

export function formatOf(path: string): FileFormat {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.csv') || p.endsWith('.txt')) return 'csv';
  if (p.endsWith('.tsv') || p.endsWith('.tab')) return 'tsv';
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  if (p.endsWith('.json')) return 'json';
  if (p.endsWith('.parquet')) return 'parquet';
  throw problem('ingest/unknown-format', { file: path });
}

/** Groups objects with the same keys into batches. */
class ObjectBatcher {
  private header: string[] = [];
  private key = '';
  private batch: LeadBatch = { header: [], lines: [], rows: [] };
  constructor(private readonly on: LeadFileHandlers) {}
  async add(obj: Record<string, unknown>, line: number): Promise<void> {
    const keys = Object.keys(obj);
    const key = keys.join('\u0000');
    if (key !== this.key || this.batch.rows.length >= 4096) {
      await this.flush();
      this.key = key;
      this.header = keys;
      this.batch = { header: keys, lines: [], rows: [] };
    }
    this.batch.lines.push(line);
    this.batch.rows.push(fieldsOfObject(this.header, obj));
  }
  async flush(): Promise<void> {
    if (this.batch.rows.length) await this.on.rows(this.batch);
    this.batch = { header: this.header, lines: [], rows: [] };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

async function readJsonLines(path: string, on: LeadFileHandlers): Promise<number> {
  const source = createReadStream(path);
  const rl = createInterface({ input: path.toLowerCase().endsWith('.gz') ? source.pipe(createGunzip()) : source, crlfDelay: Infinity });
  const b = new ObjectBatcher(on);
  let line = 0;
  let records = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    records++;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      on.reject({ line, code: 'invalid-json', message: 'line is not a JSON object', raw: text.slice(0, 500), skipped: true });
      continue;
    }
    if (!isObject(v)) on.reject({ line, code: 'invalid-json', message: 'line is not a JSON object', raw: text.slice(0, 500), skipped: true });
    else await b.add(v, line);
  }
  await b.flush();
  return records;
}

async function readJsonArray(path: string, on: LeadFileHandlers): Promise<number> {
  const raw = readFileSync(path);
  const text = (path.toLowerCase().endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw problem('usage/invalid', { message: `${path}: not valid JSON (${(e as Error).message})` });
  }
  if (!Array.isArray(doc)) throw problem('usage/invalid', { message: `${path}: expected a JSON array of lead objects` });
  const b = new ObjectBatcher(on);
  for (let i = 0; i < doc.length; i++) {
    const v: unknown = doc[i];
    // element k is "line" k + 1, as ingest numbers JSON arrays
    if (isObject(v)) await b.add(v, i + 1);
    else on.reject({ line: i + 1, code: 'invalid-json', message: 'element is not a JSON object', raw: JSON.stringify(v).slice(0, 500), skipped: true });
  }
  await b.flush();
  return doc.length;
}

/** A Parquet file its reader gives up on (truncated, corrupt) is refused whole, naming the file. */
function unreadable(path: string, e: unknown): unknown {
  if (!isProblem(e) || e.code !== 'engine/error') return e;
  const message = String((e.params as { message?: unknown }).message ?? e.message).split('\n')[0] ?? '';
  return problem('ingest/unreadable-file', { file: path, detail: message.replace(/^[A-Za-z ]*Error: /, '').slice(0, 200) });
}

async function readParquet(engine: Engine, path: string, on: LeadFileHandlers): Promise<number> {
  const table = `__score_leads_${process.pid}`;
  const staged = await engine.stageFile({ path, format: 'parquet', table }).catch((e: unknown) => {
    throw unreadable(path, e);
  });
  try {
    await engine.stream(`SELECT * FROM ${engine.dialect.ident(table)} ORDER BY __line`, undefined, async (rows) => {
      const header = staged.columns;
      await on.rows({
        header,
        lines: rows.map((r) => Number(r['__line'])),
        rows: rows.map((r) => header.map((h) => (r[h] === null || r[h] === undefined ? '' : String(r[h])))),
      });
    });
  } catch (e) {
    throw unreadable(path, e);
  } finally {
    await engine.dropStaged(table);
  }
  return staged.records;
}

/** Reads every record of a leads file; returns how many records (good or not) it held. */
export async function readLeadFile(path: string, engine: Engine | null, on: LeadFileHandlers): Promise<{ format: FileFormat; records: number }> {
  if (!existsSync(path)) throw problem('ingest/missing-file', { file: path });
  const format = formatOf(path);
  if (format === 'csv' || format === 'tsv') {
    let header: string[] = [];
    const r = await readDelimited(path, format === 'csv' ? ',' : '\t', {
      header: (h) => {
        header = h;
        if (h.length) on.header?.(h);
      },
      rows: (b) => on.rows({ header, lines: b.lines, rows: b.rows }),
      reject: on.reject,
    });
    if (header.length === 0) throw problem('ingest/empty-file', { file: path });
    return { format, records: r.records };
  }
  if (format === 'jsonl') return { format, records: await readJsonLines(path, on) };
  if (format === 'json') return { format, records: await readJsonArray(path, on) };
  if (!engine) throw problem('engine/unsupported', { what: 'reading Parquet leads without a workspace engine', engine: 'none' });
  return { format, records: await readParquet(engine, path, on) };
}
