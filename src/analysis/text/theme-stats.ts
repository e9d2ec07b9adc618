// Counts behind themes and statements: customers per group, sentences holding a phrase, stats and quotes of a sentence set.
import type { Corpus } from './corpus.js';
import type { PhraseTable } from './phrases.js';
import { pickQuotes } from './quotes.js';
import type { Quote, QuoteOptions } from './quotes.js';

const customerCounts = new WeakMap<Corpus, Float64Array>();

/** Distinct customers per group (and all groups, last) in the whole corpus: the denominators of shares. */
export function customersPerGroup(corpus: Corpus): Float64Array {
  let out = customerCounts.get(corpus);
  if (out) return out;
  const G = corpus.groups.length;
  const sets = Array.from({ length: G + 1 }, () => new Set<string>());
  for (const d of corpus.docs) {
    (sets[d.group] as Set<string>).add(d.customer);
    (sets[G] as Set<string>).add(d.customer);
  }
  out = Float64Array.from(sets, (s) => s.size);
  customerCounts.set(corpus, out);
  return out;
}

/** Sentences of the subset holding each wanted phrase, in subset order. */
export function phraseSentences(corpus: Corpus, subset: Int32Array, table: PhraseTable, wanted: Iterable<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const p of wanted) out.set(p, []);
  for (const s of subset) {
    table.forEachIn(corpus.termStart[s] as number, corpus.termStart[s + 1] as number, (p) => {
      const list = out.get(p);
      if (list && list[list.length - 1] !== s) list.push(s);
    });
  }
  return out;
}

export interface SentenceStats {
  readonly sentences: number;
  readonly documents: number;
  readonly customers: number;
  readonly sentiment: number;
  readonly quotes: readonly Quote[];
}

/** Counts, mean sentiment and quotes of a set of sentences. */
export function sentenceStats(corpus: Corpus, sentences: readonly number[], quotes: number, quoteOptions: QuoteOptions = {}): SentenceStats {
  const docs = new Set<number>();
  const customers = new Set<string>();
  let sum = 0;
  for (const s of sentences) {
    const d = corpus.sentenceDoc[s] as number;
    docs.add(d);
    customers.add((corpus.docs[d] as { customer: string }).customer);
    sum += corpus.sentiment[s] as number;
  }
  // quotes come from at most 400 evenly spaced sentences (pickQuotes' pool): build only those candidates
  const m = quotes > 0 ? Math.min(400, sentences.length) : 0;
  const sample = Array.from({ length: m }, (_, k) => sentences[Math.floor((k * sentences.length) / m)] as number);
  const candidates = sample.map((s) => {
    const doc = corpus.docs[corpus.sentenceDoc[s] as number] as Corpus['docs'][number];
    const terms = Array.from(corpus.terms.subarray(corpus.termStart[s], corpus.termStart[s + 1])).filter((t) => t >= 0);
    return {
      feedbackId: doc.id, customer: doc.customer, text: corpus.sentenceText[s] as string, sentiment: corpus.sentiment[s] as number,
      terms, source: doc.row.source ?? null, rating: doc.row.rating ?? null,
    };
  });
  return {
    sentences: sentences.length,
    documents: docs.size,
    customers: customers.size,
    sentiment: sentences.length ? sum / sentences.length : 0,
    quotes: pickQuotes(candidates, { ...quoteOptions, max: quotes }),
  };
}
