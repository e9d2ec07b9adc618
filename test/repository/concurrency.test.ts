// Concurrency and crash safety with real processes: kill -9 mid-build leaves earlier versions intact and no half-written version; two CLIs at once wait for each other.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspaceWaiting } from '../../src/repository/workspace-lock.js';
import { builtDemo, cli, cliJson, startCli } from './helpers.js';

interface Versions {
  versions: { version: number; status: string }[];
}

describe('one workspace, several processes', () => {
  let dir: string;
  before(async () => {
    const demo = await builtDemo({ customers: 1200, k: 4 });
    await demo.ws.engine.close();
    dir = demo.dir;
    const ok = await cli(dir, ['review', '1', '--approve', '--by', 'ana']);
    assert.equal(ok.code, 0, ok.stderr);
  });

  /** Every version row has its assignments and profiles, and nothing exists for a version without a row. */
  async function integrity(): Promise<{ versions: number[]; assignments: Record<number, number> }> {
    const ws = await openWorkspaceWaiting(dir, { timeoutMs: 30_000 });
    try {
      const versions = (await ws.engine.all<{ version: number }>(`SELECT version FROM _versions ORDER BY 1`)).map((r) => r.version);
      const counts = await ws.engine.all<{ version: number; n: number }>(`SELECT version, count(*) AS n FROM _assignments GROUP BY 1 ORDER BY 1`);
      const profiled = (await ws.engine.all<{ version: number }>(`SELECT DISTINCT version FROM _persona_profiles ORDER BY 1`)).map((r) => r.version);
      assert.deepEqual(counts.map((c) => c.version), versions, 'assignments exist exactly for saved versions');
      assert.deepEqual(profiled, versions, 'profiles exist exactly for saved versions');
      for (const c of counts) assert.equal(c.n, 1200, `version ${c.version}: every customer assigned`);
      return { versions, assignments: Object.fromEntries(counts.map((c) => [c.version, c.n])) };
    } finally {
      await ws.engine.close();
    }
  }

  it('kill -9 inside the final transaction (version, assignments and profiles written, not committed) leaves no trace of the new version', async () => {
    const build = startCli(dir, ['build', '--k', '4'], { ARCHETYPE_DEBUG_PAUSE: 'build-commit' });
    await build.waitFor(/paused at build-commit/);
    build.child.kill('SIGKILL');
    assert.equal((await build.done).signal, 'SIGKILL');
    assert.deepEqual((await integrity()).versions, [1]);
    const v = await cliJson<Versions>(dir, ['versions']);
    assert.deepEqual(v.versions.map((x) => [x.version, x.status]), [[1, 'approved']], 'the earlier version and its status are intact');
  });

  it('kill -9 early in a build (features written, segments not) changes nothing', async () => {
    const build = startCli(dir, ['build', '--k', '4']);
    await build.waitFor(/\[2\/7\] segments/);
    build.child.kill('SIGKILL');
    await build.done;
    assert.deepEqual((await integrity()).versions, [1]);
  });

  it('kill -9 inside a publish transaction leaves the status and the audit log as they were', async () => {
    const publish = startCli(dir, ['publish', '1', '--by', 'ana'], { ARCHETYPE_DEBUG_PAUSE: 'workflow-commit' });
    await publish.waitFor(/paused at workflow-commit/);
    publish.child.kill('SIGKILL');
    await publish.done;
    const v = await cliJson<Versions>(dir, ['versions']);
    assert.deepEqual(v.versions.map((x) => [x.version, x.status]), [[1, 'approved']]);
    const audit = await cliJson<{ entries: { action: string }[] }>(dir, ['audit']);
    // builds killed before their commit left no audit entry: only version 1's build and its approval
    assert.deepEqual(audit.entries.map((e) => e.action), ['build', 'approve']);
  });

  it('a second CLI waits while a build holds the workspace, then succeeds (no "database is locked")', async () => {
    // the build holds the workspace (inside its final transaction) until both other commands say they are waiting
    const resume = join(dir, 'resume-build');
    const build = startCli(dir, ['build', '--k', '4'], { ARCHETYPE_DEBUG_PAUSE: 'build-commit', ARCHETYPE_DEBUG_RESUME_FILE: resume });
    await build.waitFor(/paused at build-commit/);
    const reader = startCli(dir, ['versions', '--json']);
    const writer = startCli(dir, ['comment', 'p1', '--version', '1', '--field', 'goals', '--by', 'sam', 'written while a build runs']);
    await Promise.all([reader.waitFor(/the workspace is busy/), writer.waitFor(/the workspace is busy/)]);
    writeFileSync(resume, '');
    const [b, r, w] = await Promise.all([build.done, reader.done, writer.done]);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(w.code, 0, w.stderr);
    assert.match(r.stderr + w.stderr, /the workspace is busy \(PID \d+/);
    assert.doesNotMatch(r.stderr + w.stderr + b.stderr, /database is locked|Could not set lock/);
    assert.deepEqual((JSON.parse(r.stdout) as Versions).versions.map((x) => x.version), [1, 2], 'the reader ran after the build committed; builds work after the kills');
    assert.deepEqual((await integrity()).versions, [1, 2]);
  });

  it('gives up with a clear message when the workspace stays busy past the timeout', async () => {
    // a review that stays inside its transaction holds the workspace
    const holder = startCli(dir, ['review', '2', '--approve', '--by', 'ana'], { ARCHETYPE_DEBUG_PAUSE: 'workflow-commit', ARCHETYPE_DEBUG_PAUSE_MS: '60000' });
    await holder.waitFor(/paused at workflow-commit/);
    const r = await cli(dir, ['versions'], { ARCHETYPE_LOCK_TIMEOUT: '1' });
    holder.child.kill('SIGKILL');
    await holder.done;
    assert.equal(r.code, 1);
    assert.match(r.stderr, /archetype: the workspace .+ is in use by another process \(PID \d+, .+\) and stayed busy for \d+ s; try again when it has finished/);
    assert.deepEqual((await integrity()).versions, [1, 2]);
  });

  it('several writers at once each land in their own transaction', async () => {
    const runs = ['ana', 'ben', 'chris', 'dora'].map((by) => startCli(dir, ['comment', 'p1', '--version', '1', '--field', 'goals', '--by', by, '--json', `note from ${by}`]));
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const ids = results.map((r) => (JSON.parse(r.stdout) as { comment_id: number }).comment_id);
    assert.equal(new Set(ids).size, 4);
    const all = await cliJson<{ comments: { author: string }[] }>(dir, ['comments', '--version', '1']);
    assert.deepEqual(all.comments.map((c) => c.author).sort(), ['ana', 'ben', 'chris', 'dora', 'sam']);
    const audit = await cliJson<{ entries: { action: string }[] }>(dir, ['audit']);
    assert.equal(audit.entries.filter((e) => e.action === 'comment').length, 5);
  });
});
