// Prints sentence-classification accuracy on the hand-labelled sample: rules alone, rules + naive Bayes, per class.
// Run: npx tsx src/analysis/text/eval/classify-eval.ts [--errors tune]
import { classifySentence, ruleScores, SENTENCE_CLASSES } from '../classify.js';
import type { SentenceClass } from '../classify.js';
import { LABELLED_SENTENCES } from '../labelled-sentences.js';
import { CODE_CLASS, predictLogPosterior, trainNaiveBayes } from '../naive-bayes.js';
import { splitSentencesFast } from '../sentences.js';
import { hasDatasets, readAirlineTweets, readAlexaReviews, readNpsVerbatims } from './datasets.js';
import { accuracy, f1PerClass, macroF1 } from './metrics.js';
import { REAL_LABELS } from './real-sentence-labels.js';

const rows = LABELLED_SENTENCES.map((s) => ({ ...s, gold: CODE_CLASS[s.label] as SentenceClass }));
const tune = rows.filter((r) => r.split === 'tune');
const holdout = rows.filter((r) => r.split === 'holdout');

function nbOnly(train: typeof rows, text: string): SentenceClass {
  const model = trainNaiveBayes(train.map((r) => ({ text: r.text, label: r.gold })));
  const p = predictLogPosterior(model, text);
  return SENTENCE_CLASSES.reduce((a, c) => (p[c] > p[a] ? c : a), 'other' as SentenceClass);
}

function report(name: string, set: typeof rows, pred: SentenceClass[]): void {
  const gold = set.map((r) => r.gold);
  const per = f1PerClass(gold, pred, SENTENCE_CLASSES);
  const cells = SENTENCE_CLASSES.map((c) => `${(per.get(c)?.recall ?? 0).toFixed(2)}/${(per.get(c)?.f1 ?? 0).toFixed(2)}`);
  console.log(`| ${name} | ${set.length} | ${accuracy(gold, pred).toFixed(3)} | ${macroF1(gold, pred, SENTENCE_CLASSES).toFixed(3)} | ${cells.join(' | ')} |`);
}

console.log(`| method | n | accuracy | macro-F1 | ${SENTENCE_CLASSES.join(' | ')} (recall/F1) |`);
console.log(`|---|---|---|---|${SENTENCE_CLASSES.map(() => '---').join('|')}|`);
report('tune: rules only', tune, tune.map((r) => classifySentence(r.text, undefined, { naiveBayes: false })));
// leave-one-out: naive Bayes never sees the sentence it scores
const loo = tune.map((r, i) => nbOnly(tune.filter((_, j) => j !== i), r.text));
report('tune: naive Bayes alone (leave-one-out)', tune, loo);
report('holdout: rules only', holdout, holdout.map((r) => classifySentence(r.text, undefined, { naiveBayes: false })));
report('holdout: naive Bayes alone', holdout, holdout.map((r) => nbOnly(tune, r.text)));
report('holdout: rules + naive Bayes', holdout, holdout.map((r) => classifySentence(r.text, undefined, { naiveBayes: true })));

// real sentences from the data sets, labelled by hand (see real-sentence-labels.ts)
if (hasDatasets()) {
  const texts = { nps: readNpsVerbatims().map((r) => r.text), alexa: readAlexaReviews().map((r) => r.text), airline: readAirlineTweets().map((r) => r.text) };
  const real = REAL_LABELS.map((l) => ({
    text: splitSentencesFast(texts[l.dataset][l.row] ?? '')[l.sentence] ?? '',
    label: l.label,
    split: l.split === 'dev' ? ('tune' as const) : ('holdout' as const),
    gold: CODE_CLASS[l.label] as SentenceClass,
  }));
  for (const [name, set] of [['real dev (240, tuned on)', real.filter((r) => r.split === 'tune')], ['real test (120, never tuned on)', real.filter((r) => r.split === 'holdout')]] as const) {
    report(`${name}: rules only`, set, set.map((r) => classifySentence(r.text)));
    report(`${name}: rules + naive Bayes`, set, set.map((r) => classifySentence(r.text, undefined, { naiveBayes: true })));
  }
  if (process.argv[2] === '--errors' && (process.argv[3] === 'real-dev' || process.argv[3] === 'real-test')) {
    for (const r of real.filter((x) => x.split === (process.argv[3] === 'real-dev' ? 'tune' : 'holdout'))) {
      const p = classifySentence(r.text);
      if (p !== r.gold) console.log(`${r.gold} → ${p}  ${r.text}`);
    }
  }
}

if (process.argv[2] === '--errors') {
  const set = process.argv[3] === 'holdout' ? holdout : tune;
  for (const r of set) {
    const p = classifySentence(r.text, undefined, { naiveBayes: false });
    if (p !== r.gold) console.log(`${r.gold} → ${p}  ${r.text}  ${JSON.stringify(ruleScores(r.text))}`);
  }
}
