// A streaming CSV/TSV reader (RFC 4180 quoting, CRLF, BOM, gzip) that numbers records by their first physical line and reports broken ones.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { RowProblem } from './lead-encoder.js';

export interface RecordBatch {
  lines: number[];
  rows: string[][];
}

export interface DelimitedHandlers {
  header(columns: string[]): void;
  /** called with up to `batch` good records; awaited, so the consumer can apply back-pressure */
  rows(batch: RecordBatch): void | Promise<void>;
  reject(problem: RowProblem): void;
}

/** Parses one record starting at `p` of `text` (which holds a quote): fields and the index after its line end, or null when the text ends first. */
function parseQuoted(text: string, p: number, delim: number, final: boolean): { fields: string[]; end: number; newlines: number; bad: string | null } | null {
  const fields: string[] = [];
  let field = '';
  let i = p;
  let newlines = 0;
  let bad: string | null = null;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 34) {
      // quoted field
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          if (!final) return null;
          return { fields, end: n, newlines, bad: 'a quoted field is never closed' };
        }
        const chunk = text.slice(i, q);
        for (let j = chunk.indexOf('\n'); j >= 0; j = chunk.indexOf('\n', j + 1)) newlines++;
        field += chunk;
        if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) return null;
        i = q + 1;
        break;
      }
      // after a closing quote: a delimiter, a line end or the end of the text
      if (i < n) {
        const ch = text.charCodeAt(i);
        if (ch !== delim && ch !== 10 && ch !== 13 && bad === null) bad = 'text after a closing quote';
        if (ch !== delim && ch !== 10 && ch !== 13) {
          // keep reading to the next delimiter or line end so the record ends where a reader would expect it
          while (i < n && text.charCodeAt(i) !== delim && text.charCodeAt(i) !== 10) i++;
        }
      }
    } else {
      let j = i;
      while (j < n) {
        const ch = text.charCodeAt(j);
        if (ch === delim || ch === 10) break;
        j++;
      }
      if (j >= n && !final) return null;
      field += text.slice(i, j);
      i = j;
    }
    if (i < n && text.charCodeAt(i) === delim) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    // line end (\n, \r\n) or end of text
    if (field.endsWith('\r')) field = field.slice(0, -1);
    fields.push(field);
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    return { fields, end: i, newlines, bad };
  }
}

/**
 * Reads a delimited file record by record. A record's line is the physical line it starts on (the header is line 1);
 * blank lines are not records; records with the wrong number of fields, broken quoting or invalid UTF-8 are rejected.
 */
/** A part of an uncompressed file: bytes [start, end) beginning at a record boundary on physical line `line`, under `header`. */
export interface ByteRange {
  start: number;
  end: number;
  line: number;
  header: string[];
}

