// Document sentiment (text blended with ratings) and its summaries per group and per journey stage.
import type { Corpus } from './corpus.js';
import { pickQuotes } from './quotes.js';
import type { Quote, QuoteOptions } from './quotes.js';
import { blendWithRating, detectRatingScale } from './rating.js';
import type { RatingScale } from './rating.js';

export interface DocumentSentimentOptions {
  readonly ratingScale?: RatingScale | 'auto';
  readonly ratingWeight?: number;
}

export interface SentimentSummary {
  /** mean document sentiment in [-1, 1], text blended with the rating where there is one */
  readonly mean: number;
  /** mean document sentiment from the text alone */
  readonly meanText: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly documents: number;
  readonly rated: number;
}

export type StageSentiment =
  | { readonly stage: string; readonly suppressed: false; readonly documents: number; readonly customers: number; readonly sentiment: SentimentSummary; readonly quote: Quote | null }
  | { readonly stage: string; readonly suppressed: true };

/** Per document: mean sentence sentiment, and the same blended with the row's rating (scale read per source). */
export function docSentiments(corpus: Corpus, options: DocumentSentimentOptions): { text: Float64Array; blended: Float64Array } {
  const D = corpus.docs.length;
  const sum = new Float64Array(D);
  const count = new Float64Array(D);
  corpus.sentenceDoc.forEach((d, s) => {
    sum[d] += corpus.sentiment[s] as number;
    count[d]++;
  });
  const scales = new Map<string, RatingScale>();
  const scaleOf = (source: string): RatingScale => {
    if (options.ratingScale && options.ratingScale !== 'auto') return options.ratingScale;
    let s = scales.get(source);
    if (!s) scales.set(source, (s = detectRatingScale(corpus.docs.filter((d) => (d.row.source ?? '') === source).map((d) => d.row.rating))));
    return s;
  };
  const text = Float64Array.from(sum, (v, d) => (count[d] ? v / (count[d] as number) : 0));
  const blended = Float64Array.from(text, (t, d) => {
    const row = (corpus.docs[d] as Corpus['docs'][number]).row;
    return blendWithRating(t, row.rating, scaleOf(row.source ?? ''), options.ratingWeight ?? 0.5);
  });
  return { text, blended };
}

export function summarise(docs: readonly number[], text: Float64Array, blended: Float64Array, corpus: Corpus, band: number): SentimentSummary {
  let m = 0, mt = 0, pos = 0, neg = 0, rated = 0;
  for (const d of docs) {
    const b = blended[d] as number;
    m += b;
    mt += text[d] as number;
    if (b > band) pos++;
    else if (b < -band) neg++;
    const r = (corpus.docs[d] as Corpus['docs'][number]).row.rating;
    if (typeof r === 'number' && Number.isFinite(r)) rated++;
  }
  const n = Math.max(1, docs.length);
  return { mean: m / n, meanText: mt / n, positive: pos / n, neutral: (docs.length - pos - neg) / n, negative: neg / n, documents: docs.length, rated };
}

/** Sentiment per journey stage of a group's documents; cells under the customer minimum are suppressed. */
export function stages(corpus: Corpus, docs: readonly number[], text: Float64Array, blended: Float64Array, band: number, min: number, quoteOptions: QuoteOptions): StageSentiment[] {
  const byStage = new Map<string, number[]>();
  for (const d of docs) {
    const stage = (corpus.docs[d] as Corpus['docs'][number]).row.stage;
    if (stage === null || stage === undefined || stage === '') continue;
    const list = byStage.get(stage) ?? [];
    list.push(d);
    byStage.set(stage, list);
  }
  return [...byStage.keys()].sort().map((stage): StageSentiment => {
    const ds = byStage.get(stage) as number[];
    const who = new Set(ds.map((d) => (corpus.docs[d] as Corpus['docs'][number]).customer));
    if (who.size < min) return { stage, suppressed: true };
    // the stage's "thought": a representative whole answer
    const candidates = ds.map((d) => {
      const doc = corpus.docs[d] as Corpus['docs'][number];
      return { feedbackId: doc.id, customer: doc.customer, text: doc.row.text, sentiment: blended[d] as number, source: doc.row.source ?? null, rating: doc.row.rating ?? null };
    });
    const [quote] = pickQuotes(candidates, { ...quoteOptions, max: 1 });
    return { stage, suppressed: false, documents: ds.length, customers: who.size, sentiment: summarise(ds, text, blended, corpus, band), quote: quote ?? null };
  });
}
