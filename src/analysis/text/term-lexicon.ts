// Word-type POS and lemma lexicon: wink-nlp tags a deterministic sample of sentences, each word type keeps its majority.
// Tagging every sentence with wink costs ~70 µs each (70 s per million); tagging a sample and looking types up is ~free.
import { STOP_WORDS } from './stop-words.js';
import { winkAnnotate } from './wink.js';
import type { Pos } from './wink.js';

export interface TermInfo {
  /** lemma for nouns ("bags" → "bag"), the word itself otherwise (keeps "lost luggage" readable) */
  readonly key: string;
  readonly pos: Pos | 'UNKNOWN';
}

/** Parts of speech a key-phrase word may have; UNKNOWN = not in the sample (names, typos, rare words). */
const CONTENT_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB', 'UNKNOWN']);
export const NOUNISH: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'UNKNOWN']);

/** Rule lemma for words the sample never saw: plural nouns to singular. */
export function singular(w: string): string {
  if (w.length <= 3 || /(?:ss|us|is|ous|ics)$/.test(w)) return w;
  if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ches|shes|xes|sses|zzes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

export class TermLexicon {
  private readonly seen = new Map<string, TermInfo>();
  private readonly cache = new Map<string, TermInfo | null>();
  private readonly stop: ReadonlySet<string>;

  /** Tags `sample` sentences with wink-nlp; `extraStop` are lower-case words never used in key phrases. */
  constructor(sample: readonly string[], extraStop: Iterable<string> = []) {
    this.stop = new Set([...STOP_WORDS, ...extraStop]);
    const votes = new Map<string, Map<string, number>>();
    for (const s of sample) {
      for (const t of winkAnnotate(s)) {
        if (!/^\p{L}/u.test(t.norm)) continue;
        const k = `${t.pos}\u0000${t.pos === 'NOUN' ? t.lemma : t.norm}`;
        let v = votes.get(t.norm);
        if (!v) votes.set(t.norm, (v = new Map()));
        v.set(k, (v.get(k) ?? 0) + 1);
      }
    }
    for (const [word, v] of votes) {
      // majority; ties broken by the key so the result does not depend on sample order
      const [bestKey] = [...v.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] as [string, number];
      const [pos, key] = bestKey.split('\u0000') as [Pos, string];
      this.seen.set(word, { key, pos });
    }
  }

  /** Number of word types the sample tagged. */
  get size(): number {
    return this.seen.size;
  }

  /** The key-phrase form of a lower-case word, or null for stop words, function words, numbers and one-letter words. */
  info(raw: string): TermInfo | null {
    const hit = this.cache.get(raw);
    if (hit !== undefined) return hit;
    // possessives: "fleet's" is "fleet"
    const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    let out: TermInfo | null = null;
    if (word.length > 1 && !this.stop.has(word) && !/\p{N}/u.test(word) && /^\p{L}/u.test(word)) {
      const s = this.seen.get(word);
      if (s === undefined) out = { key: singular(word), pos: 'UNKNOWN' };
      else if (CONTENT_POS.has(s.pos) && !this.stop.has(s.key)) out = s;
    }
    this.cache.set(raw, out);
    return out;
  }
}

/** Evenly spaced indices: a deterministic sample of at most n of `length` items. */
export function evenSample(length: number, n: number): number[] {
  if (length <= n) return Array.from({ length }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.floor((i * length) / n));
  return out;
}
