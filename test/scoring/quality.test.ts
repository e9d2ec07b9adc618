// Lead-scoring quality on the generator's truth: qualified/unqualified F1 and closest-persona accuracy ≥ 0.9 (b2c and b2b).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openScorer, scoreFile } from '../../src/repository/lead-scoring.js';
import { loadJourneys, loadVersion } from '../../src/repository/version-store.js';
import { saveVersionModel } from '../../src/repository/scoring-store.js';
import type { LeadScore } from '../../src/analysis/scoring/score-lead.js';
import { scoringCompany, type ScoringCompany } from './helpers.js';

interface Quality {
  f1: number;
  precision: number;
  recall: number;
  /** leads with a planted persona: the closest persona of their kind (buyer → persona_id, negative → negative_persona_id) */
  accuracy: number;
  /** buyer leads only: persona_id */
  buyerAccuracy: number;
  stageAgreement: number;
}

function quality(co: ScoringCompany, scores: readonly LeadScore[]): Quality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  let planted = 0;
  let buyerRight = 0;
  let buyers = 0;
  let stage = 0;
  for (const s of scores) {
    const t = co.leads.get(s.lead_id);
    assert.ok(t, `no truth for ${s.lead_id}`);
    if (s.qualified && t.qualified) tp++;
    else if (s.qualified) fp++;
    else if (t.qualified) fn++;
    if (t.persona !== 'none') {
      planted++;
      const id = t.qualified ? s.persona_id : s.negative_persona_id;
      if (id !== null && co.planted.get(id) === t.persona) right++;
    }
    if (t.qualified) {
      buyers++;
      if (s.persona_id !== null && co.planted.get(s.persona_id) === t.persona) buyerRight++;
    }
    if ((s.stage ?? 'none') === t.stage) stage++;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    f1: r3((2 * precision * recall) / (precision + recall)), precision: r3(precision), recall: r3(recall),
    accuracy: r3(right / planted), buyerAccuracy: r3(buyerRight / buyers), stageAgreement: r3(stage / scores.length),
  };
}

for (const variant of ['b2c', 'b2b'] as const) {
  describe(`lead scoring quality (${variant})`, { timeout: 600_000 }, () => {
    let co: ScoringCompany;
    let scores: LeadScore[];
    before(async () => {
      co = await scoringCompany({ customers: 4000, leads: 3000, seed: variant === 'b2c' ? 7 : 11, variant });
      const ws = await co.open();
      try {
        const s = await openScorer(ws.engine, ws.config);
        scores = [];
        const sum = await scoreFile(ws.engine, s, co.leadsFile, (b) => void scores.push(...b));
        assert.equal(sum.scored, 3000);
        assert.equal(sum.with_events, 3000);
      } finally {
        await ws.engine.close();
      }
    });
    after(() => co?.close());

    test('qualified F1 ≥ 0.9 and closest-persona accuracy ≥ 0.9; the stage is the furthest stage of the lead events', (t) => {
      const q = quality(co, scores);
      t.diagnostic(`${variant}: ${JSON.stringify(q)}`);
      assert.ok(q.f1 >= 0.9, `F1 ${q.f1}`);
      assert.ok(q.accuracy >= 0.9, `accuracy ${q.accuracy}`);
      assert.equal(q.stageAgreement, 1);
    });

    test('every lead has similarities in [0, 1], a fit score, next content and reasons with a number', () => {
      for (const s of scores) {
        for (const x of [s.persona_similarity, s.negative_similarity, s.fit_score, s.confidence]) assert.ok(x !== null && x >= 0 && x <= 1);
        assert.ok(s.next_content, `no next content for ${s.lead_id} (${s.persona_id} at ${s.stage})`);
        assert.ok(s.reasons.length > 0 && s.reasons.every((r) => /\d(\.\d)?× (more|less) common in (negative )?persona '/.test(r.text)), JSON.stringify(s.reasons));
      }
    });

    // large workspaces fit the behaviour blocks on a hash sample of customers (200k by default); a quarter here must score as well
    test('a model whose behaviour blocks are fitted on a quarter of the customers scores as well', async (t) => {
      const ws = await co.open();
      try {
        const v = await loadVersion(ws.engine, co.version);
        const model = await saveVersionModel(ws.engine, { version: v.version, personas: v.personas, journeys: await loadJourneys(ws.engine, v.version), config: ws.config, eventSampleCustomers: 1000 });
        assert.equal(model.fitted.events_sample_rate, 0.25);
        assert.ok(model.events.length > 0 && model.timing.length > 0);
        const s = await openScorer(ws.engine, ws.config);
        const sampled: LeadScore[] = [];
        await scoreFile(ws.engine, s, co.leadsFile, (b) => void sampled.push(...b));
        const q = quality(co, sampled);
        t.diagnostic(`${variant}, behaviour fitted on 25% of customers: ${JSON.stringify(q)}`);
        assert.ok(q.f1 >= 0.9, `F1 ${q.f1}`);
        assert.ok(q.accuracy >= 0.9, `accuracy ${q.accuracy}`);
        const same = sampled.filter((x, i) => x.persona_id === scores[i]?.persona_id && x.qualified === scores[i]?.qualified).length;
        assert.ok(same / sampled.length >= 0.95, `only ${same} of ${sampled.length} leads keep their persona and qualification`);
      } finally {
        await ws.engine.close(); // the last test of this company: the refitted model is not read again
      }
    });
  });
}
