// forget and subject-export on every engine (ENGINES=duckdb,clickhouse; ClickHouse skipped with a reason when no server can start): the same rows found and erased.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { fixedClock } from '../../src/repository/clock.js';
import { forgetCustomer } from '../../src/repository/forget.js';
import { exportSubject } from '../../src/repository/subject-export.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import { enginesUnderTest, startClickHouse, type ClickHouseServer } from '../engines/clickhouse-server.js';

const clock = fixedClock('2025-07-01T12:00:00Z');

describe('forget and subject-export on every engine', { concurrency: 1 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'archetype-forget-engines-'));
  const exports = join(root, 'exports');
  let server: ClickHouseServer | null = null;
  let skip: string | false = false;
  const outcomes = new Map<string, string>();

  before(async () => {
    await generateDemo({ dir: exports, customers: 300, seed: 4 });
    writeFileSync(join(root, 'orders_late.csv'), 'order_id,customer_id,ordered_at,amount\nq-1,c7,2024-03-01,lots\nq-2,c71,2024-03-01,oops\nq-3,c7x,2024-03-01,1\n');
    if (enginesUnderTest().includes('clickhouse')) {
      const s = await startClickHouse();
      if ('skip' in s) skip = s.skip;
      else server = s;
    }
  });
  after(async () => server?.stop());

  for (const engine of enginesUnderTest()) {
    it(`${engine}: finds, erases and no longer finds one customer`, { timeout: 600_000 }, async (t) => {
      if (engine === 'clickhouse' && skip) return t.skip(skip);
      const dir = join(root, engine);
      initWorkspace(dir, { engine: engine === 'duckdb' ? 'duckdb' : `${server?.url.replace('http://', 'clickhouse://')}/forget_${process.pid}` });
      const ws = await openWorkspace(dir);
      try {
        const files = readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f));
        await ingestFiles(ws.engine, files, { config: ws.config });
        await ingestFiles(ws.engine, [join(root, 'orders_late.csv')], { config: ws.config });
        await buildVersion(ws.engine, { config: ws.config, seed: 42, k: 4 });
        const before = await exportSubject(ws.engine, 'c7', { clock, actor: 'dpo' });
        const audited = await ws.engine.all<{ actor: string; detail: string }>(`SELECT actor, detail FROM _audit WHERE action = 'subject-export'`);
        assert.equal(audited.length, 1, 'the export is audited');
        assert.equal(audited[0]?.actor, 'dpo');
        assert.match(audited[0]?.detail ?? '', /"subject_hash":"[0-9a-f]{64}"/);
        const counts = (x: typeof before): string =>
          [...Object.entries(x.entities), ...Object.entries(x.derived)].map(([t, r]) => `${t}:${r.length}`).sort().join(' ') + ` q:${x.quarantine.length} a:${x.assignments.length}`;
        const r = await forgetCustomer(ws.engine, 'c7', { clock, actor: 'dpo' });
        assert.equal(r.erased, true);
        assert.equal(r.rows['_quarantine'], 1, 'the bad line of c7, not those of c71 or c7x');
        assert.equal(r.rows['customers'], 1);
        assert.deepEqual(r.versions, [1]);
        await assert.rejects(exportSubject(ws.engine, 'c7', { clock, actor: 'dpo' }), /no customer "c7"/);
        const again = await forgetCustomer(ws.engine, 'c7', { clock, actor: 'dpo' });
        assert.equal(again.erased, false);
        const left = await ws.engine.all<{ n: number }>(`SELECT count(*) AS n FROM _quarantine WHERE file LIKE '%orders_late.csv'`);
        assert.equal(Number(left[0]?.n), 2, 'the lines of c71 (a bad amount) and c7x (an unknown customer) stay');
        const flagged = await ws.engine.all<{ v: number }>(`SELECT version AS v FROM _versions WHERE needs_refresh = 'erasure'`);
        assert.deepEqual(flagged.map((x) => Number(x.v)), [1]);
        outcomes.set(engine, `${counts(before)} quotes:${r.quotes}`);
      } finally {
        await ws.engine.close();
      }
    });
  }

  it('every engine found the same rows', (t) => {
    if (outcomes.size < 2) return t.skip(`only ${[...outcomes.keys()].join(', ') || 'no engine'} ran`);
    const [first, ...rest] = [...outcomes.values()];
    for (const o of rest) assert.equal(o, first);
  });
});
