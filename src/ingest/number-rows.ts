// Gives a load table read from an ordered stage its `__line` column, and collects the rejects a single-read stage found.
import type { Engine, StagedFile, StagedReject } from '../engine/engine.js';
import { count } from './storage.js';

/**
 * With `staged.ordered` the load table was written in file order without line numbers: its k-th row gets line
 * `firstLine + k` from its row id (the insertion order), then rows after any reader reject move
 * down past it. Without `ordered`, the staged `__line` was loaded as is.
 */
export async function numberRows(engine: Engine, load: string, staged: StagedFile): Promise<{ rejects: StagedReject[]; records: number }> {
  const d = engine.dialect;
  const ordered = staged.ordered;
  if (!ordered) return { rejects: staged.rejects, records: staged.records };
  const L = d.ident(load);
  // rowid is the insertion order. Not a DEFAULT nextval(): DuckDB cannot replay that ALTER from its write-ahead log
  // ("GetDefaultDatabase with no default database set"), so a crash after an ingest committed left a workspace that
  // would not open; a sequence filled by a parallel ADD COLUMN also need not follow the rows' order.
  await engine.exec(`ALTER TABLE ${L} ADD COLUMN __line ${d.types.bigint}`);
  // (row ids of a table made in the open transaction start at a large offset, hence the minimum)
  await engine.exec(`UPDATE ${L} SET __line = rowid - (SELECT min(rowid) FROM ${L}) + ${ordered.firstLine}`);
  if (!ordered.pending) return { rejects: staged.rejects, records: staged.records };

  const pending = await ordered.pending();
  const records = (await count(engine, `SELECT count(*) AS n FROM ${L}`)) + pending.rejects.length;
  const first = ordered.firstLine;
  const runs = pending.runs.filter((r) => r.from > 0 || r.delta !== first);
  if (runs.length === 0) return { rejects: pending.rejects, records };
  const from = `__line - ${first}`;
  if (runs.length <= 64) {
    const shift = runs.map((r) => `WHEN ${from} >= ${r.from} THEN ${r.delta - first}`).reverse().join(' ');
    await engine.exec(`UPDATE ${L} SET __line = __line + (CASE ${shift} ELSE 0 END) WHERE ${from} >= ${runs[0]?.from ?? 0}`);
  } else {
    // many rejects: a table of runs; deltas only grow along the file, so the largest applicable one is the run's
    const shifts = `${load}__shifts`;
    await engine.exec(`CREATE TEMP TABLE ${d.ident(shifts)} (rn_from ${d.types.bigint}, delta ${d.types.bigint})`);
    await engine.insertRows(shifts, ['rn_from', 'delta'], runs.map((r) => [r.from, r.delta - first]));
    await engine.exec(
      `UPDATE ${L} SET __line = __line + (SELECT max(h.delta) FROM ${d.ident(shifts)} h WHERE h.rn_from <= ${L}.__line - ${first})
        WHERE ${from} >= ${runs[0]?.from ?? 0}`,
    );
    await engine.exec(`DROP TABLE ${d.ident(shifts)}`);
  }
  return { rejects: pending.rejects, records };
}
