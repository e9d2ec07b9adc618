// Lead evidence kept in the workspace: the byte form round-trips, the build keeps it, scoring reads it while the events
// stay the same and counts it again (and keeps the new set) when they change, an erasure drops it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blankEvidence, EvidenceStore } from '../../src/analysis/scoring/evidence-store.js';
import { allLeadEvidence } from '../../src/analysis/scoring/lead-events.js';
import type { EventEvidence } from '../../src/analysis/scoring/score-lead.js';
import { GAPS } from '../../src/analysis/scoring/fit-timing.js';
import { effectiveRules } from '../../src/analysis/journeys/stage-rules.js';
import { rulesForStoredEvents } from '../../src/analysis/journeys/stored-stage-rules.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { openScorer, scoreFileToCsv } from '../../src/repository/lead-scoring.js';
import { eventsFingerprint, leadEvidenceFor, leadEvidenceKey, loadLeadEvidence } from '../../src/repository/lead-evidence-store.js';
import { forgetCustomer } from '../../src/repository/forget.js';
import { scoreLeadFile } from '../../src/analysis/scoring/score-leads.js';
import { scoreFileInParallel } from '../../src/analysis/scoring/parallel-score.js';
import { ScoredCsvWriter } from '../../src/analysis/scoring/scored-csv.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { scoringCompany, type ScoringCompany } from './helpers.js';

const plain = (e: EventEvidence): unknown => ({
  furthest: e.furthest,
  gaps: e.gaps.map((g) => (Number.isNaN(g) ? null : g)),
  cells: Array.from({ length: e.size }, (_, i) => [e.cells[i], e.counts[i]]),
});

/** A deterministic pseudo-random store of `n` leads (ids l0…), some without cells, some gaps missing. */
function randomStore(n: number): EvidenceStore {
  let x = 12345;
  const rnd = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const s = new EvidenceStore();
  for (let i = 0; i < n; i++) {
    const size = Math.floor(rnd() * 6);
    const e: EventEvidence = {
      furthest: Math.floor(rnd() * 6) - 1, size,
      cells: Array.from({ length: size }, (_, j) => j * 7 + Math.floor(rnd() * 7)),
      counts: Array.from({ length: size }, () => 1 + Math.floor(rnd() * 9)),
      gaps: GAPS.map(() => (rnd() < 0.4 ? NaN : rnd() * 500)),
    };
    s.add(`l${i}`, e);
  }
  return s;
}

describe('lead evidence as bytes', () => {
  test('round-trips every lead; a store changed after toBytes gives new bytes', () => {
    const s = randomStore(5000);
    const bytes = s.toBytes();
    assert.ok(bytes.buffer instanceof SharedArrayBuffer);
    const back = EvidenceStore.fromBytes(bytes);
    assert.ok(back);
    assert.equal(back.size, 5000);
    const [a, b] = [blankEvidence(), blankEvidence()];
    for (let i = 0; i < 5000; i++) {
      assert.equal(s.fill(`l${i}`, a), true);
      assert.equal(back.fill(`l${i}`, b), true);
      assert.deepEqual(plain(b), plain(a), `l${i}`);
    }
    assert.equal(back.fill('nobody', b), false);
    assert.equal(s.toBytes(), bytes, 'unchanged: the same bytes');
    s.add('one-more', { furthest: 2, size: 1, cells: [3], counts: [4], gaps: GAPS.map(() => NaN) });
    const again = EvidenceStore.fromBytes(s.toBytes());
    assert.ok(again?.fill('one-more', b));
    assert.deepEqual(plain(b), { furthest: 2, gaps: GAPS.map(() => null), cells: [[3, 4]] });
    // a store read from bytes still takes new leads
    back.add('later', { furthest: 1, size: 2, cells: [1, 2], counts: [5, 6], gaps: GAPS.map(() => 1) });
    assert.ok(back.fill('later', b));
    assert.ok(back.fill('l17', b));
  });

  test('refuses bytes cut short, shifted or of another format', () => {
    const bytes = randomStore(300).toBytes();
    assert.equal(EvidenceStore.fromBytes(bytes.subarray(0, bytes.byteLength - 1)), null);
    const copy = new Uint8Array(bytes.byteLength + 8);
    copy.set(bytes, 4);
    assert.equal(EvidenceStore.fromBytes(copy.subarray(4, 4 + bytes.byteLength)), null, 'misaligned');
    const other = new Uint8Array(bytes);
    other[0] = 0;
    assert.equal(EvidenceStore.fromBytes(other), null);
    assert.equal(EvidenceStore.fromBytes(new Uint8Array(8)), null);
    assert.equal(EvidenceStore.fromBytes(new EvidenceStore().toBytes())?.size, 0);
  });
});

