import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../shared/rng.js';
import { adjustedRandIndex } from './ari.js';
import { fitGmm, gmmLabels } from './gmm.js';
import { kmeans } from './kmeans.js';

test('EM from k-means recovers components of different spreads', () => {
  const rng = createRng(5);
  const n = 3000;
  const data = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 2;
    labels[i] = c;
    const spread = [0.5, 1, 2][c]!;
    data[i * 2] = [0, 6, 16][c]! + spread * rng.normal();
    data[i * 2 + 1] = spread * rng.normal();
  }
  const start = kmeans(data, n, 2, { k: 3, seed: 1 });
  const g = fitGmm(data, n, 2, start.labels, 3);
  assert.ok(adjustedRandIndex(gmmLabels(g, data, n), labels) > 0.95);
  const props = Array.from(g.proportions).sort();
  for (const p of props) assert.ok(Math.abs(p - 1 / 3) < 0.03);
});
