// Sentence and document sentiment in [-1, 1]: AFINN + customer-service lexicon, negation, intensifiers, rating blend.
import { AFINN, EMOJI } from './afinn.js';
import { BOOSTERS, CONTRACTIONS, CONTRAST, DOMAIN_PHRASES, DOMAIN_WORDS, NEGATORS } from './domain-lexicon.js';
import { tokenize } from './tokenize.js';
import type { Token } from './tokenize.js';

export interface SentimentOptions {
  /** use the customer-service lexicon (default true); false = AFINN with the same negation rules */
  readonly domain?: boolean;
}

interface Phrase {
  readonly words: readonly string[];
  readonly value: number;
}

interface Lexicon {
  readonly words: ReadonlyMap<string, number>;
  readonly phrases: ReadonlyMap<string, readonly Phrase[]>;
}

function expand(pattern: string): string[][] {
  let out: string[][] = [[]];
  for (const slot of pattern.split(' ')) {
    const alts = slot.split('|');
    out = out.flatMap((prefix) => alts.map((a) => [...prefix, a]));
  }
  return out;
}

function buildLexicon(domain: boolean): Lexicon {
  const words = new Map(AFINN);
  for (const [k, v] of EMOJI) words.set(k, v);
  const phrases = new Map<string, Phrase[]>();
  if (domain) {
    for (const [k, v] of Object.entries(DOMAIN_WORDS)) words.set(k, v);
    for (const [value, ...patterns] of DOMAIN_PHRASES) {
      for (const p of patterns) {
        for (const ws of expand(p)) {
          const list = phrases.get(ws[0] as string) ?? [];
          list.push({ words: ws, value });
          phrases.set(ws[0] as string, list);
        }
      }
    }
    for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  }
  return { words, phrases };
}

const lexicons = new Map<boolean, Lexicon>();
const lexicon = (domain: boolean): Lexicon => {
  let l = lexicons.get(domain);
  if (!l) lexicons.set(domain, (l = buildLexicon(domain)));
  return l;
};

const CLAUSE_BREAK = new Set([',', ';', ':', '.', '!', '?', '…', '--', '—', '–', '(', ')']);
const N_SCALAR = -0.74; // VADER's negation factor
// Praise under a condition or wish ("would be great if", "if you could help") states an unmet need, not a good experience.
const MODALS = new Set(['would', 'could', 'should', 'if', 'hopefully', "i'd", 'wish', 'might', "you'd", "it'd"]);
const MODAL_EXEMPT = new Set(['recommend', 'recommended', 'again']);
const MODAL_SCALAR = 0.2;
const QUESTION_SCALAR = 0.3;
const CAPS_BOOST = 1.3;

/** Squashes an unbounded sum of valences into (-1, 1) like VADER's compound score. */
export const squash = (raw: number): number => (raw === 0 ? 0 : raw / Math.sqrt(raw * raw + 15));

const CONTRACTION = new Map(Object.entries(CONTRACTIONS));

/** Sentiment words the scorer reads: words, hashtag bodies, emoji and clause punctuation; two-word negations joined. */
function prepare(tokens: readonly Token[]): { w: string[]; caps: boolean[] } {
  const w: string[] = [];
  const caps: boolean[] = [];
  for (const t of tokens) {
    let norm = t.norm;
    if (t.kind === 'hashtag') norm = norm.slice(1);
    else if (t.kind === 'punct') norm = norm[0] === '!' ? '!' : norm[0] === '?' ? '?' : norm;
    else if (t.kind !== 'word' && t.kind !== 'emoji') continue;
    // every two-word negation ends in "not" ("does not" → "doesn't")
    if (norm === 'not' && w.length > 0) {
      const joined = CONTRACTION.get(`${w[w.length - 1]} not`);
      if (joined !== undefined) {
        w[w.length - 1] = joined;
        continue;
      }
    }
    w.push(CONTRACTION.get(norm) ?? norm);
    caps.push(t.caps);
  }
  return { w, caps };
}

/** Unbounded valence sum of one sentence's tokens (AFINN scale). */
export function rawSentiment(tokens: readonly Token[], options: SentimentOptions = {}): number {
  const lex = lexicon(options.domain ?? true);
  const { w, caps } = prepare(tokens);
  let capsCount = 0;
  for (const c of caps) if (c) capsCount++;
  const shout = capsCount > 1 && capsCount === caps.length;
  let before = 0; // valence before a "but"
  let after = 0;
  let contrast = false;
  let clauseStart = 0;
  let bangs = 0;
  let questions = 0;
  for (let i = 0; i < w.length; i++) {
    const word = w[i] as string;
    if (CLAUSE_BREAK.has(word)) {
      clauseStart = i + 1;
      if (word === '!') bangs++;
      if (word === '?') questions++;
      continue;
    }
    if (CONTRAST.has(word) && (word === 'but' || word === 'however')) {
      contrast = true;
      clauseStart = i + 1;
      continue;
    }
    let value: number | undefined;
    let span = 1;
    let selfNegated = false;
    for (const p of lex.phrases.get(word) ?? []) {
      if (p.words.every((x, j) => w[i + j] === x)) {
        value = p.value;
        span = p.words.length;
        selfNegated = NEGATORS.has(word) || p.words.some((x) => NEGATORS.has(x));
        break;
      }
    }
    value ??= lex.words.get(word);
    if (value === undefined || value === 0) {
      i += span - 1;
      continue;
    }
    // intensifier just before (skipping one negator or filler), negation within three words of the clause
    for (let j = i - 1; j >= Math.max(clauseStart, i - 2); j--) {
      const b = BOOSTERS[w[j] as string];
      if (b !== undefined) {
        value *= b;
        break;
      }
    }
    if (caps[i] && !shout) value *= CAPS_BOOST;
    if (!selfNegated) {
      for (let j = i - 1; j >= Math.max(clauseStart, i - 3); j--) {
        if (NEGATORS.has(w[j] as string)) {
          // "never had such awful service", "never been treated this badly": a superlative, not a negation
          const superlative = w[j] === 'never' && w.slice(j + 1, i).some((x) => x === 'such' || x === 'this');
          if (!superlative) value *= N_SCALAR;
          break;
        }
      }
    }
    if (value > 0 && !MODAL_EXEMPT.has(word)) {
      for (let j = i - 1; j >= Math.max(clauseStart, i - 3); j--) {
        if (MODALS.has(w[j] as string)) {
          value *= MODAL_SCALAR;
          break;
        }
      }
    }
    if (contrast) after += value;
    else before += value;
    i += span - 1;
  }
  let raw = contrast ? before * 0.5 + after * 1.5 : before;
  // A question asks about, rather than reports, a good outcome ("is the flight on time?"); complaints keep their weight.
  if (raw > 0 && w[w.length - 1] === '?') raw *= QUESTION_SCALAR;
  if (raw !== 0) raw += Math.sign(raw) * (Math.min(bangs, 4) * 0.292 + (questions > 1 ? Math.min(questions, 3) * 0.18 : 0));
  return raw;
}

/** Sentiment of one sentence (or short text) in [-1, 1]. */
export function sentenceSentiment(text: string, options: SentimentOptions = {}): number {
  return squash(rawSentiment(tokenize(text), options));
}

/** Document sentiment from its sentences' scores: their mean, each sentence counted once. */
export function documentSentiment(sentenceScores: readonly number[]): number {
  if (sentenceScores.length === 0) return 0;
  let s = 0;
  for (const x of sentenceScores) s += x;
  return s / sentenceScores.length;
}

export { blendWithRating, detectRatingScale, ratingSentiment } from './rating.js';
export type { RatingScale } from './rating.js';
