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

/**
 * Scored lines straight into 1 MB buffers handed to a sink (a file stream): each line is encoded once, where a
 * `join` first would flatten a million cons strings and then encode the result again.
 */
export class ScoredCsvWriter {
  private buf = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  constructor(private readonly sink: (chunk: Buffer) => void | Promise<void>) {}

  async write(scores: readonly LeadScore[]): Promise<void> {
    for (const s of scores) {
      const line = scoredCsvLine(s);
      // UTF-8 takes at most 3 bytes per UTF-16 unit
      if (this.at + line.length * 3 + 1 > this.buf.length) {
        await this.flush();
        if (line.length * 3 + 1 > this.buf.length) this.buf = Buffer.allocUnsafe(line.length * 3 + 1);
      }
      this.at += this.buf.write(line, this.at, 'utf8');
      this.buf[this.at++] = 10;
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
