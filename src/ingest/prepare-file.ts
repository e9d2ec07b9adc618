// Makes a file readable by the engine: checks it exists, is not empty and is UTF-8; unpacks gzip the reader can't take.
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { problem } from '../shared/problems.js';
import type { FileFormat } from '../engine/engine.js';
import type { FileKind } from './detect.js';

export interface PreparedFile {
  path: string;
  /** the format to read it as: a `.csv` / `.txt` whose header has tabs (and no commas) is TSV; whitespace-aligned text becomes TSV */
  format: FileFormat;
  cleanup: () => void;
}

/** The header line of a text sample (BOM and CR stripped). */
function firstLine(sample: Buffer): string {
  const text = sample.toString('utf8').replace(/^\uFEFF/, '');
  const end = text.indexOf('\n');
  return (end >= 0 ? text.slice(0, end) : text).replace(/\r$/, '');
}

/** A delimited file's real delimiter when the extension says CSV: tabs, or columns aligned with runs of spaces. */
function sniffDelimited(header: string): 'csv' | 'tsv' | 'whitespace' {
  if (header.includes(',') || header.includes('"')) return 'csv';
  if (header.includes('\t')) return 'tsv';
  return header.trim().split(/ +/).length > 1 ? 'whitespace' : 'csv';
}

/** Rewrites whitespace-aligned columns (e.g. CDNOW_master.txt) as TSV, line for line so line numbers hold. */
async function whitespaceToTsv(path: string, gzip: boolean): Promise<PreparedFile> {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-'));
  const out = join(dir, 'file.tsv');
  const input = createReadStream(path);
  const lines = createInterface({ input: gzip ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const ws = createWriteStream(out);
  for await (const line of lines) if (!ws.write(line.trim().split(/\s+/).join('\t') + '\n')) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
  return { path: out, format: 'tsv', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function head(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function headText(path: string, gzip: boolean): Buffer {
  const raw = head(path, gzip ? 256 * 1024 : 1024 * 1024);
  if (!gzip) return raw;
  try {
    return gunzipSync(raw, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a truncated stream */ }).subarray(0, 1024 * 1024);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Throws a clear error for a file in another encoding (UTF-16, Latin-1 …) instead of loading mojibake. */
export function checkEncoding(path: string, sample: Buffer): void {
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
    throw problem('ingest/encoding', { file: path, line: 1, detail: 'UTF-16 byte order mark' });
  const nul = sample.indexOf(0);
  if (nul >= 0 && nul < 4096) throw problem('ingest/encoding', { file: path, line: 1, detail: 'NUL bytes: UTF-16 or binary' });
  // a whole file in a legacy encoding: most lines with non-ASCII bytes fail to decode
  const text = sample.toString('latin1');
  const lines = text.split('\n').slice(0, -1);
  let nonAscii = 0;
  let bad = 0;
  let firstBad = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  for (const [i, l] of lines.entries()) {
    const bytes = sample.subarray(offset, offset + l.length);
    offset += l.length + 1;
    if (!/[\x80-\xff]/.test(l)) continue;
    nonAscii++;
    try {
      decoder.decode(bytes);
    } catch {
      bad++;
      if (!firstBad) firstBad = i + 1;
    }
  }
  if (bad >= 3 && bad / nonAscii > 0.5)
    throw problem('ingest/encoding', { file: path, line: firstBad, detail: `${bad} of the first ${lines.length} lines are not valid UTF-8; the file looks like Latin-1 / Windows-1252` });
}

export async function prepareFile(path: string, kind: FileKind): Promise<PreparedFile> {
  if (statSync(path).size === 0) throw problem('ingest/empty-file', { file: path });
  if (kind.format === 'parquet') {
    if (!kind.gzip) return { path, format: kind.format, cleanup: () => undefined };
    const dir = mkdtempSync(join(tmpdir(), 'archetype-'));
    const out = join(dir, 'file.parquet');
    await pipeline(createReadStream(path), createGunzip(), createWriteStream(out));
    return { path: out, format: kind.format, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const sample = headText(path, kind.gzip);
  if (sample.length === 0 || sample.toString('utf8').trim() === '') throw problem('ingest/empty-file', { file: path });
  checkEncoding(path, sample);
  if (kind.format === 'csv') {
    const shape = sniffDelimited(firstLine(sample));
    if (shape === 'whitespace') return whitespaceToTsv(path, kind.gzip);
    return { path, format: shape, cleanup: () => undefined };
  }
  return { path, format: kind.format, cleanup: () => undefined };
}
