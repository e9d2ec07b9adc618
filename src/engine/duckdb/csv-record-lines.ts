// Physical line numbers of a delimited file's records (quote-aware), for files where record number ≠ line number.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/** A run of good rows: from good-row ordinal `from` on, line = ordinal + delta (until the next run). */
export interface LineRun {
  from: number;
  delta: number;
}

export interface RecordLines {
  runs: LineRun[];
  /** physical line of each rejected record, in the order of the given reject positions */
  rejectLines: number[];
}

function open(path: string, gzip: boolean): NodeJS.ReadableStream {
  const s = createReadStream(path, { highWaterMark: 4 << 20 });
  return gzip ? s.pipe(createGunzip()) : s;
}

export interface TextShape {
  /** an empty line somewhere (the reader skips those, so lines and records drift) */
  blankLine: boolean;
  /** a double quote somewhere (a quoted field may span lines) */
  quote: boolean;
}

/** One fast pass over the bytes (no parsing): is there a blank line or a quote anywhere? */
export async function textShape(path: string, gzip: boolean): Promise<TextShape> {
  let prev = -1;
  let prev2 = -1;
  const shape: TextShape = { blankLine: false, quote: false };
  for await (const chunk of open(path, gzip) as AsyncIterable<Buffer>) {
    if (!shape.quote && chunk.indexOf(0x22) >= 0) shape.quote = true;
    if (!shape.blankLine) {
      let i = chunk.indexOf(10);
      while (i >= 0) {
        const before = i > 0 ? chunk[i - 1] : prev;
        const before2 = i > 1 ? chunk[i - 2] : i === 1 ? prev : prev2;
        if (before === 10 || (before === 13 && before2 === 10)) {
          shape.blankLine = true;
          break;
        }
        i = chunk.indexOf(10, i + 1);
      }
    }
    if (shape.quote && shape.blankLine) break;
    prev2 = chunk.length > 1 ? (chunk[chunk.length - 2] as number) : prev;
    prev = chunk[chunk.length - 1] ?? prev;
  }
  return shape;
}

/**
 * Walks the file once, RFC 4180 style (double quotes, "" inside quotes), skipping the header and empty lines like
 * DuckDB's reader does. Records starting at one of `rejectBytes` (the reader's byte positions, sorted; a record matches
 * the last reject position at or after its start and before the next record) are the reader's rejects; the others are
 * good rows, numbered 0, 1, … in order.
 */
export async function recordLines(path: string, gzip: boolean, rejectBytes: number[], quote = 0x22): Promise<RecordLines> {
  const runs: LineRun[] = [];
  const rejectLines: number[] = [];
  let inQuote = false;
  let line = 1;
  let pos = 0;
  let recordStart = 0;
  let recordLine = 1;
  let recordEmpty = true;
  let header = true;
  let good = 0;
  let r = 0;
  const endRecord = (nextStart: number): void => {
    if (recordEmpty) return;
    if (header) {
      header = false;
      return;
    }
    // the reader's position may point a byte into the record: match positions up to the next record's start
    let rejected = false;
    while (r < rejectBytes.length && (rejectBytes[r] as number) < nextStart) {
      if ((rejectBytes[r] as number) >= recordStart) {
        rejected = true;
        rejectLines.push(recordLine);
      }
      r++;
    }
    if (rejected) return;
    const delta = recordLine - good;
    if (runs.length === 0 || runs[runs.length - 1]?.delta !== delta) runs.push({ from: good, delta });
    good++;
  };
  for await (const chunk of open(path, gzip) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === quote) {
        inQuote = !inQuote;
        recordEmpty = false;
      } else if (b === 10) {
        line++;
        if (!inQuote) {
          endRecord(pos + i + 1);
          recordStart = pos + i + 1;
          recordLine = line;
          recordEmpty = true;
        }
      } else if (b !== 13) {
        recordEmpty = false;
      }
    }
    pos += chunk.length;
  }
  endRecord(Number.MAX_SAFE_INTEGER);
  while (rejectLines.length < rejectBytes.length) rejectLines.push(-1);
  return { runs, rejectLines };
}

/** The header record's field names (quote-aware, BOM and CR stripped; blank or repeated names made unique). */
export async function readHeader(path: string, gzip: boolean, delim: string): Promise<string[]> {
  let text = '';
  for await (const chunk of open(path, gzip) as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > 1 << 20 || endOfFirstRecord(text) >= 0) break;
  }
  text = text.replace(/^\uFEFF/, '');
  const end = endOfFirstRecord(text);
  const record = (end >= 0 ? text.slice(0, end) : text).replace(/\r$/, '');
  const names: string[] = [];
  let field = '';
  let inQuote = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i] as string;
    if (ch === '"') {
      if (inQuote && record[i + 1] === '"') {
        field += '"';
        i++;
      } else inQuote = !inQuote;
    } else if (ch === delim && !inQuote) {
      names.push(field);
      field = '';
    } else field += ch;
  }
  names.push(field);
  // DuckDB's column names are case-insensitive: "Tier" and "tier" would clash
  const seen = new Set<string>();
  return names.map((n, i) => {
    let name = n.trim() || `column${i + 1}`;
    while (seen.has(name.toLowerCase())) name = `${name}_${i + 1}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

function endOfFirstRecord(text: string): number {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuote = !inQuote;
    else if (ch === '\n' && !inQuote) return i;
  }
  return -1;
}
