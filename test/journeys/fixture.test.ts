// A hand-made company of eight customers: stage rules, orders as stages, the window, times, drop-off, paths and attribution computed by hand.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { workspaceConfigSchema } from '../../src/contract/workspace-config.js';
import { computeJourneys } from '../../src/analysis/journeys/compute-journeys.js';
import type { JourneyMap, JourneySet } from '../../src/analysis/journeys/journey-types.js';

const CUSTOMERS = 'customer_id\nc1\nc2\nc3\nc4\nc5\nc6\nc7\nc8\n';
// stage column empty on some rows: the shipped rules decide (pricing url → consideration, compare → consideration,
// review → advocacy, ad_click → awareness); mystery_event matches nothing
const EVENTS = `event_id,customer_id,anonymous_id,occurred_at,event,channel,stage,content_type,url
e1,c1,,2024-01-01T00:00:00Z,article_read,email,awareness,article,/journal/a
e2,c1,,2024-01-02T00:00:00Z,pricing_viewed,organic_search,,pricing,/pricing
e3,c2,,2024-01-01T00:00:00Z,video_play,email,awareness,video,/videos/v
e4,c2,,2024-01-01T12:00:00Z,gallery_view,email,awareness,photo,/gallery/g
e5,c2,,2024-01-02T00:00:00Z,compare_products,direct,,,/compare
e6,c2,,2024-02-10T00:00:00Z,review_written,organic_social,,,/review
e7,c3,,2024-01-05T00:00:00Z,ad_click,organic_search,,,/ad
e8,c4,,2024-01-01T00:00:00Z,landing_view,direct,awareness,,/landing
e9,c5,,2024-01-01T00:00:00Z,article_read,email,awareness,article,/journal/b
e10,c5,,2024-01-03T00:00:00Z,search,organic_search,consideration,,/search
e11,c7,,2024-01-01T00:00:00Z,mystery_event,direct,,,/x
e12,c8,,2024-01-01T00:00:00Z,ad_click,paid_social,awareness,,/ad
e13,,lead1,2024-01-01T00:00:00Z,ad_click,display,awareness,,/ad
`;
const ORDERS = `order_id,customer_id,ordered_at,amount,status
o1,c1,2024-01-03T00:00:00Z,100,completed
o2,c2,2024-01-04T00:00:00Z,50,completed
o3,c2,2024-02-03T00:00:00Z,30,completed
o4,c4,2024-01-01T06:00:00Z,20,completed
o5,c6,2024-03-01T00:00:00Z,10,completed
o6,c6,2024-03-05T00:00:00Z,10,completed
o7,c8,2024-01-10T00:00:00Z,40,completed
o8,c8,2024-03-15T00:00:00Z,40,completed
`;
const FEEDBACK = `feedback_id,text,customer_id,created_at,source,rating,stage
f1,"Comparing models took a while, the compare page was confusing.",c2,2024-01-02T12:00:00Z,survey,,
f2,"Checkout was quick and easy, great price.",c1,2024-01-03T01:00:00Z,review,5,decision
`;

