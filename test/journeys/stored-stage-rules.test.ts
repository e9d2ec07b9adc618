// The stage rules are left out of the SQL when every stored event has a stage: same per-customer stages, fewer columns read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { workspaceConfigSchema } from '../../src/contract/workspace-config.js';
import { DEFAULT_STAGE_RULES } from '../../src/analysis/journeys/stage-rules.js';
import { rulesForStoredEvents } from '../../src/analysis/journeys/stored-stage-rules.js';
import { buildCustomerStages, CUST } from '../../src/analysis/journeys/customer-stages.js';

const CUSTOMERS = 'customer_id\nc1\nc2\nc3\nc4\n';
const STAGED = `event_id,customer_id,occurred_at,event,channel,stage,content_type,url
e1,c1,2024-01-01T00:00:00Z,article_read,email,awareness,article,/journal/a
e2,c1,2024-01-02T00:00:00Z,pricing_viewed,organic_search,consideration,pricing,/pricing
e3,c2,2024-01-01T00:00:00Z,video_play,email,awareness,video,/videos/v
e4,c2,2024-01-05T00:00:00Z,review_written,organic_social,advocacy,,/review
e5,c3,2024-01-05T00:00:00Z,ad_click,organic_search,awareness,,/ad
e6,c3,2024-01-06T00:00:00Z,checkout,direct,decision,,/checkout
e7,c3,2024-02-06T00:00:00Z,account_login,direct,retention,,/account
`;
const ORDERS = `order_id,customer_id,ordered_at,amount,status
o1,c1,2024-01-03T00:00:00Z,100,completed
o2,c2,2024-01-04T00:00:00Z,50,completed
o3,c2,2024-02-03T00:00:00Z,30,completed
o4,c4,2024-01-01T06:00:00Z,20,completed
`;

async function workspace(dir: string, events: string): Promise<DuckDbEngine> {
  const files = { 'customers.csv': CUSTOMERS, 'events.csv': events, 'orders.csv': ORDERS };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const engine = await DuckDbEngine.open({ path: join(dir, 'db.duckdb'), memoryLimit: '300MB', threads: 1 });
  const report = await ingestFiles(engine, Object.keys(files).map((f) => join(dir, f)), { config: workspaceConfigSchema.parse({}) });
  assert.ok(report.files.every((f) => f.quarantined === 0), JSON.stringify(report.files));
  return engine;
}

const customerStages = async (engine: DuckDbEngine): Promise<unknown[]> =>
  engine.all(`SELECT customer_id, t0, t1, t2, t3, t4, t5, furthest, unstaged FROM ${CUST} ORDER BY customer_id`);

describe('stage rules and stored events', () => {
  const dirs: string[] = [];
  let staged: DuckDbEngine;
  let mixed: DuckDbEngine;
  before(async () => {
    for (let i = 0; i < 2; i++) dirs.push(mkdtempSync(join(tmpdir(), 'archetype-stored-rules-')));
    staged = await workspace(dirs[0] as string, STAGED);
    // one event without a stage: the rules decide it (checkout → decision)
    mixed = await workspace(dirs[1] as string, `${STAGED}e8,c4,2024-01-01T00:00:00Z,checkout,direct,,,/checkout\n`);
  });
  after(async () => {
    await staged?.close();
    await mixed?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('no rules are needed when every stored event has a stage; all of them when one has none', async () => {
    assert.deepEqual(await rulesForStoredEvents(staged, DEFAULT_STAGE_RULES), []);
    assert.equal(await rulesForStoredEvents(mixed, DEFAULT_STAGE_RULES), DEFAULT_STAGE_RULES);
  });

  test('the per-customer stages are the same with the rules in the SQL and without them', async () => {
    await buildCustomerStages(staged, { groups: null, rules: DEFAULT_STAGE_RULES, windowDays: 365 });
    const withRules = await customerStages(staged);
    await buildCustomerStages(staged, { groups: null, rules: [], windowDays: 365 });
    const without = await customerStages(staged);
    assert.deepEqual(without, withRules);
    // and they are what the data says: c3 went from awareness to retention, c2 from awareness to advocacy via its orders
    const c3 = withRules.find((r) => (r as { customer_id: string }).customer_id === 'c3') as Record<string, unknown>;
    assert.equal(Number(c3['furthest']), 4);
    const c2 = withRules.find((r) => (r as { customer_id: string }).customer_id === 'c2') as Record<string, unknown>;
    assert.equal(Number(c2['furthest']), 5);
    assert.ok(c2['t3'] !== null && c2['t4'] !== null, 'first and second order as decision and retention');
  });

  test('an event without a stage is staged by the rules', async () => {
    await buildCustomerStages(mixed, { groups: null, rules: await rulesForStoredEvents(mixed, DEFAULT_STAGE_RULES), windowDays: 365 });
    const c4 = (await customerStages(mixed)).find((r) => (r as { customer_id: string }).customer_id === 'c4') as Record<string, unknown>;
    assert.equal(Number(c4['unstaged']), 0);
    assert.ok(c4['t3'] !== null);
  });
});
