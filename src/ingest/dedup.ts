// Drops repeated keys from a load table: the first occurrence (lowest line) of a key wins; keys already loaded are duplicates.
import type { Engine } from '../engine/engine.js';
import { count } from './storage.js';

/** Removes duplicate rows from `load` and returns how many; `existing` names the entity table when it already has rows. */
export async function dropDuplicates(engine: Engine, load: string, existing: string | undefined): Promise<number> {
  const d = engine.dialect;
  const L = d.ident(load);
  const dupKeys = d.ident(`${load}__dups`);
  await engine.exec(`CREATE TEMP TABLE ${dupKeys} AS SELECT __key, min(__line) AS first, count(*) - 1 AS extra FROM ${L} GROUP BY __key HAVING count(*) > 1`);
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