describe('journeys on a hand-made fixture', () => {
  let dir: string;
  let engine: DuckDbEngine;
  let set60: JourneySet;
  let set3650: JourneySet;
  let m: JourneyMap;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'archetype-journey-fixture-'));
    const files = { 'customers.csv': CUSTOMERS, 'events.csv': EVENTS, 'orders.csv': ORDERS, 'feedback.csv': FEEDBACK };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    engine = await DuckDbEngine.open({ path: join(dir, 'db.duckdb'), memoryLimit: '500MB', threads: 1 });
    const report = await ingestFiles(engine, Object.keys(files).map((f) => join(dir, f)), { config: workspaceConfigSchema.parse({}) });
    assert.ok(report.files.every((f) => f.quarantined === 0), JSON.stringify(report.files));
    set60 = await computeJourneys(engine, { groups: null, windowDays: 60, minimum: 1 });
    set3650 = await computeJourneys(engine, { groups: null, windowDays: 3650, minimum: 1 });
    m = set60.maps[0] as JourneyMap;
  });
  after(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a run leaves none of its scratch tables behind', async () => {
    const left = await engine.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE '\\_j\\_%' ESCAPE '\\'`);
    assert.deepEqual(left, []);
  });

  test('stages from the column, the rules and the orders; the 60-day window drops a late repeat order', () => {
    assert.deepEqual(set60.maps.map((x) => x.group), ['all']);
    assert.equal(m.customers, 8);
    const counts = (s: JourneySet): number[] => (s.maps[0] as JourneyMap).funnel.map((f) => f.customers);
    // awareness c1 c2 c3 c4 c5 c8 · consideration c1 c2 c5 · decision c1 c2 c4 c6 c8 · retention c2 c6 (c8's is 74 days in) · advocacy c2
    assert.deepEqual(counts(set60), [6, 3, 5, 2, 1]);
    assert.deepEqual(counts(set3650), [6, 3, 5, 3, 1]);
    assert.equal(set60.unstaged_events, 1);
    assert.equal(set60.as_of, '2024-03-15T00:00:00.000Z');
  });

  test('conversion from the previous stage; median and p90 hours over customers who reached both in order', () => {
    const f = m.funnel;
    assert.deepEqual(f.map((x) => x.conversion), [null, 3 / 6, 5 / 3, 2 / 5, 1 / 2]);
    // consideration: c1 24 h, c2 24 h, c5 48 h · decision: c1 24 h, c2 48 h · retention: c2 720 h, c6 96 h · advocacy: c2 168 h
    assert.deepEqual(f.map((x) => x.median_hours), [null, 24, 36, 408, 168]);
    const p90 = f.map((x) => x.p90_hours);
    assert.ok(Math.abs((p90[1] as number) - 43.2) < 1e-9 && Math.abs((p90[2] as number) - 45.6) < 1e-9 && Math.abs((p90[3] as number) - 657.6) < 1e-9);
    assert.deepEqual(f.map((x) => x.timed), [0, 3, 2, 2, 1]);
  });

  test('drop-off: furthest stage within the window, and the last touch of those who stopped', () => {
    assert.deepEqual(m.dropoff.map((d) => d.stopped), [1, 1, 3, 1]); // c3 · c5 · c1 c4 c8 · c6
    const awareness = m.dropoff[0]!;
    assert.deepEqual(awareness.last_touches.channel.map((s) => [s.key, s.share]), [['organic_search', 1]]);
    assert.deepEqual(awareness.last_touches.event.map((s) => s.key), ['ad_click']);
    const decision = m.dropoff[2]!;
    assert.deepEqual(decision.last_touches.channel.map((s) => [s.key, s.n]), [['direct', 1], ['organic_search', 1], ['paid_social', 1]]);
  });

  test('touchpoints per stage: channel shares of touches', () => {
    const aw = m.touchpoints.find((t) => t.stage === 'awareness')!;
    assert.equal(aw.touches, 7);
    assert.equal(aw.customers, 6);
    assert.deepEqual(aw.channels.map((c) => [c.key, c.n]), [['email', 4], ['direct', 1], ['organic_search', 1], ['paid_social', 1]]);
  });

  test('stage paths with repeats collapsed, orders as decision and retention steps', () => {
    const stage = m.paths.find((p) => p.kind === 'stage')!;
    const paths = Object.fromEntries(stage.top.map((p) => [p.steps.join(' > '), p.customers]));
    assert.deepEqual(paths, {
      'awareness > decision': 2, // c4, c8 (its repeat order falls outside the window)
      'awareness': 1,
      'awareness > consideration': 1,
      'awareness > consideration > decision': 1,
      'awareness > consideration > decision > retention > advocacy': 1,
      'decision > retention': 1,
    });
    const channel = m.paths.find((p) => p.kind === 'channel')!;
    assert.equal(channel.top.find((p) => p.steps.join('>') === 'email>direct>organic_social')?.customers, 1); // c2: email twice, collapsed
  });

  test('attribution equals the hand computation (first, last, linear, position, time decay, Markov order 1)', () => {
    const a = m.attribution;
    assert.equal(a.journeys, 7); // c7 has no staged touch: no journey
    assert.equal(a.conversions, 5); // c6 decided without any touch: counted, not attributable
    const by = (model: 'first' | 'last' | 'linear' | 'position' | 'time_decay' | 'markov'): Record<string, number> =>
      Object.fromEntries(a.channels.map((c) => [c.channel, Math.round(c.conversions[model] * 1e9) / 1e9]));
    assert.deepEqual(by('first'), { email: 2, organic_search: 0, direct: 1, paid_social: 1 });
    assert.deepEqual(by('last'), { email: 0, organic_search: 1, direct: 2, paid_social: 1 });
    assert.deepEqual(by('linear'), { email: 1, organic_search: 0.5, direct: 1.5, paid_social: 1 });
    assert.deepEqual(by('position'), { email: 1, organic_search: 0.5, direct: 1.5, paid_social: 1 });
    // time decay, half-life 168 h: in both two-touch paths the touches are 24 h apart, so the first gets r = 1 / (1 + 2^(24/168))
    const r = 1 / (1 + 2 ** (24 / 168));
    const td = by('time_decay');
    assert.ok(Math.abs((td['email'] as number) - 2 * r) < 1e-9 && Math.abs((td['organic_search'] as number) - (1 - r)) < 1e-9);
    assert.ok(Math.abs((td['direct'] as number) - (2 - r)) < 1e-9 && td['paid_social'] === 1);
    // Markov: P(conv) = 2/3; without email 7/18, organic_search 1/2, direct 1/3, paid_social 1/2 → removal effects 5/12, 1/4, 1/2, 1/4
    assert.ok(Math.abs((a.conversion_probability as number) - 2 / 3) < 1e-12);
    const re = Object.fromEntries(a.channels.map((c) => [c.channel, c.removal_effect_by_order[0]]));
    for (const [ch, want] of Object.entries({ email: 5 / 12, organic_search: 1 / 4, direct: 1 / 2, paid_social: 1 / 4 }))
      assert.ok(Math.abs((re[ch] as number) - want) < 1e-9, `${ch}: ${re[ch]}`);
    const mk = by('markov');
    for (const [ch, want] of Object.entries({ email: 20 / 17, organic_search: 12 / 17, direct: 24 / 17, paid_social: 12 / 17 }))
      assert.ok(Math.abs((mk[ch] as number) - want) < 1e-6, `${ch}: ${mk[ch]}`);
    const firstValue = Object.fromEntries(a.channels.map((c) => [c.channel, c.value.first]));
    assert.deepEqual(firstValue, { email: 150, organic_search: 0, direct: 20, paid_social: 40 });
  });

  test('emotions: feedback tied by its stage column or by the stage the customer was in when writing', () => {
    const cons = m.emotions.find((e) => e.stage === 'consideration')!;
    const dec = m.emotions.find((e) => e.stage === 'decision')!;
    assert.deepEqual([cons.feedback, cons.by_time, cons.by_column], [1, 1, 0]);
    assert.deepEqual([dec.feedback, dec.by_time, dec.by_column], [1, 0, 1]);
  });
});
