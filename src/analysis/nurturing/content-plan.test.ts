// Content plan: curated vs own share at every prefix, varied content types, time order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planContent, sourceOf, type PlanStep } from './content-plan.js';

const step = (stage: PlanStep['stage'], next: PlanStep['next'], start: number, touches: number, send: [string, string][]): PlanStep => ({
  stage, next, when: { start_after_hours: start }, how_often: { touches, every_hours: 24 },
  send: send.map(([channel, content_type], i) => ({ channel, content_type, lift: 1.5 - i * 0.1, customers: 100 })),
});

test('own content at the configured share, spread evenly (80/20 → every fifth item)', () => {
  const sources = Array.from({ length: 20 }, (_, i) => sourceOf(i, 0.8));
  assert.equal(sources.filter((s) => s === 'own').length, 4);
  assert.deepEqual(sources.slice(0, 5), ['curated', 'curated', 'curated', 'curated', 'own']);
  for (let n = 1; n <= 20; n++) {
    const own = sources.slice(0, n).filter((s) => s === 'own').length;
    assert.equal(own, Math.floor(n * 0.2 + 1e-9));
  }
  assert.ok(Array.from({ length: 7 }, (_, i) => sourceOf(i, 1)).every((s) => s === 'curated'));
  assert.ok(Array.from({ length: 7 }, (_, i) => sourceOf(i, 0)).every((s) => s === 'own'));
});

test('content types vary: no two items of a stage in a row share a type when another is recommended', () => {
  const plan = planContent([step('awareness', 'consideration', 0, 4, [['email', 'video'], ['email', 'video'], ['paid_social', 'photo']])], { curatedShare: 0.8 });
  assert.equal(plan.length, 4);
  plan.slice(1).forEach((item, i) => assert.notEqual(item.content_type, plan[i]?.content_type));
});

test('a single recommended type is mixed with the stage’s other content types', () => {
  const plan = planContent([step('consideration', 'decision', 0, 3, [['email', 'webinar']])], {
    curatedShare: 0.8, contentTypes: new Map([['consideration', ['webinar', 'case_study', 'article']]]),
  });
  assert.deepEqual(new Set(plan.map((p) => p.content_type)), new Set(['webinar', 'case_study', 'article']));
});

test('items in time order, numbered from 1', () => {
  const plan = planContent([
    step('awareness', 'consideration', 0, 3, [['email', 'video'], ['email', 'photo']]),
    step('consideration', 'decision', 30, 2, [['direct', 'demo'], ['direct', 'article']]),
  ], { curatedShare: 0.5 });
  assert.deepEqual(plan.map((p) => p.index), [1, 2, 3, 4, 5]);
  assert.deepEqual(plan.map((p) => p.offset_hours), [0, 24, 30, 48, 54]);
  assert.deepEqual(plan.map((p) => p.source), ['curated', 'own', 'curated', 'own', 'curated']);
});