describe('lead evidence kept in the workspace', { timeout: 600_000 }, () => {
  let co: ScoringCompany;
  let ws: Workspace;
  before(async () => {
    co = await scoringCompany({ customers: 1200, leads: 500, seed: 11 });
    ws = await co.open();
  });
  after(async () => {
    await ws?.engine.close();
    co?.close();
  });

  const leadIds = async (): Promise<string[]> =>
    (await ws.engine.all<{ id: string }>(`SELECT DISTINCT anonymous_id AS id FROM events WHERE anonymous_id IS NOT NULL ORDER BY id`)).map((r) => r.id);

  /** every lead's evidence from `a` equals `b`'s */
  const assertSame = async (a: EvidenceStore, b: EvidenceStore): Promise<number> => {
    const ids = await leadIds();
    assert.equal(a.size, b.size);
    const [x, y] = [blankEvidence(), blankEvidence()];
    for (const id of ids) {
      assert.equal(a.fill(id, x), b.fill(id, y), id);
      assert.deepEqual(plain(x), plain(y), id);
    }
    return ids.length;
  };

  const fresh = async (): Promise<EvidenceStore> => {
    const s = await openScorer(ws.engine, ws.config);
    return allLeadEvidence(ws.engine, s.compiled, await rulesForStoredEvents(ws.engine, effectiveRules(ws.config.journeys.stage_rules)));
  };

  const keyNow = async (): Promise<string> => {
    const s = await openScorer(ws.engine, ws.config);
    return leadEvidenceKey(s.compiled, effectiveRules(ws.config.journeys.stage_rules), await eventsFingerprint(ws.engine));
  };

  const keys = async (): Promise<string[]> => (await ws.engine.all<{ k: string }>(`SELECT DISTINCT evidence_key AS k FROM _lead_evidence`)).map((r) => r.k);

  test('the build keeps every lead\'s evidence under the key of its model, rules and events; it equals a count made now', async () => {
    const key = await keyNow();
    assert.deepEqual(await keys(), [key]);
    const kept = await loadLeadEvidence(ws.engine, key);
    assert.ok(kept);
    const n = await assertSame(kept, await fresh());
    assert.ok(n >= 300, `${n} leads with events`);
    assert.equal(await loadLeadEvidence(ws.engine, 'another key'), null);
  });

  test('a batch run scores with the kept evidence exactly as with evidence counted now', async () => {
    const s = await openScorer(ws.engine, ws.config);
    const kept: Buffer[] = [];
    const sum = await scoreFileToCsv(ws.engine, s, co.leadsFile, (b) => void kept.push(Buffer.from(b)));
    const store = await fresh();
    const into = blankEvidence();
    const now: Buffer[] = [];
    const csv = new ScoredCsvWriter((b) => void now.push(Buffer.from(b)));
    const single = await scoreLeadFile(s.compiled, co.leadsFile, ws.engine, { threshold: s.threshold, evidence: (id) => (store.fill(id, into) ? into : null), onBatch: (b) => csv.write(b) });
    await csv.flush();
    assert.equal(Buffer.concat(kept).toString(), Buffer.concat(now).toString());
    assert.equal(sum.with_events, single.with_events);
    assert.ok(sum.with_events > 0);
    // on two threads, the worker reading the kept bytes in shared memory
    const store2 = await loadLeadEvidence(ws.engine, await keyNow());
    assert.ok(store2);
    const two: Buffer[] = [];
    const parallel = await scoreFileInParallel(s.compiled, co.leadsFile, { threshold: s.threshold, mapping: {}, store: store2, sink: (b) => void two.push(Buffer.from(b)), minBytes: 0 });
    assert.ok(parallel);
    assert.equal(Buffer.concat(two).toString(), Buffer.concat(now).toString());
  });

  test('new events change the key: the evidence is counted again, shows them, and replaces the kept set', async () => {
    const before = await keyNow();
    const lead = (await leadIds())[0] as string;
    const s = await openScorer(ws.engine, ws.config);
    const old = blankEvidence();
    assert.ok((await leadEvidenceFor(ws.engine, s.compiled, effectiveRules(ws.config.journeys.stage_rules))).fill(lead, old));
    const file = join(co.exports, '..', 'more-events.csv');
    const rows = Array.from({ length: 3 }, (_, i) => `extra-${i},,${lead},extra-session-${i},2031-01-0${i + 1}T10:00:00Z,review_posted,email,advocacy,review,/reviews/extra`);
    writeFileSync(file, `event_id,customer_id,anonymous_id,session_id,occurred_at,event,channel,stage,content_type,url\n${rows.join('\n')}\n`);
    await ingestFiles(ws.engine, [file], { config: ws.config });
    const after = await keyNow();
    assert.notEqual(after, before);
    const counted = await leadEvidenceFor(ws.engine, s.compiled, effectiveRules(ws.config.journeys.stage_rules));
    const now = blankEvidence();
    assert.ok(counted.fill(lead, now));
    assert.equal(now.furthest, 4, 'the advocacy events count');
    assert.notDeepEqual(plain(now), plain(old));
    await assertSame(counted, await fresh());
    assert.deepEqual(await keys(), [after]);
    const kept = await loadLeadEvidence(ws.engine, after);
    assert.ok(kept);
    await assertSame(kept, counted);
  });

  test('an erasure drops the kept evidence', async () => {
    const id = (await ws.engine.all<{ id: string }>(`SELECT customer_id AS id FROM customers ORDER BY customer_id LIMIT 1`))[0]?.id as string;
    await forgetCustomer(ws.engine, id, { clock: () => new Date('2031-02-01T00:00:00Z'), actor: 'test' });
    assert.deepEqual(await keys(), []);
  });
});
