// Buffered CSV file writer: RFC 4180 quoting, chunked string building and write-stream backpressure.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes a field only when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Lines are appended as strings to one buffer; the buffer goes to the stream once it passes CHUNK characters. */
const CHUNK = 1 << 20;

export class CsvSink {
  rows = 0;
  private buf = '';
  private readonly stream: WriteStream;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 4 * CHUNK });
    this.buf = header.join(',') + '\n';
  }

  /** Appends one complete line; the caller adds the trailing newline. */
  line(s: string): void {
    this.buf += s;
    this.rows++;
  }

  get full(): boolean {
    return this.buf.length >= CHUNK;
  }

  /** Hands the buffer to the stream and waits for 'drain' when the stream asks for it. */
  async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
  }
}

/** Flushes every sink whose buffer is full; cheap to call after each customer. */
export async function flushFull(sinks: readonly CsvSink[]): Promise<void> {
  for (const s of sinks) if (s.full) await s.flush();
}
