// Prints sentiment figures on airline-tweets, amazon-alexa-reviews and nps-verbatims: ours vs plain AFINN vs wink-nlp.
// Run: npx tsx src/analysis/text/eval/sentiment-eval.ts [dev|test|all]
import { plainAfinn } from '../afinn.js';
import { splitSentencesFast } from '../sentences.js';
import { documentSentiment, sentenceSentiment } from '../sentiment.js';
import { winkSentiment } from '../wink.js';
import { isDevRow, readAirlineTweets, readAlexaReviews, readNpsVerbatims } from './datasets.js';
import { accuracy, auc, macroF1, spearman } from './metrics.js';

type Scorer = (text: string) => number;

export const SCORERS: Record<string, Scorer> = {
  'archetype (domain lexicon)': (t) => documentSentiment(splitSentencesFast(t).map((s) => sentenceSentiment(s))),
  'archetype rules, AFINN only': (t) => documentSentiment(splitSentencesFast(t).map((s) => sentenceSentiment(s, { domain: false }))),
  'plain AFINN (sentiment 5.0.2)': plainAfinn,
  'wink-nlp built-in': winkSentiment,
};

const LABELS = ['negative', 'neutral', 'positive'] as const;
const label = (s: number, t: number): (typeof LABELS)[number] => (s > t ? 'positive' : s < -t ? 'negative' : 'neutral');

/** The neutral band |s| ≤ t that maximises macro-F1 on the given rows (chosen on dev, applied to test). */
export function bestThreshold(scores: readonly number[], gold: readonly string[]): number {
  let best = 0;
  let bestF = -1;
  for (let t = 0; t <= 0.5; t += 0.01) {
    const f = macroF1(gold, scores.map((s) => label(s, t)), LABELS);
    if (f > bestF + 1e-9) [best, bestF] = [t, f];
  }
  return best;
}

const split = process.argv[2] ?? 'test';
const keep = (i: number): boolean => (split === 'all' ? true : split === 'dev' ? isDevRow(i) : !isDevRow(i));
const airline = readAirlineTweets();
const alexa = readAlexaReviews().filter((r) => r.text.trim() !== '');
const nps = readNpsVerbatims().filter((r) => r.score !== null && r.text.trim() !== '');
const f3 = (x: number): string => x.toFixed(3);

console.log(`split: ${split}`);
console.log('| scorer | airline acc | airline macro-F1 (t) | airline AUC pos vs neg | alexa AUC ≥4 vs ≤2 | nps AUC promoter vs detractor | nps Spearman vs score |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, score] of Object.entries(SCORERS)) {
  const devA = airline.filter((r) => isDevRow(r.index));
  const t = bestThreshold(devA.map((r) => score(r.text)), devA.map((r) => r.sentiment));
  const a = airline.filter((r) => keep(r.index));
  const as = a.map((r) => score(r.text));
  const pred = as.map((s) => label(s, t));
  const gold = a.map((r) => r.sentiment);
  const aAuc = auc(as.filter((_, i) => gold[i] === 'positive'), as.filter((_, i) => gold[i] === 'negative'));
  const x = alexa.filter((r) => keep(r.index));
  const xs = x.map((r) => score(r.text));
  const xAuc = auc(xs.filter((_, i) => (x[i]?.rating ?? 0) >= 4), xs.filter((_, i) => (x[i]?.rating ?? 5) <= 2));
  const n = nps.filter((r) => keep(r.index));
  const ns = n.map((r) => score(r.text));
  const nAuc = auc(ns.filter((_, i) => n[i]?.bucket === 'Promoter'), ns.filter((_, i) => n[i]?.bucket === 'Detractor'));
  const rho = spearman(ns, n.map((r) => r.score ?? 0));
  console.log(`| ${name} | ${f3(accuracy(gold, pred))} | ${f3(macroF1(gold, pred, LABELS))} (${t.toFixed(2)}) | ${f3(aAuc)} | ${f3(xAuc)} | ${f3(nAuc)} | ${f3(rho)} |`);
}
