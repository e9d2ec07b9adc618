// Claims checked against events and journeys on generated data: first-touch channel shares, stage reached, time to decision, against the planted truth.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveHandPersona, parseClaim, type HandPersona } from '../../src/repository/templates/handmade-store.js';
import { validatePersona, type ClaimResult } from '../../src/repository/templates/validate-claims.js';
import { saveHandVersion, toPersona } from '../../src/repository/templates/hand-version.js';
import { loadVersion } from '../../src/repository/version-store.js';
import { systemClock } from '../../src/repository/clock.js';
import { transition } from '../../src/repository/workflow.js';
import type { DemoWorkspace } from '../helpers/demo-workspace.js';
import { builtDemo } from '../repository/helpers.js';
import { plantedSegment, type TruthPersona } from './planted.js';

describe('claims checked against events and journeys', () => {
  let demo: DemoWorkspace;
  let truth: TruthPersona[];
  let segment: string;
  let planted: TruthPersona;
  let wrong: string;
  before(async () => {
    demo = await builtDemo({ customers: 1500, k: 5 });
    const found = await plantedSegment(demo.ws.engine, demo.exports);
    assert.ok(found.purity > 0.7, JSON.stringify(found));
    ({ segment, truth, wrong, persona: planted } = found);
  });
  after(async () => demo.ws.engine.close());

  const claim = (text: string) => ({ text, evidence: [], check: parseClaim(text) });

  it('validates the planted first-touch channel and contradicts a wrong one, with the numbers', async (t) => {
    const right = planted.preferred_channels['awareness']?.channel ?? '';
    assert.ok(wrong !== right && truth.some((t) => t.preferred_channels['awareness']?.channel === wrong), 'another planted persona is found through it');
    const p: HandPersona = {
      id: 'h1', name: 'Hypothesis', template: 'basic', segment,
      fields: { role: [], goals: [], problems: [], questions: [], channels: [claim(`first_touch_channel = ${right}`), claim(`first touch = ${wrong}`)] },
    };
    const results = await validatePersona(demo.ws.engine, p, 10);
    const [yes, no] = results as [ClaimResult, ClaimResult];
    t.diagnostic(`${yes.text}: ${yes.verdict}, ${yes.reason}`);
    t.diagnostic(`${no.text}: ${no.verdict}, ${no.reason}`);
    assert.equal(yes.verdict, 'validated', JSON.stringify(yes));
    assert.equal(no.verdict, 'contradicted', JSON.stringify(no));
    assert.equal(yes.basis, 'first touches (first event per customer)');
    assert.match(yes.segment, new RegExp(`^${segment} \\(version 1\\)`));
    // the share of first touches on the planted channel is near the planted awareness share (60%, diluted by other personas' members)
    assert.ok(yes.share_segment !== null && yes.share_all !== null && yes.lift !== null);
    assert.ok(Math.abs(yes.share_segment - (planted.preferred_channels['awareness']?.share ?? 0)) < 0.15, `${yes.share_segment} vs planted ${planted.preferred_channels['awareness']?.share}`);
    assert.ok(yes.share_segment > yes.share_all && yes.lift > 1.5, yes.reason);
    assert.ok(no.share_segment !== null && no.share_all !== null && no.share_segment < 0.2 && no.share_all > 0.1 && (no.lift ?? 0) < 1, no.reason);
    assert.match(yes.reason, /first touches \(first event per customer\): \d+\/\d+ in the segment, \d+\/\d+ overall/);
    // the segment count is the members with events, the overall count every customer with events
    const n = await demo.ws.engine.all<{ n: number }>(`SELECT count(DISTINCT customer_id) AS n FROM events WHERE customer_id IS NOT NULL`);
    assert.match(yes.reason, new RegExp(`/${Number(n[0]?.n)} overall$`));
    // on the card: flagged
    const card = await toPersona(demo.ws.engine, p, 10);
    assert.match(card.summary, /⚠ 1 contradicted by the data/);
    assert.match(card.fields['channels']?.items[1]?.claim ?? '', /^⚠ first touch = /);
    // in the version review: a saved hand-made version with a contradicted claim is not approved
    const version = await saveHandVersion(demo.ws.engine, [p], 10, [], { clock: systemClock, by: 'test' });
    const saved = await loadVersion(demo.ws.engine, version);
    assert.deepEqual((saved.report as { contradicted: Record<string, number> }).contradicted, { h1: 1 });
    await assert.rejects(transition(demo.ws.engine, () => new Date('2025-07-01T00:00:00Z'), version, 'approve', 'ana'), /cannot approve h1: 1 claim is contradicted by the data/);
    assert.equal((await transition(demo.ws.engine, () => new Date('2025-07-01T00:00:00Z'), version, 'submit', 'ana')).to, 'in_review');
  });

  it('tests stage reached and time to decision on journeys, and leaves unclear claims untested', async () => {
    const p: HandPersona = {
      id: 'h2', name: 'Journeys', template: 'basic',
      fields: { goals: [claim('stage_reached = decision'), claim('days_to_decision < 100000'), claim('days_to_decision < soon'), claim('first_touch_content = webinar')] },
    };
    const [stage, fast, bad, content] = (await validatePersona(demo.ws.engine, p, 10)) as [ClaimResult, ClaimResult, ClaimResult, ClaimResult];
    const funnel = JSON.parse(readFileSync(join(demo.exports, 'truth', 'funnel.json'), 'utf8')) as { all: Record<string, number> };
    // tested on all customers (no segment): the share that reached decision is the planted funnel's
    assert.equal(stage.segment, 'all customers');
    assert.ok(stage.share_all !== null && Math.abs(stage.share_all - (funnel.all['decision'] ?? 0) / (funnel.all['awareness'] ?? 1)) < 1e-9, stage.reason);
    assert.equal(fast.verdict, 'validated');
    assert.equal(fast.share_segment, 1);
    assert.equal(fast.segment_n, funnel.all['decision']);
    assert.equal(bad.verdict, 'untested');
    assert.match(bad.reason, /needs one number of days/);
    assert.notEqual(content.verdict, 'untested');
    assert.equal(content.basis, 'first touches (first event per customer)');
  });

  it('stores the structured form with < and >', async () => {
    assert.deepEqual(parseClaim('days_to_decision > 14'), { field: 'days_to_decision', op: '>', value: ['14'] });
    const saved = await saveHandPersona(demo.ws.engine, { id: 'h9', name: 'x', template: 'basic', fields: { goals: [claim('days_to_decision > 14')] } }, '2025-07-01T00:00:00Z');
    assert.equal(saved.revision, 1);
  });
});
