// Scoring one lead against a hand-made model: log-lifts, similarity, fit, confidence, reasons, missing and bad values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileModel } from './compile.js';
import { LeadEncoder, type RowProblem } from './lead-encoder.js';
import { inlineEvidence } from './lead-events.js';
import { scoreEncoded, scratchFor } from './score-lead.js';
import type { ScoringModel } from './scoring-model.js';

// 100 customers: 60 in p1 (buyer), 40 in n1 (negative); country and age, and awareness sessions by channel
const model: ScoringModel = {
  schema: 1, version: 3, fitted: { customers: 100, labelled: 100, as_of: null },
  personas: [{ id: 'p1', name: 'Planner', negative: false, customers: 60 }, { id: 'n1', name: 'Returner', negative: true, customers: 40 }],
  attributes: [
    {
      column: 'country', label: 'country', kind: 'category', known: 100, known_by_persona: [60, 40], information: 0.2, expected: true,
      levels: [{ value: 'DE', all: 50, counts: [45, 5] }, { value: 'NL', all: 40, counts: [10, 30] }], other: { value: 'other', all: 10, counts: [5, 5] },
    },
    {
      column: 'age', label: 'age', kind: 'numeric', known: 100, known_by_persona: [60, 40], information: 0.1, expected: true,
      levels: [{ value: '< 30', lo: null, hi: 30, all: 50, counts: [20, 30] }, { value: '≥ 30', lo: 30, hi: null, all: 50, counts: [40, 10] }], other: null,
    },
  ],
  skipped: [],
  events: [{
    field: 'channel', unit: 'session', label: 'channel', information: 0.1,
    cells: [{ stage: 'awareness', value: 'email', all: 100, counts: [80, 20] }, { stage: 'awareness', value: 'affiliate', all: 100, counts: [20, 80] }],
    totals: [{ stage: 'awareness', all: 200, counts: [100, 100] }],
  }],
  timing: [],
  smoothing: 0, background_prior: 0.25, default_threshold: 0.5,
  next_content: { p1: { awareness: { channel: 'email', content_type: 'video', lift: 1.4, text: 'video via email (awareness → consideration)' } } },
};
const c = compileModel(model);
const header = ['lead_id', 'country', 'age', 'favourite_colour', 'region'];
const enc = new LeadEncoder(c, header);

function score(fields: string[], events: Parameters<typeof inlineEvidence>[2] | null = null) {
  const problems: RowProblem[] = [];
  const levels = new Int32Array(c.attributes.length);
  const id = enc.encodeFields(fields, 7, problems, levels);
  assert.ok(id);
  const ev = events ? inlineEvidence(c, [], events) : null;
  return { s: scoreEncoded(c, { id, levels, events: ev }, 0.5, scratchFor(c)), problems };
}

test('log-lifts are ln(P(level | persona) / P(level | all)) with add-one shares for all customers', () => {
  // DE: P(all) = 51/103, P(DE | p1) = 45/60 (no smoothing) → ln(0.75 / 0.495…)
  assert.ok(Math.abs((c.attributes[0]?.weights[0] as number) - Math.log(0.75 / (51 / 103))) < 1e-12);
  // age ≥ 30 in n1: 10/40 against 51/102
  assert.ok(Math.abs((c.attributes[1]?.weights[1 * 2 + 1] as number) - Math.log(0.25 / (51 / 102))) < 1e-12);
});

test('a lead like the buyer persona: similarity σ(S), fit from the posterior, reasons with the number behind them', () => {
  const { s } = score(['l1', 'DE', '45', 'blue', 'Bavaria'], [{ stage: 'awareness', channel: 'email', session_id: 's1' }, { stage: 'awareness', channel: 'email', session_id: 's1' }]);
  const w = (a: number, l: number, k: number): number => c.attributes[a]?.weights[l * 2 + k] as number;
  const e = (cell: number, k: number): number => c.events.weights[cell * 2 + k] as number;
  const s1 = w(0, 0, 0) + w(1, 1, 0) + e(0, 0); // one session: two events of a session count once
  const s2 = w(0, 0, 1) + w(1, 1, 1) + e(0, 1);
  assert.equal(s.persona_id, 'p1');
  assert.equal(s.negative_persona_id, 'n1');
  assert.equal(s.persona_similarity, Math.round((1 / (1 + Math.exp(-s1))) * 1000) / 1000);
  const p1 = (61 / 102) * Math.exp(s1);
  const n1 = (41 / 102) * Math.exp(s2);
  assert.equal(s.fit_score, Math.round((p1 / (0.25 + p1 + n1)) * 1000) / 1000);
  assert.equal(s.qualified, true);
  assert.equal(s.stage, 'awareness');
  assert.equal(s.next_content, 'video via email (awareness → consideration)');
  assert.equal(s.confidence, Math.round(((0.2 + 0.1 + 0.1 * 1) / (0.2 + 0.1 + 0.1 * 3)) * 1000) / 1000);
  // strongest first: email 0.8 / (101/202) = 1.6×, DE 0.75 / (51/103) = 1.5×, age ≥ 30 0.667 / 0.5 = 1.3×
  assert.deepEqual(s.reasons.map((r) => r.attribute), ['events.channel', 'country', 'age']);
  assert.equal(s.reasons[0]?.text, "awareness via email (1 session): 1.6× more common in persona 'Planner'");
  assert.equal(s.reasons[1]?.text, `country: DE: ${(0.75 / (51 / 103)).toFixed(1)}× more common in persona 'Planner'`);
  assert.equal(s.reasons[1]?.lift, 1.51);
});

test('a lead like the negative persona is not qualified and its reasons name the negative persona', () => {
  const { s } = score(['l2', 'NL', '22', '', ''], [{ stage: 'awareness', channel: 'affiliate' }]);
  assert.equal(s.qualified, false);
  // NL 0.75 / (41/103) = 1.884, age < 30 0.75 / 0.5, affiliate 0.8 / (101/202): S = ln 4.52, similarity σ(S) = 0.819
  assert.equal(s.negative_similarity, 0.819);
  assert.match(s.reasons[0]?.text ?? '', /more common in negative persona 'Returner'$/);
});

test('missing and unusable values lower the confidence instead of failing', () => {
  const full = score(['l3', 'DE', '45', '', '']).s;
  const { s, problems } = score(['l4', 'DE', 'forty', '', '']);
  assert.deepEqual(s.missing, ['age']);
  assert.ok(s.confidence < full.confidence);
  assert.deepEqual(problems.map((p) => [p.line, p.code, p.column, p.skipped]), [[7, 'bad-number', 'age', false]]);
  const none = score(['l5', '', '', '', '']).s;
  assert.equal(none.confidence, 0);
  assert.equal(none.stage, null);
  // with no evidence the fit is the prior share of the buyer persona
  assert.equal(none.fit_score, Math.round(((61 / 102) / (0.25 + 1)) * 1000) / 1000);
});

test('an unseen category falls into "other"; unknown and unused columns are listed', () => {
  const { s } = score(['l6', 'Atlantis', '45', '', '']);
  assert.deepEqual(s.missing, []);
  assert.deepEqual(enc.unknown, ['favourite_colour']);
  assert.deepEqual(enc.unused, ['region']);
  const problems: RowProblem[] = [];
  assert.equal(enc.encodeFields(['', 'DE', '1', '', ''], 9, problems, new Int32Array(c.attributes.length)), null);
  assert.deepEqual(problems.map((p) => [p.line, p.code, p.skipped]), [[9, 'missing-value', true]]);
});
