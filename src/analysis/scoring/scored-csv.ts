// The scored-leads CSV: one line per lead, reasons in words joined by " | ".
import type { LeadScore } from './score-lead.js';

export const SCORED_COLUMNS = [
  'lead_id', 'persona_id', 'persona_name', 'persona_similarity', 'negative_persona_id', 'negative_persona_name', 'negative_similarity',
  'qualified', 'fit_score', 'confidence', 'stage', 'next_content', 'reasons', 'missing',
] as const;

export const SCORED_HEADER = SCORED_COLUMNS.join(',');

const NEEDS_QUOTES = /[",\n\r]/;
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
/** Texts repeat (persona names, next content): each is escaped once. */
const escaped = new Map<string, string>();

function text(s: string | null): string {
  if (s === null) return '';
  let e = escaped.get(s);
  if (e === undefined) {
    e = NEEDS_QUOTES.test(s) ? quote(s) : s;
    if (escaped.size < 10_000) escaped.set(s, e);
  }
  return e;
}

export function scoredCsvLine(s: LeadScore): string {
  const id = NEEDS_QUOTES.test(s.lead_id) ? quote(s.lead_id) : s.lead_id;
  let reasons = '';
  for (let i = 0; i < s.reasons.length; i++) reasons += (i ? ' | ' : '') + (s.reasons[i] as LeadScore['reasons'][number]).text;
  // reasons always hold commas and may hold quotes from the data's values
  const r = reasons === '' ? '' : reasons.includes('"') ? quote(reasons) : `"${reasons}"`;
  return (
    `${id},${s.persona_id ?? ''},${text(s.persona_name)},${s.persona_similarity ?? ''},${s.negative_persona_id ?? ''},${text(s.negative_persona_name)},` +
    `${s.negative_similarity ?? ''},${s.qualified},${s.fit_score},${s.confidence},${s.stage ?? ''},${text(s.next_content)},${r},${s.missing.join(' ')}`
  );
}

/** A text's bytes: UTF-8 of `raw ? s : text(s)`; texts repeat (ids, names, reasons), each is encoded once. */
const encoded = new Map<string, Buffer>();
const encodedRaw = new Map<string, Buffer>();
const EMPTY = Buffer.alloc(0);

function bytesOf(s: string | null, raw: boolean): Buffer {
  if (s === null || s === '') return EMPTY;
  const cache = raw ? encodedRaw : encoded;
  let b = cache.get(s);
  if (b === undefined) {
    b = Buffer.from(raw ? s : text(s), 'utf8');
    if (cache.size < 20_000) cache.set(s, b);
  }
  return b;
}

/** A reason's text with its quotes doubled (the reasons field is quoted as a whole), as UTF-8. */
const reasonBytes = new Map<string, Buffer>();
function reasonOf(s: string): Buffer {
  let b = reasonBytes.get(s);
  if (b === undefined) {
    b = Buffer.from(s.replace(/"/g, '""'), 'utf8');
    if (reasonBytes.size < 50_000) reasonBytes.set(s, b);
  }
  return b;
}

/** `${x}` of the scores' numbers as bytes: those rounded to thousandths in [0, 1] from a table. */
const THOUSANDTHS = Array.from({ length: 1001 }, (_, i) => Buffer.from(String(i / 1000), 'latin1'));
function numberBytes(x: number | null): Buffer {
  if (x === null) return EMPTY;
  const i = Math.round(x * 1000);
  if (i >= 0 && i <= 1000 && i / 1000 === x) return THOUSANDTHS[i] as Buffer;
  return Buffer.from(String(x), 'latin1');
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const SEPARATOR = Buffer.from(' | ');

/**
 * Scored lines straight into 1 MB buffers handed to a sink (a file stream), assembled from the encoded bytes of their
 * fields — repeated texts and the scores' numbers are encoded once — the bytes of `scoredCsvLine` without building it.
 */
export class ScoredCsvWriter {
  private buf = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  constructor(private readonly sink: (chunk: Buffer) => void | Promise<void>) {}

  private put(b: Buffer): void {
    const n = b.length;
    const buf = this.buf;
    let at = this.at;
    if (n < 24) for (let i = 0; i < n; i++) buf[at++] = b[i] as number;
    else {
      buf.set(b, at);
      at += n;
    }
    this.at = at;
  }

  private byte(c: number): void {
    this.buf[this.at++] = c;
  }

  /** Room for `n` more bytes: the buffer is flushed (and grown for a line longer than it) when they would not fit. */
  private async room(n: number): Promise<void> {
    if (this.at + n <= this.buf.length) return;
    await this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  async write(scores: readonly LeadScore[]): Promise<void> {
    for (const s of scores) {
      const id = NEEDS_QUOTES.test(s.lead_id) ? quote(s.lead_id) : s.lead_id;
      const pid = bytesOf(s.persona_id, true);
      const pname = bytesOf(s.persona_name, false);
      const nid = bytesOf(s.negative_persona_id, true);
      const nname = bytesOf(s.negative_persona_name, false);
      const next = bytesOf(s.next_content, false);
      const missing = s.missing.length ? bytesOf(s.missing.join(' '), true) : EMPTY;
      let reasons = 0;
      for (const r of s.reasons) reasons += reasonOf(r.text).length + 3;
      // UTF-8 takes at most 3 bytes per UTF-16 unit; numbers at most 24 bytes each
      await this.room(id.length * 3 + pid.length + pname.length + nid.length + nname.length + next.length + missing.length + reasons + 5 * 24 + 40);
      this.at += this.buf.write(id, this.at, 'utf8');
      this.byte(44);
      this.put(pid);
      this.byte(44);
      this.put(pname);
      this.byte(44);
      this.put(numberBytes(s.persona_similarity));
      this.byte(44);
      this.put(nid);
      this.byte(44);
      this.put(nname);
      this.byte(44);
      this.put(numberBytes(s.negative_similarity));
      this.byte(44);
      this.put(s.qualified ? TRUE : FALSE);
      this.byte(44);
      this.put(numberBytes(s.fit_score));
      this.byte(44);
      this.put(numberBytes(s.confidence));
      this.byte(44);
      this.put(bytesOf(s.stage, true));
      this.byte(44);
      this.put(next);
      this.byte(44);
      // as scoredCsvLine: an empty field when the joined reasons are empty
      if (s.reasons.length > 1 || (s.reasons.length === 1 && (s.reasons[0] as LeadScore['reasons'][number]).text !== '')) {
        this.byte(34);
        for (let i = 0; i < s.reasons.length; i++) {
          if (i) this.put(SEPARATOR);
          this.put(reasonOf((s.reasons[i] as LeadScore['reasons'][number]).text));
        }
        this.byte(34);
      }
      this.byte(44);
      this.put(missing);
      this.byte(10);
    }
  }

  async flush(): Promise<void> {
    if (this.at === 0) return;
    const full = this.buf.subarray(0, this.at);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.at = 0;
    await this.sink(full);
  }
}
