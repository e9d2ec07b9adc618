import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctfidf, ctfidfWeight } from './ctfidf.js';

test('c-TF-IDF on a hand-computed example', () => {
  // class A: bag ×3, seat ×1 (n = 4); class B: seat ×2, wifi ×2 (n = 4); A = mean n = 4
  // bag in A: 3/4 · ln(1 + 4/3); seat in A: 1/4 · ln(1 + 4/3); seat in B: 2/4 · ln(1 + 4/3); wifi in B: 2/4 · ln(1 + 4/2)
  const [a, b] = ctfidf([new Map([['bag', 3], ['seat', 1]]), new Map([['seat', 2], ['wifi', 2]])]);
  const close = (x: number | undefined, y: number): void => assert.ok(Math.abs((x ?? NaN) - y) < 1e-12, `${x} vs ${y}`);
  close(a?.get('bag'), 0.75 * Math.log(1 + 4 / 3));
  close(a?.get('seat'), 0.25 * Math.log(1 + 4 / 3));
  close(b?.get('seat'), 0.5 * Math.log(1 + 4 / 3));
  close(b?.get('wifi'), 0.5 * Math.log(3));
  // a term frequent in its own class and rare elsewhere outranks a shared one
  assert.ok((b?.get('wifi') ?? 0) > (b?.get('seat') ?? 0));
  assert.equal(ctfidfWeight(0, 4, 4, 3), 0);
});
