// Picks representative quotes: close to the centroid of their theme, short, PII-scrubbed, no near-duplicates.
import { containsPii, scrubPii } from './pii.js';
import type { PiiOptions } from './pii.js';
import { normalizeWhitespace } from './sentences.js';
import { words } from './tokenize.js';

export interface QuoteCandidate {
  readonly feedbackId: string;
  readonly text: string;
  /** who said it: at most one quote per customer */
  readonly customer?: string;
  readonly sentiment?: number;
  /** feedback source ("review", "survey", …) and rating, carried into the quote for display */
  readonly source?: string | null;
  readonly rating?: number | null;
  /** content words or term ids used for similarity; the text's words when absent */
  readonly terms?: readonly (string | number)[];
}

export interface Quote {
  readonly feedback_id: string;
  readonly text: string;
  readonly sentiment?: number;
  readonly source?: string | null;
  readonly rating?: number | null;
}

export interface QuoteOptions {
  /** quotes to return (default 3) */
  readonly max?: number;
  /** preferred longest quote in characters; longer ones rank lower and are cut at a word with "…" (default 160) */
  readonly maxLength?: number;
  /** shortest quote in characters (default 15) */
  readonly minLength?: number;
  /** candidates considered, evenly spaced over the list (default 400) */
  readonly pool?: number;
  readonly pii?: PiiOptions;
}

/** Removes the run of @handles a tweet or reply starts with ("@united @jane my bag…" → "my bag…"). */
export const stripLeadingHandles = (text: string): string => text.replace(/^(?:\s*[@.]?@\w+[:,]?\s+)+/u, '');

const IDEAL_MIN = 40;

const jaccard = (a: ReadonlySet<string | number>, b: ReadonlySet<string | number>): number => {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
};

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const at = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, at > max / 2 ? at : max - 1).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Up to `max` quotes, best first: similarity to the candidates' centroid, shorter preferred, one per customer. */
export function pickQuotes(candidates: readonly QuoteCandidate[], options: QuoteOptions = {}): Quote[] {
  const max = options.max ?? 3;
  const maxLength = options.maxLength ?? 160;
  const minLength = options.minLength ?? 15;
  const poolSize = options.pool ?? 400;
  if (max <= 0 || candidates.length === 0) return [];
  const m = Math.min(poolSize, candidates.length);
  const pool = Array.from({ length: m }, (_, k) => candidates[Math.floor((k * candidates.length) / m)] as QuoteCandidate);

  // rank on the raw text first; only the quotes actually chosen pay for PII scrubbing
  const prepared = pool.map((c) => {
    const raw = stripLeadingHandles(normalizeWhitespace(c.text)).replace(/(\p{L})\ufffd(\p{L})/gu, "$1'$2");
    const terms = new Set<string | number>(c.terms ?? words(raw));
    return { c, raw, terms };
  });
  const centroid = new Map<string | number, number>();
  for (const p of prepared) for (const t of p.terms) centroid.set(t, (centroid.get(t) ?? 0) + 1);
  let norm = 0;
  for (const v of centroid.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;

  const scored = prepared
    .filter((p) => p.raw.length >= minLength && /\p{L}{2,}/u.test(p.raw))
    .map((p) => {
      let dot = 0;
      for (const t of p.terms) dot += centroid.get(t) ?? 0;
      const cosine = p.terms.size ? dot / (norm * Math.sqrt(p.terms.size)) : 0;
      // short fragments ("customer service?") sit near any centroid but say little: prefer 40 characters or more
      const len = p.raw.length;
      const lengthFactor = len > maxLength ? maxLength / len : len < IDEAL_MIN ? Math.sqrt(len / IDEAL_MIN) : 1;
      return { ...p, score: cosine * lengthFactor };
    })
    .sort((a, b) => b.score - a.score || a.raw.length - b.raw.length || (a.c.feedbackId < b.c.feedbackId ? -1 : 1));

  const out: Quote[] = [];
  const chosen: { terms: Set<string | number>; key: string; customer: string | undefined }[] = [];
  for (const p of scored) {
    if (out.length >= max) break;
    const customer = p.c.customer;
    if (chosen.some((q) => jaccard(q.terms, p.terms) >= 0.6 || (customer !== undefined && q.customer === customer))) continue;
    const text = scrubPii(p.raw, options.pii);
    const key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (text.length < minLength || chosen.some((q) => q.key === key) || containsPii(text, options.pii)) continue;
    chosen.push({ terms: p.terms, key, customer });
    out.push({
      feedback_id: p.c.feedbackId,
      text: cut(text, maxLength),
      ...(p.c.sentiment === undefined ? {} : { sentiment: p.c.sentiment }),
      ...(p.c.source === undefined ? {} : { source: p.c.source }),
      ...(p.c.rating === undefined ? {} : { rating: p.c.rating }),
    });
  }
  return out;
}
