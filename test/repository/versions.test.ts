// Versions, workflow, refresh, drift and diff on a real workspace (2k demo customers, real DuckDB file, real ingest and builds).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { ingestNotes } from '../../src/ingest/notes.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { loadVersion } from '../../src/repository/version-store.js';
import { versionsOverview } from '../../src/repository/versions-overview.js';
import { transition } from '../../src/repository/workflow.js';
import { listAudit } from '../../src/repository/audit-log.js';
import { refresh } from '../../src/repository/refresh.js';
import { driftReport } from '../../src/repository/drift.js';
import { diffVersions } from '../../src/repository/version-diff.js';
import { interviewsPerPersona } from '../../src/repository/interviews.js';
import { fixedClock, DAY_MS } from '../../src/repository/clock.js';
import { isProblem } from '../../src/shared/problems.js';
import type { DemoWorkspace } from '../helpers/demo-workspace.js';
import { builtDemo } from './helpers.js';

const clock = fixedClock('2025-07-01T09:00:00Z');
const kinds = (d: Awaited<ReturnType<typeof diffVersions>>): string[] => d.matching.relations.map((r) => r.kind).sort();

describe('persona-set versions on a real workspace', () => {
  let demo: DemoWorkspace;
  before(async () => {
    demo = await builtDemo({ k: 5 });
  });
  after(async () => demo.ws.engine.close());
  const engine = () => demo.ws.engine;

  it('lists each version with its status and data snapshot', async () => {
    const [v] = await versionsOverview(engine());
    assert.equal(v?.version, 1);
    assert.equal(v?.status, 'draft');
    assert.equal(v?.customers, 2000);
    assert.match(v?.checksum ?? '', /^[0-9a-f]{10}$/);
    assert.ok(v?.data_as_of, 'data as of');
    assert.equal(v?.personas, (await loadVersion(engine(), 1)).personas.length);
  });

  it('walks the workflow draft → in review → approved → published, refusing shortcuts, with an audit entry per step', async () => {
    await assert.rejects(transition(engine(), clock, 1, 'publish', 'ana'), (e: unknown) => isProblem(e) && /cannot publish version 1: it is draft\. Approve it first/.test(e.message));
    assert.equal((await transition(engine(), clock, 1, 'submit', 'sam')).to, 'in_review');
    assert.equal((await transition(engine(), clock, 1, 'approve', 'ana', 'evidence checked')).to, 'approved');
    const pub = await transition(engine(), clock, 1, 'publish', 'ana');
    assert.deepEqual([pub.from, pub.to, pub.archived], ['approved', 'published', []]);
    await assert.rejects(transition(engine(), clock, 1, 'approve', 'ana'), /it is published/);
    const all = await listAudit(engine(), { version: 1 });
    // the build that made version 1 is audited too (the fixture names no builder)
    assert.deepEqual(all.filter((e) => e.action === 'build').map((e) => [e.actor, e.detail['k']]), [['archetype (no --by)', 5]]);
    const log = all.filter((e) => e.action !== 'build');
    assert.deepEqual(log.map((e) => [e.actor, e.action, e.detail['from'], e.detail['to']]), [
      ['sam', 'submit', 'draft', 'in_review'], ['ana', 'approve', 'in_review', 'approved'], ['ana', 'publish', 'approved', 'published'],
    ]);
    assert.equal(log[1]?.detail['comment'], 'evidence checked');
    assert.equal(log[0]?.at, '2025-07-01T09:00:00.000Z', 'audit times come from the injected clock');
  });

  it('does not rebuild when the data is unchanged', async () => {
    const r = await refresh(engine(), demo.ws.config, { clock, k: 5 });
    assert.equal(r.rebuilt, false);
    assert.equal(r.changes?.changed, false);
    assert.equal((await versionsOverview(engine())).length, 1);
  });

  it('imports interview notes as feedback (one row per file, idempotent) and counts interviews per persona', async () => {
    const customer = (await engine().all<{ customer_id: string; persona_id: string }>(`SELECT customer_id, persona_id FROM _assignments WHERE version = 1 AND persona_id = 'p1' ORDER BY customer_id LIMIT 1`))[0];
    assert.ok(customer);
    const before = (await interviewsPerPersona(engine(), await loadVersion(engine(), 1), 15)).find((x) => x.persona_id === 'p1');
    const notes = join(demo.dir, 'notes');
    mkdirSync(notes, { recursive: true });
    writeFileSync(join(notes, '2025-06-20 call.md'), '---\nrating: 4\nstage: decision\n---\n# Call\n\n- Wants **delivery** before the weekend.\n- Compared three shops first.\n');
    writeFileSync(join(notes, 'visit.md'), 'Found the size guide confusing.\n');
    const r = await ingestNotes(engine(), [join(notes, '2025-06-20 call.md'), join(notes, 'visit.md')], { config: demo.ws.config, source: 'interview', customer: customer.customer_id });
    assert.deepEqual(r.files.map((f) => [f.file.endsWith('.md'), f.ingested, f.quarantined]), [[true, 1, 0], [true, 1, 0]]);
    const rows = await engine().all<Record<string, unknown>>(`SELECT feedback_id, text, source, customer_id, rating, stage, CAST(created_at AS VARCHAR) AS created_at, __file FROM feedback WHERE source = 'interview' AND customer_id = $c ORDER BY feedback_id`, { c: customer.customer_id });
    const call = rows.find((x) => String(x['feedback_id']).includes('call'));
    assert.equal(call?.['text'], 'Call\nWants delivery before the weekend.\nCompared three shops first.');
    assert.deepEqual([call?.['rating'], call?.['stage'], String(call?.['created_at']).slice(0, 10), String(call?.['__file']).endsWith('2025-06-20 call.md')], [4, 'decision', '2025-06-20', true]);
    const again = await ingestNotes(engine(), [join(notes, 'visit.md')], { config: demo.ws.config, customer: customer.customer_id });
    assert.deepEqual([again.files[0]?.ingested, again.files[0]?.duplicates], [0, 1]);
    const afterCount = (await interviewsPerPersona(engine(), await loadVersion(engine(), 1), 15)).find((x) => x.persona_id === 'p1');
    assert.equal(afterCount?.interviews, (before?.interviews ?? 0) + 2);
    assert.equal(afterCount?.remaining, Math.max(0, 15 - (afterCount?.interviews ?? 0)));
  });

  it('rebuilds when the data changed, with drift since the published version and stale flags by the injected clock', async () => {
    const r = await refresh(engine(), demo.ws.config, { clock, k: 5 });
    assert.equal(r.rebuilt, true);
    assert.equal(r.build?.version, 2);
    assert.deepEqual(r.changes?.entities.filter((e) => e.changed).map((e) => [e.entity, e.rows_after - e.rows_before]), [['feedback', 2]]);
    const d = r.drift;
    assert.equal(d?.reference?.version, 1);
    assert.equal(d?.current?.version, 2);
    for (const p of d?.personas ?? []) {
      assert.equal(p.relation, 'continued', `${p.persona_id} continued`);
      assert.ok((p.max_psi ?? 0) < 0.1, `${p.persona_id} psi ${p.max_psi}`);
      assert.ok(Math.abs(p.share_change ?? 1) < 0.01);
      assert.equal(p.traits.length, demo.ws.config.repository.defining_traits);
      assert.deepEqual(p.flags, []);
    }
    const v1 = await loadVersion(engine(), 1);
    const at = (days: number) => fixedClock(new Date(new Date(v1.created_at).getTime() + days * DAY_MS).toISOString());
    const fresh = await driftReport(engine(), demo.ws.config, { clock: at(89) });
    assert.equal(fresh.age.stale, false);
    const old = await driftReport(engine(), demo.ws.config, { clock: at(91) });
    assert.equal(old.age.stale, true);
    assert.ok(old.personas.every((p) => p.flags.includes('stale')));
    const strict = await driftReport(engine(), { ...demo.ws.config, refresh_policy_days: 30 }, { clock: at(31) });
    assert.equal(strict.age.stale, true, 'the refresh policy comes from the config');
  });

  it('flags share changes when one persona grows, and names merges and splits across different k', async () => {
    const grown = (await loadVersion(engine(), 2)).personas.find((p) => p.id === 'p2');
    assert.ok(grown);
    const d = demo.dir;
    const q = (t: string, cols: string): string =>
      `COPY (SELECT ${cols} FROM ${t} o JOIN _assignments a ON a.customer_id = o.customer_id AND a.version = 2 AND a.persona_id = 'p2') TO '${join(d, `${t}-clones.csv`)}' (HEADER)`;
    await engine().exec(q('customers', `'x' || o.customer_id AS customer_id, o.created_at, o.country, o.age, o.gender, o.acquisition_channel`));
    await engine().exec(q('orders', `'x' || o.order_id AS order_id, 'x' || o.customer_id AS customer_id, o.ordered_at, o.amount, o.currency, o.product_id, o.category, o.quantity, o.channel, o.status, o.margin`));
    await engine().exec(q('events', `'x' || o.event_id AS event_id, 'x' || o.customer_id AS customer_id, o.session_id, o.occurred_at, o.event, o.channel, o.stage, o.content_type, o.url`));
    await ingestFiles(engine(), ['customers', 'orders', 'events'].map((t) => join(d, `${t}-clones.csv`)), { config: demo.ws.config });
    const r = await refresh(engine(), demo.ws.config, { clock, k: 5 });
    assert.equal(r.build?.version, 3);
    const p2 = r.drift?.personas.find((p) => p.persona_id === 'p2');
    assert.ok(p2 && p2.flags.includes('share') && (p2.share_change ?? 0) > 0.05, `p2 grew: ${JSON.stringify(p2)}`);
    assert.ok((p2?.max_psi ?? 1) < 0.25, 'clones have the same distributions: share moved, traits did not');

    await buildVersion(engine(), { config: demo.ws.config, seed: 42, k: 3 });
    const down = await diffVersions(engine(), 3, 4);
    assert.ok(kinds(down).includes('merged'), `k 5 → 3 merges personas: ${kinds(down).join(', ')}`);
    const up = await diffVersions(engine(), 4, 3);
    assert.ok(kinds(up).includes('split'), `k 3 → 5 splits personas: ${kinds(up).join(', ')}`);
    const same = await diffVersions(engine(), 1, 2);
    assert.deepEqual([...new Set(kinds(same))], ['continued']);
    assert.deepEqual(same.data.entities.filter((e) => e.changed).map((e) => e.entity), ['feedback']);
    assert.ok(same.changes.every((c) => c.fields.every((f) => f.items.every((i) => i.before !== null || i.after !== null))));
  });
});
