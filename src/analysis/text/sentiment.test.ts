import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainAfinn } from './afinn.js';
import { blendWithRating, detectRatingScale, documentSentiment, ratingSentiment, sentenceSentiment } from './sentiment.js';

const s = (t: string): number => sentenceSentiment(t);

test('customer-service phrases plain AFINN gets wrong are negative', () => {
  const cases = [
    'The delivery was slow.',
    'Customer service never answered.',
    'The refund took forever.',
    'Still waiting for my package.',
    'They sent the wrong size.',
    'The refund took three weeks.',
    'The handle broke after a week.',
    'I have been on hold for an hour.',
    'It stopped working after the update.',
    'Please help, my flight is delayed again.',
    'Nobody answered my emails.',
  ];
  for (const c of cases) assert.ok(s(c) < -0.1, `${c} → ${s(c)}`);
  // the lexicon is what fixes them: plain AFINN reads most as neutral or positive
  const plainWrong = cases.filter((c) => plainAfinn(c) >= 0).length;
  assert.ok(plainWrong >= 8, `plain AFINN wrong on ${plainWrong}`);
});

test('praise in service language is positive', () => {
  for (const c of ['Arrived on time and easy to set up.', 'Quick delivery, works great.', 'The agent went above and beyond.', 'No problems at all.', 'Hassle free returns.'])
    assert.ok(s(c) > 0.2, `${c} → ${s(c)}`);
});

test('negation flips, contrast weighs the second clause, intensifiers and caps strengthen', () => {
  assert.ok(s('The service was good.') > 0.3);
  assert.ok(s('The service was not good.') < -0.2);
  assert.ok(s("The service wasn't good at all.") < -0.2);
  assert.ok(s('The service was not bad.') > 0.1);
  assert.ok(s('The service does not work.') < -0.3);
  assert.ok(s('Nice staff but the room was filthy.') < 0);
  assert.ok(s('Slow start but the staff were brilliant.') > 0);
  assert.ok(s('It was very good.') > s('It was good.'));
  assert.ok(s('It was GOOD and cheap.') > s('It was good and cheap.'));
  assert.ok(s('It was slightly disappointing.') > s('It was disappointing.'));
});

test('wishes and questions about good outcomes are not praise', () => {
  assert.ok(s('It would be great if it worked.') < s('It is great.') / 2);
  assert.ok(Math.abs(s('Is the flight on time?')) < 0.3);
  assert.ok(s('Why is my flight delayed?') < -0.2);
});

test('neutral text scores 0; emoji and emoticons count', () => {
  assert.equal(s('I ordered it on Tuesday.'), 0);
  assert.ok(s('Arrived today 😍') > 0);
  assert.ok(s('Arrived today :(') < 0);
});

test('scores stay in [-1, 1] and documents average their sentences', () => {
  for (const t of ['terrible awful horrible worst disgusting!!!', 'amazing awesome superb excellent fantastic!!!']) {
    assert.ok(Math.abs(s(t)) < 1);
  }
  assert.equal(documentSentiment([]), 0);
  assert.equal(documentSentiment([0.5, -0.1]), 0.2);
});

test('ratings: scale detection, mapping and blend', () => {
  assert.equal(detectRatingScale([1, 5, 3, null]), '1-5');
  assert.equal(detectRatingScale([0, 4]), '0-10');
  assert.equal(detectRatingScale([9, undefined]), '0-10');
  assert.equal(ratingSentiment(1, '1-5'), -1);
  assert.equal(ratingSentiment(3, '1-5'), 0);
  assert.equal(ratingSentiment(10, '0-10'), 1);
  assert.equal(ratingSentiment(5, '0-10'), 0);
  assert.equal(blendWithRating(0.4, null, '1-5'), 0.4);
  assert.equal(blendWithRating(0.4, 5, '1-5'), 0.7);
  assert.ok(Math.abs(blendWithRating(0.4, 0, '0-10', 0.25) - (0.75 * 0.4 - 0.25)) < 1e-12);
});
