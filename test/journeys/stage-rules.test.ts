// Stage rules: globs become escaped LIKE patterns; configured rules replace the shipped ones; repeat orders are retention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duckdbDialect } from '../../src/engine/duckdb/duckdb-dialect.js';
import { DEFAULT_STAGE_RULES, effectiveRules, globToLike, stageSql } from '../../src/analysis/journeys/stage-rules.js';

test('globs: * is any text; %, _ and backslash match themselves', () => {
  assert.equal(globToLike('*pricing*'), '%pricing%');
  assert.equal(globToLike('order_completed'), 'order\\_completed');
  assert.equal(globToLike('100%'), '100\\%');
  assert.equal(globToLike('a\\b'), 'a\\\\b');
});

test('configured rules replace the shipped ones; none configured keeps the defaults', () => {
  assert.equal(effectiveRules(undefined), DEFAULT_STAGE_RULES);
  assert.deepEqual(effectiveRules([]), []);
  const { sql, params } = stageSql(duckdbDialect, [{ stage: 'decision', event: 'buy*', url: '*/cart' }], 'e');
  assert.deepEqual(params, { sr0_event: 'buy%', sr0_url: '%/cart' });
  assert.match(sql, /^CASE WHEN e."stage" IS NOT NULL THEN e."stage" ELSE CASE WHEN .* THEN 'decision' END END$/);
  assert.equal(stageSql(duckdbDialect, [], 'e').sql, 'e."stage"');
});

test('the shipped rules try repeat orders (retention) before completed orders (decision)', () => {
  const repeat = DEFAULT_STAGE_RULES.findIndex((r) => r.event === '*repeat_order*');
  const first = DEFAULT_STAGE_RULES.findIndex((r) => r.event === '*order_completed*');
  assert.ok(repeat >= 0 && first > repeat);
  assert.ok(DEFAULT_STAGE_RULES.some((r) => r.stage === 'consideration' && r.url === '*pricing*'));
});
