// Hand-computed Markov attribution cases: transition matrix, P(conversion), removal effects and credit, orders 1 and 2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttributionResult } from './attribution-result.js';
import { pathStates } from './markov-chain-fit.js';
import { markovAttribution } from './markov.js';
import type { PathAggregate } from './paths.js';

const close = (actual: number | undefined, expected: number, what: string): void =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= 1e-9, `${what}: ${actual} ≠ ${expected}`);

const row = (r: AttributionResult, channel: string) => {
  const found = r.channels.find((c) => c.channel === channel);
  assert.ok(found, `no row for ${channel}`);
  return found;
};

/*
 * Paths {A>B conv 1 (value 10), A null 1, B>C conv 1 (value 20)}, order 1. Each path adds its
 * journeys (conv + null) to every transition it walks:
 *   (start): A 2, B 1 → A 2/3, B 1/3      A: B 1, null 1 → 1/2, 1/2
 *   B: conv 1, C 1 → 1/2, 1/2             C: conv 1 → 1
 * P(conv from s): x_C = 1, x_B = 1/2 + 1/2·1 = 1, x_A = 1/2·x_B = 1/2, x_start = 2/3·1/2 + 1/3·1 = 2/3
 * (= 2 conversions / 3 journeys, as it must be for a chain fitted to the paths).
 * Removing a channel sends journeys entering it to null:
 *   without A: x_start = 1/3·1 = 1/3            → removal effect 1 − (1/3)/(2/3) = 1/2
 *   without B: x_A = 0, x_start = 0             → 1
 *   without C: x_B = 1/2, x_A = 1/4, x_start = 2/3·1/4 + 1/3·1/2 = 1/3 → 1/2
 * Sum 2, 2 conversions: A 2·(1/2)/2 = 1/2, B 1, C 1/2.
 * Value: mean value after B is 10 (path 1 ends there), after C 20. Expected value y:
 *   y_C = 20, y_B = 1/2·10 + 1/2·20 = 15, y_A = 7.5, y_start = 2/3·7.5 + 1/3·15 = 10
 *   without A: 1/3·15 = 5 → 1/2;  without B: 0 → 1;  without C: y_B = 5, y_A = 2.5, y_start = 10/3 → 2/3
 * Sum 13/6, total value 30: A 30·(1/2)·6/13 = 90/13, B 180/13, C 120/13.
 */
const small: PathAggregate[] = [
  { channels: ['A', 'B'], conversions: 1, value: 10, nulls: 0 },
  { channels: ['A'], conversions: 0, value: 0, nulls: 1 },
  { channels: ['B', 'C'], conversions: 1, value: 20, nulls: 0 },
];

test('order 1 on the small case matches the hand computation', () => {
  const r = markovAttribution(small);
  assert.equal(r.order, 1);
  close(r.conversionProbability, 2 / 3, 'P(conv)');
  assert.deepEqual(r.transitionMatrix, {
    '(start)': { A: 2 / 3, B: 1 / 3 },
    A: { B: 0.5, '(null)': 0.5 },
    B: { C: 0.5, '(conversion)': 0.5 },
    C: { '(conversion)': 1 },
  });
  const expected = {
    A: [0.5, 0.5, 0.5, 90 / 13],
    B: [1, 1, 1, 180 / 13],
    C: [0.5, 0.5, 2 / 3, 120 / 13],
  } as const;
  for (const [channel, [re, conv, vre, value]] of Object.entries(expected)) {
    const c = row(r, channel);
    close(c.removalEffect, re, `${channel} removal effect`);
    close(c.conversions, conv, `${channel} conversions`);
    close(c.share, conv / 2, `${channel} share`);
    close(c.valueRemovalEffect, vre, `${channel} value removal effect`);
    close(c.value, value, `${channel} value`);
  }
  assert.deepEqual(
    r.channels.map((c) => c.channel),
    ['B', 'A', 'C'],
    'by conversions desc, ties by name',
  );
});

