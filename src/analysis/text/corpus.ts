// Prepared feedback corpus: sentences with sentiment, class and key-phrase term ids, built in one pass over the rows.
import { classifySentence, SENTENCE_CLASSES } from './classify.js';
import type { SentenceClass } from './classify.js';
import { splitSentences } from './sentences.js';
import type { Splitter } from './sentences.js';
import { rawSentiment, squash } from './sentiment.js';
import { evenSample, NOUNISH, TermLexicon } from './term-lexicon.js';
import { tokenize } from './tokenize.js';

export interface FeedbackRow {
  readonly feedback_id: string;
  readonly text: string;
  readonly group: string;
  readonly rating?: number | null;
  readonly stage?: string | null;
  readonly source?: string | null;
  readonly customer_id?: string | null;
}

export interface CorpusDoc {
  readonly id: string;
  /** customer_id, or the feedback id when the row has none (each such row counts as its own customer) */
  readonly customer: string;
  readonly group: number;
  readonly row: FeedbackRow;
}

export interface Corpus {
  readonly groups: readonly string[];
  readonly docs: readonly CorpusDoc[];
  /** per sentence: its document, text, sentiment in [-1, 1] and class index into SENTENCE_CLASSES (all 0 when built with `labels: false`) */
  readonly sentenceDoc: Int32Array;
  readonly sentenceText: readonly string[];
  readonly sentiment: Float64Array;
  readonly label: Uint8Array;
  /** content-term ids of sentence s are terms[termStart[s] .. termStart[s + 1]); -1 breaks a phrase */
  readonly termStart: Int32Array;
  readonly terms: Int32Array;
  readonly vocab: readonly string[];
  /** term id → may end a multi-word phrase (a noun, proper noun or unknown word) */
  readonly nounish: readonly boolean[];
}

export interface CorpusOptions {
  readonly splitter?: Splitter;
  /** sentences tagged by wink-nlp to learn parts of speech and lemmas (default 10 000) */
  readonly posSample?: number;
  /** extra lower-case words never used in key phrases (brand names, the company's own name) */
  readonly stopTerms?: readonly string[];
  /** also never use the words of the group names (e.g. groups named after brands; default false) */
  readonly stopGroupNames?: boolean;
  /** parts of speech learnt once for several analyses of overlapping texts (see `sharedLexicon`); else from this corpus's sample */
  readonly lexicon?: TermLexicon;
  /** classify each sentence (goal, pain point, question, …; default true): only the statement lists read the labels */
  readonly labels?: boolean;
}

/**
 * One lexicon for several analyses of the same texts (a journey map analyses each group's feedback and everyone's): the
 * wink-nlp tagging of the sample, most of a small analysis's cost, is paid once. The sample is drawn from the sentences
 * of `texts` (each text once) as `buildCorpus` draws it.
 */
export function sharedLexicon(texts: Iterable<string>, options: CorpusOptions = {}): TermLexicon {
  const sentences: string[] = [];
  for (const t of new Set(texts)) for (const s of splitSentences(t, options.splitter ?? 'fast')) sentences.push(s);
  return new TermLexicon(
    evenSample(sentences.length, options.posSample ?? 10_000).map((i) => sentences[i] as string),
    (options.stopTerms ?? []).map((t) => t.toLowerCase()),
  );
}

const CLASS_INDEX = new Map<SentenceClass, number>(SENTENCE_CLASSES.map((c, i) => [c, i]));

export function buildCorpus(rows: readonly FeedbackRow[], options: CorpusOptions = {}): Corpus {
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const docs: CorpusDoc[] = rows.map((row) => ({
    id: row.feedback_id,
    customer: row.customer_id ?? `feedback:${row.feedback_id}`,
    group: groupIndex.get(row.group) as number,
    row,
  }));
  const texts: string[] = [];
  const owner: number[] = [];
  rows.forEach((r, d) => {
    for (const s of splitSentences(r.text ?? '', options.splitter ?? 'fast')) {
      texts.push(s);
      owner.push(d);
    }
  });
  const groupWords = !options.stopGroupNames ? [] : groups.flatMap((g) => g.toLowerCase().split(/[^\p{L}\p{N}']+/u)).filter((w) => w.length > 1);
  const lexicon =
    options.lexicon ??
    new TermLexicon(
      evenSample(texts.length, options.posSample ?? 10_000).map((i) => texts[i] as string),
      [...(options.stopTerms ?? []).map((t) => t.toLowerCase()), ...groupWords],
    );
  const n = texts.length;
  const sentiment = new Float64Array(n);
  const label = new Uint8Array(n);
  const termStart = new Int32Array(n + 1);
  let terms = new Int32Array(Math.max(1024, n * 8));
  let used = 0;
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  const nounish: boolean[] = [];
  for (let s = 0; s < n; s++) {
    const text = texts[s] as string;
    const tokens = tokenize(text);
    const score = squash(rawSentiment(tokens));
    sentiment[s] = score;
    if (options.labels !== false) label[s] = CLASS_INDEX.get(classifySentence(text, score)) as number;
    termStart[s] = used;
    if (used + tokens.length + 1 > terms.length) {
      const grown = new Int32Array(Math.max(terms.length * 2, used + tokens.length + 1));
      grown.set(terms);
      terms = grown;
    }
    for (const t of tokens) {
      const info = t.kind === 'word' ? lexicon.info(t.norm) : null;
      if (info === null) {
        if (used > termStart[s] && terms[used - 1] !== -1) terms[used++] = -1;
        continue;
      }
      let id = ids.get(info.key);
      if (id === undefined) {
        id = vocab.length;
        ids.set(info.key, id);
        vocab.push(info.key);
        nounish.push(NOUNISH.has(info.pos));
      }
      terms[used++] = id;
    }
  }
  termStart[n] = used;
  return {
    groups, docs, sentenceDoc: Int32Array.from(owner), sentenceText: texts, sentiment, label, termStart,
    terms: terms.slice(0, used), vocab, nounish,
  };
}
