import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex, normalizedMutualInfo } from './ari.js';

test('identical labelings score 1', () => {
  const a = [0, 0, 1, 1, 2, 2, 2];
  assert.equal(adjustedRandIndex(a, a), 1);
  assert.equal(normalizedMutualInfo(a, a), 1);
});

test('permuted label names score 1', () => {
  assert.equal(adjustedRandIndex([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9]), 1);
  assert.ok(Math.abs(normalizedMutualInfo([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1]) - 1) < 1e-12);
});

test('known small example, by hand', () => {
  // contingency [[2,1],[0,3]]: Σ C(cell,2) = 1 + 3 = 4; rows Σ C(3,2)·2 = 6; columns C(2,2) + C(4,2) = 7;
  // expected = 6·7 / C(6,2) = 2.8; max = (6 + 7) / 2 = 6.5; ARI = (4 − 2.8) / (6.5 − 2.8) = 12/37
  const ari = adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1]);
  assert.ok(Math.abs(ari - 12 / 37) < 1e-12, String(ari));
});

test('independent labelings score near 0, splitting one cluster scores below 1', () => {
  const a = Array.from({ length: 1000 }, (_, i) => i % 4);
  const b = Array.from({ length: 1000 }, (_, i) => Math.floor(i / 250));
  assert.ok(Math.abs(adjustedRandIndex(a, b)) < 0.01);
  const split = a.map((l, i) => (l === 0 && i % 8 === 0 ? 4 : l));
  const v = adjustedRandIndex(a, split);
  assert.ok(v > 0.5 && v < 1);
});

test('rejects labelings of different lengths', () => {
  assert.throws(() => adjustedRandIndex([0, 1], [0]), /differ in length/);
});
