// Join shapes every engine runs: ClickHouse 18.16 allows one JOIN per SELECT, so a chain of joins nests subqueries.

/** `base` LEFT JOINed with each part on its own column (USING), one JOIN per level; names other than the keys must be unique. */
export function leftJoins(base: string, parts: { sql: string; using: string }[]): string {
  let from = `(${base}) AS __j0`;
  parts.forEach((p, i) => {
    from = `(SELECT * FROM ${from} LEFT JOIN (${p.sql}) AS __p${i + 1} USING (${p.using})) AS __j${i + 1}`;
  });
  return from;
}

/**
 * `base` LEFT JOINed with each of `parts` on the column `key` (USING), one JOIN per level. Every column name other
 * than `key` must be unique across base and parts; select the wanted columns from the result (a `*` may repeat `key`).
 */
export function leftJoinUsing(key: string, base: string, parts: string[]): string {
  return leftJoins(base, parts.map((sql) => ({ sql, using: key })));
}
