// Buying criteria, triggers and information sources on the demo company: planted truth recovered, numbers equal to direct SQL, shown on the cards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVersion, type BuildResult } from '../../src/repository/build-version.js';
import type { Persona } from '../../src/analysis/personas/persona-types.js';
import { renderCardMarkdown, renderCardText } from '../../src/interfaces/exports/persona-card.js';
import { CRITERIA } from '../../src/analysis/personas/buying-criteria.js';
import { triggers } from '../../src/analysis/personas/triggers.js';
import { informationSources } from '../../src/analysis/personas/information-sources.js';
import { effectiveRules } from '../../src/analysis/journeys/stage-rules.js';
import { eventMix, knownEvents, mixLevels, mixValues } from '../../src/analysis/features/event-mix.js';
import { demoWorkspace, type DemoWorkspace } from '../helpers/demo-workspace.js';

interface PlantedJourney {
  key: string;
  preferred_channels: Record<string, { channel: string; share: number }>;
  traits: { trait: string; rate?: number }[];
  stage_gaps_hours: Record<string, number>;
}

describe('decision fields on the demo company (3k customers)', () => {
  let demo: DemoWorkspace;
  let built: BuildResult;
  let planted: PlantedJourney[];
  const byKey = new Map<string, Persona>();

  before(async () => {
    demo = await demoWorkspace({ customers: 3000, seed: 11 });
    built = await buildVersion(demo.ws.engine, { config: demo.ws.config, seed: 42 });
    planted = (JSON.parse(readFileSync(join(demo.exports, 'truth', 'personas.json'), 'utf8')) as { personas: PlantedJourney[] }).personas;
    const rows = await demo.ws.engine.all<{ customer_id: string; persona_id: string | null }>(`SELECT customer_id, persona_id FROM _assignments WHERE version = $v`, { v: built.version });
    const counts = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = counts.get(r.persona_id ?? 'none') ?? new Map<string, number>();
      const t = demo.truth.get(r.customer_id) as string;
      m.set(t, (m.get(t) ?? 0) + 1);
      counts.set(r.persona_id ?? 'none', m);
    }
    for (const p of built.personas) {
      const top = [...(counts.get(p.id) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0];
      if (top && !byKey.has(top[0])) byKey.set(top[0], p);
    }
  });
  after(async () => demo.ws.engine.close());

  const persona = (key: string): Persona => {
    const p = byKey.get(key);
    assert.ok(p, `no persona for planted ${key}`);
    return p;
  };

  it('triggers and information sources: the per-customer bit masks give the same fields as a grouping per customer and cell', async () => {
    const e = demo.ws.engine;
    await e.exec(`CREATE OR REPLACE TABLE _cells_seg AS SELECT customer_id, segment FROM _assignments WHERE version = ${built.version}`);
    const rules = effectiveRules(demo.ws.config.journeys.stage_rules);
    const sorted = <T>(m: Map<number, T>): [number, T][] => [...m].sort((a, b) => a[0] - b[0]);
    const masked = [sorted(await triggers(e, '_cells_seg', { rules })), sorted(await informationSources(e, '_cells_seg', rules))];
    const grouped = [sorted(await triggers(e, '_cells_seg', { rules, maxCells: 0 })), sorted(await informationSources(e, '_cells_seg', rules, { maxCells: 0 }))];
    await e.exec('DROP TABLE _cells_seg');
    assert.ok(masked.every((m) => m.length > 0 && m.some(([, f]) => f.items.length > 0)));
    assert.deepEqual(masked, grouped);
  });

  it('reads channel and content-type levels and values from one pass over the events, as the direct queries give them', async () => {
    const e = demo.ws.engine;
    const mix = await eventMix(e);
    const levels = async (column: string, minShare: number, max: number): Promise<string[]> => {
      const rows = await e.all<{ v: string; n: number }>(`SELECT CAST(${column} AS VARCHAR) AS v, count(*) AS n FROM events WHERE ${column} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ${max + 1}`);
      const total = rows.reduce((t, r) => t + Number(r.n), 0);
      return rows.length < 2 ? [] : rows.filter((r) => Number(r.n) / total >= minShare).slice(0, max).map((r) => r.v);
    };
    const values = async (column: string): Promise<string[]> =>
      (await e.all<{ v: string }>(`SELECT DISTINCT coalesce(${column}, '(none)') AS v FROM events WHERE customer_id IS NOT NULL`)).map((r) => r.v).sort();
    for (const [column, key] of [['channel', 'channel'], ['content_type', 'contentType']] as const) {
      for (const [minShare, max] of [[0.01, 11], [0.05, 3], [0.2, 1]] as const) assert.deepEqual(mixLevels(mix, key, minShare, max), await levels(column, minShare, max), `${column} ${minShare} ${max}`);
      assert.deepEqual(mixValues(mix, key, '(none)'), await values(column));
      assert.ok(mixValues(mix, key, '(none)').length >= 4);
    }
    assert.equal(knownEvents(mix), Number((await e.all<{ n: number }>('SELECT count(*) AS n FROM events WHERE customer_id IS NOT NULL'))[0]?.n));
  });

  it('gives every buyer persona the three fields, each claim with numbers or a reason', () => {
    for (const p of built.personas.filter((x) => x.kind === 'buyer'))
      for (const key of ['buying_criteria', 'triggers', 'information_sources']) {
        const f = p.fields[key];
        assert.ok(f, `${p.id}.${key} missing`);
        assert.ok(f.items.length > 0, `${p.id}.${key}: ${f.insufficient ?? 'empty'}`);
        for (const e of f.items) {
          assert.ok(e.value !== null && e.all !== null && Number.isFinite(e.value) && e.n >= 1 && e.definition.length > 20, `${p.id}.${key}: ${e.claim}`);
          assert.ok(['high', 'medium', 'low'].includes(e.confidence));
        }
      }
  });

  it("finds the gift shoppers' seasonal first orders (planted: 75% pulled into Nov 20 – Dec 20)", () => {
    const gift = persona('gift_shopper');
    const seasonal = gift.fields['triggers']?.items.find((e) => e.claim.startsWith('seasonal'));
    assert.ok(seasonal, 'no seasonal trigger');
    assert.match(seasonal.claim, /Nov|Dec/);
    assert.ok((seasonal.lift ?? 0) >= 2 && (seasonal.value ?? 0) >= 0.6, seasonal.claim);
    // no other persona has a seasonal peak as strong
    for (const p of built.personas.filter((x) => x !== gift && x.kind === 'buyer')) {
      const s = p.fields['triggers']?.items.find((e) => e.claim.startsWith('seasonal'));
      assert.ok(!s || (s.lift ?? 0) < (seasonal.lift ?? 0), `${p.id}: ${s?.claim ?? ''}`);
    }
  });

  it('has the longest run-up to the first order for the research-heavy experts (planted: weeks between sessions)', () => {
    const run = (p: Persona): number => p.fields['triggers']?.items.find((e) => e.claim.startsWith('first order a median'))?.value ?? NaN;
    const slowest = planted.filter((x) => byKey.has(x.key)).sort((a, b) => (b.stage_gaps_hours['consideration_to_decision'] ?? 0) - (a.stage_gaps_hours['consideration_to_decision'] ?? 0))[0];
    assert.equal(slowest?.key, 'research_professional');
    const r = run(persona('research_professional'));
    for (const p of built.personas.filter((x) => x.kind === 'buyer' && x !== byKey.get('research_professional'))) assert.ok(r > run(p), `${p.id} ${run(p)} vs ${r}`);
  });

  it("names each planted persona's preferred awareness and consideration channel first", () => {
    for (const t of planted) {
      const p = persona(t.key);
      for (const stage of ['awareness', 'consideration']) {
        const first = p.fields['information_sources']?.items.find((e) => e.claim.startsWith(`${stage}: `));
        const want = t.preferred_channels[stage]?.channel as string;
        assert.ok(first?.claim.startsWith(`${stage}: ${want} `), `${t.key} ${stage}: want ${want}, got ${first?.claim ?? 'nothing'}`);
        assert.ok((first?.lift ?? 0) > 1.2, first?.claim);
      }
    }
  });

  it('ranks the buying criterion of each planted theme vocabulary first', () => {
    // themes planted in texts-b2c.ts: discount codes / price match; build quality / warranty; delivery before Christmas; specs / field tests; wrong size / returns
    const expected: Record<string, RegExp> = {
      bargain_hunter: /^price and deals/, premium_loyalist: /^quality/, gift_shopper: /^delivery/, research_professional: /^specs/, serial_returner: /^returns/,
    };
    for (const [key, re] of Object.entries(expected)) {
      const first = persona(key).fields['buying_criteria']?.items[0];
      assert.match(first?.claim ?? '', re, key);
      assert.ok((first?.lift ?? 0) >= 1.3 && (first?.quotes?.length ?? 0) > 0, `${key}: ${first?.claim ?? ''}`);
    }
    assert.match(JSON.stringify(persona('bargain_hunter').fields['buying_criteria']), /price-sensitive/);
    assert.match(JSON.stringify(persona('premium_loyalist').fields['buying_criteria']), /pays for more than price/);
  });

  it('matches direct SQL for a share of each field', async () => {
    const e = demo.ws.engine;
    const p = persona('gift_shopper');
    const v = built.version;
    const members = `SELECT customer_id FROM _assignments WHERE version = ${v} AND persona_id = '${p.id}'`;
    const assigned = `SELECT customer_id FROM _assignments WHERE version = ${v}`;
    // triggers: share of first orders in the peak months
    const seasonal = p.fields['triggers']?.items.find((x) => x.claim.startsWith('seasonal'));
    const months = [['Nov', 11], ['Dec', 12], ['Oct', 10], ['Jan', 1]].filter(([m]) => seasonal?.claim.includes(m as string)).map(([, n]) => n as number);
    const firstOrders = (who: string): string =>
      `SELECT avg(CASE WHEN month(f) IN (${months.join(',')}) THEN 1.0 ELSE 0 END) AS s FROM (SELECT customer_id, min(ordered_at) AS f FROM orders WHERE customer_id IN (${who}) GROUP BY customer_id)`;
    const [mine] = await e.all<{ s: number }>(firstOrders(members));
    const [all] = await e.all<{ s: number }>(firstOrders(assigned));
    assert.ok(Math.abs((seasonal?.value ?? 0) - Number(mine?.s)) < 1e-9 && Math.abs((seasonal?.all ?? 0) - Number(all?.s)) < 1e-9);
    // information sources: the top awareness channel's share of awareness touches (the demo's events carry the stage column)
    const src = p.fields['information_sources']?.items[0];
    const ch = /^awareness: (\S+)/.exec(src?.claim ?? '')?.[1] as string;
    const [share] = await e.all<{ s: number; people: number }>(
      `SELECT avg(CASE WHEN channel = $ch THEN 1.0 ELSE 0 END) AS s, count(DISTINCT CASE WHEN channel = $ch THEN customer_id END) AS people
         FROM events WHERE stage = 'awareness' AND customer_id IN (${members})`, { ch },
    );
    assert.ok(Math.abs((src?.value ?? 0) - Number(share?.s)) < 1e-9);
    assert.equal(src?.n, Number(share?.people));
    // buying criteria: share of feedback naming delivery
    const crit = p.fields['buying_criteria']?.items.find((x) => x.claim.startsWith('delivery'));
    const words = CRITERIA.find((c) => c.key === 'delivery')?.words ?? [];
    const [fb] = await e.all<{ s: number }>(
      `SELECT avg(CASE WHEN ${words.map((w) => `text ILIKE '%${w}%'`).join(' OR ')} THEN 1.0 ELSE 0 END) AS s FROM feedback WHERE customer_id IN (${members})`,
    );
    assert.ok(Math.abs((crit?.value ?? 0) - Number(fb?.s)) < 1e-9, `${crit?.value} vs ${fb?.s}`);
  });

  it('shows the fields on the terminal card, the sales view and in Markdown', () => {
    const p = persona('gift_shopper');
    const text = renderCardText(p, built.version, 'draft');
    for (const label of ['Buying criteria', 'Triggers', 'Gets informed']) assert.ok(text.includes(label), label);
    assert.match(renderCardText(p, built.version, 'draft', 'sales'), /Triggers\s+seasonal: \d+% of first orders fall in/);
    const md = renderCardMarkdown(p, built.version, 'draft', 'content');
    assert.match(md, /## Gets informed/);
    assert.match(md, /## Buying criteria|## Triggers|## Gets informed/);
  });
});
