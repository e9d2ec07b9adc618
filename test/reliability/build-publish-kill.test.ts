// kill -9 during build and publish at seeded random moments, many times (real CLI processes, real DuckDB file): the workspace opens, earlier versions are intact, no half-written version, and a re-run ends where a clean run ends.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspaceWaiting } from '../../src/repository/workspace-lock.js';
import { createRng } from '../../src/shared/rng.js';
import { builtDemo, cli, startCli } from '../repository/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

const CUSTOMERS = 1200;
const KILLS = 8;

interface State {
  /** version → status */
  versions: [number, string][];
  /** audit actions in order */
  audit: string[];
  /** customer → persona of the newest version (compares a re-run with a clean run) */
  newest: string;
}

/** What the workspace holds; fails when any version is half-written (a row without its assignments or profiles, or the reverse). */
async function state(dir: string, label: string): Promise<State> {
  const ws = await openWorkspaceWaiting(dir, { timeoutMs: 30_000 });
  try {
    const e = ws.engine;
    const versions = (await e.all<{ version: number; status: string }>(`SELECT version, status FROM _versions ORDER BY 1`)).map((r): [number, string] => [Number(r.version), r.status]);
    const counts = await e.all<{ version: number; n: number }>(`SELECT version, count(*) AS n FROM _assignments GROUP BY 1 ORDER BY 1`);
    const profiled = (await e.all<{ version: number }>(`SELECT DISTINCT version FROM _persona_profiles ORDER BY 1`)).map((r) => Number(r.version));
    assert.deepEqual(counts.map((c) => Number(c.version)), versions.map((v) => v[0]), `${label}: assignments exist exactly for saved versions`);
    assert.deepEqual(profiled, versions.map((v) => v[0]), `${label}: profiles exist exactly for saved versions`);
    for (const c of counts) assert.equal(Number(c.n), CUSTOMERS, `${label}: version ${c.version} assigns every customer`);
    const audit = (await e.all<{ action: string }>(`SELECT action FROM _audit ORDER BY audit_id`)).map((r) => r.action);
    const top = versions.at(-1)?.[0] ?? 0;
    const rows = await e.all<{ c: string; p: string | null }>(`SELECT customer_id AS c, persona_id AS p FROM _assignments WHERE version = $v ORDER BY 1`, { v: top });
    return { versions, audit, newest: rows.map((r) => `${r.c}:${r.p}`).join(',') };
  } finally {
    await ws.engine.close();
  }
}

describe('kill -9 during build and publish, at seeded random moments', { concurrency: 1 }, () => {
  const root = tempDir('archetype-build-kill-');
  let base: string;
  let trial = 0;
  let before0: State;
  let built: State;
  let published: State;
  let buildMs: number;
  let publishMs: number;

  const freshCopy = (): string => {
    const dir = join(root, `trial-${++trial}`);
    cpSync(base, dir, { recursive: true });
    return dir;
  };

  before(async () => {
    const demo = await builtDemo({ customers: CUSTOMERS, k: 4 });
    await demo.ws.engine.close();
    base = join(root, 'base');
    cpSync(demo.dir, base, { recursive: true });
    const ok = await cli(base, ['review', '1', '--approve', '--by', 'ana']);
    assert.equal(ok.code, 0, ok.stderr);
    before0 = await state(base, 'base');
    assert.deepEqual(before0.versions, [[1, 'approved']]);
    // clean runs, timed from the first progress line (the workspace is open) for builds, from the start for publishes
    const b = freshCopy();
    const run = startCli(b, ['build', '--k', '4']);
    await run.waitFor(/\[1\/7\]/);
    const t0 = Date.now();
    assert.equal((await run.done).code, 0);
    buildMs = Date.now() - t0;
    built = await state(b, 'clean build');
    assert.equal(built.versions.length, 2);
    const p = freshCopy();
    const t1 = Date.now();
    const pub = await cli(p, ['publish', '1', '--by', 'ana']);
    publishMs = Date.now() - t1;
    assert.equal(pub.code, 0, pub.stderr);
    published = await state(p, 'clean publish');
    assert.deepEqual(published.versions, [[1, 'published']]);
  });

  it('build: the earlier version intact, the new one whole or absent; a re-run builds what a clean build builds', { timeout: 900_000 }, async () => {
    const rng = createRng(909);
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const dir = freshCopy();
      const delay = Math.round(rng.next() * buildMs * 1.15);
      const run = startCli(dir, ['build', '--k', '4']);
      await run.waitFor(/\[1\/7\]/);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
      const r = await run.done;
      clearTimeout(timer);
      const label = `build killed after ${delay} ms`;
      if (r.signal !== 'SIGKILL') assert.equal(r.code, 0, r.stderr);
      const after = await state(dir, label);
      const outcome = after.versions.length === 1 ? 'rolled back' : 'committed';
      if (outcome === 'rolled back') assert.deepEqual(after, before0, `${label}: nothing of the new version, the audit log as before`);
      else assert.deepEqual(after, built, `${label}: the whole new version, audited once`);
      if (outcome === 'rolled back') {
        const again = await cli(dir, ['build', '--k', '4']);
        assert.equal(again.code, 0, `${label}: re-run: ${again.stderr}`);
        assert.deepEqual(await state(dir, `${label}, re-run`), built, `${label}: the re-run ends where a clean build ends`);
      }
      outcomes.push(`${delay} ms: ${r.signal === 'SIGKILL' ? outcome : 'finished'}`);
    }
    console.log(`# build kills (clean build ${buildMs} ms): ${outcomes.join('; ')}`);
    assert.ok(outcomes.some((o) => o.endsWith('rolled back')), 'kills land mid-build');
  });

  it('publish: the status and the audit log either as before or published once; a re-run publishes', { timeout: 600_000 }, async () => {
    const rng = createRng(910);
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const dir = freshCopy();
      // from the process start (most of a publish is opening the workspace) to a little past a whole clean run
      const delay = Math.round(rng.next() * publishMs * 1.15);
      const run = startCli(dir, ['publish', '1', '--by', 'ana']);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
      const r = await run.done;
      clearTimeout(timer);
      const label = `publish killed after ${delay} ms`;
      if (r.signal !== 'SIGKILL') assert.equal(r.code, 0, r.stderr);
      const after = await state(dir, label);
      const outcome = after.versions[0]?.[1] === 'approved' ? 'as before' : 'published';
      assert.deepEqual(after, outcome === 'as before' ? before0 : published, `${label}: ${outcome}, nothing in between`);
      if (outcome === 'as before') {
        const again = await cli(dir, ['publish', '1', '--by', 'ana']);
        assert.equal(again.code, 0, `${label}: re-run: ${again.stderr}`);
        assert.deepEqual(await state(dir, `${label}, re-run`), published);
      }
      outcomes.push(`${delay} ms: ${r.signal === 'SIGKILL' ? outcome : 'finished'}`);
    }
    console.log(`# publish kills (clean publish ${publishMs} ms): ${outcomes.join('; ')}`);
    assert.ok(outcomes.some((o) => o.endsWith('as before')), 'kills land before the commit');
  });
});
