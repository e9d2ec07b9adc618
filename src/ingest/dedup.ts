// Drops repeated keys from a load table: the first occurrence (lowest line) of a key wins; keys already loaded are duplicates.
import type { Engine } from '../engine/engine.js';
import { count } from './storage.js';

/**
 * Keys that occur more than once in `load` (with their first line). On DuckDB the 64-bit hashes of the keys are grouped
 * first — far less memory than grouping the strings of tens of millions of unique ids — and only the keys whose hash
 * repeats are then grouped exactly (usually none, so the exact pass reads nothing).
 */
async function repeatedKeys(engine: Engine, L: string, name: string): Promise<void> {
  const into = engine.dialect.ident(name);
  const exact = (where: string): string =>
    `CREATE TEMP TABLE ${into} AS SELECT __key, min(__line) AS first, count(*) - 1 AS extra FROM ${L} ${where} GROUP BY __key HAVING count(*) > 1`;
  if (engine.kind !== 'duckdb') return engine.exec(exact(''));
  const hashes = engine.dialect.ident(`${name}_h`);
  await engine.exec(`CREATE TEMP TABLE ${hashes} AS SELECT hash(__key) AS h FROM ${L} GROUP BY h HAVING count(*) > 1`);
  await engine.exec(exact(`WHERE hash(__key) IN (SELECT h FROM ${hashes})`));
  await engine.exec(`DROP TABLE ${hashes}`);
}

/** Removes duplicate rows from `load` and returns how many; `existing` names the entity table when it already has rows. */
export async function dropDuplicates(engine: Engine, load: string, existing: string | undefined): Promise<number> {
  const d = engine.dialect;
  const L = d.ident(load);
  const dupKeys = d.ident(`${load}__dups`);
  await repeatedKeys(engine, L, `${load}__dups`);
  let duplicates = await count(engine, `SELECT coalesce(sum(extra), 0) AS n FROM ${dupKeys}`);
  if (duplicates) await engine.exec(`DELETE FROM ${L} WHERE EXISTS (SELECT 1 FROM ${dupKeys} k WHERE k.__key = ${L}.__key AND ${L}.__line > k.first)`);
  await engine.exec(`DROP TABLE ${dupKeys}`);
  if (existing !== undefined) {
    const target = d.ident(existing);
    const seen = await count(engine, `SELECT count(*) AS n FROM ${L} WHERE __key IN (SELECT __key FROM ${target})`);
    if (seen) await engine.exec(`DELETE FROM ${L} WHERE __key IN (SELECT __key FROM ${target})`);
    duplicates += seen;
  }
  return duplicates;
}
