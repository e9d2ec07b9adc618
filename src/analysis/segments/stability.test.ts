import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../shared/rng.js';
import { bestJaccard, bootstrapStability } from './stability.js';
import { distanceCache, silhouette } from './silhouette.js';

test('best Jaccard overlap, by hand', () => {
  // a: {0,1,2} {3,4,5}; b: {0,1} {2,3,4,5} → cluster 0: best 2/3 (with b0), cluster 1: 3/4 (with b1)
  const j = bestJaccard(Int32Array.from([0, 0, 0, 1, 1, 1]), Int32Array.from([0, 0, 1, 1, 1, 1]), 2);
  assert.ok(Math.abs(j[0]! - 2 / 3) < 1e-12);
  assert.ok(Math.abs(j[1]! - 3 / 4) < 1e-12);
});

test('separated clusters are stable, and their silhouette is near 1', () => {
  const rng = createRng(2);
  const n = 600;
  const data = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    data[i * 2] = 50 * (i % 3) + rng.normal();
    data[i * 2 + 1] = rng.normal();
  }
  const s = bootstrapStability(data, n, 2, labels, { k: 3, seed: 1, resamples: 4 });
  assert.equal(s.overall, 1);
  assert.deepEqual(s.perSegment, [1, 1, 1]);
  const sil = silhouette(distanceCache(data, 2, Int32Array.from({ length: n }, (_, i) => i)), labels, 3);
  assert.ok(sil > 0.95, String(sil));
});

test('silhouette of a tiny example, by hand', () => {
  // points 0, 1 (cluster 0) and 10 (cluster 1): s(0) = (10 − 1)/10, s(1) = (9 − 1)/9, s(10) = 0 (singleton)
  const cache = distanceCache(Float64Array.from([0, 1, 10]), 1, [0, 1, 2]);
  const s = silhouette(cache, [0, 0, 1], 2);
  assert.ok(Math.abs(s - (0.9 + 8 / 9) / 3) < 1e-6, String(s));
});
