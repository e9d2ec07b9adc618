// Hand-computed cases for first touch, last touch, linear, time decay and position-based attribution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttributionResult } from './attribution-result.js';
import { heuristicAttribution, touchWeights } from './heuristics.js';
import type { PathAggregate } from './paths.js';

const close = (actual: number, expected: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= 1e-9, `${what}: ${actual} ≠ ${expected}`);

const byChannel = (r: AttributionResult): Record<string, [number, number]> =>
  Object.fromEntries(r.channels.map((c) => [c.channel, [c.conversions, c.value]]));

// {A>B conv 1 value 10, A null 1, B>C conv 1 value 20}: only the two converting paths carry credit.
const paths: PathAggregate[] = [
  { channels: ['A', 'B'], conversions: 1, value: 10, nulls: 0 },
  { channels: ['A'], conversions: 0, value: 0, nulls: 1 },
  { channels: ['B', 'C'], conversions: 1, value: 20, nulls: 0 },
];

test('first, last and linear on the small case', () => {
  // first: A gets path 1 (1, 10), B gets path 3 (1, 20); last: B path 1, C path 3; linear: halves of each.
  assert.deepEqual(byChannel(heuristicAttribution(paths, 'first')), { A: [1, 10], B: [1, 20], C: [0, 0] });
  assert.deepEqual(byChannel(heuristicAttribution(paths, 'last')), { B: [1, 10], C: [1, 20], A: [0, 0] });
  assert.deepEqual(byChannel(heuristicAttribution(paths, 'linear')), {
    B: [1, 15],
    A: [0.5, 5],
    C: [0.5, 10],
  });
  const r = heuristicAttribution(paths, 'linear');
  assert.deepEqual(
    r.channels.map((c) => [c.channel, c.share]),
    [
      ['B', 0.5],
      ['A', 0.25],
      ['C', 0.25],
    ],
  );
  assert.equal(r.totalConversions, 2);
  assert.equal(r.totalValue, 30);
});

test('repeated channels are separate touches, as in ChannelAttribution', () => {
  const r = heuristicAttribution(
    [{ channels: ['a', 'a', 'b'], conversions: 3, value: 6, nulls: 0 }],
    'linear',
  );
  assert.deepEqual(byChannel(r), { a: [2, 4], b: [1, 2] });
});

test('position-based: 40/20/40 with the middle shared, two touches split evenly', () => {
  const path = (n: number): PathAggregate => ({
    channels: Array.from({ length: n }, (_, i) => `c${i}`),
    conversions: 1,
    value: 1,
    nulls: 0,
  });
  assert.deepEqual(touchWeights('position', path(1)), [1]);
  assert.deepEqual(touchWeights('position', path(2)), [0.5, 0.5]);
  touchWeights('position', path(3)).forEach((w, i) => close(w, [0.4, 0.2, 0.4][i] as number, `touch ${i}`));
  touchWeights('position', path(4)).forEach((w, i) =>
    close(w, [0.4, 0.1, 0.1, 0.4][i] as number, `touch ${i}`),
  );
  // Custom 30/50: middle gets 0.2 over two touches; two touches get 0.3/0.8 and 0.5/0.8.
  const opts = { positionWeights: { first: 0.3, last: 0.5 } };
  touchWeights('position', path(4), opts).forEach((w, i) =>
    close(w, [0.3, 0.1, 0.1, 0.5][i] as number, `touch ${i}`),
  );
  touchWeights('position', path(2), opts).forEach((w, i) =>
    close(w, [0.375, 0.625][i] as number, `touch ${i}`),
  );
  assert.throws(
    () => heuristicAttribution([path(3)], 'position', { positionWeights: { first: 0.7, last: 0.5 } }),
    /first \+ last ≤ 1/,
  );
});

test('time decay halves the weight per half-life of age', () => {
  // Ages 336 h, 168 h, 0 h with a 168 h half-life: raw weights 1/4, 1/2, 1, sum 7/4 → 1/7, 2/7, 4/7.
  const p: PathAggregate = {
    channels: ['a', 'b', 'c'],
    conversions: 7,
    value: 14,
    nulls: 0,
    hoursBeforeConversion: [336, 168, 0],
  };
  const r = heuristicAttribution([p], 'time_decay', { halfLifeHours: 168 });
  const got = byChannel(r);
  close(got.a?.[0] ?? Number.NaN, 1, 'a');
  close(got.b?.[0] ?? Number.NaN, 2, 'b');
  close(got.c?.[0] ?? Number.NaN, 4, 'c');
  close(got.c?.[1] ?? Number.NaN, 8, 'c value');
  assert.equal(r.pathsWithoutAges, 0);
  // Default half-life is 7 days: ages of 0 and 7 days give 1 and 1/2 → 2/3 and 1/3.
  const w = touchWeights('time_decay', {
    channels: ['x', 'y'],
    conversions: 1,
    value: 0,
    nulls: 0,
    hoursBeforeConversion: [168, 0],
  });
  close(w[0] as number, 1 / 3, 'x');
  close(w[1] as number, 2 / 3, 'y');
  // Ages far in the past do not underflow: only the differences matter.
  const old = touchWeights('time_decay', {
    channels: ['x', 'y'],
    conversions: 1,
    value: 0,
    nulls: 0,
    hoursBeforeConversion: [1e6 + 168, 1e6],
  });
  close(old[0] as number, 1 / 3, 'old x');
});

test('time decay without ages falls back to one half-life per step back from the last touch', () => {
  // Three touches → weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7, whatever the half-life.
  const p: PathAggregate = { channels: ['a', 'b', 'c'], conversions: 1, value: 0, nulls: 0 };
  const r = heuristicAttribution([p, { ...p, conversions: 0, nulls: 4 }], 'time_decay', { halfLifeHours: 5 });
  const got = byChannel(r);
  close(got.a?.[0] ?? Number.NaN, 1 / 7, 'a');
  close(got.b?.[0] ?? Number.NaN, 2 / 7, 'b');
  close(got.c?.[0] ?? Number.NaN, 4 / 7, 'c');
  assert.equal(r.pathsWithoutAges, 1, 'only converting paths are counted');
  assert.throws(
    () => heuristicAttribution([p], 'time_decay', { halfLifeHours: 0 }),
    /halfLifeHours must be a positive number/,
  );
});

test('journeys without touchpoints stay outside the totals and are reported', () => {
  const r = heuristicAttribution([...paths, { channels: [], conversions: 2, value: 7, nulls: 5 }], 'last');
  assert.equal(r.totalConversions, 2);
  assert.deepEqual(r.unattributed, { conversions: 2, value: 7, nulls: 5 });
  assert.equal(heuristicAttribution(paths, 'last').unattributed, undefined);
});
