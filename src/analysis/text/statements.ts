// Merges the sentences of one class (goals, pain points, …) into statements: each sentence joins its best key phrase.
import { SENTENCE_CLASSES } from './classify.js';
import type { SentenceClass } from './classify.js';
import type { Corpus } from './corpus.js';
import type { Quote, QuoteOptions } from './quotes.js';
import { customersPerGroup, phraseSentences, sentenceStats } from './theme-stats.js';
import { rankPhrases } from './themes.js';

export interface Statement {
  /** the key phrase shared by the merged sentences ("lost luggage"); quotes[0] reads as the statement itself */
  readonly label: string;
  /** the most representative sentence (PII-scrubbed), the statement in a customer's words */
  readonly text: string;
  readonly sentences: number;
  readonly customers: number;
  /** customers of the group who made it / customers of the group */
  readonly share: number;
  readonly sentiment: number;
  readonly quotes: readonly Quote[];
}

export interface StatementList {
  /** sentences and distinct customers of this class in the group */
  readonly sentences: number;
  readonly customers: number;
  readonly sentiment: number;
  readonly items: readonly Statement[];
  /** sentences of the class that joined no listed statement */
  readonly unclustered: number;
}

export interface StatementOptions {
  /** statements per group (default 6) */
  readonly max?: number;
  /** quotes per statement (default 3) */
  readonly quotes?: number;
  /** fewest documents behind a statement (default 3) */
  readonly minDocs?: number;
  readonly quoteOptions?: QuoteOptions;
}

/** Statements of one class for every group (index = group index) and, last, for all groups together. */
export function clusterStatements(corpus: Corpus, cls: SentenceClass, options: StatementOptions = {}): StatementList[] {
  const code = SENTENCE_CLASSES.indexOf(cls);
  const picked: number[] = [];
  for (let s = 0; s < corpus.label.length; s++) if (corpus.label[s] === code) picked.push(s);
  const subset = Int32Array.from(picked);
  const max = options.max ?? 6;
  // rank more phrases than shown: small clusters are dropped after sentences join their best phrase
  const { table, ranked } = rankPhrases(corpus, subset, { maxThemes: max * 2, minDocs: options.minDocs ?? 3, minShare: 0 });
  const members = phraseSentences(corpus, subset, table, new Set(ranked.flat()));
  const G = corpus.groups.length;
  const perGroup = customersPerGroup(corpus);
  const groupOf = (s: number): number => (corpus.docs[corpus.sentenceDoc[s] as number] as { group: number }).group;
  return ranked.map((phrases, c) => {
    const inColumn = picked.filter((s) => c === G || groupOf(s) === c);
    const whole = sentenceStats(corpus, inColumn, 0);
    const taken = new Set<number>();
    const items: Statement[] = [];
    for (const p of phrases) {
      const mine = (members.get(p) ?? []).filter((s) => !taken.has(s) && (c === G || groupOf(s) === c));
      for (const s of mine) taken.add(s);
      if (mine.length === 0) continue;
      const stats = sentenceStats(corpus, mine, options.quotes ?? 3, options.quoteOptions);
      if (stats.documents < (options.minDocs ?? 3)) continue;
      items.push({
        label: table.text[p] as string,
        text: stats.quotes[0]?.text ?? (table.text[p] as string),
        sentences: stats.sentences,
        customers: stats.customers,
        share: stats.customers / Math.max(1, perGroup[c] as number),
        sentiment: stats.sentiment,
        quotes: stats.quotes,
      });
    }
    items.sort((a, b) => b.customers - a.customers || b.sentences - a.sentences || (a.label < b.label ? -1 : 1));
    const shown = items.slice(0, max);
    const clustered = shown.reduce((n, i) => n + i.sentences, 0);
    return { sentences: whole.sentences, customers: whole.customers, sentiment: whole.sentiment, items: shown, unclustered: whole.sentences - clustered };
  });
}
