// The pace between stages (hours from the last touch of a stage to the first touch of the next), as the fit computes it
// in SQL, on hand-made touches: ties, touches after the next stage began, missing stages, and ids showing no gap.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { gapsOver } from '../../src/analysis/scoring/fit-timing.js';

// id, stage, time (hours after 2024-01-01)
const TOUCHES: [string, string, number][] = [
  // a: awareness at 0 and 5, consideration at 8 (gap 3); awareness at 20 comes after the first consideration and is ignored
  ['a', 'awareness', 0], ['a', 'awareness', 5], ['a', 'consideration', 8], ['a', 'awareness', 20],
  // a: consideration at 8 and 30, decision at 26: the last consideration up to the first decision is 8 (gap 18)
  ['a', 'decision', 26], ['a', 'consideration', 30],
  // b: awareness and consideration at the same time (gap 0); no decision
  ['b', 'awareness', 10], ['b', 'consideration', 10],
  // c: consideration before any awareness: no first gap; decision 4 hours later
  ['c', 'consideration', 1], ['c', 'awareness', 2], ['c', 'decision', 5],
  // d: only awareness: no gap at all, so no row
  ['d', 'awareness', 3],
  // e: decision only after an advocacy touch: nothing to measure
  ['e', 'advocacy', 1], ['e', 'decision', 2],
];

let dir: string;
let engine: DuckDbEngine;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'archetype-gaps-'));
  engine = await DuckDbEngine.open({ path: join(dir, 'db.duckdb'), memoryLimit: '200MB', threads: 1 });
  await engine.exec(`CREATE TABLE touches (id VARCHAR, st VARCHAR, t TIMESTAMP)`);
  await engine.exec(
    `INSERT INTO touches VALUES ${TOUCHES.map(([id, st, h]) => `('${id}', '${st}', TIMESTAMP '2024-01-01' + INTERVAL ${h} HOUR)`).join(', ')}`,
  );
});
after(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('gaps between stages per id, as defined: the first touch of a stage minus the last touch of the stage before it, up to that one', async () => {
  const rows = await engine.all<{ id: string; g0: number | null; g1: number | null }>(`SELECT * FROM (${gapsOver(engine.dialect, 'touches')}) g ORDER BY id`);
  assert.deepEqual(rows.map((r) => [r.id, r.g0 === null ? null : Number(r.g0), r.g1 === null ? null : Number(r.g1)]), [
    ['a', 3, 18],
    ['b', 0, null],
    ['c', null, 4],
  ]);
});
