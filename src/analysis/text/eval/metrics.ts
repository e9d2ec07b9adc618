// Evaluation metrics: accuracy, per-class F1 and macro-F1, ROC AUC (Mann–Whitney, ties counted half), Spearman rho.

export function accuracy<T>(gold: readonly T[], pred: readonly T[]): number {
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) ok++;
  return gold.length ? ok / gold.length : 0;
}

export function f1PerClass<T>(gold: readonly T[], pred: readonly T[], classes: readonly T[]): Map<T, { precision: number; recall: number; f1: number; n: number }> {
  const out = new Map<T, { precision: number; recall: number; f1: number; n: number }>();
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    out.set(c, { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, n: tp + fn });
  }
  return out;
}

export function macroF1<T>(gold: readonly T[], pred: readonly T[], classes: readonly T[]): number {
  const per = f1PerClass(gold, pred, classes);
  let s = 0;
  for (const c of classes) s += per.get(c)?.f1 ?? 0;
  return classes.length ? s / classes.length : 0;
}

/** Probability that a random positive scores above a random negative. */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  const all = [...positives.map((s) => ({ s, p: 1 })), ...negatives.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as { s: number }).s === (all[i] as { s: number }).s) j++;
    const mid = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if ((all[k] as { p: number }).p === 1) rankSum += mid;
    i = j;
  }
  const np = positives.length;
  const nn = negatives.length;
  return np && nn ? (rankSum - (np * (np + 1)) / 2) / (np * nn) : 0.5;
}

function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && (idx[j] as { x: number }).x === (idx[i] as { x: number }).x) j++;
    for (let k = i; k < j; k++) r[(idx[k] as { i: number }).i] = (i + j - 1) / 2;
    i = j;
  }
  return r;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    const x = (ra[i] as number) - ma;
    const y = (rb[i] as number) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}
