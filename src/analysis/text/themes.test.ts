import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpus } from './corpus.js';
import type { FeedbackRow } from './corpus.js';
import { hasDatasets, readAirlineTweets } from './eval/datasets.js';
import { extractThemes } from './themes.js';
import type { Theme } from './themes.js';

const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

test('counts, shares and lift on a small example', () => {
  const rows: FeedbackRow[] = [
    { feedback_id: '1', customer_id: 'a', group: 'g1', text: 'The zipper broke. The zipper is cheap.' },
    { feedback_id: '2', customer_id: 'a', group: 'g1', text: 'Zipper gave up again.' },
    { feedback_id: '3', customer_id: 'b', group: 'g1', text: 'The zipper stuck on day one.' },
    { feedback_id: '4', customer_id: 'c', group: 'g1', text: 'Lovely colour.' },
    { feedback_id: '5', customer_id: 'd', group: 'g2', text: 'The delivery was slow.' },
    { feedback_id: '6', customer_id: 'e', group: 'g2', text: 'Slow delivery again.' },
    { feedback_id: '7', customer_id: 'f', group: 'g2', text: 'The zipper is fine.' },
    { feedback_id: '8', customer_id: 'g', group: 'g2', text: 'Delivery was slow, the courier was rude.' },
  ];
  const corpus = buildCorpus(rows);
  const themes = extractThemes(corpus, all(corpus.sentenceText.length), { minDocs: 2, minShare: 0, quotes: 2 });
  const g1 = themes[0] as Theme[];
  const zipper = g1.find((t) => t.phrase === 'zipper') as Theme;
  assert.equal(g1[0]?.phrase, 'zipper');
  // 4 sentences in 3 documents of 2 customers; g1 has 3 customers (a, b, c), all groups 7 and 3 of them say "zipper"
  assert.deepEqual([zipper.sentences, zipper.documents, zipper.customers], [4, 3, 2]);
  assert.equal(zipper.share, 2 / 3);
  assert.equal(zipper.allShare, 3 / 7);
  assert.ok(Math.abs(zipper.lift - 2 / 3 / (3 / 7)) < 1e-12);
  assert.ok(zipper.sentiment < 0);
  assert.equal(zipper.quotes.length, 2);
  const g2 = themes[1] as Theme[];
  assert.equal(g2[0]?.phrase, 'delivery');
  assert.ok((g2[0]?.score ?? 0) > (g2.find((t) => t.phrase === 'zipper')?.score ?? 0));
});

test('a longer phrase replaces the words it covers ("customer service")', () => {
  const rows: FeedbackRow[] = Array.from({ length: 12 }, (_, i) => ({
    feedback_id: String(i), group: i < 6 ? 'a' : 'b',
    text: i < 6 ? 'Customer service was useless.' : 'The seat was broken.',
  }));
  const corpus = buildCorpus(rows);
  const [a] = extractThemes(corpus, all(corpus.sentenceText.length), { minDocs: 2 });
  assert.equal(a?.[0]?.phrase, 'customer service');
  assert.ok(!a?.some((t) => t.phrase === 'customer' || t.phrase === 'service'));
});

const AIRLINE_STOP = ['united', 'usairways', 'americanair', 'southwestair', 'jetblue', 'virginamerica', 'flight', 'flights'];

test('airline tweets by negative reason: top themes name the reason', { skip: !hasDatasets() && 'datasets not present' }, () => {
  const rows = readAirlineTweets()
    .filter((t) => t.sentiment === 'negative' && t.reason !== '')
    .map((t) => ({ feedback_id: `t${t.index}`, text: t.text, group: t.reason, customer_id: t.user }));
  const corpus = buildCorpus(rows, { stopTerms: AIRLINE_STOP });
  const themes = extractThemes(corpus, all(corpus.sentenceText.length), { maxThemes: 5, quotes: 1 });
  const top = (reason: string, k = 3): string[] => (themes[corpus.groups.indexOf(reason)] ?? []).slice(0, k).map((t) => t.phrase);
  const has = (reason: string, re: RegExp, k = 3): void => assert.ok(top(reason, k).some((p) => re.test(p)), `${reason}: ${top(reason, k).join(', ')}`);
  has('Lost Luggage', /\b(?:bag|luggage|baggage)\b/, 1);
  has('Late Flight', /\b(?:delay|delayed|late)\b/);
  has('Cancelled Flight', /\bcancel/);
  has('Customer Service Issue', /\b(?:customer service|hold|call|phone)\b/);
  has('Flight Attendant Complaints', /\b(?:attendant|crew|rude|staff)\b/);
  has('Damaged Luggage', /\b(?:damaged|broken|luggage|bag)\b/);
  // lost-luggage themes are concentrated in their group and negative
  const lost = themes[corpus.groups.indexOf('Lost Luggage')]?.[0];
  assert.ok(lost && lost.lift > 3 && lost.sentiment < 0 && lost.quotes.length === 1);
});

test('deterministic: same rows, same themes', () => {
  const rows: FeedbackRow[] = Array.from({ length: 60 }, (_, i) => ({
    feedback_id: String(i), customer_id: `c${i % 25}`, group: ['a', 'b', 'c'][i % 3] as string,
    text: ['The app crashes on login.', 'Delivery was late again.', 'Great price, fast shipping.', 'Support never answered my email.'][i % 4] as string,
  }));
  const run = (): Theme[][] => {
    const corpus = buildCorpus(rows);
    return extractThemes(corpus, all(corpus.sentenceText.length), { minDocs: 2 });
  };
  assert.deepEqual(run(), run());
});
