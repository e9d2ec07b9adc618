import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifySentence } from './classify.js';
import { LABELLED_SENTENCES } from './labelled-sentences.js';
import { CODE_CLASS } from './naive-bayes.js';

const accuracy = (split: 'tune' | 'holdout'): number => {
  const rows = LABELLED_SENTENCES.filter((r) => r.split === split);
  return rows.filter((r) => classifySentence(r.text) === CODE_CLASS[r.label]).length / rows.length;
};

test('questions: question marks, wh-words and auxiliaries, indirect questions; not exclamations or clauses', () => {
  for (const q of ['Does it work with Google Home?', 'When is the engineer coming', 'How do I reset it', 'Is there a student discount',
    'I was wondering whether the warranty covers water damage.', 'Can you tell me where my order is.', '@united why is my bag still missing'])
    assert.equal(classifySentence(q), 'question', q);
  for (const n of ['What a joke.', 'How nice of them!', "Can't wait to try it!", 'When I called, nobody answered.', 'Do not buy this.'])
    assert.notEqual(classifySentence(n), 'question', n);
});

test('each class from its cues', () => {
  assert.equal(classifySentence('I want to track all my runs in one place.'), 'goal');
  assert.equal(classifySentence('Looking for a lighter tent for solo trips.'), 'goal');
  assert.equal(classifySentence('My bag was lost on the way to Chicago.'), 'pain_point');
  assert.equal(classifySentence('The refund took six weeks to arrive.'), 'pain_point');
  assert.equal(classifySentence('I chose them because the delivery is free.'), 'motivation');
  assert.equal(classifySentence('What matters to me is that it lasts.'), 'motivation');
  assert.equal(classifySentence('It is too expensive for what it does.'), 'objection');
  assert.equal(classifySentence('I like it but the price is hard to justify.'), 'objection');
  assert.equal(classifySentence('I ordered it on Tuesday.'), 'other');
  // a wish that is a complaint, and "because" explaining a complaint
  assert.notEqual(classifySentence('I want my money back.'), 'goal');
  assert.equal(classifySentence('Because it took four attempts to get broadband installed.'), 'pain_point');
});

test('accuracy floor on the held-out labelled sentences (never used to tune the rules)', () => {
  const holdout = accuracy('holdout');
  assert.ok(holdout >= 0.88, `holdout accuracy ${holdout}`);
  assert.ok(accuracy('tune') >= 0.95);
});

test('labelled sample: ~250 sentences, every class in both splits', () => {
  assert.ok(LABELLED_SENTENCES.length >= 240);
  for (const split of ['tune', 'holdout'] as const)
    for (const code of ['G', 'P', 'Q', 'M', 'O', 'X'] as const)
      assert.ok(LABELLED_SENTENCES.filter((r) => r.split === split && r.label === code).length >= 10, `${split} ${code}`);
  assert.equal(new Set(LABELLED_SENTENCES.map((r) => r.text)).size, LABELLED_SENTENCES.length);
});
