import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFeedback } from './analyze.js';
import type { GroupText, TextAnalysis } from './analyze.js';
import { hasDatasets, readNpsVerbatims } from './eval/datasets.js';
import { containsPii } from './pii.js';
import { syntheticFeedback } from './test-feedback.js';

const rows = syntheticFeedback();
const result = analyzeFeedback(rows);
const group = (r: TextAnalysis, name: string): GroupText => {
  const g = r.groups.find((x) => x.group === name);
  assert.ok(g && !g.suppressed, `${name} present and shown`);
  return g;
};

/** Every published "text" field: statements, quotes, headlines, stage quotes. */
function quotesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) quotesOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'text' && typeof v === 'string') out.push(v);
      else quotesOf(v, out);
    }
  }
  return out;
}

test('privacy minimum: a group under 10 customers gets a problem and no figures or quotes', () => {
  const tiny = result.groups.find((g) => g.group === 'tiny');
  assert.ok(tiny?.suppressed);
  assert.deepEqual(Object.keys(tiny).sort(), ['group', 'problem', 'suppressed']);
  assert.equal(tiny.problem.code, 'persona/group-too-small');
  assert.deepEqual(tiny.problem.params, { size: 5, minimum: 10 });
  const lower = analyzeFeedback(rows, { minCustomers: 5 });
  assert.equal(group(lower, 'tiny').customers, 5);
  const strict = analyzeFeedback(rows, { minCustomers: 50 });
  assert.ok(strict.groups.find((g) => g.group === 'commuters')?.suppressed);
  assert.equal(group(strict, 'hikers').customers, 60);
});

test('shape and counts: groups sorted with "all" last, statements merged with distinct customers', () => {
  assert.deepEqual(result.groups.map((g) => g.group), ['commuters', 'hikers', 'tiny', 'all']);
  const hikers = group(result, 'hikers');
  assert.equal(hikers.customers, 60);
  assert.equal(hikers.feedback, rows.filter((r) => r.group === 'hikers').length);
  assert.ok(hikers.themes.some((t) => /boot/.test(t.phrase)));
  assert.ok(!hikers.themes.some((t) => /bike/.test(t.phrase)));
  for (const list of [hikers.goals, hikers.pain_points, hikers.questions, hikers.motivations, hikers.objections]) {
    assert.ok(list.items.length > 0);
    for (const s of list.items) {
      assert.ok(s.customers <= s.sentences, `${s.label}: ${s.customers} customers, ${s.sentences} sentences`);
      assert.ok(s.customers <= hikers.customers && s.quotes.length > 0, `${s.label} ${s.customers} ${s.quotes.length}`);
      assert.ok(s.quotes.every((q) => q.feedback_id.startsWith('h-')));
    }
    assert.equal(list.unclustered + list.items.reduce((n, s) => n + s.sentences, 0), list.sentences);
  }
  assert.ok(hikers.pain_points.items.some((s) => /boot|sizing/.test(s.label)));
  assert.ok(hikers.questions.items[0]?.text.endsWith('?'));
  assert.ok(hikers.pain_points.sentiment < 0 && hikers.motivations.sentiment > 0);
});

test('published text holds no personal data', () => {
  const texts = quotesOf(result);
  assert.ok(texts.length > 20);
  for (const t of texts) assert.equal(containsPii(t), false, t);
  assert.ok(rows.some((r) => containsPii(r.text)), 'the input did hold some');
});

test('sentiment per stage and with ratings', () => {
  const hikers = group(result, 'hikers');
  const stage = (name: string): number => {
    const s = hikers.stages.find((x) => x.stage === name);
    assert.ok(s && !s.suppressed);
    return s.sentiment.mean;
  };
  assert.ok(stage('retention') < stage('consideration'));
  assert.ok(hikers.sentiment.rated > 0 && hikers.sentiment.rated < hikers.feedback);
  const textOnly = analyzeFeedback(rows, { ratingWeight: 0 });
  assert.equal(group(textOnly, 'hikers').sentiment.mean, group(textOnly, 'hikers').sentiment.meanText);
  const s = hikers.sentiment;
  assert.ok(Math.abs(s.positive + s.neutral + s.negative - 1) < 1e-12);
});

test('deterministic', () => {
  const again = analyzeFeedback(rows);
  assert.deepEqual({ ...again, ms: 0 }, { ...result, ms: 0 });
});

test('nps verbatims: detractors below promoters, stages for a journey map', { skip: !hasDatasets() && 'datasets not present' }, () => {
  const nps = readNpsVerbatims().map((r) => ({ feedback_id: `n${r.index}`, text: r.text, group: r.bucket || 'unknown', stage: r.stage, rating: r.score }));
  const res = analyzeFeedback(nps, { stopTerms: ['company'] });
  const det = group(res, 'Detractor');
  const pro = group(res, 'Promoter');
  assert.ok(det.sentiment.meanText < 0 && pro.sentiment.meanText > 0.2);
  assert.ok(det.pain_points.customers > 5 * pro.pain_points.customers);
  assert.deepEqual(group(res, 'all').stages.map((s) => s.stage), ['Equipment Received', 'First Payment', 'Order', 'Service in Use']);
});

test('edge cases: no rows, empty texts, a group called "all"', () => {
  const none = analyzeFeedback([]);
  assert.deepEqual(none.groups.map((g) => [g.group, g.suppressed]), [['all', true]]);
  const rows = Array.from({ length: 12 }, (_, i) => ({ feedback_id: String(i), text: i % 3 ? 'Slow delivery again.' : '', group: 'all' }));
  const res = analyzeFeedback(rows);
  assert.deepEqual(res.groups.map((g) => g.group), ['all', 'all (every group)']);
  const g = res.groups[0];
  assert.ok(g && !g.suppressed && g.customers === 12 && g.sentiment.negative > 0.5);
});
