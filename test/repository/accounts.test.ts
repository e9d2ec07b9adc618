// Account personas in the repository (B2B): trait profiles kept with the version, drift of their defining traits, each
// account's persona stored per version, and interviews counted through the contacts of their accounts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildVersion } from '../../src/repository/build-version.js';
import { driftReport } from '../../src/repository/drift.js';
import { fixedClock } from '../../src/repository/clock.js';
import { interviewsPerPersona } from '../../src/repository/interviews.js';
import { loadProfiles } from '../../src/repository/persona-profiles.js';
import { loadVersion } from '../../src/repository/version-store.js';
import { ingestNotes } from '../../src/ingest/notes.js';
import { demoWorkspace, type DemoWorkspace } from '../helpers/demo-workspace.js';

describe('account personas in the repository (b2b)', () => {
  let demo: DemoWorkspace;
  const engine = () => demo.ws.engine;
  const clock = fixedClock('2026-01-01T00:00:00Z');

  before(async () => {
    demo = await demoWorkspace({ customers: 2500, seed: 7, variant: 'b2b' });
    await buildVersion(engine(), { config: demo.ws.config, seed: 42 });
  });
  after(async () => {
    await demo.ws.engine.close();
    rmSync(dirname(demo.dir), { recursive: true, force: true });
  });

  it('keeps trait profiles and every account’s persona with the version', async () => {
    const v = await loadVersion(engine(), 1);
    const accounts = v.personas.filter((p) => p.kind === 'account');
    assert.ok(accounts.length >= 2, 'b2b demo has account personas');
    const profiles = await loadProfiles(engine(), 1);
    for (const p of accounts) {
      const h = profiles.get(p.id);
      assert.ok(h && h.size > 0, `${p.id} has trait histograms`);
      // the histograms count the persona's accounts
      const first = [...h.values()][0];
      assert.equal(first?.n, p.size, `${p.id}: histogram n = persona size`);
    }
    const stored = await engine().all<{ persona_id: string | null; n: number }>(
      `SELECT persona_id, count(*) AS n FROM _account_assignments WHERE version = 1 GROUP BY persona_id`,
    );
    for (const p of accounts) assert.equal(Number(stored.find((r) => r.persona_id === p.id)?.n ?? 0), p.size, `${p.id} accounts stored`);
    const total = stored.reduce((t, r) => t + Number(r.n), 0);
    const known = Number((await engine().all<{ n: number }>(`SELECT count(*) AS n FROM accounts`))[0]?.n);
    assert.equal(total, known, 'every account has a row (persona NULL below the minimum size)');
  });

  it('counts interviews of an account persona through the contacts of its accounts', async () => {
    const v = await loadVersion(engine(), 1);
    const a1 = v.personas.find((p) => p.kind === 'account' && !p.negative);
    assert.ok(a1);
    const contact = (
      await engine().all<{ customer_id: string }>(
        `SELECT c.customer_id AS customer_id FROM customers c JOIN (SELECT account_id FROM _account_assignments WHERE version = 1 AND persona_id = $p) a
           ON a.account_id = c.account_id ORDER BY c.customer_id LIMIT 1`,
        { p: a1.id },
      )
    )[0];
    assert.ok(contact, 'a contact at one of the persona’s accounts');
    const count = async (): Promise<number> => (await interviewsPerPersona(engine(), v, 15)).find((x) => x.persona_id === a1.id)?.interviews ?? -1;
    const before = await count();
    assert.ok(before >= 0, 'account personas are listed');
    const notes = join(demo.dir, 'account-notes');
    mkdirSync(notes, { recursive: true });
    writeFileSync(join(notes, 'call.md'), 'Procurement needs a security review before any pilot.\n');
    await ingestNotes(engine(), [join(notes, 'call.md')], { config: demo.ws.config, source: 'interview', customer: contact.customer_id });
    assert.equal(await count(), before + 1);
  });

  it('reports drift of account personas’ defining traits, and flags a persona whose accounts changed', async () => {
    await buildVersion(engine(), { config: demo.ws.config, seed: 42 });
    const same = await driftReport(engine(), demo.ws.config, { clock, reference: 1, current: 2 });
    const accountIds = (await loadVersion(engine(), 1)).personas.filter((p) => p.kind === 'account').map((p) => p.id);
    const drifts = same.personas.filter((p) => accountIds.includes(p.persona_id));
    assert.equal(drifts.length, accountIds.length);
    for (const p of drifts) {
      assert.equal(p.relation, 'continued', `${p.persona_id} continued`);
      assert.equal(p.traits.length, demo.ws.config.repository.defining_traits, `${p.persona_id} has trait drift`);
      assert.ok((p.max_psi ?? 1) < 0.1, `${p.persona_id} psi ${p.max_psi} on unchanged data`);
    }
    // the contacts of the largest account persona's accounts order half as much again: its spend traits must drift
    const a1 = (await loadVersion(engine(), 2)).personas.find((p) => p.id === 'a1');
    assert.ok(a1);
    await engine().exec(
      `UPDATE orders SET amount = amount * 1.5 WHERE customer_id IN (SELECT c.customer_id FROM customers c
         JOIN (SELECT account_id FROM _account_assignments WHERE version = 2 AND persona_id = 'a1') a ON a.account_id = c.account_id)`,
    );
    await buildVersion(engine(), { config: demo.ws.config, seed: 42 });
    const moved = await driftReport(engine(), demo.ws.config, { clock, reference: 2, current: 3 });
    const d = moved.personas.find((p) => p.persona_id === 'a1');
    assert.ok(d, 'a1 in the report');
    assert.ok(d.traits.length > 0 || d.relation === 'gone', `a1 drift: ${JSON.stringify(d)}`);
    assert.ok(d.relation === 'gone' || (d.max_psi ?? 0) >= demo.ws.config.repository.drift_threshold, `a1 drifted: ${JSON.stringify(d)}`);
    assert.ok(d.flags.includes('drifted') || d.flags.includes('gone'), `a1 flagged: ${d.flags.join(', ')}`);
  });
});
