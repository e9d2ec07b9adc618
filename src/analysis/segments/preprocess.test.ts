import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureMatrix } from './feature-matrix.js';
import { rowOf } from './feature-matrix.js';
import { fitPreprocessor } from './preprocess.js';
import { prepareMatrix, prepareRow } from './prepare-row.js';
import { syntheticCustomers } from './test-data.js';

function matrix(columns: FeatureMatrix['columns'], rows: number[][]): FeatureMatrix {
  return { n: rows.length, columns, data: Float64Array.from(rows.flat()) };
}

const col = (p: ReturnType<typeof fitPreprocessor>, name: string) => {
  const c = p.columns.find((x) => x.name === name);
  assert.ok(c, `no column ${name}`);
  return c;
};

test('money and counts are logged, winsorised, filled with the median and standardised', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => [i === 0 ? 1e9 : 10 + (i % 50), i % 7 === 0 ? NaN : i % 10]);
  const p = fitPreprocessor(matrix([{ name: 'spend', kind: 'money' }, { name: 'age', kind: 'numeric' }], rows));
  const spend = col(p, 'spend');
  assert.equal(spend.transform, 'log1p');
  assert.ok(spend.high !== null && spend.high < Math.log1p(1e6), 'the extreme spend is clipped');
  const age = col(p, 'age');
  assert.equal(age.transform, 'none');
  assert.equal(age.fill, 5);
  const z = prepareMatrix(p, matrix([{ name: 'spend', kind: 'money' }, { name: 'age', kind: 'numeric' }], rows), false);
  let mean = 0;
  for (let i = 0; i < 1000; i++) mean += z[i * 2 + 1]! / 1000;
  assert.ok(Math.abs(mean) < 0.2);
});

test('constant and empty columns are dropped with a reason', () => {
  const rows = Array.from({ length: 100 }, (_, i) => [1, NaN, i]);
  const p = fitPreprocessor(matrix([{ name: 'c', kind: 'numeric' }, { name: 'e', kind: 'numeric' }, { name: 'x', kind: 'numeric' }], rows));
  assert.deepEqual(p.dropped, [{ name: 'c', reason: 'near-constant' }, { name: 'e', reason: 'no values' }]);
  assert.deepEqual(p.columns.map((c) => c.name), ['x']);
});

test('zero-inflated money: zeros count as missing (filled with the median of the rest)', () => {
  const rows = Array.from({ length: 200 }, (_, i) => [i < 50 ? 0 : 100 + i]);
  const p = fitPreprocessor(matrix([{ name: 'spend', kind: 'money' }], rows));
  const spend = col(p, 'spend');
  assert.equal(spend.zeroIsMissing, true);
  const out = new Float64Array(1);
  prepareRow(p, [0], out, 0, false);
  const zero = out[0];
  prepareRow(p, [NaN], out, 0, false);
  assert.equal(zero, out[0]);
});

test('an all-zero share block counts as missing; one-hot levels are kept unclipped', () => {
  const columns: FeatureMatrix['columns'] = [
    { name: 'cat_a', kind: 'share', group: 'mix' }, { name: 'cat_b', kind: 'share', group: 'mix' },
    { name: 'de', kind: 'category', group: 'country' }, { name: 'fr', kind: 'category', group: 'country' },
  ];
  const rows = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? [0, 0, 1, 0] : [0.3 + (i % 5) / 10, 0.7 - (i % 5) / 10, i % 3 === 0 ? 0 : 1, i % 3 === 0 ? 1 : 0]));
  const p = fitPreprocessor(matrix(columns, rows));
  assert.deepEqual(col(p, 'cat_a').emptyBlock, ['cat_a', 'cat_b']);
  assert.equal(col(p, 'de').low, null);
  const out = new Float64Array(p.columns.length);
  prepareRow(p, [0, 0, 1, 0], out, 0, false);
  assert.ok(Math.abs(out[0]!) < 1e-9 && Math.abs(out[1]!) < 1e-9, 'an empty mix sits at the block mean');
});

test('block exponent: 0 makes a block weigh as one column, 1 as one column per level', () => {
  const { matrix: m } = syntheticCustomers({ n: 2000, seed: 1 });
  const total = (e: number): number => fitPreprocessor(m, { blockExponent: e }).columns.filter((c) => c.group === 'country').reduce((s, c) => s + c.weight, 0);
  assert.ok(Math.abs(total(0) - 1) < 1e-9);
  assert.ok(Math.abs(total(1) - 6) < 1e-9);
});

test('prepareRow equals the rows of prepareMatrix, and survives a JSON round trip', () => {
  const { matrix: m } = syntheticCustomers({ n: 500, seed: 3 });
  const p = fitPreprocessor(m, { missingIndicators: true });
  assert.ok(p.columns.some((c) => c.transform === 'is-missing'));
  const back = JSON.parse(JSON.stringify(p)) as typeof p;
  const all = prepareMatrix(p, m);
  const e = p.columns.length;
  const out = new Float64Array(e);
  for (const i of [0, 17, 499]) {
    prepareRow(back, rowOf(m, i), out);
    assert.deepEqual(Array.from(out), Array.from(all.subarray(i * e, (i + 1) * e)));
  }
});
