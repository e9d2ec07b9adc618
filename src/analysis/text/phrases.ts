// Counts key-phrase candidates (1–3 consecutive content words) per group, pruned Apriori-style to frequent phrases.
import type { Corpus } from './corpus.js';

export interface PhraseTable {
  /** phrase text ("lost luggage") and its term ids */
  readonly text: readonly string[];
  readonly ids: readonly (readonly number[])[];
  /** groups + 1 columns; the last column is all groups together */
  readonly columns: number;
  /** occurrences of phrase p in column c at [p * columns + c] */
  readonly tf: Int32Array;
  /** documents of column c that contain phrase p */
  readonly df: Int32Array;
  /** content words per column (the n(c) of c-TF-IDF) */
  readonly words: Float64Array;
  /** calls fn with every candidate phrase found in corpus.terms[start..end) */
  readonly forEachIn: (start: number, end: number, fn: (phrase: number) => void) => void;
}

export interface CountOptions {
  /** longest phrase in words (default 3) */
  readonly maxN?: number;
  /** fewest documents (all groups together) a phrase needs to be counted (default 3) */
  readonly minDocs?: number;
}

/** Calls fn(sentence, doc, start, end) for the subset's sentences; term ids are corpus.terms[start..end). */
function eachSentence(corpus: Corpus, subset: Int32Array, fn: (doc: number, start: number, end: number) => void): void {
  for (let k = 0; k < subset.length; k++) {
    const s = subset[k] as number;
    fn(corpus.sentenceDoc[s] as number, corpus.termStart[s] as number, corpus.termStart[s + 1] as number);
  }
}

export function countPhrases(corpus: Corpus, subset: Int32Array, options: CountOptions = {}): PhraseTable {
  const maxN = options.maxN ?? 3;
  const minDocs = options.minDocs ?? 3;
  const V = corpus.vocab.length;
  const T = corpus.terms;
  // pass 1: document frequency of single words
  const df1 = new Int32Array(V);
  const stamp1 = new Int32Array(V).fill(-1);
  eachSentence(corpus, subset, (d, a, b) => {
    for (let i = a; i < b; i++) {
      const t = T[i] as number;
      if (t >= 0 && stamp1[t] !== d) {
        stamp1[t] = d;
        df1[t]++;
      }
    }
  });
  // passes 2 and 3: longer phrases only where every shorter part is frequent (Apriori)
  const bigram = new Map<number, number>();
  const trigram = new Map<number, number>();
  const countLonger = (n: 2 | 3): void => {
    const index = n === 2 ? bigram : trigram;
    const df: number[] = [];
    const stamp: number[] = [];
    eachSentence(corpus, subset, (d, a, b) => {
      for (let i = a; i + n <= b; i++) {
        const x = T[i] as number;
        const y = T[i + 1] as number;
        if (x < 0 || y < 0 || df1[x] < minDocs || df1[y] < minDocs) continue;
        let key = x * V + y;
        if (n === 3) {
          const z = T[i + 2] as number;
          const xy = bigram.get(key);
          const yz = z < 0 ? undefined : bigram.get(y * V + z);
          if (xy === undefined || yz === undefined || xy < 0 || yz < 0) continue;
          key = xy * V + z;
        }
        let k = index.get(key);
        if (k === undefined) {
          index.set(key, (k = df.length));
          df.push(0);
          stamp.push(-1);
        }
        if (stamp[k] !== d) {
          stamp[k] = d;
          df[k]++;
        }
      }
    });
    // infrequent entries are marked -1 so longer phrases skip them
    for (const [key, k] of index) index.set(key, (df[k] as number) >= minDocs ? k : -1);
  };
  if (maxN >= 2) countLonger(2);
  if (maxN >= 3) countLonger(3);

  // candidates: frequent phrases with a noun-like word (single words of any content part of speech)
  const text: string[] = [];
  const ids: number[][] = [];
  const uni = new Int32Array(V).fill(-1);
  const add = (terms: number[]): number => {
    if (terms.length > 1 && !terms.some((t) => corpus.nounish[t])) return -1;
    if (terms.length > 1 && new Set(terms).size < terms.length) return -1;
    ids.push(terms);
    text.push(terms.map((t) => corpus.vocab[t]).join(' '));
    return ids.length - 1;
  };
  for (let t = 0; t < V; t++) if (df1[t] >= minDocs) uni[t] = add([t]);
  const biCand = new Map<number, number>();
  for (const [key, k] of bigram) if (k >= 0) biCand.set(key, add([Math.floor(key / V), key % V]));
  const biTerms = new Map<number, readonly number[]>();
  for (const [key, k] of bigram) if (k >= 0) biTerms.set(k, [Math.floor(key / V), key % V]);
  const triCand = new Map<number, number>();
  for (const [key, k] of trigram) {
    if (k < 0) continue;
    const [x, y] = biTerms.get(Math.floor(key / V)) as [number, number];
    triCand.set(key, add([x, y, key % V]));
  }

  const forEachIn = (a: number, b: number, fn: (p: number) => void): void => {
    for (let i = a; i < b; i++) {
      const x = T[i] as number;
      if (x < 0) continue;
      if ((uni[x] as number) >= 0) fn(uni[x] as number);
      const y = i + 1 < b ? (T[i + 1] as number) : -1;
      if (y < 0) continue;
      const bk = x * V + y;
      const bi = biCand.get(bk);
      if (bi === undefined) continue;
      if (bi >= 0) fn(bi);
      const z = i + 2 < b ? (T[i + 2] as number) : -1;
      const xy = bigram.get(bk);
      const tri = z >= 0 && xy !== undefined && xy >= 0 ? triCand.get(xy * V + z) : undefined;
      if (tri !== undefined && tri >= 0) fn(tri);
    }
  };

  // pass 4: per-group counts of the candidates
  const G1 = corpus.groups.length + 1;
  const P = ids.length;
  const tf = new Int32Array(P * G1);
  const df = new Int32Array(P * G1);
  const stamp = new Int32Array(P).fill(-1);
  const words = new Float64Array(G1);
  eachSentence(corpus, subset, (d, a, b) => {
    const g = (corpus.docs[d] as { group: number }).group;
    for (let i = a; i < b; i++) {
      if ((T[i] as number) < 0) continue;
      words[g]++;
      words[G1 - 1]++;
    }
    forEachIn(a, b, (p) => {
      tf[p * G1 + g]++;
      tf[p * G1 + G1 - 1]++;
      if (stamp[p] !== d) {
        stamp[p] = d;
        df[p * G1 + g]++;
        df[p * G1 + G1 - 1]++;
      }
    });
  });
  return { text, ids, columns: G1, tf, df, words, forEachIn };
}
