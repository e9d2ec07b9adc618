// Journey maps on generated data grouped by the planted personas: funnel counts equal the truth exactly, preferred channels on top, planted loops found.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STAGES } from '../../src/contract/entities.js';
import { computeJourneys } from '../../src/analysis/journeys/compute-journeys.js';
import type { JourneyMap, JourneySet } from '../../src/analysis/journeys/journey-types.js';
import { generatedCompany, type Company } from './helpers.js';

describe('journeys on the planted b2c personas (2,500 customers)', () => {
  let c: Company;
  let set: JourneySet;
  const map = (g: string): JourneyMap => {
    const m = set.maps.find((x) => x.group === g);
    assert.ok(m, `no map for ${g}`);
    return m;
  };
  before(async () => {
    c = await generatedCompany({ customers: 2500, seed: 11 });
    // the truth counts every event ever: a window longer than the data (4.5 years) leaves nothing out
    set = await computeJourneys(c.engine, { groups: { table: 'truth', column: 'persona' }, windowDays: 3650, minimum: 10 });
  });
  after(async () => c.close());

  test('funnel counts equal truth/funnel.json for all customers and for each planted persona', () => {
    const counts = (m: JourneyMap): Record<string, number> => Object.fromEntries(m.funnel.map((f) => [f.stage, f.customers]));
    assert.deepEqual(set.maps.map((m) => m.group).sort(), ['all', ...Object.keys(c.truth.personas)].sort());
    assert.deepEqual(counts(map('all')), c.truth.all);
    for (const [persona, truth] of Object.entries(c.truth.personas)) assert.deepEqual(counts(map(persona)), truth, persona);
  });

  test('funnel steps are in stage order with conversion from the previous stage and ordered times', () => {
    for (const m of set.maps) {
      assert.deepEqual(m.funnel.map((f) => f.stage), [...STAGES]);
      assert.equal(m.funnel[0]?.conversion, null);
      m.funnel.slice(1).forEach((f, i) => {
        const prev = m.funnel[i]!;
        assert.equal(f.conversion, f.customers / prev.customers);
        assert.ok(f.median_hours !== null && f.p90_hours !== null && f.median_hours >= 0 && f.p90_hours >= f.median_hours);
      });
    }
  });

  test("each planted persona's preferred channel per stage is its map's top channel at that stage", () => {
    for (const p of c.truth.planted)
      for (const [stage, pref] of Object.entries(p.preferred_channels)) {
        const tp = map(p.key).touchpoints.find((t) => t.stage === stage);
        assert.equal(tp?.channels[0]?.key, pref.channel, `${p.key} at ${stage}: ${JSON.stringify(tp?.channels.slice(0, 3))}`);
        assert.ok((tp?.channels[0]?.lift ?? 0) > 1, `${p.key} at ${stage}: the preferred channel is over-represented vs all customers`);
      }
  });

  test('the planted nonlinear loops are among the back-and-forth patterns of their personas', () => {
    for (const p of c.truth.planted)
      for (const loop of p.loops.filter((l) => l.planted)) {
        const found = map(p.key).loops.find((l) => l.pattern.join('>') === loop.path.join('>'));
        assert.ok(found && found.customers >= 10, `${p.key}: ${loop.path.join(' > ')} not found`);
      }
    // the research persona's consideration ↔ decision loop (80% of buyers) is its most common 4-step loop
    const research = map('research_professional');
    const cdcd = research.loops.find((l) => l.pattern.join('>') === 'consideration>decision>consideration>decision');
    assert.ok(cdcd && cdcd.share > 0.5, JSON.stringify(research.loops.slice(0, 4)));
    const others = set.maps.filter((m) => m.group !== 'research_professional' && m.group !== 'all');
    for (const m of others) {
      const l = m.loops.find((x) => x.pattern.join('>') === 'consideration>decision>consideration>decision');
      assert.ok((l?.share ?? 0) < cdcd.share / 2, `${m.group} has the research loop as often`);
    }
    // and a stage path with the loop is among the research persona's most common paths
    const top = research.paths.find((x) => x.kind === 'stage')?.top ?? [];
    assert.ok(top.slice(0, 5).some((t) => t.steps.join('>').includes('consideration>decision>consideration>decision')));
  });

  test('paths: repeats collapsed, shares of the group, Sankey links between consecutive steps of known nodes', () => {
    for (const m of set.maps)
      for (const s of m.paths) {
        for (const p of s.top) {
          p.steps.forEach((x, i) => assert.notEqual(x, p.steps[i - 1], `${m.group} ${s.kind}: repeated step`));
          assert.ok(p.share > 0 && p.share <= 1);
        }
        const ids = new Set(s.sankey.nodes.map((n) => n.id));
        for (const l of s.sankey.links) {
          assert.ok(ids.has(l.source) && ids.has(l.target));
          assert.equal(Number(l.target.split(':')[0]), l.step + 1);
        }
      }
  });

  test('small data is read whole: no sampling, exact sequences', () => {
    for (const m of set.maps) assert.equal(m.sample.exact, true);
  });

  test('a sample reads the sequences of the customers whose id hashes below the rate; funnels stay exact', async () => {
    const sampled = await computeJourneys(c.engine, { groups: { table: 'truth', column: 'persona' }, windowDays: 3650, minimum: 10, sample: 500 });
    const all = sampled.maps.find((m) => m.group === 'all');
    assert.ok(all);
    assert.equal(all.sample.exact, false);
    // the same customers the engine's hash picks (rate = 500 / customers), counted directly
    const rate = 500 / 2500;
    const direct = await c.engine.all<{ n: number }>(
      `SELECT count(*) AS n FROM customers WHERE hash(customer_id) < CAST(CAST(${rate} AS DOUBLE) * 18446744073709551615.0 AS UBIGINT)
         AND (customer_id IN (SELECT customer_id FROM events WHERE customer_id IS NOT NULL) OR customer_id IN (SELECT customer_id FROM orders))`,
    );
    assert.equal(all.sample.customers, Number(direct[0]?.n));
    assert.ok(all.sample.customers > 300 && all.sample.customers < 700, String(all.sample.customers));
    assert.deepEqual(all.funnel.map((f) => f.customers), map('all').funnel.map((f) => f.customers));
    assert.ok(all.paths.every((p) => p.top.length > 0));
  });

  test('attribution: credits of every model add up to the decisions with a channel path', () => {
    for (const m of set.maps) {
      const a = m.attribution;
      assert.ok(a.channels.length > 0);
      const sums = ['first', 'last', 'linear', 'position', 'time_decay', 'markov'].map((k) => a.channels.reduce((s, ch) => s + ch.conversions[k as 'first'], 0));
      for (const s of sums) assert.ok(Math.abs(s - sums[0]!) < 1e-6);
      assert.ok(sums[0]! <= a.conversions + 1e-9 && sums[0]! > 0.9 * a.conversions);
    }
  });

  test('drop-off: stopped customers per stage add up to the customers who reached a stage before advocacy as their furthest', () => {
    for (const m of set.maps)
      for (const d of m.dropoff) {
        assert.ok(d.stopped <= d.reached);
        const shares = d.last_touches.channel.reduce((s, x) => s + x.share, 0);
        // under the privacy minimum (10 here) a drop-off keeps its count but not its last touches
        assert.ok(d.stopped < 10 ? shares === 0 : shares > 0 && shares <= 1 + 1e-9);
      }
  });

  test('emotions per stage carry sentiment, a scrubbed quote and pain points for the returner persona', () => {
    const returner = map('serial_returner');
    const decision = returner.emotions.find((e) => e.stage === 'decision');
    assert.ok(decision && !decision.suppressed && decision.sentiment !== null && decision.sentiment < 0, JSON.stringify(decision));
    assert.ok(decision.pain_points.length > 0);
    for (const m of set.maps)
      for (const e of m.emotions) {
        if (e.thought) assert.doesNotMatch(e.thought.text, /@example\.com|\+44 7700 900/);
        assert.equal(e.by_column + e.by_time, e.feedback);
      }
  });
});
