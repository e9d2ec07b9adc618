import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../shared/rng.js';
import { chooseK, pickK } from './choose-k.js';

function blobs(n: number, k: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const data = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    data[i * 3] = 8 * Math.cos((2 * Math.PI * c) / k) + rng.normal();
    data[i * 3 + 1] = 8 * Math.sin((2 * Math.PI * c) / k) + rng.normal();
    data[i * 3 + 2] = rng.normal();
  }
  return data;
}

test('finds the planted k on clearly separated data and reports every k', () => {
  for (const k of [3, 4, 6]) {
    const choice = chooseK(blobs(1500, k, k), 1500, 3, { seed: 1, kRange: [2, 8], silhouetteSample: 800, stabilitySample: 800, resamples: 4 });
    assert.equal(choice.k, k, choice.because);
    assert.deepEqual(choice.scores.map((s) => s.k), [2, 3, 4, 5, 6, 7, 8]);
    assert.match(choice.because, new RegExp(`^k=${k}: widest silhouette`));
  }
});

test('an unstable k is passed over even with the widest silhouette', () => {
  const choice = pickK([
    { k: 2, silhouette: 0.1, stability: 0.95, minSegmentStability: 0.9 },
    { k: 3, silhouette: 0.2, stability: 0.9, minSegmentStability: 0.3 },
    { k: 4, silhouette: 0.15, stability: 0.8, minSegmentStability: 0.7 },
  ]);
  assert.equal(choice.k, 4);
  const none = pickK([{ k: 2, silhouette: 0.1, stability: 0.5, minSegmentStability: 0.2 }, { k: 3, silhouette: 0.2, stability: 0.6, minSegmentStability: 0.1 }]);
  assert.equal(none.k, 3);
  assert.match(none.because, /no k reached stability/);
});
