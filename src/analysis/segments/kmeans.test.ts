import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRng } from '../../shared/rng.js';
import { adjustedRandIndex } from './ari.js';
import { kmeans } from './kmeans.js';
import { sampleIndices } from './kmeans-init.js';

/** Gaussian blobs around well-separated centres; returns data and true labels. */
function blobs(n: number, d: number, k: number, spread: number, seed: number): { data: Float64Array; labels: Int32Array } {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, (_, c) => Array.from({ length: d }, (_, j) => (j === c % d ? 10 * (1 + Math.floor(c / d)) : 0)));
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = centres[c]![j]! + spread * rng.normal();
  }
  return { data, labels };
}

test('recovers well-separated blobs exactly', () => {
  const { data, labels } = blobs(3000, 4, 6, 1, 1);
  const fit = kmeans(data, 3000, 4, { k: 6, seed: 3 });
  assert.equal(adjustedRandIndex(fit.labels, labels), 1);
});

test('the same seed gives the same fit', () => {
  const { data } = blobs(2000, 3, 4, 4, 2);
  const a = kmeans(data, 2000, 3, { k: 4, seed: 11 });
  const b = kmeans(data, 2000, 3, { k: 4, seed: 11 });
  assert.deepEqual(a.labels, b.labels);
  assert.deepEqual(a.centroids, b.centroids);
});

test('restarts on a subsample then refinement on all rows still recover the blobs', () => {
  const { data, labels } = blobs(30_000, 5, 5, 1.5, 4);
  const fit = kmeans(data, 30_000, 5, { k: 5, seed: 1, restartSample: 2000 });
  assert.equal(adjustedRandIndex(fit.labels, labels), 1);
});

test('partition is invariant to row order (up to relabeling)', () => {
  const { data } = blobs(600, 2, 3, 1.2, 5);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), (permSeed) => {
      const perm = createRng(permSeed).shuffle(Array.from({ length: 600 }, (_, i) => i));
      const shuffled = new Float64Array(600 * 2);
      perm.forEach((src, dst) => shuffled.set(data.subarray(src * 2, src * 2 + 2), dst * 2));
      const a = kmeans(data, 600, 2, { k: 3, seed: 1 }).labels;
      const b = kmeans(shuffled, 600, 2, { k: 3, seed: 1 }).labels;
      const back = new Int32Array(600);
      perm.forEach((src, dst) => (back[src] = b[dst]!));
      return adjustedRandIndex(a, back) === 1;
    }),
    { numRuns: 25 },
  );
});

test('sampleIndices draws distinct sorted indices', () => {
  const idx = sampleIndices(100, 30, createRng(1));
  assert.equal(new Set(idx).size, 30);
  assert.deepEqual([...idx], [...idx].sort((a, b) => a - b));
});
