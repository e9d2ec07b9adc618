// Engine settings for a piece of work, put back after it, on a real DuckDB file: the memory cap lowered for a build,
// insertion order given up for the journeys' scratch tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOf, DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';

// DuckDB shows the cap rounded (1200MB reads "1.1 GiB"): compared within 3%
const setting = async (e: DuckDbEngine): Promise<number> =>
  bytesOf(String((await e.all<{ m: string }>(`SELECT current_setting('memory_limit') AS m`))[0]?.m)) ?? NaN;

describe('engine memory cap for a piece of work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-memlimit-'));
  let engine: DuckDbEngine;
  before(async () => {
    engine = await DuckDbEngine.open({ path: join(dir, 'a.duckdb'), memoryLimit: '1200MB' });
  });
  after(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads sizes as DuckDB writes them', () => {
    assert.equal(bytesOf('1200MB'), 1.2e9);
    assert.equal(bytesOf('1.5 GiB'), 1.5 * 2 ** 30);
    assert.equal(bytesOf('512'), 512);
    assert.equal(bytesOf('lots'), null);
  });

  test('lowers the cap inside, restores the configured one after, also when the work fails', async () => {
    const configured = await setting(engine);
    assert.ok(Math.abs(configured - 1.2e9) / 1.2e9 < 0.03, String(configured));
    const inside = await engine.withMemoryLimit('1000MB', () => setting(engine));
    assert.ok(Math.abs(inside - 1e9) / 1e9 < 0.03, String(inside));
    assert.equal(await setting(engine), configured);
    await assert.rejects(engine.withMemoryLimit('1000MB', async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await setting(engine), configured);
  });

  test('never raises the cap above the configured one', async () => {
    const configured = await setting(engine);
    assert.equal(await engine.withMemoryLimit('4GB', () => setting(engine)), configured);
  });

  test('gives up insertion order inside, keeps it again after, also when the work fails (nested: left as is)', async () => {
    const ordered = async (): Promise<unknown> => (await engine.all<{ v: unknown }>(`SELECT current_setting('preserve_insertion_order') AS v`))[0]?.v;
    assert.equal(await ordered(), true);
    assert.equal(await engine.withUnorderedRows(ordered), false);
    assert.equal(await ordered(), true);
    assert.equal(await engine.withUnorderedRows(() => engine.withUnorderedRows(ordered)), false);
    assert.equal(await ordered(), true);
    await assert.rejects(engine.withUnorderedRows(async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await ordered(), true);
  });
});
