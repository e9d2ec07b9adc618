// Streams a text file's records to ClickHouse as TSV lines (line number, UTF-8 flag, raw text): fields are split by the server.
import { Transform, type TransformCallback } from 'node:stream';
import { isUtf8 } from 'node:buffer';

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const TAB = 0x09;
const BACKSLASH = 0x5c;

/** The bytes of a TSV field: backslash, tab, line feed and carriage return escaped. */
export function escapeTsv(b: Buffer): Buffer {
  let special = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === BACKSLASH || c === TAB || c === NL || c === CR) special++;
  }
  if (special === 0) return b;
  const out = Buffer.allocUnsafe(b.length + special);
  let j = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c === BACKSLASH || c === TAB || c === NL || c === CR) {
      out[j++] = BACKSLASH;
      out[j++] = c === BACKSLASH ? BACKSLASH : c === TAB ? 0x74 : c === NL ? 0x6e : 0x72;
    } else out[j++] = c;
  }
  return out;
}

/** Where the splitter is inside a delimited record. */
const enum At {
  FieldStart,
  Unquoted,
  Quoted,
  /** a quote inside a quoted field: the field's end, or the first of an escaped "" */
  QuoteSeen,
}

/**
 * Splits bytes into records the way DuckDB's CSV reader does: a quote opens a quoted field only at a field's start,
 * a line feed inside a quoted field belongs to the field ("" is an escaped quote), blank lines are no records, a
 * trailing CR is dropped, the first record is the header. Each record goes out as `line \t utf8 \t raw` (TSV), line
 * being the physical line it starts on. Fields are not split here: the server does that.
 */
export class RecordSplitter extends Transform {
  /** data records seen (the header excluded) */
  records = 0;
  private at = At.FieldStart;
  private line = 1;
  private startLine = 1;
  private parts: Buffer[] = [];
  private empty = true;
  private header: boolean;
  private readonly delim: number;

  constructor(delimiter: string, skipHeader: boolean) {
    super();
    this.delim = delimiter.charCodeAt(0);
    this.header = skipHeader;
  }

  private endRecord(out: Buffer[]): void {
    const rec = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    const wasEmpty = this.empty;
    this.empty = true;
    this.at = At.FieldStart;
    if (wasEmpty) return;
    if (this.header) {
      this.header = false;
      return;
    }
    const body = rec.length > 0 && rec[rec.length - 1] === CR ? rec.subarray(0, rec.length - 1) : rec;
    this.records++;
    out.push(Buffer.from(`${this.startLine}\t${isUtf8(body) ? 1 : 0}\t`), escapeTsv(body), Buffer.from('\n'));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const out: Buffer[] = [];
    const delim = this.delim;
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === NL) {
        this.line++;
        if (this.at === At.Quoted) continue;
        this.parts.push(chunk.subarray(from, i));
        this.endRecord(out);
        from = i + 1;
        this.startLine = this.line;
        continue;
      }
      if (b !== CR) this.empty = false;
      switch (this.at) {
        case At.FieldStart:
          this.at = b === QUOTE ? At.Quoted : b === delim ? At.FieldStart : At.Unquoted;
          break;
        case At.Unquoted:
          if (b === delim) this.at = At.FieldStart;
          break;
        case At.Quoted:
          if (b === QUOTE) this.at = At.QuoteSeen;
          break;
        case At.QuoteSeen:
          this.at = b === QUOTE ? At.Quoted : b === delim ? At.FieldStart : At.Unquoted;
          break;
      }
    }
    // a copy: the chunk's memory may be reused by the reader
    if (from < chunk.length) this.parts.push(Buffer.from(chunk.subarray(from)));
    if (out.length) this.push(Buffer.concat(out));
    done();
  }

  override _flush(done: TransformCallback): void {
    const out: Buffer[] = [];
    this.endRecord(out);
    if (out.length) this.push(Buffer.concat(out));
    done();
  }
}
