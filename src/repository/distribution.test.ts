// PSI and overlap on fine histograms: zero for equal distributions, large for shifted ones, reference deciles, discrete features.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { binOf, groupBounds, histogramMean, overlap, psi, type Histogram } from './distribution.js';
import { createRng, type Rng } from '../shared/rng.js';

function hist(values: (number | null)[]): Histogram {
  const h: Histogram = { n: 0, nulls: 0, bins: {} };
  for (const v of values) {
    h.n++;
    if (v === null) h.nulls++;
    else h.bins[String(binOf(v))] = (h.bins[String(binOf(v))] ?? 0) + 1;
  }
  return h;
}

const normal = (rng: Rng, mean: number, sd: number, n: number): number[] => Array.from({ length: n }, () => mean + sd * rng.normal());

describe('population stability index', () => {
  const rng = createRng(3);
  const base = hist(normal(rng, 100, 20, 5000));

  it('is about zero for two samples of one distribution', () => {
    const again = hist(normal(rng, 100, 20, 5000));
    assert.ok(psi(base, again) < 0.02, `psi ${psi(base, again)}`);
  });

  it('crosses the usual 0.25 alarm for a shift of one standard deviation, and grows with the shift', () => {
    const small = psi(base, hist(normal(rng, 105, 20, 5000)));
    const big = psi(base, hist(normal(rng, 120, 20, 5000)));
    assert.ok(small < 0.1, `small shift psi ${small}`);
    assert.ok(big > 0.25, `big shift psi ${big}`);
  });

  it('handles discrete features (a 0/1 flag) and missing values', () => {
    const flags = (p: number, n: number): number[] => Array.from({ length: n }, () => (rng.next() < p ? 1 : 0));
    assert.ok(psi(hist(flags(0.3, 4000)), hist(flags(0.3, 4000))) < 0.01);
    assert.ok(psi(hist(flags(0.3, 4000)), hist(flags(0.7, 4000))) > 0.25);
    const withNulls = hist([...normal(rng, 100, 20, 2000), ...Array<null>(2000).fill(null)]);
    assert.ok(psi(base, withNulls) > 0.25, 'half the values going missing is drift');
  });

  it('cuts the reference into about ten groups of equal mass', () => {
    const bounds = groupBounds(base);
    assert.ok(bounds.length >= 8 && bounds.length <= 11, `groups ${bounds.length}`);
    const one = groupBounds(hist([...Array<number>(700).fill(0), ...Array<number>(300).fill(1)]));
    assert.deepEqual(one, [binOf(0), binOf(1)]);
  });

  it('keeps means readable on the asinh scale', () => {
    const m = histogramMean(base) as number;
    assert.ok(Math.abs(m - 100) < 5, `mean ${m}`);
  });
});

describe('overlap of two distributions', () => {
  const rng = createRng(5);
  it('is 1 for one distribution and near 0 for disjoint ones', () => {
    const a = hist(normal(rng, 10, 1, 3000));
    assert.ok(overlap(a, hist(normal(rng, 10, 1, 3000))) > 0.9);
    assert.ok(overlap(a, hist(normal(rng, 100, 1, 3000))) < 0.05);
    assert.equal(overlap(a, a), 1);
  });
});
