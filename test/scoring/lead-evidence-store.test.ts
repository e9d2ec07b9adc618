// Lead evidence kept in the workspace: the byte form round-trips, the build keeps it, scoring reads it while the events
// stay the same, brings it up to date after an ingest (only the leads with new events), counts it again when rules change
// or events went missing, an erasure drops it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blankEvidence, EvidenceStore } from '../../src/analysis/scoring/evidence-store.js';
import { allLeadEvidence } from '../../src/analysis/scoring/lead-events.js';
import type { EventEvidence } from '../../src/analysis/scoring/score-lead.js';
import { GAPS } from '../../src/analysis/scoring/fit-timing.js';
import { effectiveRules } from '../../src/analysis/journeys/stage-rules.js';
import { rulesForStoredEvents } from '../../src/analysis/journeys/stored-stage-rules.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { openScorer, scoreFileToCsv } from '../../src/repository/lead-scoring.js';
import { eventsState, keptEvidenceMeta, leadEvidenceFor, leadEvidenceKey, loadLeadEvidence, type EvidenceMeta, type EvidenceSource } from '../../src/repository/lead-evidence-store.js';
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

  test('merged: the updates in place of the base\'s leads, every other lead as it was', () => {
    const base = randomStore(2000);
    const updates = new EvidenceStore();
    const changed = { furthest: 4, size: 2, cells: [1, 9], counts: [3, 1], gaps: GAPS.map((_, g) => g + 0.5) };
    updates.add('l5', changed);
    updates.add('new-one', { furthest: 0, size: 0, cells: [], counts: [], gaps: GAPS.map(() => NaN) });
    const m = EvidenceStore.merged(base, updates);
    assert.equal(m.size, 2001);
    const [x, y] = [blankEvidence(), blankEvidence()];
    for (let i = 0; i < 2000; i++) {
      assert.ok(m.fill(`l${i}`, x));
      if (i === 5) assert.deepEqual(plain(x), plain(changed));
      else {
        base.fill(`l${i}`, y);
        assert.deepEqual(plain(x), plain(y), `l${i}`);
      }
    }
    assert.ok(m.fill('new-one', x));
    assert.equal(x.size, 0);
    assert.ok(EvidenceStore.fromBytes(m.toBytes())?.fill('l5', y));
    assert.deepEqual(plain(y), plain(changed));
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

  const rulesNow = () => effectiveRules(ws.config.journeys.stage_rules);
  const keyNow = async (): Promise<string> => leadEvidenceKey((await openScorer(ws.engine, ws.config)).compiled, rulesNow());
  const metaNow = async (): Promise<EvidenceMeta> => ({ key: await keyNow(), ...(await eventsState(ws.engine)) });
  const evidenceNow = async (rules = rulesNow()): Promise<{ store: EvidenceStore; source: EvidenceSource | null }> => {
    let source: EvidenceSource | null = null;
    const store = await leadEvidenceFor(ws.engine, (await openScorer(ws.engine, ws.config)).compiled, rules, { onSource: (s) => (source = s) });
    return { store, source };
  };
  const ingestEvents = async (name: string, rows: string[]): Promise<void> => {
    const file = join(co.exports, '..', name);
    writeFileSync(file, `event_id,customer_id,anonymous_id,session_id,occurred_at,event,channel,stage,content_type,url\n${rows.join('\n')}\n`);
    await ingestFiles(ws.engine, [file], { config: ws.config });
  };

  test('the build keeps every lead\'s evidence with what it was counted from; it equals a count made now', async () => {
    assert.deepEqual(await keptEvidenceMeta(ws.engine), await metaNow());
    const kept = await loadLeadEvidence(ws.engine);
    assert.ok(kept);
    const n = await assertSame(kept, await fresh());
    assert.ok(n >= 300, `${n} leads with events`);
    assert.equal((await evidenceNow()).source, 'kept');
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
    // on two threads, the worker reading the kept store in shared memory
    const store2 = await loadLeadEvidence(ws.engine);
    assert.ok(store2);
    const two: Buffer[] = [];
    const parallel = await scoreFileInParallel(s.compiled, co.leadsFile, { threshold: s.threshold, mapping: {}, store: store2, sink: (b) => void two.push(Buffer.from(b)), minBytes: 0 });
    assert.ok(parallel);
    assert.equal(Buffer.concat(two).toString(), Buffer.concat(now).toString());
  });

  test('after an ingest, only the leads with new events are counted again; the kept set is brought up to date', async () => {
    const lead = (await leadIds())[0] as string;
    const old = blankEvidence();
    assert.ok((await evidenceNow()).store.fill(lead, old));
    await ingestEvents('more-events.csv', [
      ...Array.from({ length: 3 }, (_, i) => `extra-${i},,${lead},extra-session-${i},2031-01-0${i + 1}T10:00:00Z,review_posted,email,advocacy,review,/reviews/extra`),
      'extra-new-1,,brand-new-lead,s-new,2031-01-05T10:00:00Z,pricing_view,email,consideration,article,/pricing',
    ]);
    const { store, source } = await evidenceNow();
    assert.equal(source, 'updated');
    const now = blankEvidence();
    assert.ok(store.fill(lead, now));
    assert.equal(now.furthest, 4, 'the advocacy events count');
    assert.notDeepEqual(plain(now), plain(old));
    assert.ok(store.fill('brand-new-lead', now));
    assert.equal(now.furthest, 1);
    await assertSame(store, await fresh());
    assert.deepEqual(await keptEvidenceMeta(ws.engine), await metaNow());
    const kept = await loadLeadEvidence(ws.engine);
    assert.ok(kept);
    await assertSame(kept, store);
    assert.equal((await evidenceNow()).source, 'kept');
    // an ingest without events: the kept set stands, under the new ingest
    const customers = join(co.exports, '..', 'one-customer.csv');
    writeFileSync(customers, 'customer_id,country\nextra-customer-1,DE\n');
    await ingestFiles(ws.engine, [customers], { config: ws.config });
    assert.equal((await evidenceNow()).source, 'updated');
    assert.deepEqual(await keptEvidenceMeta(ws.engine), await metaNow());
    assert.equal((await evidenceNow()).source, 'kept');
  });

  test('a large file scored on two threads keeps the brought-up-to-date evidence while it scores, and waits for it', async () => {
    await ingestEvents('big-file-events.csv', ['big-1,,big-file-lead,sb1,2031-03-01T10:00:00Z,pricing_view,email,consideration,article,/pricing']);
    // over 8 MB of leads (the file's lines repeated): the two-thread path
    const lines = readFileSync(co.leadsFile, 'utf8').trim().split('\n');
    const body = lines.slice(1);
    const big = join(co.exports, '..', 'big-leads.csv');
    const rows: string[] = [];
    for (let bytes = 0; bytes < 9 << 20; )
      for (const l of body) {
        rows.push(l);
        bytes += l.length + 1;
      }
    writeFileSync(big, `${lines[0]}\n${rows.join('\n')}\n`);
    const s = await openScorer(ws.engine, ws.config);
    const out: Buffer[] = [];
    const sum = await scoreFileToCsv(ws.engine, s, big, (b) => void out.push(Buffer.from(b)));
    assert.equal(sum.scored, rows.length);
    assert.equal(s.evidence_source, 'updated');
    assert.deepEqual(await keptEvidenceMeta(ws.engine), await metaNow(), 'kept before the call returned');
    const kept = await loadLeadEvidence(ws.engine);
    assert.ok(kept);
    await assertSame(kept, await fresh());
    assert.equal((await evidenceNow()).source, 'kept');
  });

  test('events removed behind its back, or other rules: the evidence is counted again from all events', async () => {
    await ws.engine.exec(`DELETE FROM events WHERE event_id = 'extra-0'`);
    await ingestEvents('even-more.csv', ['extra-9,,another-lead,s9,2031-02-01T10:00:00Z,pricing_view,email,consideration,article,/pricing']);
    const after = await evidenceNow();
    assert.equal(after.source, 'counted', 'the kept count plus the new rows is not the events: counted from all');
    await assertSame(after.store, await fresh());
    const other = [{ stage: 'decision' as const, event: 'never-seen-*' }, ...rulesNow()];
    assert.equal((await evidenceNow(other)).source, 'counted');
    assert.equal((await evidenceNow(other)).source, 'kept');
    assert.equal((await evidenceNow()).source, 'counted');
  });

  test('a table of the earlier layout (one key column) counts as nothing kept and is made again', async () => {
    await ws.engine.exec('DROP TABLE _lead_evidence');
    await ws.engine.exec(`CREATE TABLE _lead_evidence (evidence_key VARCHAR, part INTEGER, bytes VARCHAR)`);
    await ws.engine.exec(`INSERT INTO _lead_evidence VALUES ('old', 0, 'AAAA')`);
    assert.equal(await keptEvidenceMeta(ws.engine), null);
    assert.equal(await loadLeadEvidence(ws.engine), null);
    const { store, source } = await evidenceNow();
    assert.equal(source, 'counted');
    assert.deepEqual(await keptEvidenceMeta(ws.engine), await metaNow());
    await assertSame(store, await fresh());
  });

  test('an erasure drops the kept evidence', async () => {
    const id = (await ws.engine.all<{ id: string }>(`SELECT customer_id AS id FROM customers ORDER BY customer_id LIMIT 1`))[0]?.id as string;
    await forgetCustomer(ws.engine, id, { clock: () => new Date('2031-02-01T00:00:00Z'), actor: 'test' });
    assert.equal(await keptEvidenceMeta(ws.engine), null);
    assert.equal(await loadLeadEvidence(ws.engine), null);
    assert.equal((await evidenceNow()).source, 'counted');
  });
});
