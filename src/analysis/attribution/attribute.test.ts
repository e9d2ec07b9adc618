// Tests for the entry point: one model by name, and every model side by side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attribute, attributeAll } from './attribute.js';
import type { AttributionComparison, AttributionResult } from './attribute.js';
import type { PathAggregate } from './paths.js';

const paths: PathAggregate[] = [
  { channels: ['A', 'B'], conversions: 1, value: 10, nulls: 0 },
  { channels: ['A'], conversions: 0, value: 0, nulls: 1 },
  { channels: ['B', 'C'], conversions: 1, value: 20, nulls: 0 },
];

const table = (r: AttributionResult): string[] =>
  r.channels.map(
    (c) =>
      `${c.channel} ${c.conversions.toFixed(4)} ${c.value.toFixed(4)} ${c.share.toFixed(4)}${c.removalEffect === undefined ? '' : ` re=${c.removalEffect.toFixed(4)}`}`,
  );

test('attribute dispatches to the named model and keeps the shape', () => {
  assert.deepEqual(table(attribute(paths, 'last')), [
    'B 1.0000 10.0000 0.5000',
    'C 1.0000 20.0000 0.5000',
    'A 0.0000 0.0000 0.0000',
  ]);
  assert.deepEqual(table(attribute(paths, 'position')), [
    'B 1.0000 15.0000 0.5000',
    'A 0.5000 5.0000 0.2500',
    'C 0.5000 10.0000 0.2500',
  ]);
  const m = attribute(paths, 'markov');
  assert.deepEqual(table(m), [
    'B 1.0000 13.8462 0.5000 re=1.0000',
    'A 0.5000 6.9231 0.2500 re=0.5000',
    'C 0.5000 9.2308 0.2500 re=0.5000',
  ]);
  assert.deepEqual(Object.keys(m).sort(), [
    'channels',
    'conversionProbability',
    'model',
    'order',
    'totalConversions',
    'totalValue',
    'transitionMatrix',
  ]);
  assert.equal(attribute(paths, 'markov', { order: 2 }).order, 2);
  assert.deepEqual(Object.keys(attribute(paths, 'first')).sort(), [
    'channels',
    'model',
    'totalConversions',
    'totalValue',
  ]);
});

test('attributeAll puts every model side by side, rows in Markov order', () => {
  const all: AttributionComparison = attributeAll(paths);
  assert.deepEqual(Object.keys(all.models).sort(), [
    'first',
    'last',
    'linear',
    'markov',
    'position',
    'time_decay',
  ]);
  assert.equal(all.totalConversions, 2);
  assert.equal(all.totalValue, 30);
  assert.equal(all.order, 1);
  assert.deepEqual(
    all.rows.map((r) => [
      r.channel,
      r.conversions.first,
      r.conversions.last,
      r.conversions.linear,
      r.conversions.markov,
      r.removalEffect,
    ]),
    [
      ['B', 1, 1, 1, 1, 1],
      ['A', 1, 0, 0.5, 0.5, 0.5],
      ['C', 0, 1, 0.5, 0.5, 0.5],
    ],
  );
  assert.equal(all.rows[0]?.value.first, 20);
  assert.equal(attributeAll(paths, { order: 3 }).models.markov.order, 3);
});
