// The journey commands end to end: `archetype build` stores the maps, then journey/paths/attribution/scenario print JSON of the documented shape.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace } from '../../src/workspace/workspace.js';
import { cli, generatedCompany, type Company } from './helpers.js';

describe('journey commands (2,000 generated customers, built)', () => {
  let c: Company;
  let persona = '';
  before(async () => {
    c = await generatedCompany({ customers: 2000, seed: 5 });
    await c.engine.close(); // the CLI opens the workspace itself
    const built = cli(['build', '--json', '-w', c.workspace], c.dir);
    assert.equal(built.code, 0, built.stderr);
    const out = JSON.parse(built.stdout) as { personas: { id: string; negative: boolean }[] };
    persona = out.personas[0]?.id ?? '';
    assert.ok(persona);
  });
  after(async () => rmSync(c.dir, { recursive: true, force: true }));

  test('journey --json: funnel of five stages in order with exactly the documented keys, beside the rest of the map', () => {
    const r = cli(['journey', 'all', '--json', '-w', c.workspace], c.dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { funnel: Record<string, unknown>[] };
    assert.deepEqual(j.funnel.map((f) => f['stage']), ['awareness', 'consideration', 'decision', 'retention', 'advocacy']);
    for (const f of j.funnel) assert.deepEqual(Object.keys(f), ['stage', 'customers', 'conversion', 'median_hours', 'p90_hours']);
    assert.equal(j.funnel[0]?.['conversion'], null);
    assert.equal(j.funnel[1]?.['conversion'], (j.funnel[1]?.['customers'] as number) / (j.funnel[0]?.['customers'] as number));
    for (const key of ['dropoff', 'touchpoints', 'progression', 'paths', 'loops', 'emotions', 'opportunities', 'attribution', 'sample']) assert.ok(key in j, key);
    const text = cli(['journey', persona, '-w', c.workspace], c.dir);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /awareness\s+consideration\s+decision\s+retention\s+advocacy/);
  });

  test('paths --json --top 3 --by stage: at most three paths, Sankey nodes and links', () => {
    const r = cli(['paths', persona, '--json', '--top', '3', '--by', 'stage', '-w', c.workspace], c.dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { kind: string; paths: { steps: string[]; customers: number; share: number }[]; sankey: { nodes: unknown[]; links: { source: string; target: string; step: number; value: number }[] }; loops: unknown[] };
    assert.equal(j.kind, 'stage');
    assert.ok(j.paths.length > 0 && j.paths.length <= 3);
    assert.ok(j.sankey.nodes.length > 0 && j.sankey.links.every((l) => l.step >= 1 && l.value > 0));
    assert.ok(Array.isArray(j.loops));
  });

  test('attribution --json: one model with shares adding up to 1; all models side by side without --model', () => {
    const r = cli(['attribution', 'all', '--model', 'markov', '--order', '2', '--json', '-w', c.workspace], c.dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { model: string; order: number; channels: { channel: string; conversions: number; share: number; value: number; removal_effect: number }[] };
    assert.deepEqual([j.model, j.order], ['markov', 2]);
    const shares = j.channels.reduce((s, x) => s + x.share, 0);
    assert.ok(shares > 0.9 && shares <= 1 + 1e-9, String(shares));
    assert.ok(j.channels.every((x) => x.removal_effect >= 0 && x.removal_effect <= 1));
    const all = JSON.parse(cli(['attribution', persona, '--json', '-w', c.workspace], c.dir).stdout) as { channels: { conversions: Record<string, number> }[] };
    assert.deepEqual(Object.keys(all.channels[0]?.conversions ?? {}).sort(), ['first', 'last', 'linear', 'markov', 'position', 'time_decay']);
  });

  test('scenario --json and --ics: steps per stage, a plan with 80% curated content, a calendar file', () => {
    const r = cli(['scenario', persona, '--json', '-w', c.workspace], c.dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { curated_share: number; steps: { stage: string; send: unknown[] }[]; plan: { source: string }[] };
    assert.equal(s.curated_share, 0.8);
    assert.deepEqual(s.steps.map((x) => x.stage), ['awareness', 'consideration', 'decision', 'retention']);
    const own = s.plan.filter((p) => p.source === 'own').length;
    assert.equal(own, Math.floor(s.plan.length * 0.2 + 1e-9));
    const file = join(c.dir, 'plan.ics');
    const w = cli(['scenario', persona, '--ics', file, '-w', c.workspace], c.dir);
    assert.equal(w.code, 0, w.stderr);
    const ics = readFileSync(file, 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.endsWith('END:VCALENDAR\r\n'));
    assert.equal(ics.split('BEGIN:VEVENT').length - 1, s.plan.length);
  });

  test('errors: unknown persona lists the known ones (1), bad option (2), no build yet says run build (1)', () => {
    const unknown = cli(['journey', 'nobody', '-w', c.workspace], c.dir);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no persona "nobody" \(known: all, p1/);
    const bad = cli(['attribution', 'all', '--model', 'shapley', '-w', c.workspace], c.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--model must be one of/);
    const badTop = cli(['paths', 'all', '--top', '0', '-w', c.workspace], c.dir);
    assert.equal(badTop.code, 2);
    const empty = mkdtempSync(join(tmpdir(), 'archetype-empty-'));
    try {
      initWorkspace(join(empty, 'ws'), { name: 'empty', engine: 'duckdb' });
      const none = cli(['journey', 'all', '-w', join(empty, 'ws')], empty);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /run `archetype build`/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