/*
 * Paths {A>B>A conv 1, A>B null 1, B conv 1}.
 * Order 1: (start): A 2, B 1;  A: B 2, conv 1;  B: A 1, null 1, conv 1.
 *   x_A = 1/3 + 2/3·x_B, x_B = 1/3 + 1/3·x_A → x_A = 5/7, x_B = 4/7, x_start = 2/3·5/7 + 1/3·4/7 = 2/3
 *   without A: x_B = 1/3, x_start = 1/9 → 5/6;  without B: x_A = 1/3, x_start = 2/9 → 2/3
 *   sum 3/2: A 2·(5/6)/(3/2) = 10/9, B 2·(2/3)/(3/2) = 8/9
 * Order 2: states are pairs of consecutive touches, a shorter path is one state of its own:
 *   A>B>A walks (A,B) → (B,A); A>B walks (A,B); B walks (B).
 *   (start): AB 2, B 1;  AB: BA 1, null 1;  BA: conv 1;  B: conv 1.
 *   x_start = 2/3·1/2 + 1/3·1 = 2/3; without A (AB, BA gone): 1/3 → 1/2; without B (all gone): 0 → 1
 *   sum 3/2: A 2·(1/2)/(3/2) = 2/3, B 4/3 — the second order sees that B alone converts.
 */
const loop: PathAggregate[] = [
  { channels: ['A', 'B', 'A'], conversions: 1, value: 0, nulls: 0 },
  { channels: ['A', 'B'], conversions: 0, value: 0, nulls: 1 },
  { channels: ['B'], conversions: 1, value: 0, nulls: 0 },
];

test('order 1 and order 2 on a path with a return visit', () => {
  const r1 = markovAttribution(loop, { order: 1 });
  close(row(r1, 'A').removalEffect, 5 / 6, 'order 1 A removal');
  close(row(r1, 'B').removalEffect, 2 / 3, 'order 1 B removal');
  close(row(r1, 'A').conversions, 10 / 9, 'order 1 A');
  close(row(r1, 'B').conversions, 8 / 9, 'order 1 B');
  const r2 = markovAttribution(loop, { order: 2 });
  assert.equal(r2.order, 2);
  assert.equal(r2.transitionMatrix, undefined, 'matrix for display at order 1 only');
  close(r2.conversionProbability, 2 / 3, 'order 2 P(conv)');
  close(row(r2, 'A').removalEffect, 1 / 2, 'order 2 A removal');
  close(row(r2, 'B').removalEffect, 1, 'order 2 B removal');
  close(row(r2, 'A').conversions, 2 / 3, 'order 2 A');
  close(row(r2, 'B').conversions, 4 / 3, 'order 2 B');
  // All values are 0, so value credit is 0 everywhere rather than NaN.
  assert.ok(r2.channels.every((c) => c.value === 0));
});

test('states: windows of k touches, shorter paths whole, consecutive repeats merged', () => {
  assert.deepEqual(pathStates([0, 0, 1], 1), [[0], [1]]);
  assert.deepEqual(pathStates([0, 1, 2, 3], 2), [
    [0, 1],
    [1, 2],
    [2, 3],
  ]);
  assert.deepEqual(pathStates([0, 1], 3), [[0, 1]]);
  assert.deepEqual(pathStates([0, 0, 0, 1], 2), [
    [0, 0],
    [0, 1],
  ]);
  assert.deepEqual(pathStates([0, 1, 0, 1], 2), [
    [0, 1],
    [1, 0],
    [0, 1],
  ]);
});

test('merging repeats changes the displayed matrix but no removal effect', () => {
  // a > a > b is walked as a > b: a self-loop only delays absorption, it never changes where it ends.
  const r = markovAttribution([
    { channels: ['a', 'a', 'b'], conversions: 1, value: 1, nulls: 1 },
    { channels: ['b', 'b'], conversions: 0, value: 0, nulls: 1 },
  ]);
  const plain = markovAttribution([
    { channels: ['a', 'b'], conversions: 1, value: 1, nulls: 1 },
    { channels: ['b'], conversions: 0, value: 0, nulls: 1 },
  ]);
  assert.deepEqual(r, plain);
  assert.equal(r.transitionMatrix?.a?.a, undefined);
});

test('no conversions: every credit and share is 0', () => {
  const r = markovAttribution([{ channels: ['a', 'b'], conversions: 0, value: 0, nulls: 3 }], { order: 3 });
  assert.equal(r.totalConversions, 0);
  assert.deepEqual(
    r.channels.map((c) => [c.channel, c.conversions, c.share, c.removalEffect]),
    [
      ['a', 0, 0, 0],
      ['b', 0, 0, 0],
    ],
  );
  assert.throws(() => markovAttribution([], { order: 4 as 1 }), /order must be 1, 2 or 3/);
});
