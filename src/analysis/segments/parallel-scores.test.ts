import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../shared/rng.js';
import { scoreKs } from './choose-k.js';
import { scoreKsParallel } from './parallel-scores.js';

test('scores from two threads equal the single-thread scores', () => {
  const rng = createRng(3);
  const n = 1200;
  const d = 4;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = rng.normal() + (j === 0 ? 6 * (i % 3) : 0);
  const options = { seed: 2, kRange: [2, 6] as [number, number], silhouetteSample: 500, stabilitySample: 600, resamples: 3 };
  const parallel = scoreKsParallel(data, n, d, options);
  assert.deepEqual(parallel, scoreKs(data, n, d, options));
  assert.deepEqual(parallel.map((s) => s.k), [2, 3, 4, 5, 6]);
});
