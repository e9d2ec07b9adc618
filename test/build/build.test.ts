// The persona build end to end on generated data with planted truth: recovery (ARI), negative persona, traits, themes, evidence, privacy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildVersion, type BuildResult } from '../../src/repository/build-version.js';
import { loadVersion } from '../../src/repository/version-store.js';
import { adjustedRandIndex } from '../../src/analysis/segments/ari.js';
import { demoWorkspace, type DemoWorkspace } from '../helpers/demo-workspace.js';

describe('archetype build on the demo company (4k customers)', () => {
  let demo: DemoWorkspace;
  let built: BuildResult;
  let members: Map<string, string>;

  before(async () => {
    demo = await demoWorkspace({ customers: 4000, seed: 11 });
    built = await buildVersion(demo.ws.engine, { config: demo.ws.config, seed: 42 });
    members = new Map(
      (await demo.ws.engine.all<{ customer_id: string; persona_id: string | null }>(`SELECT customer_id, persona_id FROM _assignments WHERE version = $v`, { v: built.version }))
        .map((r) => [r.customer_id, r.persona_id ?? 'none']),
    );
  });
  after(async () => demo.ws.engine.close());

  /** persona id → planted persona key most of its members carry */
  const majority = (): Map<string, string> => {
    const counts = new Map<string, Map<string, number>>();
    for (const [c, p] of members) {
      const t = demo.truth.get(c) as string;
      const m = counts.get(p) ?? new Map<string, number>();
      m.set(t, (m.get(t) ?? 0) + 1);
      counts.set(p, m);
    }
    return new Map([...counts].map(([p, m]) => [p, [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '']));
  };

  it('assigns every customer and recovers the planted personas', () => {
    assert.equal(members.size, 4000);
    const ids = [...members.keys()];
    const pred = ids.map((c) => members.get(c) as string);
    const truth = ids.map((c) => demo.truth.get(c) as string);
    const codes = (xs: string[]): Int32Array => {
      const m = new Map<string, number>();
      return Int32Array.from(xs, (x) => m.get(x) ?? (m.set(x, m.size), m.size - 1));
    };
    const ari = adjustedRandIndex(codes(pred), codes(truth));
    console.log(`ARI vs planted personas at 4k customers: ${ari.toFixed(3)} (k=${built.report.k})`);
    assert.ok(ari >= 0.8, `ARI ${ari.toFixed(3)} too low`);
  });

  it('finds the negative persona: mostly serial returners, with impact and an exclusion rule', () => {
    const neg = built.personas.filter((p) => p.negative);
    assert.ok(neg.length >= 1, 'no negative persona');
    const maj = majority();
    const n = neg.find((p) => maj.get(p.id) === 'serial_returner');
    assert.ok(n, `negative personas ${neg.map((p) => `${p.id}:${maj.get(p.id)}`).join(', ')} are not the serial returners`);
    assert.ok(n.impact && n.impact.refunds > n.impact.customers, 'refund share should exceed customer share');
    assert.ok(n.exclusion_rule && n.exclusion_rule.precision > 0.5, 'exclusion rule with useful precision');
    assert.ok(built.personas.filter((p) => !p.negative).every((p) => maj.get(p.id) !== 'serial_returner'));
  });

  it("shows each planted persona's top content type and at least one of its themes on its card", () => {
    const maj = majority();
    for (const planted of demo.personas) {
      const persona = built.personas.find((p) => maj.get(p.id) === planted.key);
      assert.ok(persona, `no persona for planted ${planted.key}`);
      const card = JSON.stringify(persona).toLowerCase();
      const topContent = planted.preferred_content_types[0]?.content_type as string;
      assert.ok(persona.fields['content']?.items.some((e) => e.claim.startsWith(topContent)), `${planted.key}: ${topContent} not in content field`);
      assert.ok(planted.themes.some((t) => card.includes(t.toLowerCase())), `${planted.key}: none of ${planted.themes.join(', ')} on the card`);
    }
  });

  it('gives every field its evidence or says why there is none', () => {
    for (const p of built.personas)
      for (const f of Object.values(p.fields)) {
        if (f.insufficient) assert.equal(f.items.length, 0);
        else {
          assert.ok(f.items.length > 0, `${p.id}.${f.key} empty`);
          for (const e of f.items) {
            assert.ok(e.n >= 1 && e.definition.length > 0 && ['high', 'medium', 'low'].includes(e.confidence), `${p.id}.${f.key}: ${e.claim}`);
          }
        }
      }
  });

  it('publishes no emails, phone numbers or personal names', async () => {
    const v = await loadVersion(demo.ws.engine, built.version);
    const text = JSON.stringify(v.personas);
    assert.doesNotMatch(text, /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/);
    assert.doesNotMatch(text, /\+44 7700 900|\(555\) 01/);
    assert.doesNotMatch(text, /my name is [A-Z]/i);
  });

  it('is deterministic for a seed', async () => {
    const again = await buildVersion(demo.ws.engine, { config: demo.ws.config, seed: 42 });
    const strip = (r: BuildResult): string => JSON.stringify(r.personas);
    assert.equal(strip(again), strip(built));
    assert.equal(again.version, built.version + 1);
  });

  it('makes no persona for a group under the minimum size', async () => {
    const config = { ...demo.ws.config, privacy: { ...demo.ws.config.privacy, minimum_group_size: 1000 } };
    const r = await buildVersion(demo.ws.engine, { config, seed: 42, k: 8 });
    assert.ok(r.personas.every((p) => p.size >= 1000));
    assert.ok(r.report.too_small.length > 0);
  });
});

describe('archetype build on the B2B demo (2.5k contacts)', () => {
  let demo: DemoWorkspace;
  let built: BuildResult;
  before(async () => {
    demo = await demoWorkspace({ customers: 2500, seed: 5, variant: 'b2b' });
    built = await buildVersion(demo.ws.engine, { config: demo.ws.config, seed: 42 });
  });
  after(async () => demo.ws.engine.close());

  it('makes account personas and buyer personas linked to each other', () => {
    const accounts = built.personas.filter((p) => p.kind === 'account');
    const buyers = built.personas.filter((p) => p.kind === 'buyer');
    assert.ok(accounts.length >= 2, 'account personas');
    assert.ok(buyers.length >= 3, 'buyer personas');
    for (const a of accounts) {
      assert.ok(a.links && a.links.length > 0, `${a.id} has no buyer links`);
      assert.ok(a.links.every((l) => buyers.some((b) => b.id === l.persona_id)));
      const total = a.links.reduce((s, l) => s + l.share, 0);
      assert.ok(total > 0.99 && total < 1.01, `${a.id} buyer shares sum to ${total}`);
      assert.ok(a.fields['buying_committee'] && a.fields['buying_committee'].items.length > 0);
    }
    for (const b of buyers) assert.ok(b.links?.every((l) => accounts.some((a) => a.id === l.persona_id)));
    // job titles from the data describe the buyer personas
    assert.ok(buyers.some((b) => (b.fields['demographics']?.items ?? []).some((e) => /VP Operations|Founder|Architect|Operations Manager/.test(e.claim))));
  });
});
