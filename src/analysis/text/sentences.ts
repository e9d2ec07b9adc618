// Sentence splitting (wink-nlp's detector, or a fast rule splitter for bulk) and whitespace normalisation.
import { winkSentences } from './wink.js';

export type Splitter = 'wink' | 'fast';

/** Collapses runs of whitespace (including newlines and non-breaking spaces) and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

// Titles never end a sentence; other abbreviations do when a capital follows ("music etc. Love it").
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'capt', 'vs', 'e.g', 'i.e', 'eg', 'ie', 'approx', 'no']);
const ABBREVIATIONS = new Set([
  'etc', 'dept', 'est', 'inc', 'ltd', 'co', 'corp', 'vol', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'a.m', 'p.m', 'u.s', 'u.k', 'ft', 'oz', 'lb', 'lbs', 'ext', 'tel', 'ref',
]);

// A run of terminators (with closing quotes/brackets) and the whitespace after it.
const BOUNDARY = /([.!?…]+['"”’)\]]*)(\s+)/g;

/** Rule splitter: terminators followed by whitespace, line breaks; abbreviations and initials do not split. */
export function splitSentencesFast(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n|\r|\u2028/)) {
    let start = 0;
    BOUNDARY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = BOUNDARY.exec(line)) !== null) {
      const end = m.index + (m[1] as string).length;
      if ((m[1] as string) === '.') {
        const before = /([\p{L}.]+)\.$/u.exec(line.slice(Math.max(start, m.index - 12), end));
        const word = before ? (before[1] as string).toLowerCase() : '';
        const capitalNext = /^\s+\p{Lu}/u.test(line.slice(end));
        if (TITLES.has(word) || /^\p{Lu}$/u.test(before?.[1] ?? '')) continue;
        if (ABBREVIATIONS.has(word) && !capitalNext) continue;
        // "3. 5" or "v. 2": digits both sides of a lone dot read as a number or list, not an end.
        if (/\p{N}$/u.test(line.slice(start, m.index)) && /^\s+\p{N}/u.test(line.slice(end))) continue;
      }
      pushSentence(out, line.slice(start, end));
      start = end + (m[2] as string).length;
    }
    pushSentence(out, line.slice(start));
  }
  return out;
}

function pushSentence(out: string[], s: string): void {
  const n = normalizeWhitespace(s);
  // A fragment with no letter, digit or emoji (e.g. "..." or "!!") joins the previous sentence.
  if (n === '') return;
  if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(n) && out.length > 0) {
    out[out.length - 1] += ' ' + n;
    return;
  }
  out.push(n);
}

/** wink-nlp splitter, after line breaks (which wink ignores inside a paragraph) have split the text. */
export function splitSentencesWink(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n|\r|\u2028/)) {
    if (line.trim() === '') continue;
    for (const s of winkSentences(line)) pushSentence(out, s);
  }
  return out;
}

/** Sentences of a text, whitespace-normalised, with the chosen splitter (default wink-nlp). */
export function splitSentences(text: string, splitter: Splitter = 'wink'): string[] {
  return splitter === 'wink' ? splitSentencesWink(text) : splitSentencesFast(text);
}
