// Drops repeated keys from a load table: the first occurrence (lowest line) of a key wins; keys already loaded are duplicates.
import type { Engine } from '../engine/engine.js';
import { deleteRows } from '../engine/table-ops.js';
import { count } from './storage.js';

/**
 * Keys that occur more than once in `load` (with their first line). The 64-bit hashes of the keys are grouped
 * first — far less memory than grouping the strings of tens of millions of unique ids — and only the keys whose hash
 * repeats are then grouped exactly (usually none, so the exact pass reads nothing).
 */
async function repeatedKeys(engine: Engine, L: string, key: string, name: string): Promise<void> {
  const d = engine.dialect;
  const hashes = `${name}_h`;
  await engine.exec(d.createTableAs(hashes, `SELECT ${d.hash64(key)} AS h FROM ${L} GROUP BY h HAVING count(*) > 1`, { temporary: true }));
  await engine.exec(
    d.createTableAs(
      name,
      `SELECT ${key} AS __k, min(__line) AS first, count(*) - 1 AS extra FROM ${L} WHERE ${d.hash64(key)} IN (SELECT h FROM ${d.ident(hashes)})
        GROUP BY __k HAVING count(*) > 1`,
      { temporary: true },
    ),
  );
  await engine.exec(d.dropTable(hashes));
}

/**
 * Removes duplicate rows from `load` and returns how many; `key` is the SQL of a row's key (rowKeySql), `existing` names
 * the entity table when it already has rows.
 */
export async function dropDuplicates(engine: Engine, load: string, key: string, existing: string | undefined): Promise<number> {
  const d = engine.dialect;
  const L = d.ident(load);
  const dupKeys = d.ident(`${load}__dups`);
  await repeatedKeys(engine, L, key, `${load}__dups`);
  let duplicates = await count(engine, `SELECT coalesce(sum(extra), 0) AS n FROM ${dupKeys}`);
  // lines are unique within a load table, so "not a key's first line" needs no correlated subquery
  if (duplicates) await deleteRows(engine, load, `${key} IN (SELECT __k FROM ${dupKeys}) AND __line NOT IN (SELECT first FROM ${dupKeys})`);
  await engine.exec(d.dropTable(`${load}__dups`));
  if (existing !== undefined) {
    const target = d.ident(existing);
    const seen = await count(engine, `SELECT count(*) AS n FROM ${L} WHERE ${key} IN (SELECT ${key} FROM ${target})`);
    if (seen) await deleteRows(engine, load, `${key} IN (SELECT ${key} FROM ${target})`);
    duplicates += seen;
  }
  return duplicates;
}
