// Edit distance and closest-name suggestions for helpful error messages.

export function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n] as number;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The candidate closest to `want`, if close enough to be a plausible typo or renaming. */
export function closest(want: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const w = norm(want);
  for (const c of candidates) {
    const n = norm(c);
    let score = levenshtein(w, n) / Math.max(w.length, n.length, 1);
    if (n.includes(w) || w.includes(n)) score = Math.min(score, 0.3);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return bestScore <= 0.5 ? best : undefined;
}
