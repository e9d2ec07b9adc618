// The privacy minimum through the API (real app in-process, real workspace): no persona, journey group or journey cell with statistics for fewer customers; quotes scrubbed of planted emails, phones and names.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containsPii } from '../../src/analysis/text/pii.js';
import type { JourneyMap } from '../../src/analysis/journeys/journey-types.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { createApp, type App } from '../../src/interfaces/http/app.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { readConfig, writeConfig } from '../../src/workspace/workspace.js';
import { demoWorkspace } from '../helpers/demo-workspace.js';

const MIN = 25;
const EMAILS = ['jane.doe@example.com', 'k.smith+shop@mailbox.org'];
const PHONES = ['+44 20 7946 0958', '(415) 555-0132'];

describe(`privacy minimum (${MIN}) and quote scrubbing through the API`, () => {
  let api: App;
  const webRoot = mkdtempSync(join(tmpdir(), 'archetype-privacy-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>t</title>');

  const get = async <T>(path: string): Promise<T> => {
    const res = await api.app.request(path);
    const text = await res.text();
    assert.equal(res.status, 200, `${path}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };

  before(async () => {
    const demo = await demoWorkspace({ customers: 600, seed: 7 });
    // feedback carrying contact details and names, written like the real feedback so that it is picked as quotes
    const rows = readFileSync(join(demo.exports, 'feedback.csv'), 'utf8').trim().split('\n').slice(1, 301);
    const planted = rows.map((line, i) => {
      const m = /^f\d+,("(?:[^"]|"")*"|[^,]*),(c\d+),/.exec(line);
      const text = (m?.[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"');
      // inside the first sentence (quotes are sentences)
      const pii = i % 3 === 0 ? `write to ${EMAILS[i % 2]}` : i % 3 === 1 ? `call ${PHONES[i % 2]}` : 'says Margaret Thornton';
      const withPii = /[.!?](\s|$)/.test(text) ? text.replace(/([.!?])(\s|$)/, `, ${pii}$1$2`) : `${text}, ${pii}.`;
      return `pf${i},"${withPii.replace(/"/g, '""')}",${m?.[2] ?? 'c1'}`;
    });
    const file = join(demo.dir, 'feedback-pii.csv');
    writeFileSync(file, `feedback_id,text,customer_id\n${planted.join('\n')}\n`);
    await ingestFiles(demo.ws.engine, [file], { config: demo.ws.config });
    const config = { ...demo.ws.config, privacy: { ...demo.ws.config.privacy, minimum_group_size: MIN } };
    await buildVersion(demo.ws.engine, { config, seed: 42, k: 6 });
    await demo.ws.engine.close();
    writeConfig(demo.dir, { ...readConfig(demo.dir), privacy: config.privacy });
    api = createApp({ dir: demo.dir, webRoot, idleMs: 50 });
  });
  after(async () => api?.close());

  it('lists only personas of at least the minimum', async () => {
    const s = await get<{ personas: { id: string; size: number }[] }>('/api/personas');
    assert.ok(s.personas.length >= 2);
    for (const p of s.personas) {
      assert.ok(p.size >= MIN, `${p.id}: ${p.size}`);
      const one = await get<{ persona: { size: number } }>(`/api/personas/${p.id}`);
      assert.ok(one.persona.size >= MIN);
    }
  });

  it('journey maps: every group, stage cell, drop-off, progression cell, pain point and path has at least the minimum behind its figures', async () => {
    const list = await get<{ groups?: { group: string; customers: number }[]; maps?: { group: string; customers: number }[] }>('/api/journeys');
    const groups = (list.groups ?? list.maps ?? []).map((g) => g.group);
    assert.ok(groups.includes('all') && groups.length >= 3, JSON.stringify(list).slice(0, 300));
    let smallCells = 0;
    for (const g of groups) {
      const { map } = await get<{ map: JourneyMap }>(`/api/journeys/${g}`);
      assert.ok(map.customers >= MIN, `${g}: ${map.customers}`);
      for (const f of map.funnel) if (f.customers < MIN) {
        smallCells++;
        assert.deepEqual([f.median_hours, f.p90_hours], [null, null], `${g} funnel ${f.stage}: no times for ${f.customers}`);
      }
      for (const d of map.dropoff) if (d.stopped < MIN) assert.deepEqual(d.last_touches, { channel: [], content_type: [], event: [] }, `${g} drop-off ${d.stage}`);
      for (const t of map.touchpoints) if (t.customers < MIN) assert.ok(!t.channels.length && !t.content_types.length && !t.cells.length, `${g} touchpoints ${t.stage}`);
      for (const p of map.progression) {
        if (p.customers < MIN) assert.ok(p.cells.length === 0 && p.touches_per_mover === null, `${g} progression ${p.stage}`);
        for (const c of p.cells) assert.ok(c.customers >= MIN, `${g} progression cell ${p.stage}: ${c.customers}`);
      }
      for (const e of map.emotions) {
        if (!e.suppressed && e.sentiment !== null) assert.ok(e.customers >= MIN, `${g} emotions ${e.stage}: ${e.customers}`);
        for (const p of e.pain_points) assert.ok(p.customers >= MIN, `${g} pain point ${p.theme}: ${p.customers}`);
      }
      for (const p of map.paths) for (const t of p.top) assert.ok(t.customers >= MIN, `${g} path ${t.steps.join('>')}: ${t.customers}`);
      for (const l of [...map.loops, ...map.back_moves]) assert.ok(l.customers >= MIN, `${g} loop: ${l.customers}`);
      for (const by of ['stage', 'channel', 'event']) {
        const paths = await get<{ paths: { customers: number }[]; sankey: { links: { value: number }[] } }>(`/api/journeys/${g}/paths?by=${by}&top=100`);
        for (const t of paths.paths) assert.ok(t.customers >= MIN, `${g} ${by} path: ${t.customers}`);
      }
    }
    assert.ok(smallCells > 0, 'the data has funnel steps under the minimum (the test would say nothing otherwise)');
  });

  it('quotes in personas and journeys carry no planted email, phone or name, and some planted ones were chosen and scrubbed', async () => {
    const s = await get<{ personas: { id: string }[] }>('/api/personas');
    const docs = [
      ...(await Promise.all(s.personas.map((p) => get<unknown>(`/api/personas/${p.id}`)))),
      ...(await Promise.all(['all', ...s.personas.map((p) => p.id)].map((g) => get<unknown>(`/api/journeys/${g}`)))),
    ];
    const quotes: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (typeof o['feedback_id'] === 'string' && typeof o['text'] === 'string') quotes.push(o['text']);
      Object.values(o).forEach(walk);
    };
    docs.forEach(walk);
    assert.ok(quotes.length > 10, `quotes found: ${quotes.length}`);
    const all = JSON.stringify(docs);
    for (const secret of [...EMAILS, ...PHONES, 'Thornton']) assert.ok(!all.includes(secret), `${secret} is not served`);
    for (const q of quotes) assert.equal(containsPii(q), false, q);
    assert.ok(quotes.some((q) => /\[(email|phone|name)\]/.test(q)), 'planted feedback was quoted, scrubbed');
  });
});
