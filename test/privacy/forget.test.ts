// `archetype forget` and `archetype subject-export` through the real CLI on a built demo workspace (real DuckDB file).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { builtDemo, cli, cliJson } from '../repository/helpers.js';

const MARKER = 'Qwertyuiop zxcvbnm asdfghjkl';
const NOW = { ARCHETYPE_NOW: '2025-07-01T12:00:00Z', ARCHETYPE_USER: 'dpo' };

interface Export {
  customer_id: string;
  entities: Record<string, Record<string, unknown>[]>;
  derived: Record<string, Record<string, unknown>[]>;
  quarantine: { raw: string; code: string }[];
  assignments: { version: number; persona_id: string | null; persona_name: string | null }[];
  quotes: { document: string; version: number; text: string; feedback_id: string }[];
}

interface Forgot {
  erased: boolean;
  rows: Record<string, number>;
  quotes: number;
  versions: number[];
  erased_at: string | null;
  audit_id: number | null;
}

describe('forget and subject-export', () => {
  let dir: string;
  let subject: string;
  let neighbour: string;
  let quoted: { feedback_id: string; text: string };
  before(async () => {
    const demo = await builtDemo({ customers: 600, k: 4 });
    const e = demo.ws.engine;
    // a customer whose feedback is quoted in the stored personas or journeys, with orders and events
    const v = (await e.all<{ personas: string; journeys: string }>(`SELECT personas, journeys FROM _versions WHERE version = 1`))[0];
    const ids = [...`${v?.personas}${v?.journeys}`.matchAll(/"feedback_id":"([^"]+)"/g)].map((m) => m[1] as string);
    const fb = await e.all<{ feedback_id: string; customer_id: string; text: string }>(
      `SELECT feedback_id, customer_id, text FROM feedback WHERE feedback_id IN (${ids.map((i) => `'${i}'`).join(', ')}) AND customer_id IN (SELECT customer_id FROM orders) ORDER BY feedback_id`,
    );
    const pick = fb[0];
    assert.ok(pick, 'a quoted customer with orders');
    subject = pick.customer_id;
    quoted = { feedback_id: pick.feedback_id, text: pick.text };
    neighbour = `${subject}99999`;
    await e.close();
    // quarantine entries: one naming the subject (a bad amount), one naming an unknown customer whose id starts with theirs
    const bad = join(demo.dir, 'orders-late.csv');
    writeFileSync(bad, `order_id,customer_id,ordered_at,amount\nzz-1,${subject},2024-03-01,lots\nzz-2,${neighbour},2024-03-01,12.5\n`);
    // a sentence found nowhere else, to look for in the database file's bytes
    const note = join(demo.dir, 'feedback-late.csv');
    writeFileSync(note, `feedback_id,customer_id,text\nfx-1,${subject},${MARKER} about my parcel\n`);
    const r = await cli(demo.dir, ['ingest', bad, note]);
    assert.equal(r.code, 0, r.stderr);
    dir = demo.dir;
    assert.notEqual(readFileSync(join(dir, 'data', 'archetype.duckdb')).indexOf(MARKER), -1, 'the marker is in the file before');
  });

  it('subject-export lists every row, quarantine entry, assignment and quote held on the customer', async () => {
    const x = await cliJson<Export>(dir, ['subject-export', subject], NOW);
    assert.equal(x.customer_id, subject);
    assert.equal(x.entities['customers']?.length, 1);
    assert.ok((x.entities['orders']?.length ?? 0) > 0);
    assert.ok(x.entities['feedback']?.some((f) => f['feedback_id'] === quoted.feedback_id));
    for (const rows of Object.values(x.entities)) for (const row of rows) assert.equal(row['customer_id'], subject);
    assert.equal(x.derived['_assignments']?.length, 1);
    assert.equal(x.derived['_features']?.length, 1);
    assert.deepEqual(x.quarantine.map((q) => q.code), ['bad-number'], 'only the entry naming the subject, not the one naming a longer id');
    assert.match(x.quarantine[0]?.raw ?? '', new RegExp(`,${subject},`));
    assert.equal(x.assignments.length, 1);
    assert.equal(x.assignments[0]?.version, 1);
    assert.ok(x.assignments[0]?.persona_name);
    assert.ok(x.quotes.some((q) => q.feedback_id === quoted.feedback_id && q.version === 1));
    const out = join(dir, 'subject.json');
    const w = await cli(dir, ['subject-export', subject, '--out', out], NOW);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stdout, /wrote .*subject\.json: customers 1, orders \d+/);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), x);
    // both exports audited (who, when, which subject by its keyed hash), never with the id; `audit --subject` finds them
    const audit = await cliJson<{ entries: { action: string; actor: string; at: string; detail: Record<string, unknown> }[] }>(dir, ['audit'], NOW);
    const exports = audit.entries.filter((e) => e.action === 'subject-export');
    assert.deepEqual(exports.map((e) => [e.actor, e.at.slice(0, 19)]), [['dpo', '2025-07-01T12:00:00'], ['dpo', '2025-07-01T12:00:00']]);
    for (const e of exports) assert.ok(!JSON.stringify(e).includes(JSON.stringify(subject)), 'the audit entry does not hold the id');
    const mine = await cliJson<{ entries: { action: string }[] }>(dir, ['audit', '--subject', subject], NOW);
    assert.deepEqual(mine.entries.map((e) => e.action), ['subject-export', 'subject-export']);
    assert.deepEqual((await cliJson<{ entries: unknown[] }>(dir, ['audit', '--subject', neighbour], NOW)).entries, [], 'another id finds none');
    const by = await cli(dir, ['subject-export', subject, '--out', out, '--by', 'legal'], NOW);
    assert.equal(by.code, 0, by.stderr);
    const last = (await cliJson<{ entries: { action: string; actor: string }[] }>(dir, ['audit', '--subject', subject], NOW)).entries.at(-1);
    assert.deepEqual([last?.action, last?.actor], ['subject-export', 'legal']);
    const none = await cli(dir, ['subject-export', 'no-such-customer'], NOW);
    assert.equal(none.code, 1);
    assert.equal((await cliJson<{ entries: { action: string }[] }>(dir, ['audit'], NOW)).entries.filter((e) => e.action === 'subject-export').length, 3, 'an id held nowhere is not audited');
  });

  it('forget erases the rows, quarantine entries, assignments and quotes, marks the version and audits without the id', async () => {
    const before = await cliJson<Export>(dir, ['subject-export', subject], NOW);
    const r = await cliJson<Forgot>(dir, ['forget', subject], NOW);
    assert.equal(r.erased, true);
    for (const [t, rows] of Object.entries(before.entities)) assert.equal(r.rows[t] ?? 0, rows.length, t);
    assert.equal(r.rows['_quarantine'], 1);
    assert.equal(r.rows['_assignments'], 1);
    assert.ok(r.quotes >= 1);
    assert.deepEqual(r.versions, [1]);

    const ws = await openWorkspace(dir);
    try {
      const e = ws.engine;
      for (const t of ['customers', 'orders', 'events', 'feedback', 'tickets', '_assignments', '_features', '_segment_now']) {
        const n = await e.all<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE customer_id = $c`, { c: subject });
        assert.equal(Number(n[0]?.n), 0, t);
      }
      const q = await e.all<{ raw: string }>(`SELECT raw FROM _quarantine WHERE file LIKE '%orders-late.csv'`);
      assert.deepEqual(q.map((x) => x.raw), [`zz-2,${neighbour},2024-03-01,12.5`], "the neighbour's entry stays");
      const v = (await e.all<{ personas: string; journeys: string; needs_refresh: string | null }>(`SELECT personas, journeys, needs_refresh FROM _versions`))[0];
      assert.ok(v && !v.personas.includes(`"${quoted.feedback_id}"`) && !v.journeys.includes(`"${quoted.feedback_id}"`), 'quotes gone from the stored version');
      assert.equal(v?.needs_refresh, 'erasure');
      const audit = await e.all<{ action: string; detail: string; actor: string }>(`SELECT action, detail, actor FROM _audit WHERE action = 'erase'`);
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor, 'dpo');
      assert.ok(!audit[0]?.detail.includes(JSON.stringify(subject)) && !audit[0]?.detail.includes(quoted.text.slice(0, 30)), 'the audit entry holds no personal data');
      assert.match(audit[0]?.detail ?? '', /"customers":1/);
      const kept = await e.all<{ detail: string }>(`SELECT detail FROM _audit WHERE action = 'subject-export'`);
      assert.ok(kept.length >= 4 && kept.every((k) => !k.detail.includes(JSON.stringify(subject))), 'the export entries stay after the erasure and never held the id');
    } finally {
      await ws.engine.close();
    }
    const vs = await cliJson<{ versions: { version: number; needs_refresh: string | null }[] }>(dir, ['versions'], NOW);
    assert.deepEqual(vs.versions.map((x) => [x.version, x.needs_refresh]), [[1, 'erasure']]);
    const text = await cli(dir, ['versions'], NOW);
    assert.match(text.stdout, /refresh \(erasure\)/);
  });

  it('is idempotent: a second forget finds nothing and says when the id was erased', async () => {
    const r = await cliJson<Forgot>(dir, ['forget', subject], NOW);
    assert.equal(r.erased, false);
    assert.equal(r.erased_at?.slice(0, 19), '2025-07-01T12:00:00');
    const t = await cli(dir, ['forget', subject], NOW);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, new RegExp(`nothing held on ${subject}: erased on 2025-07-01 12:00:00 UTC`));
    const audit = await cliJson<{ entries: { action: string }[] }>(dir, ['audit'], NOW);
    assert.equal(audit.entries.filter((a) => a.action === 'erase').length, 1, 'nothing erased, nothing audited');
  });

  it('an unknown id fails with a clear message and exit code 1 (forget and subject-export)', async () => {
    for (const cmd of ['forget', 'subject-export']) {
      const r = await cli(dir, [cmd, 'no-such-customer'], NOW);
      assert.equal(r.code, 1, cmd);
      assert.match(r.stderr, /archetype: no customer "no-such-customer" in this workspace \(no rows, quarantine entries, assignments or quotes hold that id\)/);
      assert.equal(r.stdout, '');
    }
    const s = await cli(dir, ['subject-export', subject], NOW);
    assert.equal(s.code, 1, 'an erased customer has nothing left to export');
  });

  it("the erased customer's text no longer appears anywhere in the database file (deleted rows do not linger in free blocks)", () => {
    assert.equal(readFileSync(join(dir, 'data', 'archetype.duckdb')).indexOf(MARKER), -1);
    assert.ok(!existsSync(join(dir, 'data', 'archetype.duckdb.compact')));
  });

  it('refresh rebuilds from the remaining data; the new version has no trace of the customer', async () => {
    const r = await cli(dir, ['refresh', '--k', '4'], NOW);
    assert.equal(r.code, 0, r.stderr);
    const vs = await cliJson<{ versions: { version: number; needs_refresh: string | null; customers: number }[] }>(dir, ['versions'], NOW);
    assert.deepEqual(vs.versions.map((x) => [x.version, x.needs_refresh, x.customers]), [[1, 'erasure', 600], [2, null, 599]]);
    const s = await cli(dir, ['subject-export', subject], NOW);
    assert.equal(s.code, 1);
  });
});
