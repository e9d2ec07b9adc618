// Typed, lazily loaded wrappers around wink-nlp (sentence splitting, POS + lemma, its built-in sentiment).
import winkNLP from 'wink-nlp';
import type { ItsFunction, PartOfSpeech, WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export type Pos = PartOfSpeech;

export interface WinkToken {
  readonly norm: string;
  readonly pos: Pos;
  readonly lemma: string;
  readonly stop: boolean;
}

let sbd: WinkMethods | undefined;
let full: WinkMethods | undefined;

// Two pipelines: splitting needs only sbd; loading the model takes ~100 ms, done once per process.
function sbdNlp(): WinkMethods {
  sbd ??= winkNLP(model, ['sbd']);
  return sbd;
}
function fullNlp(): WinkMethods {
  full ??= winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos']);
  return full;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

/** Sentences of a text as wink-nlp's sentence boundary detector sees them. */
export function winkSentences(text: string): string[] {
  return strings(sbdNlp().readDoc(text).sentences().out());
}

/** Tokens with part of speech, lemma and stop-word flag. */
export function winkAnnotate(text: string): WinkToken[] {
  const nlp = fullNlp();
  const tokens = nlp.readDoc(text).tokens();
  const norms = strings(tokens.out(nlp.its.normal));
  const pos = strings(tokens.out(nlp.its.pos));
  // wink's d.ts types lemma with a third (addons) parameter the token iterator supplies itself
  const lemmas = strings(tokens.out(nlp.its.lemma as unknown as ItsFunction<string>));
  const stops = tokens.out(nlp.its.stopWordFlag);
  const out: WinkToken[] = [];
  for (let i = 0; i < norms.length; i++) {
    out.push({
      norm: norms[i] as string,
      pos: (pos[i] ?? 'X') as Pos,
      lemma: lemmas[i] ?? (norms[i] as string),
      stop: Array.isArray(stops) ? stops[i] === true : false,
    });
  }
  return out;
}

/** wink-nlp's built-in (AFINN-style, negation-aware) document sentiment in [-1, 1]: a baseline. */
export function winkSentiment(text: string): number {
  const nlp = fullNlp();
  const v = Number(nlp.readDoc(text).out(nlp.its.sentiment));
  return Number.isFinite(v) ? v : 0;
}
