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

test('silhouettes within 3% are a tie: a clearly more stable k (≥ 0.05) wins it, else the widest silhouette', () => {
  const s = (k: number, silhouette: number, stability: number) => ({ k, silhouette, stability, minSegmentStability: stability - 0.1 });
  // b2b demo, 4k contacts: k=4 is 1.3% wider but k=5 is far more stable
  const close = pickK([s(3, 0.085, 0.58), s(4, 0.09, 0.856), s(5, 0.0888, 0.922), s(6, 0.072, 0.884)]);
  assert.equal(close.k, 5);
  assert.match(close.because, /within 3% of k=4's 0\.090, and more stable: 0\.92 vs 0\.86/);
  // both very stable: the widest silhouette stays
  assert.equal(pickK([s(4, 0.128, 0.98), s(5, 0.13, 0.97)]).k, 5);
  assert.equal(pickK([s(4, 0.13, 0.97), s(5, 0.128, 0.98)]).k, 4);
  // outside the band stability does not matter
  assert.equal(pickK([s(4, 0.1, 0.8), s(5, 0.09, 0.99)]).k, 4);
});
