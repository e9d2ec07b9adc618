// One suite on every engine (ENGINES=duckdb,clickhouse): the same company's files ingested and built give the same quarantine,
// persona set (same assignment of every customer), funnels and attribution — counts equal, floats within 1e-9 relative.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles, type IngestReport } from '../../src/ingest/ingest.js';
import { listQuarantine } from '../../src/ingest/status.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { loadJourneys } from '../../src/repository/version-store.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import type { JourneySet } from '../../src/analysis/journeys/journey-types.js';
import { enginesUnderTest, startClickHouse, type ClickHouseServer } from './clickhouse-server.js';
import { assertClose, DIRTY_FILES } from './parity-fixture.js';
import { buyingCriteria } from '../../src/analysis/personas/buying-criteria.js';
import { triggers } from '../../src/analysis/personas/triggers.js';
import { informationSources } from '../../src/analysis/personas/information-sources.js';
import { effectiveRules } from '../../src/analysis/journeys/stage-rules.js';
import { gapsSql } from '../../src/analysis/scoring/fit-timing.js';
import { openScorer, scoreRecords } from '../../src/repository/lead-scoring.js';
import { clearLeadEvidence, eventsState, keptEvidenceMeta, leadEvidenceFor, leadEvidenceKey, loadLeadEvidence } from '../../src/repository/lead-evidence-store.js';

