// Buffered CSV file writer: RFC 4180 quoting, chunked string building and write-stream backpressure.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes a field only when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Lines are encoded straight into CHUNK-sized buffers (no long cons-strings for the GC to chase); full buffers go to the stream. */
const CHUNK = 1 << 20;
const LINES = 512;

export class CsvSink {
  rows = 0;
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private readonly ready: Buffer[] = [];
  /** recent lines, joined and encoded together: one Buffer.write per LINES lines */
  private lines: string[] = [];
  private readonly stream: WriteStream;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 4 * CHUNK });
    this.put(header.join(',') + '\n');
  }

  private put(s: string): void {
    // 3 bytes per UTF-16 unit is the worst case of UTF-8
    if (this.pos + s.length * 3 > this.buf.length) {
      if (this.pos > 0) this.ready.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK, s.length * 3));
      this.pos = 0;
    }
    this.pos += this.buf.write(s, this.pos);
  }

  /** Appends one complete line (the caller adds the trailing newline) and counts it as a row. */
  line(s: string): void {
    this.lines.push(s);
    this.rows++;
    if (this.lines.length >= LINES) this.encode();
  }

  private encode(): void {
    if (this.lines.length === 0) return;
    this.put(this.lines.join(''));
    this.lines = [];
  }

  /**
   * Raw ASCII writing for hot paths (events.csv): `room(n)` makes space for n bytes, then ascii/int/byte
   * append, and `endRow()` counts the row. Avoids building and joining millions of short strings.
   */
  room(n: number): void {
    if (this.lines.length > 0) this.encode();
    if (this.pos + n > this.buf.length) {
      if (this.pos > 0) this.ready.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK, n));
      this.pos = 0;
    }
  }

  /** Appends an ASCII-only string (ids, names, timestamps, urls). */
  ascii(s: string): void {
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  /** Appends a non-negative integer in decimal. */
  int(n: number): void {
    const b = this.buf;
    if (n < 10) {
      b[this.pos++] = 48 + n;
      return;
    }
    let digits = 0;
    for (let x = n; x > 0; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let x = n; x > 0; x = Math.floor(x / 10)) b[--p] = 48 + (x % 10);
  }

  endRow(): void {
    this.rows++;
  }

  get full(): boolean {
    return this.ready.length > 0;
  }

  /** Hands the full buffers (and, with `all`, the partial one) to the stream, waiting for 'drain' when it asks. */
  async flush(all = false): Promise<void> {
    if (all) this.encode();
    if (all && this.pos > 0) {
      this.ready.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(CHUNK);
      this.pos = 0;
    }
    for (let b = this.ready.shift(); b !== undefined; b = this.ready.shift()) {
      if (!this.stream.write(b)) await once(this.stream, 'drain');
    }
  }

  async close(): Promise<void> {
    await this.flush(true);
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
  }
}

/** Flushes every sink whose buffer is full; cheap to call after each customer. */
export async function flushFull(sinks: readonly CsvSink[]): Promise<void> {
  for (const s of sinks) if (s.full) await s.flush();
}
