// kill -9 during `forget`: inside its transaction nothing is erased; during the compaction that follows the erasure stands, the workspace opens, and a second forget finishes the compaction.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { builtDemo, cli, cliJson, startCli } from '../repository/helpers.js';

const MARKER = 'Zyxwvut marker sentence for the erasure';

describe('kill -9 during forget', { concurrency: 1 }, () => {
  let dir: string;
  let subject: string;

  before(async () => {
    const demo = await builtDemo({ customers: 500, k: 4 });
    subject = String((await demo.ws.engine.all<{ c: string }>(`SELECT customer_id AS c FROM orders ORDER BY customer_id LIMIT 1`))[0]?.c);
    await demo.ws.engine.close();
    dir = demo.dir;
    const note = join(dir, 'feedback-note.csv');
    writeFileSync(note, `feedback_id,customer_id,text\nfk-1,${subject},${MARKER}\n`);
    assert.equal((await cli(dir, ['ingest', note])).code, 0);
  });

  const held = async (): Promise<{ rows: number; erasures: number; audit: number; flagged: number }> => {
    const ws = await openWorkspace(dir);
    try {
      const n = async (sql: string, params?: Record<string, string>): Promise<number> => Number((await ws.engine.all<{ n: number }>(sql, params))[0]?.n ?? 0);
      const has = await ws.engine.tableExists('_erasures');
      return {
        rows: (await n(`SELECT count(*) AS n FROM customers WHERE customer_id = $c`, { c: subject })) + (await n(`SELECT count(*) AS n FROM orders WHERE customer_id = $c`, { c: subject })),
        erasures: has ? await n(`SELECT count(*) AS n FROM _erasures`) : 0,
        audit: await n(`SELECT count(*) AS n FROM _audit WHERE action = 'erase'`),
        flagged: await n(`SELECT count(*) AS n FROM _versions WHERE needs_refresh IS NOT NULL`),
      };
    } finally {
      await ws.engine.close();
    }
  };
  const file = (): Buffer => readFileSync(join(dir, 'data', 'archetype.duckdb'));

  it('inside the erasure transaction: nothing erased, nothing audited', async () => {
    const before = await held();
    assert.ok(before.rows > 1);
    const run = startCli(dir, ['forget', subject], { ARCHETYPE_DEBUG_PAUSE: 'forget-commit' });
    await run.waitFor(/paused at forget-commit/);
    run.child.kill('SIGKILL');
    assert.equal((await run.done).signal, 'SIGKILL');
    assert.deepEqual(await held(), before);
  });

  it('during the compaction after the commit: the erasure stands, the file opens, a second forget finishes the compaction', async () => {
    const run = startCli(dir, ['forget', subject], { ARCHETYPE_DEBUG_PAUSE: 'compact-swap' });
    await run.waitFor(/paused at compact-swap/);
    run.child.kill('SIGKILL');
    await run.done;
    const after = await held();
    assert.deepEqual(after, { rows: 0, erasures: 1, audit: 1, flagged: 1 });
    const again = await cliJson<{ erased: boolean }>(dir, ['forget', subject]);
    assert.equal(again.erased, false);
    assert.equal(file().indexOf(MARKER), -1, 'no bytes of the erased text left');
    assert.ok(!existsSync(join(dir, 'data', 'archetype.duckdb.compact')), 'the partial copy is gone');
    assert.deepEqual(await held(), after);
  });
});
