// Distributed for real: two ClickHouse server processes on loopback as two shards; entity tables are Distributed by
// customer_id; ingest and build there give the same quarantine, personas, assignments and journeys as one node.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { listQuarantine } from '../../src/ingest/status.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { loadJourneys } from '../../src/repository/version-store.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import type { JourneySet } from '../../src/analysis/journeys/journey-types.js';
import { startClickHouse, startTwoShards, TEST_CLUSTER, type ClickHouseServer } from './clickhouse-server.js';
import { assertClose, DIRTY_FILES } from './parity-fixture.js';

interface Outcome {
  quarantine: string[];
  personas: string[];
  assignments: Map<string, string | null>;
  journeys: JourneySet;
}

const root = mkdtempSync(join(tmpdir(), 'archetype-distributed-'));
const servers: ClickHouseServer[] = [];
let skip: string | false = false;

async function run(name: string, spec: string, exports: string): Promise<Outcome> {
  const dir = join(root, name);
  initWorkspace(dir, { engine: spec });
  const ws = await openWorkspace(dir);
  try {
    const dirty = join(root, `dirty-${name}`);
    mkdirSync(dirty, { recursive: true });
    const files = Object.entries(DIRTY_FILES).map(([f, content]) => {
      const p = join(dirty, f);
      writeFileSync(p, content);
      return p;
    });
    const demo = readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f));
    await ingestFiles(ws.engine, demo, { config: ws.config });
    await ingestFiles(ws.engine, files, { config: ws.config });
    const quarantine = (await listQuarantine(ws.engine, { limit: 100_000 })).rows.map((r) => `${r.file.split('/').pop()}:${r.line}:${r.code}`);
    const built = await buildVersion(ws.engine, { config: ws.config, seed: 42 });
    const rows = await ws.engine.all<{ customer_id: string; persona_id: string | null }>(`SELECT customer_id, persona_id FROM _assignments WHERE version = $v`, {
      v: built.version,
    });
    const journeys = await loadJourneys(ws.engine, built.version);
    assert.ok(journeys);
    return {
      quarantine,
      personas: built.personas.map((p) => `${p.id}|${p.name}|${p.size}|${p.negative}`),
      assignments: new Map(rows.map((r) => [r.customer_id, r.persona_id])),
      journeys,
    };
  } finally {
    await ws.engine.close();
  }
}

describe('ClickHouse cluster: two shards', () => {
  let exports = '';
  const outcomes = new Map<string, Outcome>();
  let database = '';
  before(async () => {
    exports = join(root, 'exports');
    await generateDemo({ dir: exports, customers: 1200, seed: 5, variant: 'b2c' });
    const two = await startTwoShards();
    if ('skip' in two) {
      skip = `ClickHouse servers could not start: ${two.skip}`;
      console.log(`# ${skip}`);
      return;
    }
    servers.push(...two);
    const one = await startClickHouse();
    if ('skip' in one) {
      skip = `ClickHouse server could not start: ${one.skip}`;
      return;
    }
    servers.push(one);
    database = `dist_${process.pid}`;
  });
  after(async () => {
    for (const s of servers) await s.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('ingest and build on one node and on two shards', { timeout: 900_000 }, async (t) => {
    if (skip) return t.skip(skip);
    const [a, b, single] = servers as [ClickHouseServer, ClickHouseServer, ClickHouseServer];
    const host = (s: ClickHouseServer): string => s.url.replace('http://', '');
    outcomes.set('one', await run('one', `clickhouse://${host(single)}/${database}`, exports));
    outcomes.set('two', await run('two', `clickhouse://${host(a)}/${database}?cluster=${TEST_CLUSTER}&nodes=${host(a)},${host(b)}`, exports));
    // the rows really are spread: each shard holds part of every entity table
    for (const entity of ['customers', 'events', 'orders']) {
      const counts: number[] = [];
      for (const s of [a, b]) {
        const r = await fetch(`${s.url}/?database=${database}`, { method: 'POST', body: `SELECT count() FROM ${entity}_local` });
        counts.push(Number((await r.text()).trim()));
      }
      assert.ok(counts.every((n) => n > 0), `${entity} on both shards: ${counts.join(' + ')}`);
    }
  });

  test('two shards give what one node gives', (t) => {
    if (skip) return t.skip(skip);
    const one = outcomes.get('one');
    const two = outcomes.get('two');
    if (!one || !two) return t.skip('the builds did not run');
    assert.deepEqual(two.quarantine, one.quarantine);
    assert.deepEqual(two.personas, one.personas);
    assert.equal(two.assignments.size, one.assignments.size);
    const differ = [...one.assignments].filter(([id, p]) => two.assignments.get(id) !== p);
    assert.equal(differ.length, 0, `${differ.length} customers assigned differently`);
    for (const [i, m] of one.journeys.maps.entries())
      for (const key of ['customers', 'funnel', 'dropoff', 'paths', 'attribution'] as const) assertClose(two.journeys.maps[i]?.[key], m[key], `${m.group}.${key}`);
  });
});
