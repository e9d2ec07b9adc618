// Multinomial naive Bayes on word unigrams + bigrams, trained on the shipped hand-labelled sentences ('tune' split).
import { LABELLED_SENTENCES } from './labelled-sentences.js';
import type { LabelCode } from './labelled-sentences.js';
import { tokenize } from './tokenize.js';

type Cls = 'goal' | 'pain_point' | 'question' | 'motivation' | 'objection' | 'other';
const CLASSES: readonly Cls[] = ['goal', 'pain_point', 'question', 'motivation', 'objection', 'other'];
export const CODE_CLASS: Readonly<Record<LabelCode, Cls>> = {
  G: 'goal', P: 'pain_point', Q: 'question', M: 'motivation', O: 'objection', X: 'other',
};

export interface NaiveBayesModel {
  readonly logPrior: Readonly<Record<Cls, number>>;
  readonly logLikelihood: ReadonlyMap<string, Readonly<Record<Cls, number>>>;
  readonly logUnseen: Readonly<Record<Cls, number>>;
}

/** Features: words (numbers folded to "0"), "?" and word bigrams. */
export function features(text: string): string[] {
  const ws: string[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === 'word') ws.push(t.norm);
    else if (t.kind === 'number') ws.push('0');
    else if (t.kind === 'punct' && t.norm.includes('?')) ws.push('?');
  }
  const out = [...ws];
  for (let i = 1; i < ws.length; i++) out.push(`${ws[i - 1]} ${ws[i]}`);
  return out;
}

const zero = (): Record<Cls, number> => ({ goal: 0, pain_point: 0, question: 0, motivation: 0, objection: 0, other: 0 });

export function trainNaiveBayes(examples: readonly { text: string; label: Cls }[], alpha = 0.5): NaiveBayesModel {
  const docs = zero();
  const totals = zero();
  const counts = new Map<string, Record<Cls, number>>();
  for (const e of examples) {
    docs[e.label]++;
    for (const f of features(e.text)) {
      let c = counts.get(f);
      if (!c) counts.set(f, (c = zero()));
      c[e.label]++;
      totals[e.label]++;
    }
  }
  const v = counts.size + 1;
  const logPrior = zero();
  const logUnseen = zero();
  for (const c of CLASSES) {
    logPrior[c] = Math.log((docs[c] + 1) / (examples.length + CLASSES.length));
    logUnseen[c] = Math.log(alpha / (totals[c] + alpha * v));
  }
  const logLikelihood = new Map<string, Record<Cls, number>>();
  for (const [f, c] of counts) {
    const l = zero();
    for (const k of CLASSES) l[k] = Math.log((c[k] + alpha) / (totals[k] + alpha * v));
    logLikelihood.set(f, l);
  }
  return { logPrior, logLikelihood, logUnseen };
}

/** Log posterior of each class (normalised so the probabilities sum to 1); unseen features are ignored. */
export function predictLogPosterior(model: NaiveBayesModel, text: string): Record<Cls, number> {
  const s = { ...model.logPrior };
  for (const f of features(text)) {
    const l = model.logLikelihood.get(f);
    if (l) for (const c of CLASSES) s[c] += l[c];
  }
  let max = -Infinity;
  for (const c of CLASSES) max = Math.max(max, s[c]);
  let z = 0;
  for (const c of CLASSES) z += Math.exp(s[c] - max);
  const lz = max + Math.log(z);
  for (const c of CLASSES) s[c] -= lz;
  return s;
}

let shipped: NaiveBayesModel | undefined;

/** Log posteriors from the model trained on the 'tune' split of the shipped labelled sentences. */
export function naiveBayesScores(text: string): Record<Cls, number> {
  shipped ??= trainNaiveBayes(
    LABELLED_SENTENCES.filter((s) => s.split === 'tune').map((s) => ({ text: s.text, label: CODE_CLASS[s.label] })),
  );
  return predictLogPosterior(shipped, text);
}
