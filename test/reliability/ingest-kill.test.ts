// kill -9 during ingest, at the pause points and at seeded random moments: the workspace opens, earlier data is intact, the ingest is rolled back (or whole), and re-running it ends where a clean run ends.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rowKeySql } from '../../src/contract/entities.js';
import { generateDemo } from '../../src/demo/generate.js';
import { createRng } from '../../src/shared/rng.js';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { cli, startCli } from '../repository/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

interface FileCounts {
  file: string;
  entity: string;
  rows: number;
  ingested: number;
  quarantined: number;
  duplicates: number;
}

/** What the workspace holds, independent of ingest ids: rows and distinct keys per entity, quarantine per entity and code. */
async function fingerprint(dir: string): Promise<{ state: string; staging: string[]; running: number }> {
  const ws = await openWorkspace(dir);
  try {
    const e = ws.engine;
    const parts: string[] = [];
    for (const t of ['customers', 'leads', 'orders', 'events', 'feedback', 'tickets'] as const) {
      const key = rowKeySql(t, e.dialect.ident);
      const r = (await e.all<{ n: number; k: number; lo: string | null; hi: string | null }>(`SELECT count(*) AS n, count(DISTINCT ${key}) AS k, min(${key}) AS lo, max(${key}) AS hi FROM ${t}`))[0];
      parts.push(`${t}:${r?.n}/${r?.k}/${r?.lo}/${r?.hi}`);
    }
    const q = await e.all<{ entity: string; code: string; n: number }>(`SELECT entity, code, count(*) AS n FROM _quarantine GROUP BY 1, 2 ORDER BY 1, 2`);
    parts.push(...q.map((x) => `q:${x.entity}:${x.code}:${x.n}`));
    const staging = (await e.all<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE starts_with(table_name, '_stage_') ORDER BY 1`)).map((r) => r.t);
    const running = Number((await e.all<{ n: number }>(`SELECT count(*) AS n FROM _ingests WHERE status = 'running'`))[0]?.n);
    return { state: parts.join('\n'), staging, running };
  } finally {
    await ws.engine.close();
  }
}

function addsUp(files: FileCounts[]): void {
  for (const f of files) assert.equal(f.rows, f.ingested + f.quarantined + f.duplicates, `${f.file}: rows = ingested + quarantined + duplicates`);
}

describe('kill -9 during ingest', { concurrency: 1 }, () => {
  const root = tempDir('archetype-ingest-kill-');
  const exports = join(root, 'exports');
  const base = join(root, 'base');
  let files: string[];
  let before0: string;
  let clean: string;
  let cleanFiles: FileCounts[];
  let cleanMs: number;
  let trial = 0;

  /** A copy of the workspace holding only the customers (the earlier data). */
  function freshCopy(): string {
    const dir = join(root, `trial-${++trial}`);
    cpSync(base, dir, { recursive: true });
    return dir;
  }

  async function ingestToEnd(dir: string): Promise<FileCounts[]> {
    const r = await cli(dir, ['ingest', ...files, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { files: FileCounts[] }).files;
  }

  /** After a kill: opens, earlier data intact, the ingest all there or not at all; then a re-run ends where the clean run ended. */
  async function checkAfterKill(dir: string, label: string): Promise<'rolled back' | 'committed'> {
    const after = await fingerprint(dir);
    const outcome = after.state === before0 ? 'rolled back' : after.state === clean ? 'committed' : null;
    assert.ok(outcome, `${label}: the workspace holds either the earlier data or the whole ingest, nothing in between:\n${after.state}`);
    const rerun = await ingestToEnd(dir);
    addsUp(rerun);
    assert.deepEqual(rerun.map((f) => [f.file, f.rows]), cleanFiles.map((f) => [f.file, f.rows]), `${label}: every file read whole`);
    if (outcome === 'rolled back') assert.deepEqual(rerun, cleanFiles, `${label}: the re-run counts equal a clean run's`);
    else for (const f of rerun) assert.equal(f.ingested, 0, `${label}: nothing loaded twice`);
    const final = await fingerprint(dir);
    assert.equal(final.state, clean, `${label}: the re-run ends where a clean run ends`);
    assert.deepEqual(final.staging, [], `${label}: no staging tables left behind`);
    assert.equal(final.running, 0, `${label}: no ingest left marked running`);
    return outcome;
  }

  before(async () => {
    await generateDemo({ dir: exports, customers: 800, seed: 13 });
    // dirty files so that quarantine, duplicates and reader rejects are part of every count
    writeFileSync(
      join(exports, 'orders_dirty.csv'),
      ['order_id,customer_id,ordered_at,amount,currency,status', 'od-1,c1,not-a-date,10,EUR,completed', 'od-2,c2,2024-01-02T10:00:00Z,lots,EUR,completed',
        'od-3,nobody,2024-01-02T10:00:00Z,12,EUR,completed', 'od-4,c3,2024-01-02T10:00:00Z,12,EUR,completed,extra', 'od-5,c4,2024-01-03T10:00:00Z,9.5,EUR,completed',
        'od-5,c4,2024-01-03T10:00:00Z,9.5,EUR,completed'].join('\n') + '\n',
    );
    writeFileSync(
      join(exports, 'events_dirty.jsonl'),
      ['{"event_id":"ed-1","customer_id":"c1","occurred_at":"2024-02-01T00:00:00Z","event":"page_view"}', '{"event_id":"ed-2",', '{"event_id":"ed-3","customer_id":"c2","occurred_at":"yesterday","event":"page_view"}'].join('\n') + '\n',
    );
    files = ['orders.csv', 'events.csv', 'feedback.csv', 'tickets.csv', 'leads.csv', 'orders_dirty.csv', 'events_dirty.jsonl'].map((f) => join(exports, f));
    const init = await cli(root, ['init', base]);
    assert.equal(init.code, 0, init.stderr);
    const first = await cli(base, ['ingest', join(exports, 'customers.csv')]);
    assert.equal(first.code, 0, first.stderr);
    before0 = (await fingerprint(base)).state;
    // timed from the first progress line (the workspace is open): process start-up varies with the machine's load
    const timed = startCli(freshCopy(), ['ingest', ...files]);
    await timed.waitFor(/\] stage /);
    const t0 = Date.now();
    assert.equal((await timed.done).code, 0);
    cleanMs = Date.now() - t0;
    const dir = freshCopy();
    cleanFiles = await ingestToEnd(dir);
    addsUp(cleanFiles);
    assert.ok(cleanFiles.some((f) => f.quarantined > 0) && cleanFiles.some((f) => f.duplicates > 0), 'the clean run quarantines and drops duplicates');
    clean = (await fingerprint(dir)).state;
    assert.notEqual(clean, before0);
  });

  for (const point of ['ingest-staged', 'ingest-load', 'ingest-commit']) {
    it(`at ${point}: rolled back, and the re-run equals a clean run`, async () => {
      const dir = freshCopy();
      const run = startCli(dir, ['ingest', ...files], { ARCHETYPE_DEBUG_PAUSE: point });
      await run.waitFor(new RegExp(`paused at ${point}`));
      run.child.kill('SIGKILL');
      assert.equal((await run.done).signal, 'SIGKILL');
      assert.equal(await checkAfterKill(dir, point), 'rolled back');
    });
  }

  it('after the commit, before the workspace is closed (the ingest only in the write-ahead log): opens with the whole ingest', async () => {
    const dir = freshCopy();
    const run = startCli(dir, ['ingest', ...files], { ARCHETYPE_DEBUG_PAUSE: 'ingest-committed' });
    await run.waitFor(/paused at ingest-committed/);
    run.child.kill('SIGKILL');
    assert.equal((await run.done).signal, 'SIGKILL');
    assert.equal(await checkAfterKill(dir, 'ingest-committed'), 'committed');
  });

  it('at seeded random moments, many times', { timeout: 600_000 }, async () => {
    const rng = createRng(2024);
    const outcomes: string[] = [];
    const kills = 10;
    for (let i = 0; i < kills; i++) {
      const dir = freshCopy();
      // from the moment the workspace is open to a little past a whole clean run
      const delay = Math.round(rng.next() * cleanMs * 1.15);
      const run = startCli(dir, ['ingest', ...files]);
      await run.waitFor(/\] stage /);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
      const r = await run.done;
      clearTimeout(timer);
      const outcome = r.signal === 'SIGKILL' ? await checkAfterKill(dir, `kill after ${delay} ms`) : (assert.equal(r.code, 0, r.stderr), 'finished');
      outcomes.push(`${delay} ms: ${outcome}`);
    }
    console.log(`# ingest kills: ${outcomes.join('; ')}`);
    assert.ok(outcomes.some((o) => o.endsWith('rolled back')), 'kills land mid-ingest');
  });
});
