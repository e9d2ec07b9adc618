// Tests for the sparse absorbing chain: normalisation and the Gauss–Seidel absorption solve.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildChain, newStateCounts, solveAbsorption } from './absorbing-chain.js';

test('rows are normalised over next states, conversion and null', () => {
  const s0 = newStateCounts();
  s0.next.set(2, 3);
  s0.next.set(1, 1);
  const s1 = newStateCounts();
  s1.conversion = 1;
  s1.null = 3;
  const chain = buildChain([s0, s1, newStateCounts()]);
  assert.deepEqual([...chain.rowStart], [0, 2, 2, 2]);
  assert.deepEqual([...chain.col], [1, 2], 'columns sorted');
  assert.deepEqual([...chain.prob], [0.25, 0.75]);
  assert.deepEqual([...chain.toConversion], [0, 0.25, 0]);
  assert.deepEqual([...chain.toNull], [0, 0.75, 1], 'a state with no counts ends in null');
});

test('a two-state cycle: x0 = 0.1 + 0.5·x1, x1 = 0.2 + 0.8·x0 → x0 = 0.2/0.6 = 1/3, x1 = 7/15', () => {
  // 0 → 1 (5), conv (1), null (4);  1 → 0 (4), conv (1)
  const a = newStateCounts();
  a.next.set(1, 5);
  a.conversion = 1;
  a.null = 4;
  const b = newStateCounts();
  b.next.set(0, 4);
  b.conversion = 1;
  const chain = buildChain([a, b]);
  const x = solveAbsorption(chain, chain.toConversion);
  assert.ok(
    Math.abs((x[0] as number) - 1 / 3) < 1e-13 && Math.abs((x[1] as number) - 7 / 15) < 1e-13,
    String([...x]),
  );
  // Removing state 1: x0 = 0.1, x1 = 0.
  const without = solveAbsorption(chain, chain.toConversion, { removed: Uint8Array.of(0, 1), start: x });
  assert.ok(Math.abs((without[0] as number) - 0.1) < 1e-13 && without[1] === 0, String([...without]));
});
