import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeWhitespace, splitSentences, splitSentencesFast } from './sentences.js';
import { tokenize, words } from './tokenize.js';

test('fast splitter: terminators, line breaks, abbreviations, decimals', () => {
  assert.deepEqual(splitSentencesFast('Great boots!  Fit well.\nWould buy again?'), ['Great boots!', 'Fit well.', 'Would buy again?']);
  assert.deepEqual(splitSentencesFast('Mr. Smith called at 3.30 today. It was fine.'), ['Mr. Smith called at 3.30 today.', 'It was fine.']);
  assert.deepEqual(splitSentencesFast('Lights, music etc. Love it'), ['Lights, music etc.', 'Love it']);
  assert.deepEqual(splitSentencesFast('Jane D. Smith wrote... then nothing!!!'), ['Jane D. Smith wrote...', 'then nothing!!!']);
  assert.deepEqual(splitSentencesFast('   '), []);
});

test('wink splitter agrees on plain text', () => {
  assert.deepEqual(splitSentences('The box was crushed. The item was fine. Why?', 'wink'), ['The box was crushed.', 'The item was fine.', 'Why?']);
});

test('whitespace normalisation', () => {
  assert.equal(normalizeWhitespace('  a\u00a0 b\n\tc  '), 'a b c');
});

test('tokenizer keeps contractions, handles, links, emails, emoticons and emoji', () => {
  const t = tokenize("@united I can't believe it :( see http://t.co/x1 or mail a.b@c.com — SO slow 😡 #fail 3.5hrs [email]");
  const kinds = Object.fromEntries(t.map((x) => [x.norm, x.kind]));
  assert.equal(kinds['@united'], 'mention');
  assert.equal(kinds["can't"], 'word');
  assert.equal(kinds[':('], 'emoji');
  assert.equal(kinds['http://t.co/x1'], 'url');
  assert.equal(kinds['a.b@c.com'], 'email');
  assert.equal(kinds['😡'], 'emoji');
  assert.equal(kinds['#fail'], 'hashtag');
  assert.equal(kinds['3.5hrs'], 'number');
  assert.equal(kinds['[email]'], 'placeholder');
  assert.equal(t.find((x) => x.norm === 'so')?.caps, true);
  assert.deepEqual(words('Don’t café-au-lait NAÏVE'), ["don't", 'café-au-lait', 'naïve']);
});