/** customer id → planted persona key (truth/customers.csv) */
function plantedTruth(exports: string): Map<string, string> {
  const lines = readFileSync(join(exports, 'truth', 'customers.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split(',') as [string, string]).map(([c, k]) => [c, k]));
}

interface Outcome {
  ingest: string[];
  quarantine: string[];
  personas: string[];
  assignments: Map<string, string | null>;
  journeys: JourneySet;
  /** buying criteria, triggers and information sources of every persona */
  decision: unknown;
  /** containsAny on texts full of regular-expression characters: [text index, parts index, matched] */
  containsAny: [number, number, boolean][];
  /** earliestIf against a plain conditional min over every customer's events: customers, NULLs (no decision event), differences */
  earliest: { n: number; nulls: number; differ: number };
  /** the pace between stages of every customer, as the scoring fit computes it: [customer, g0, g1] */
  gaps: [string, number | null, number | null][];
  /** every lead scored with its workspace events: in one batch (every lead's evidence in one pass) and a few by id */
  leads: { batch: unknown[]; few: unknown[]; withEvents: number; kept: boolean; recounted: unknown[]; source: string; updated: unknown[]; updatedRecounted: unknown[] };
}

const ANY_TEXTS = ['a+b (c) [d]', 'price? {1,2}', 'x.y|z', 'back\\slash ^$', "it's *", 'plain words'];
const ANY_PARTS = [['+b (', 'zzz'], ['?', '{1,2}'], ['.y|'], ['\\s', '^$'], ["'s *"], ['.'], ['words', 'nothing'], ['[d]']];

const ENGINES = enginesUnderTest();
const root = mkdtempSync(join(tmpdir(), 'archetype-parity-'));
let server: ClickHouseServer | null = null;
let skipClickHouse: string | false = false;
const outcomes = new Map<string, Outcome>();

function specFor(engine: string): string {
  if (engine === 'duckdb') return 'duckdb';
  return `${server?.url.replace('http://', 'clickhouse://')}/parity_${process.pid}_${Date.now()}`;
}

async function run(engine: string, exports: string, truth: ReadonlyMap<string, string>): Promise<Outcome> {
  const dir = join(root, engine);
  initWorkspace(dir, { engine: specFor(engine) });
  const ws = await openWorkspace(dir);
  try {
    const dirty = join(root, `dirty-${engine}`);
    const files = Object.entries(DIRTY_FILES).map(([name, content]) => {
      const p = join(dirty, name);
      writeFileSync(p, content);
      return p;
    });
    const demo = readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f));
    const reports: IngestReport[] = [await ingestFiles(ws.engine, demo, { config: ws.config }), await ingestFiles(ws.engine, files, { config: ws.config })];
    const ingest = reports.flatMap((r) => r.files.map((f) => `${f.file.split('/').pop()}:${f.entity}:${f.rows}/${f.ingested}/${f.quarantined}/${f.duplicates}`));
    const quarantine = (await listQuarantine(ws.engine, { limit: 100_000 })).rows.map((r) => `${r.file.split('/').pop()}:${r.line}:${r.code}:${r.column ?? ''}`);
    const built = await buildVersion(ws.engine, { config: ws.config, seed: 42 });
    const personas = built.personas.map((p) => `${p.id}|${p.kind}|${p.name}|${p.size}|${p.negative}`);
    const rows = await ws.engine.all<{ customer_id: string; persona_id: string | null }>(
      `SELECT customer_id, persona_id FROM _assignments WHERE version = $v`,
      { v: built.version },
    );
    const journeys = await loadJourneys(ws.engine, built.version);
    assert.ok(journeys, 'the build stored journey maps');
    // the same SQL on the same assignment (the planted personas), so one customer placed differently cannot hide a difference
    const d = ws.engine.dialect;
    await ws.engine.exec(d.createTable('_parity_seg', [`customer_id ${d.types.text}`, `segment ${d.types.int}`]));
    const keys = [...new Set(truth.values())].sort();
    await ws.engine.insertRows('_parity_seg', ['customer_id', 'segment'], [...truth].map(([c, k]) => [c, keys.indexOf(k)]));
    const rules = effectiveRules(ws.config.journeys.stage_rules);
    const fields = [await buyingCriteria(ws.engine, '_parity_seg', { seed: 42 }), await triggers(ws.engine, '_parity_seg', { rules }), await informationSources(ws.engine, '_parity_seg', rules)];
    const decision = keys.map((_, i) => fields.map((m) => m.get(i) ?? null));
    const any = ANY_TEXTS.flatMap((t, i) => ANY_PARTS.map((p, j) => `SELECT ${i} AS ti, ${j} AS pj, CASE WHEN ${d.containsAny(d.literal(t), p)} THEN 1 ELSE 0 END AS hit`));
    const hits = await ws.engine.all<{ ti: number; pj: number; hit: number }>(`SELECT ti, pj, hit FROM (${any.join(' UNION ALL ')}) x ORDER BY ti, pj`);
    const containsAny = hits.map((h): [number, number, boolean] => [Number(h.ti), Number(h.pj), Number(h.hit) === 1]);
    const decides = `stage = ${d.literal('decision')}`;
    const early = (
      await ws.engine.all<{ n: number; nulls: number; differ: number }>(
        `SELECT count(*) AS n, count(CASE WHEN a IS NULL THEN 1 END) AS nulls,
                count(CASE WHEN (CASE WHEN a IS NULL THEN b IS NOT NULL WHEN b IS NULL THEN ${d.bool(true)} ELSE a <> b END) THEN 1 END) AS differ
           FROM (SELECT customer_id, ${d.earliestIf('occurred_at', decides)} AS a, min(CASE WHEN ${decides} THEN occurred_at END) AS b
                   FROM events WHERE customer_id IS NOT NULL GROUP BY customer_id) x`,
      )
    )[0];
    const earliest = { n: Number(early?.n), nulls: Number(early?.nulls), differ: Number(early?.differ) };
    const g = gapsSql(ws.engine, rules, 'customer_id', 'e.customer_id IS NOT NULL');
    const gapRows = await ws.engine.all<{ id: string; g0: number | null; g1: number | null }>(`SELECT id, g0, g1 FROM (${g.sql}) g ORDER BY id`, g.params);
    const num = (x: number | null): number | null => (x === null ? null : Number(x));
    const gaps = gapRows.map((r): [string, number | null, number | null] => [String(r.id), num(r.g0), num(r.g1)]);
    const scorer = await openScorer(ws.engine, ws.config);
    const leadIds = (await ws.engine.all<{ id: string }>(`SELECT lead_id AS id FROM leads ORDER BY lead_id`)).map((r) => String(r.id));
    const batch = await scoreRecords(ws.engine, scorer, [...leadIds, 'x-batch'].map((id) => ({ lead_id: id }))); // over 200 ids: one pass over all events
    const few = await scoreRecords(ws.engine, scorer, leadIds.slice(0, 12).map((id) => ({ lead_id: id }))); // the events of these ids only
    // the batch read the evidence the build kept; counted again from the events, the same scores
    const meta = await keptEvidenceMeta(ws.engine);
    const state = await eventsState(ws.engine);
    const kept = meta?.key === leadEvidenceKey(scorer.compiled, effectiveRules(ws.config.journeys.stage_rules)) && meta.events === state.events && meta.ingest === state.ingest &&
      (await loadLeadEvidence(ws.engine)) !== null;
    await clearLeadEvidence(ws.engine);
    const recounted = await scoreRecords(ws.engine, scorer, [...leadIds, 'x-batch'].map((id) => ({ lead_id: id })));
    // new events of two leads: the kept set brought up to date (only their evidence counted again)
    const more = join(dirty, 'more-events.csv');
    writeFileSync(more, `event_id,customer_id,anonymous_id,session_id,occurred_at,event,channel,stage,content_type,url
parity-x1,,${leadIds[0]},ps1,2031-01-01T10:00:00Z,review_posted,email,advocacy,review,/r
parity-x2,,${leadIds[1]},ps2,2031-01-02T10:00:00Z,pricing_view,paid_search,consideration,article,/pricing
`);
    await ingestFiles(ws.engine, [more], { config: ws.config });
    let source = '';
    await leadEvidenceFor(ws.engine, scorer.compiled, rules, { onSource: (x) => (source = x) });
    const updated = await scoreRecords(ws.engine, scorer, [...leadIds, 'x-batch'].map((id) => ({ lead_id: id })));
    await clearLeadEvidence(ws.engine);
    const updatedRecounted = await scoreRecords(ws.engine, scorer, [...leadIds, 'x-batch'].map((id) => ({ lead_id: id })));
    const leads = {
      batch: batch.scores, few: few.scores, withEvents: batch.summary.with_events, kept, recounted: recounted.scores,
      source, updated: updated.scores, updatedRecounted: updatedRecounted.scores,
    };
    return { ingest, quarantine, personas, assignments: new Map(rows.map((r) => [r.customer_id, r.persona_id])), journeys, decision, containsAny, earliest, gaps, leads };
  } finally {
    await ws.engine.close();
  }
}

