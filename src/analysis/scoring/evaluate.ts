// Quality of the qualified flag against real outcomes: confusion counts, precision, recall, F1, ROC AUC, and the F1-best threshold.

/** won and accepted leads were worth qualifying; lost and rejected ones were not. */
export const OUTCOMES = { won: true, accepted: true, lost: false, rejected: false } as const;
export type OutcomeWord = keyof typeof OUTCOMES;

export interface Metrics {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** tp / (tp + fp); 0 when nothing is qualified */
  precision: number;
  /** tp / (tp + fn); 0 when there are no positive outcomes */
  recall: number;
  f1: number;
  accuracy: number;
}

export interface Evaluation {
  version: number;
  /** outcome rows read, rows matched to a scored lead, and ids with no lead */
  outcomes: number;
  matched: number;
  unmatched: number;
  positives: number;
  negatives: number;
  /** the flag as scored (current threshold) */
  current: Metrics;
  /** ROC AUC of the fit score (ties count half); null without both kinds of outcome */
  auc: number | null;
  /** the threshold with the best F1 on these outcomes, and its figures */
  best: Metrics | null;
}

const r4 = (x: number): number => Math.round(x * 10000) / 10000;

export function metricsAt(scores: readonly number[], positive: readonly boolean[], threshold: number): Metrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const q = s >= threshold;
    if (q && positive[i]) tp++;
    else if (q) fp++;
    else if (positive[i]) fn++;
    else tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const n = scores.length;
  return { threshold, tp, fp, tn, fn, precision: r4(precision), recall: r4(recall), f1: r4(f1), accuracy: n ? r4((tp + tn) / n) : 0 };
}

/** Mann–Whitney AUC: the chance that a positive outcome scores above a negative one (ties count half). */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number | null {
  const idx = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const pos = positive.filter(Boolean).length;
  const neg = positive.length - pos;
  if (pos === 0 || neg === 0) return null;
  // average ranks over ties
  let rankSum = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const avg = (i + j) / 2 + 1;
    for (let m = i; m <= j; m++) if (positive[idx[m] as number]) rankSum += avg;
    i = j + 1;
  }
  return r4((rankSum - (pos * (pos + 1)) / 2) / (pos * neg));
}

/**
 * The threshold (one of the scores) with the best F1; ties go to the higher threshold (fewer leads qualified for the
 * same F1). Null without a positive outcome.
 */
export function bestThreshold(scores: readonly number[], positive: readonly boolean[]): Metrics | null {
  if (!positive.some(Boolean)) return null;
  let best: Metrics | null = null;
  for (const t of [...new Set(scores)].sort((a, b) => b - a)) {
    const m = metricsAt(scores, positive, t);
    if (best === null || m.f1 > best.f1) best = m;
  }
  return best;
}
