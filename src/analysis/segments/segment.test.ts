import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRng } from '../../shared/rng.js';
import { adjustedRandIndex } from './ari.js';
import { rowOf, selectRows } from './feature-matrix.js';
import { assign, fitSegments } from './segment.js';
import type { SegmentModel } from './segment.js';
import { syntheticCustomers } from './test-data.js';

test('recovers the planted overlapping segments at 10k customers (ARI ≥ 0.9), and assign() agrees with the fit', () => {
  const { matrix, labels, k } = syntheticCustomers({ n: 10_000, seed: 1 });
  const fit = fitSegments(matrix, { seed: 42 });
  const ari = adjustedRandIndex(fit.labels, labels);
  assert.equal(fit.k, k, fit.chosenBecause);
  assert.ok(ari >= 0.9, `ARI ${ari.toFixed(3)}`);
  assert.deepEqual(fit.kScores.map((s) => s.k), [2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(fit.stability.perSegment.length, k);
  assert.ok(fit.stability.overall > 0.8);
  // the model as it is stored (JSON) assigns every row as the fit did
  const model = JSON.parse(JSON.stringify(fit.model)) as SegmentModel;
  for (let i = 0; i < matrix.n; i++) assert.equal(assign(model, rowOf(matrix, i)), fit.labels[i]);
  // segment 0 is the largest
  assert.deepEqual([...fit.model.shares].sort((a, b) => b - a), fit.model.shares);
});

test('the same seed gives the same model, scores and labels', () => {
  const { matrix } = syntheticCustomers({ n: 2000, seed: 2 });
  const a = fitSegments(matrix, { seed: 5, kRange: [2, 6] });
  const b = fitSegments(matrix, { seed: 5, kRange: [2, 6] });
  assert.deepEqual(a.labels, b.labels);
  assert.deepEqual(a.kScores, b.kScores);
  assert.equal(JSON.stringify(a.model), JSON.stringify(b.model));
});

test('permuting the rows gives the same segments (property)', () => {
  const { matrix } = syntheticCustomers({ n: 800, seed: 4 });
  const base = fitSegments(matrix, { seed: 1, k: 4 });
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (permSeed) => {
      const perm = createRng(permSeed).shuffle(Array.from({ length: matrix.n }, (_, i) => i));
      const fit = fitSegments(selectRows(matrix, perm), { seed: 1, k: 4 });
      // identical partition and even identical segment numbers (segments are numbered by size)
      return perm.every((src, dst) => fit.labels[dst] === base.labels[src]) && adjustedRandIndex(fit.labels, perm.map((i) => base.labels[i]!)) === 1;
    }),
    { numRuns: 8 },
  );
});

test('k given: no choice is made; a sample fit labels every row by the model', () => {
  const { matrix } = syntheticCustomers({ n: 3000, seed: 6 });
  const fit = fitSegments(matrix, { seed: 1, k: 3, sampleSize: 1000 });
  assert.equal(fit.k, 3);
  assert.deepEqual(fit.kScores, []);
  assert.equal(fit.chosenBecause, 'k=3 was given');
  assert.equal(fit.labels.length, 3000);
  for (const i of [0, 999, 2999]) assert.equal(fit.labels[i], assign(fit.model, rowOf(matrix, i)));
  assert.throws(() => fitSegments(matrix, { seed: 1, k: 0 }), /k must be/);
});