export async function readDelimited(path: string, delimiter: ',' | '\t', on: DelimitedHandlers, batch = 1024, range?: ByteRange): Promise<{ records: number }> {
  const delim = delimiter.charCodeAt(0);
  const source = createReadStream(path, { highWaterMark: 1 << 20, ...(range ? { start: range.start, end: range.end - 1 } : {}) });
  const stream = !range && path.toLowerCase().endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let line = range ? range.line : 1;
  let width = range ? range.header.length : -1;
  let records = 0;
  let out: RecordBatch = { lines: [], rows: [] };
  const flush = async (): Promise<void> => {
    if (out.rows.length === 0) return;
    const b = out;
    out = { lines: [], rows: [] };
    await on.rows(b);
  };
  const take = async (text: string, final: boolean): Promise<string> => {
    let p = 0;
    const n = text.length;
    let quote = text.indexOf('"');
    while (p < n) {
      if (quote >= 0 && quote < p) quote = text.indexOf('"', p);
      const nl = text.indexOf('\n', p);
      if (nl < 0 && !final) break;
      const end = nl < 0 ? n : nl;
      let fields: string[];
      let next: number;
      let span = 0;
      let bad: string | null = null;
      if (quote < 0 || quote > end) {
        let raw = text.slice(p, end);
        if (raw.endsWith('\r')) raw = raw.slice(0, -1);
        next = nl < 0 ? n : nl + 1;
        if (raw.length === 0) {
          p = next;
          line++;
          continue;
        }
        fields = raw.split(delimiter);
      } else {
        const r = parseQuoted(text, p, delim, final);
        if (r === null) break;
        ({ fields, newlines: span, bad } = r);
        next = r.end;
      }
      const at = line;
      line += 1 + span;
      p = next;
      if (width < 0) {
        width = fields.length;
        if (fields[0] !== undefined) fields[0] = fields[0].replace(/^\uFEFF/, '');
        on.header(fields);
        continue;
      }
      records++;
      if (bad !== null) on.reject({ line: at, code: 'bad-quoting', message: bad, raw: fields.join(delimiter).slice(0, 500), skipped: true });
      else if (fields.length !== width)
        on.reject({ line: at, code: 'ragged-line', message: `expected ${width} fields, found ${fields.length}`, raw: fields.join(delimiter).slice(0, 500), skipped: true });
      else if (fields.some((f) => f.includes('\uFFFD'))) on.reject({ line: at, code: 'invalid-utf8', message: 'line is not valid UTF-8', skipped: true });
      else {
        out.lines.push(at);
        out.rows.push(fields);
        if (out.rows.length >= batch) await flush();
      }
    }
    return text.slice(p);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    carry = await take(carry + decoder.decode(chunk, { stream: true }), false);
  }
  carry = await take(carry + decoder.decode(), true);
  await flush();
  if (width < 0) on.header([]);
  return { records };
}

/**
 * Splits an uncompressed delimited file into `parts` byte ranges at record boundaries (a line end with an even number
 * of quotes before it), each with its first physical line and the header. Null for small, compressed or oddly headed
 * files. One sequential pass over the bytes before the last cut, counting quotes and line ends.
 */
export async function splitDelimited(path: string, delimiter: ',' | '\t', parts: number, minBytes = 8 << 20): Promise<ByteRange[] | null> {
  const { open } = await import('node:fs/promises');
  if (path.toLowerCase().endsWith('.gz') || parts < 2) return null;
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < minBytes) return null;
    const chunk = Buffer.allocUnsafe(1 << 20);
    let pos = 0;
    let quotes = 0;
    let newlines = 0;
    let headerEnd = -1;
    let headBytes = Buffer.alloc(0);
    const cuts: { at: number; newlines: number }[] = [];
    let header: string[] = [];
    while (pos < size && cuts.length < parts - 1) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; i++) {
        const b = chunk[i] as number;
        if (b === 34) quotes++;
        else if (b === 10) {
          newlines++;
          const at = pos + i + 1;
          if (headerEnd < 0) {
            headerEnd = at;
            headBytes = Buffer.concat([headBytes, chunk.subarray(0, i)]);
            const text = headBytes.toString('utf8').replace(/\r$/, '').replace(/^\uFEFF/, '');
            if (text.includes('"')) return null;
            header = text.split(delimiter);
          } else if (quotes % 2 === 0 && at >= Math.floor((size * (cuts.length + 1)) / parts)) {
            cuts.push({ at, newlines });
            if (cuts.length === parts - 1) break;
          }
        }
      }
      if (headerEnd < 0) headBytes = Buffer.concat([headBytes, chunk.subarray(0, bytesRead)]);
      pos += bytesRead;
    }
    if (headerEnd < 0 || cuts.length === 0) return null;
    // part k starts after cut k − 1, on the line after the line ends counted before it
    return [{ at: headerEnd, newlines: 1 }, ...cuts].map((c, k) => ({ start: c.at, end: cuts[k]?.at ?? size, line: c.newlines + 1, header }));
  } finally {
    await fh.close();
  }
}
