// Lists of numbers printed as text by either engine read back as the same numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumberList } from './list-text.js';

test('reads DuckDB and ClickHouse list text, NULL elements, empty and NULL lists', () => {
  assert.deepEqual(parseNumberList('[1, 2.5, NULL, -3e-7]'), [1, 2.5, null, -3e-7]);
  assert.deepEqual(parseNumberList('[1,2.5,NULL,-3e-7]'), [1, 2.5, null, -3e-7]);
  assert.deepEqual(parseNumberList('[0.30000000000000004, 6666666666.666666]'), [0.1 + 0.2, (2 / 3) * 1e10]);
  assert.deepEqual(parseNumberList('[]'), []);
  assert.deepEqual(parseNumberList(null), []);
  assert.deepEqual(parseNumberList('[inf,-inf,nan]').map(String), ['Infinity', '-Infinity', 'NaN']);
});

test('refuses what is not a list of numbers', () => {
  assert.throws(() => parseNumberList('1, 2'), /not a list/);
  assert.throws(() => parseNumberList('[1, two]'), /not a number/);
  assert.throws(() => parseNumberList('[1, , 2]'), /not a number/);
});
