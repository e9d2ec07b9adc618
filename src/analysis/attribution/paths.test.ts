// Tests for path notation, validation and the ChannelAttribution path table reader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePathTable } from './path-table.js';
import { formatPath, parsePath, usablePaths, validatePaths } from './paths.js';
import type { PathAggregate } from './paths.js';

test('parsePath reads both notations and trims', () => {
  assert.deepEqual(parsePath('a > b > c'), ['a', 'b', 'c']);
  assert.deepEqual(parsePath('a;b;c'), ['a', 'b', 'c']);
  assert.deepEqual(parsePath(' paid search>email '), ['paid search', 'email']);
  assert.deepEqual(parsePath('a >  > b'), ['a', 'b']);
  assert.deepEqual(parsePath(''), []);
  assert.equal(formatPath(parsePath('a;b')), 'a > b');
});

test('validatePaths names the first bad aggregate', () => {
  const ok: PathAggregate = { channels: ['a'], conversions: 1, value: 2, nulls: 0 };
  assert.doesNotThrow(() => validatePaths([ok]));
  const bad = (p: Partial<PathAggregate>): string => {
    try {
      validatePaths([ok, { ...ok, ...p }]);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.equal(
    bad({ conversions: -1 }),
    'attribution: path 2 (a): conversions must be a finite number ≥ 0, got -1',
  );
  assert.equal(
    bad({ nulls: Number.NaN }),
    'attribution: path 2 (a): nulls must be a finite number ≥ 0, got NaN',
  );
  assert.equal(
    bad({ conversions: 0, value: 3 }),
    'attribution: path 2 (a): value is 3 but there are no conversions',
  );
  assert.equal(
    bad({ hoursBeforeConversion: [1, 2] }),
    'attribution: path 2 (a): hoursBeforeConversion has 2 ages for 1 touches',
  );
  assert.equal(
    bad({ hoursBeforeConversion: [-1] }),
    'attribution: path 2 (a): hoursBeforeConversion must be finite and ≥ 0',
  );
  assert.equal(bad({ channels: ['a', ' '] }), 'attribution: path 2 (a >  ): has an empty channel name');
});

test('usablePaths drops empty paths and paths without journeys', () => {
  const paths: PathAggregate[] = [
    { channels: [], conversions: 3, value: 1, nulls: 0 },
    { channels: ['a'], conversions: 0, value: 0, nulls: 0 },
    { channels: ['b'], conversions: 0, value: 0, nulls: 2 },
  ];
  assert.deepEqual(
    usablePaths(paths).map((p) => p.channels),
    [['b']],
  );
});

test('parsePathTable reads the package layout, with or without value and null columns', () => {
  const rows = parsePathTable(
    'path;total_conversions;total_conversion_value;total_null\neta > iota;1;0.5;3\nalpha;0;0;2\n',
  );
  assert.deepEqual(rows, [
    { channels: ['eta', 'iota'], conversions: 1, value: 0.5, nulls: 3 },
    { channels: ['alpha'], conversions: 0, value: 0, nulls: 2 },
  ]);
  assert.deepEqual(parsePathTable('path,conversions\na;b,2\n'), [
    { channels: ['a', 'b'], conversions: 2, value: 0, nulls: 0 },
  ]);
  assert.throws(
    () => parsePathTable('path;total_conversions\na;x\n'),
    /line 2: "x" in column total_conversions is not a number/,
  );
  assert.throws(() => parsePathTable('route;n\n'), /need columns path and total_conversions/);
});