describe('engine parity', () => {
  let exports = '';
  before(async () => {
    exports = join(root, 'exports');
    await generateDemo({ dir: exports, customers: 1500, seed: 11, variant: 'b2c' });
    for (const engine of ENGINES) mkdirSync(join(root, `dirty-${engine}`), { recursive: true });
    if (ENGINES.includes('clickhouse')) {
      const s = await startClickHouse();
      if ('skip' in s) {
        skipClickHouse = `ClickHouse server could not start: ${s.skip}`;
        console.log(`# ${skipClickHouse}`);
      } else server = s;
    }
  });
  after(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  for (const engine of ENGINES) {
    test(`ingest and build on ${engine}`, { timeout: 600_000 }, async (t) => {
      if (engine === 'clickhouse' && skipClickHouse) return t.skip(skipClickHouse);
      outcomes.set(engine, await run(engine, exports, plantedTruth(exports)));
    });
    test(`${engine}: containsAny matches its parts literally`, (t) => {
      const o = outcomes.get(engine);
      if (!o) return t.skip(`${engine} did not run`);
      const expected = ANY_TEXTS.flatMap((text, i) => ANY_PARTS.map((p, j): [number, number, boolean] => [i, j, p.some((x) => text.includes(x))]));
      assert.deepEqual(o.containsAny, expected);
      assert.ok(expected.filter((e) => e[2]).length >= 8 && expected.filter((e) => !e[2]).length >= 8);
    });
    test(`${engine}: earliestIf = the plain conditional min, NULL where no row matches`, (t) => {
      const o = outcomes.get(engine);
      if (!o) return t.skip(`${engine} did not run`);
      assert.equal(o.earliest.differ, 0);
      assert.ok(o.earliest.n > 500 && o.earliest.nulls > 0 && o.earliest.nulls < o.earliest.n, JSON.stringify(o.earliest));
    });
  }

  const pairs = ENGINES.slice(1).map((e) => [ENGINES[0] as string, e] as const);
  for (const [a, b] of pairs) {
    const both = (t: { skip: (m: string) => void }): [Outcome, Outcome] | null => {
      const x = outcomes.get(a);
      const y = outcomes.get(b);
      if (!x || !y) {
        t.skip(`${!x ? a : b} did not run${skipClickHouse ? ` (${skipClickHouse})` : ''}`);
        return null;
      }
      return [x, y];
    };
    test(`${a} = ${b}: rows per file, quarantine codes and lines`, (t) => {
      const r = both(t);
      if (!r) return;
      assert.deepEqual(r[1].ingest, r[0].ingest);
      assert.deepEqual(r[1].quarantine, r[0].quarantine);
    });
    test(`${a} = ${b}: persona set and every customer's persona`, (t) => {
      const r = both(t);
      if (!r) return;
      assert.deepEqual(r[1].personas, r[0].personas);
      assert.equal(r[1].assignments.size, r[0].assignments.size);
      const differ = [...r[0].assignments].filter(([id, p]) => r[1].assignments.get(id) !== p);
      assert.deepEqual(differ.slice(0, 5), [], `${differ.length} customers assigned differently`);
    });
    test(`${a} = ${b}: buying criteria, triggers and information sources (same assignment on both)`, (t) => {
      const r = both(t);
      if (!r) return;
      assertClose(r[1].decision, r[0].decision, 'decision fields');
    });
    test(`${a} = ${b}: the pace between stages of every customer (the scoring fit's gaps)`, (t) => {
      const r = both(t);
      if (!r) return;
      assert.ok(r[0].gaps.length > 100, `${r[0].gaps.length} customers with a gap`);
      assertClose(r[1].gaps, r[0].gaps, 'gaps');
    });
    test(`${a} = ${b}: leads scored with their workspace events (in one batch and a few by id)`, (t) => {
      const r = both(t);
      if (!r) return;
      assert.ok(r[0].leads.withEvents > 100, `${r[0].leads.withEvents} leads with events`);
      assert.equal(r[1].leads.withEvents, r[0].leads.withEvents);
      assertClose(r[1].leads.batch, r[0].leads.batch, 'batch');
      assertClose(r[1].leads.few, r[0].leads.few, 'few');
      assertClose(r[1].leads.updated, r[0].leads.updated, 'updated');
      for (const x of r) {
        assert.ok(x.leads.kept, 'the build kept the leads\' evidence');
        assert.deepEqual(x.leads.recounted, x.leads.batch, 'evidence counted again gives the same scores');
        assert.equal(x.leads.source, 'updated', 'after an ingest of events the kept set is brought up to date');
        assert.deepEqual(x.leads.updated, x.leads.updatedRecounted, 'brought up to date = counted from all events');
        assert.notDeepEqual(x.leads.updated, x.leads.batch, 'the new events count');
      }
    });
    test(`${a} = ${b}: funnels, drop-off, paths, touchpoints, progression and attribution`, (t) => {
      const r = both(t);
      if (!r) return;
      const [x, y] = [r[0].journeys, r[1].journeys];
      assert.equal(y.as_of, x.as_of);
      assert.equal(y.unstaged_events, x.unstaged_events);
      assert.deepEqual(y.maps.map((m) => m.group), x.maps.map((m) => m.group));
      for (const [i, mx] of x.maps.entries()) {
        const my = y.maps[i];
        assert.ok(my);
        for (const key of ['customers', 'funnel', 'dropoff', 'touchpoints', 'progression', 'paths', 'loops', 'back_moves', 'attribution', 'sample'] as const)
          assertClose(my[key], mx[key], `${mx.group}.${key}`);
      }
    });
  }
});
