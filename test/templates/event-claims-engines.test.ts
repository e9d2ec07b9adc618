// Hand-made personas on every engine (ENGINES=duckdb,clickhouse): the same files give the same verdicts and numbers (first touches, stages, time to decision, columns, themes), evidence search, coverage and review.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import { parseClaim, saveHandPersona, type HandPersona } from '../../src/repository/templates/handmade-store.js';
import { editHandClaim, handCard, reviewHandPersona, searchEvidence } from '../../src/repository/templates/hand-edit.js';
import { validatePersona, type ClaimResult } from '../../src/repository/templates/validate-claims.js';
import { enginesUnderTest, startClickHouse, type ClickHouseServer } from '../engines/clickhouse-server.js';

const ENGINES = enginesUnderTest();
const root = mkdtempSync(join(tmpdir(), 'archetype-claims-engines-'));
const CLAIMS = [
  'first_touch_channel = paid_social', 'first_touch_channel in [organic_search, display]', 'first_touch_content = webinar',
  'stage_reached = decision', 'days_to_decision < 7', 'days_to_decision > 30', 'channel = direct', 'theme contains price',
];
const persona = (segment?: string): HandPersona => ({
  id: 'h1', name: 'Engines', template: 'basic', ...(segment !== undefined ? { segment } : {}),
  fields: { channels: CLAIMS.map((text) => ({ text, evidence: [], check: parseClaim(text) })) },
});

describe('claim validation on every engine', () => {
  let exports = '';
  let server: ClickHouseServer | null = null;
  let skipClickHouse: string | false = false;
  const results = new Map<string, ClaimResult[]>();

  before(async () => {
    exports = join(root, 'exports');
    await generateDemo({ dir: exports, customers: 600, seed: 11 });
    if (ENGINES.includes('clickhouse')) {
      const s = await startClickHouse();
      if ('skip' in s) skipClickHouse = s.skip;
      else server = s;
    }
  });
  after(async () => server?.stop());

  for (const engine of ENGINES) {
    test(`validates on ${engine}`, { timeout: 600_000 }, async (t) => {
      if (engine === 'clickhouse' && skipClickHouse) return t.skip(skipClickHouse);
      const dir = join(root, engine);
      initWorkspace(dir, { engine: engine === 'duckdb' ? 'duckdb' : `${server?.url.replace('http://', 'clickhouse://')}/claims_${process.pid}_${Date.now()}` });
      const ws = await openWorkspace(dir);
      try {
        await ingestFiles(ws.engine, readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f)), { config: ws.config });
        await buildVersion(ws.engine, { config: ws.config, seed: 42, k: 4 });
        const r = [...(await validatePersona(ws.engine, persona(), 10)), ...(await validatePersona(ws.engine, persona('p1'), 10))];
        assert.ok(r.filter((x) => x.check?.field !== 'theme').every((x) => x.verdict !== 'untested'), JSON.stringify(r.filter((x) => x.verdict === 'untested')));
        // the store, review (with its audit entry) and evidence search on this engine too
        const quotes = await searchEvidence(ws.engine, { source: 'interview', q: 'the', limit: 5 });
        assert.ok(quotes.length > 0 && quotes.every((q) => q.source === 'interview' && /the/i.test(q.quote)));
        await saveHandPersona(ws.engine, persona('p1'), '2025-07-01T00:00:00Z');
        await editHandClaim(ws.engine, 'h1', { field: 'channels', item: 1, evidence: [`interview:${quotes[0]?.feedback_id}`] }, { clock: () => new Date('2025-07-01T00:00:01Z'), by: 'ana' });
        const submitted = await reviewHandPersona(ws.engine, 'h1', 'submit', 10, () => new Date('2025-07-01T00:00:02Z'), 'ana');
        assert.deepEqual([submitted.revision, submitted.status], [3, 'in_review']);
        const card = await handCard(ws.engine, submitted, 10);
        results.set(engine, [...r, { ...r[0], text: JSON.stringify({ coverage: card.coverage, contradicted: card.contradicted, quotes: quotes.map((q) => q.feedback_id) }) } as ClaimResult]);
      } finally {
        await ws.engine.close();
      }
    });
  }

  test('the engines agree', (t) => {
    const [a, b] = [...results.values()];
    if (!a || !b) return t.skip('one engine ran');
    assert.equal(a.length, b.length);
    a.forEach((x, i) => {
      const y = b[i] as ClaimResult;
      assert.deepEqual([x.text, x.verdict, x.segment_n, x.basis], [y.text, y.verdict, y.segment_n, y.basis], x.text);
      for (const k of ['share_segment', 'share_all', 'lift'] as const) {
        const [u, v] = [x[k], y[k]];
        assert.ok(u === v || (u !== null && v !== null && Math.abs(u - v) <= 1e-9 * Math.max(1, Math.abs(u))), `${x.text} ${k}: ${u} vs ${v}`);
      }
    });
  });
});
