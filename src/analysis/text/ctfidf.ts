// Class-based TF-IDF (c-TF-IDF, as in BERTopic): how characteristic a term is of one class (group) among all classes.

/**
 * W(t, c) = tf(t, c) / n(c) · log(1 + A / f(t)), where tf(t, c) is the frequency of t in class c, n(c) the total term
 * frequency of c, A the mean of n(c) over classes and f(t) the frequency of t over all classes.
 */
export function ctfidfWeight(tf: number, classTotal: number, meanClassTotal: number, termTotal: number): number {
  if (tf <= 0 || classTotal <= 0 || termTotal <= 0) return 0;
  return (tf / classTotal) * Math.log(1 + meanClassTotal / termTotal);
}

/** c-TF-IDF of every term of every class, from each class's term frequencies. */
export function ctfidf(classes: readonly ReadonlyMap<string, number>[]): Map<string, number>[] {
  const totals = classes.map((c) => {
    let n = 0;
    for (const v of c.values()) n += v;
    return n;
  });
  const mean = totals.reduce((a, b) => a + b, 0) / Math.max(1, classes.length);
  const f = new Map<string, number>();
  for (const c of classes) for (const [t, v] of c) f.set(t, (f.get(t) ?? 0) + v);
  return classes.map((c, i) => {
    const out = new Map<string, number>();
    for (const [t, v] of c) out.set(t, ctfidfWeight(v, totals[i] as number, mean, f.get(t) as number));
    return out;
  });
}
