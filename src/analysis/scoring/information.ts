// Mutual information of a contingency table (nats), penalised for its size, and the redundancy of two attributes.

/** I(X;Y) in nats of a table of counts `table[x][y]`. */
export function mutualInformation(table: readonly (readonly number[])[]): number {
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols: number[] = [];
  for (const r of table) r.forEach((v, j) => (cols[j] = (cols[j] ?? 0) + v));
  const n = rows.reduce((a, b) => a + b, 0);
  if (n === 0) return 0;
  let mi = 0;
  table.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v > 0) mi += (v / n) * Math.log((v * n) / ((rows[i] as number) * (cols[j] as number)));
    }),
  );
  return Math.max(0, mi);
}

/** H(X) in nats of counts. */
export function entropy(counts: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Mutual information minus a BIC penalty, (rows − 1)(cols − 1)·ln N / 2N: what an attribute tells about the persona
 * beyond what its number of levels would give by chance. Many-valued attributes (cities) need much more evidence than
 * few-valued ones (countries) to count.
 */
export function penalisedInformation(table: readonly (readonly number[])[]): number {
  const nonEmpty = table.filter((r) => r.some((v) => v > 0));
  const cols = (table[0] ?? []).length;
  const n = table.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0);
  if (n < 2 || nonEmpty.length < 2) return 0;
  return mutualInformation(nonEmpty) - ((nonEmpty.length - 1) * (cols - 1) * Math.log(n)) / (2 * n);
}

/**
 * How much one attribute determines the other: I(A;B) / min(H(A), H(B)), 0..1. Region given country, or a city given its
 * country, come out near 1: counting both in a naive-Bayes score would count the same evidence twice.
 */
export function redundancy(joint: readonly (readonly number[])[]): number {
  const rows = joint.map((r) => r.reduce((a, b) => a + b, 0));
  const cols: number[] = [];
  for (const r of joint) r.forEach((v, j) => (cols[j] = (cols[j] ?? 0) + v));
  const h = Math.min(entropy(rows), entropy(cols));
  return h > 0 ? mutualInformation(joint) / h : 0;
}
