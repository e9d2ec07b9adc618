import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containsPii } from './pii.js';
import { pickQuotes, stripLeadingHandles } from './quotes.js';

const c = (feedbackId: string, text: string, customer?: string) => ({ feedbackId, text, ...(customer ? { customer } : {}) });

test('quotes are scrubbed, without leading handles, de-duplicated, one per customer, with ids', () => {
  const quotes = pickQuotes(
    [
      c('f1', '@united my bag was lost in Denver, call me on 555-123-4567', 'a'),
      c('f2', '@united my bag was lost in Denver, call me on 555-123-4567', 'b'),
      c('f3', 'My bag was lost at the airport and nobody could find it', 'a'),
      c('f4', 'Lost luggage again, the bag arrived two days later', 'c'),
      c('f5', 'bag', 'd'),
    ],
    { max: 5 },
  );
  assert.ok(quotes.length >= 2 && quotes.length <= 3);
  assert.ok(quotes.every((q) => !containsPii(q.text) && !q.text.startsWith('@')));
  assert.ok(quotes.some((q) => q.text === 'my bag was lost in Denver, call me on [phone]'));
  assert.equal(new Set(quotes.map((q) => q.text)).size, quotes.length);
  assert.ok(!quotes.some((q) => q.feedback_id === 'f5'), 'too short');
});

test('long quotes are cut at a word boundary; the result is deterministic', () => {
  const long = 'The delivery was late and '.repeat(12);
  const [q] = pickQuotes([c('x', long)], { maxLength: 60 });
  assert.ok(q && q.text.length <= 61 && q.text.endsWith('…'));
  const many = Array.from({ length: 50 }, (_, i) => c(`f${i}`, `The seat ${i % 7} was broken and the screen did not work (${i})`));
  assert.deepEqual(pickQuotes(many), pickQuotes([...many]));
});

test('stripLeadingHandles', () => {
  assert.equal(stripLeadingHandles('@united @jane: where is my bag'), 'where is my bag');
  assert.equal(stripLeadingHandles('thanks @jane'), 'thanks @jane');
});
