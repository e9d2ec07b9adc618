// Key themes per group: phrase candidates ranked by c-TF-IDF across groups, de-duplicated, with counts, lift and quotes.
import type { Corpus } from './corpus.js';
import { ctfidfWeight } from './ctfidf.js';
import { countPhrases } from './phrases.js';
import type { PhraseTable } from './phrases.js';
import type { Quote, QuoteOptions } from './quotes.js';
import { customersPerGroup, phraseSentences, sentenceStats } from './theme-stats.js';

export interface ThemeOptions {
  /** themes per group (default 10) */
  readonly maxThemes?: number;
  /** longest phrase in words (default 3) */
  readonly maxN?: number;
  /** fewest documents of the group that must hold a theme (default 3) */
  readonly minDocs?: number;
  /** … and at least this share of the group's documents in the analysed sentences (default 0.005) */
  readonly minShare?: number;
  /** quotes per theme (default 3) */
  readonly quotes?: number;
  readonly quoteOptions?: QuoteOptions;
}

export interface Theme {
  readonly phrase: string;
  /** c-TF-IDF weight of the phrase in the group (for "all": TF-IDF against the whole corpus) */
  readonly score: number;
  readonly sentences: number;
  readonly documents: number;
  readonly customers: number;
  /** customers of the group who mention it / customers of the group */
  readonly share: number;
  /** the same over all groups */
  readonly allShare: number;
  /** share / allShare */
  readonly lift: number;
  /** mean sentence sentiment in [-1, 1] */
  readonly sentiment: number;
  readonly quotes: readonly Quote[];
}

export interface RankedPhrases {
  readonly table: PhraseTable;
  /** per column (groups, then "all"): selected phrase indices, best first, and their scores */
  readonly ranked: readonly (readonly number[])[];
  readonly scores: readonly (readonly number[])[];
}

/** The ranked, de-duplicated phrases of each group; `subset` = the sentence indices to analyse, in document order. */
export function rankPhrases(corpus: Corpus, subset: Int32Array, options: ThemeOptions = {}): RankedPhrases {
  const minDocs = options.minDocs ?? 3;
  const maxThemes = options.maxThemes ?? 10;
  const table = countPhrases(corpus, subset, { maxN: options.maxN ?? 3, minDocs });
  const C = table.columns;
  const G = C - 1;
  const docsIn = new Float64Array(C);
  let last = -1;
  for (const s of subset) {
    const d = corpus.sentenceDoc[s] as number;
    if (d === last) continue;
    last = d;
    docsIn[(corpus.docs[d] as { group: number }).group]++;
    docsIn[G]++;
  }
  let meanWords = 0;
  for (let g = 0; g < G; g++) meanWords += (table.words[g] as number) / Math.max(1, G);
  const P = table.text.length;
  const ranked: number[][] = [];
  const rankScores: number[][] = [];
  for (let c = 0; c < C; c++) {
    const min = Math.max(minDocs, (options.minShare ?? 0.005) * (docsIn[c] as number));
    const scores = new Float64Array(P);
    const eligible: number[] = [];
    for (let p = 0; p < P; p++) {
      if ((table.df[p * C + c] as number) < min) continue;
      const total = table.tf[p * C + G] as number;
      scores[p] = c === G
        ? ctfidfWeight(total, table.words[G] as number, table.words[G] as number, total)
        : ctfidfWeight(table.tf[p * C + c] as number, table.words[c] as number, meanWords, total);
      eligible.push(p);
    }
    eligible.sort((a, b) => (scores[b] as number) - (scores[a] as number) || ((table.text[a] as string) < (table.text[b] as string) ? -1 : 1));
    const chosen = select(table, c, eligible, maxThemes);
    ranked.push(chosen);
    rankScores.push(chosen.map((p) => scores[p] as number));
  }
  return { table, ranked, scores: rankScores };
}

const contains = (long: string, short: string): boolean => ` ${long} `.includes(` ${short} `);

// A phrase inside (or around) one already chosen is skipped, unless it is what a chosen shorter phrase mostly means: a
// shorter phrase whose documents hold the longer one at least 60% of the time gives way to it ("customer" → "customer
// service"); a broader one ("service", said in many other ways) stays beside it.
const COVERAGE = 0.6;

function select(table: PhraseTable, c: number, eligible: readonly number[], max: number): number[] {
  const C = table.columns;
  const df = (p: number): number => table.df[p * C + c] as number;
  let out: number[] = [];
  for (const p of eligible.slice(0, max * 8)) {
    const text = table.text[p] as string;
    const inside = out.filter((q) => contains(text, table.text[q] as string));
    const around = out.some((q) => contains(table.text[q] as string, text));
    if (inside.length === 0 && !around) {
      if (out.length < max) out.push(p);
      continue;
    }
    const replaced = inside.filter((q) => df(p) >= COVERAGE * df(q));
    if (around || replaced.length === 0) continue;
    const at = out.indexOf(replaced[0] as number);
    out = out.flatMap((q, i) => (i === at ? [p] : replaced.includes(q) ? [] : [q]));
  }
  return out;
}

/** Themes of every group (index = group index in corpus.groups) and, last, of all groups together. */
export function extractThemes(corpus: Corpus, subset: Int32Array, options: ThemeOptions = {}): Theme[][] {
  const { table, ranked, scores } = rankPhrases(corpus, subset, options);
  const G = corpus.groups.length;
  const perGroup = customersPerGroup(corpus);
  const members = phraseSentences(corpus, subset, table, new Set(ranked.flat()));
  const groupOf = (s: number): number => (corpus.docs[corpus.sentenceDoc[s] as number] as { group: number }).group;
  const allShare = new Map<number, number>();
  const shareAll = (p: number): number => {
    let v = allShare.get(p);
    if (v === undefined) {
      const cs = new Set((members.get(p) ?? []).map((s) => (corpus.docs[corpus.sentenceDoc[s] as number] as { customer: string }).customer));
      allShare.set(p, (v = cs.size / Math.max(1, perGroup[G] as number)));
    }
    return v;
  };
  return ranked.map((phrases, c) =>
    phrases.map((p, i) => {
      const sentences = (members.get(p) ?? []).filter((s) => c === G || groupOf(s) === c);
      const stats = sentenceStats(corpus, sentences, options.quotes ?? 3, options.quoteOptions);
      const share = stats.customers / Math.max(1, perGroup[c] as number);
      const all = shareAll(p);
      return {
        phrase: table.text[p] as string,
        score: (scores[c] as number[])[i] as number,
        ...stats,
        share,
        allShare: all,
        lift: all > 0 ? share / all : 0,
      };
    }),
  );
}
