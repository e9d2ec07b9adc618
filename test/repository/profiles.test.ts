// Trait profiles through the real engine: SQL bins agree with the TypeScript ones, and PSI between two versions' profiles sees a shift.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace, openWorkspace, type Workspace } from '../../src/workspace/workspace.js';
import { computeProfiles, loadProfiles, saveProfiles, ALL_CUSTOMERS } from '../../src/repository/persona-profiles.js';
import { binOf, psi } from '../../src/repository/distribution.js';
import { createRng } from '../../src/shared/rng.js';
import type { Persona } from '../../src/analysis/personas/persona-types.js';
import type { FeatureDef } from '../../src/analysis/features/feature-catalog.js';

const persona = (id: string, segment: number): Persona => ({ id, segment, kind: 'buyer', traits: [] }) as unknown as Persona;
const defs = [{ column: 'spend' }, { column: 'flag' }] as FeatureDef[];

describe('trait profiles in the engine', () => {
  let ws: Workspace;
  before(async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'archetype-profiles-')), 'ws');
    initWorkspace(dir);
    ws = await openWorkspace(dir);
  });
  after(async () => ws.engine.close());

  /** Two segments of 1000 customers: segment 1's spend centred on `shift`. */
  async function version(v: number, shift: number): Promise<void> {
    const rng = createRng(v);
    await ws.engine.exec(`CREATE OR REPLACE TABLE _f (customer_id VARCHAR, spend DOUBLE, flag DOUBLE)`);
    await ws.engine.exec(`CREATE OR REPLACE TABLE _s (customer_id VARCHAR, segment INTEGER)`);
    const f: (string | number | null)[][] = [];
    const s: (string | number)[][] = [];
    for (let i = 0; i < 2000; i++) {
      const seg = i % 2;
      f.push([`c${i}`, seg ? Math.max(0, shift + 15 * rng.normal()) : Math.max(0, 50 + 10 * rng.normal()), i % 7 === 0 ? null : rng.next() < 0.3 ? 1 : 0]);
      s.push([`c${i}`, seg]);
    }
    await ws.engine.insertRows('_f', ['customer_id', 'spend', 'flag'], f);
    await ws.engine.insertRows('_s', ['customer_id', 'segment'], s);
    const profiles = await computeProfiles(ws.engine, '_f', defs, [persona('p1', 0), persona('p2', 1)], { assignTable: '_s' });
    await ws.engine.transaction(() => saveProfiles(ws.engine, v, profiles));
  }

  it('bins in SQL exactly as in TypeScript, counts every member and keeps missing values apart', async () => {
    await version(1, 100);
    const rows = await ws.engine.all<{ spend: number; b: number }>(`SELECT spend, CAST(floor(asinh(spend * 10) * 16) AS INTEGER) AS b FROM _f LIMIT 300`);
    for (const r of rows) assert.equal(r.b, binOf(r.spend), `spend ${r.spend}`);
    const p = await loadProfiles(ws.engine, 1);
    assert.deepEqual([...p.keys()].sort(), [ALL_CUSTOMERS, 'p1', 'p2']);
    const flag = p.get('p1')?.get('flag');
    assert.equal(flag?.n, 1000);
    assert.equal(flag?.nulls, 143, 'customers 0, 14, 28 … (every 7th, in segment 0) have no flag');
    assert.equal(p.get(ALL_CUSTOMERS)?.get('spend')?.n, 2000);
  });

  it('shows no drift for a persona whose members did not change and drift for one that moved', async () => {
    await version(2, 100);
    await version(3, 160);
    const [a, b, c] = await Promise.all([loadProfiles(ws.engine, 1), loadProfiles(ws.engine, 2), loadProfiles(ws.engine, 3)]);
    const get = (m: typeof a, id: string, f: string) => m.get(id)?.get(f) as NonNullable<ReturnType<NonNullable<ReturnType<typeof a.get>>['get']>>;
    assert.ok(psi(get(a, 'p2', 'spend'), get(b, 'p2', 'spend')) < 0.1, 'same distribution, new sample');
    assert.ok(psi(get(a, 'p1', 'spend'), get(c, 'p1', 'spend')) < 0.1, 'p1 untouched');
    assert.ok(psi(get(a, 'p2', 'spend'), get(c, 'p2', 'spend')) > 1, 'p2 spend moved by four standard deviations');
  });
});
