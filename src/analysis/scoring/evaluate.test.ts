// Metrics of the qualified flag against outcomes, checked against figures worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestThreshold, metricsAt, rocAuc } from './evaluate.js';

// eight leads: fit scores and whether the outcome was won/accepted
const fit = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.1];
const good = [true, true, false, true, false, true, false, false];

test('precision, recall, F1 and accuracy at a threshold', () => {
  // qualified at 0.5: the first five → tp 3 (0.9, 0.8, 0.6), fp 2 (0.7, 0.55), fn 1 (0.4), tn 2 (0.3, 0.1)
  const m = metricsAt(fit, good, 0.5);
  assert.deepEqual({ tp: m.tp, fp: m.fp, tn: m.tn, fn: m.fn }, { tp: 3, fp: 2, tn: 2, fn: 1 });
  assert.equal(m.precision, 0.6); // 3 / 5
  assert.equal(m.recall, 0.75); // 3 / 4
  assert.equal(m.f1, 0.6667); // 2·0.6·0.75 / 1.35
  assert.equal(m.accuracy, 0.625); // 5 / 8
});

test('ROC AUC counts the positive–negative pairs ranked right (ties half)', () => {
  // positives 0.9, 0.8, 0.6, 0.4 against negatives 0.7, 0.55, 0.3, 0.1: 4 + 4 + 3 + 2 = 13 of 16 pairs
  assert.equal(rocAuc(fit, good), 0.8125);
  assert.equal(rocAuc([0.5, 0.5], [true, false]), 0.5);
  assert.equal(rocAuc([0.2, 0.3], [true, true]), null);
});

test('the best threshold maximises F1 and prefers the higher of equal ones', () => {
  const b = bestThreshold(fit, good);
  // thresholds 0.4 (tp 4, fp 2: F1 0.8) beats 0.6 (tp 3, fp 1: F1 0.75) and 0.1 (tp 4, fp 4: F1 0.6667)
  assert.equal(b?.threshold, 0.4);
  assert.equal(b?.f1, 0.8);
  assert.equal(bestThreshold([0.2, 0.4], [false, false]), null);
  // equal F1 at 0.9 and 0.8 (one positive at each): ties go to the higher threshold
  assert.equal(bestThreshold([0.9, 0.8], [true, false])?.threshold, 0.9);
});

test('nothing qualified gives precision 0 rather than NaN', () => {
  const m = metricsAt([0.1, 0.2], [true, false], 0.5);
  assert.equal(m.precision, 0);
  assert.equal(m.f1, 0);
});
