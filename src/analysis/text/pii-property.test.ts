// Properties of PII scrubbing: a name in any of the usual cues, and contact details anywhere in feedback, never reach a picked quote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pickQuotes } from './quotes.js';
import { containsPii, scrubPii } from './pii.js';

const FIRST = ['Jane', 'Margaret', 'Oliver', 'Priya', 'Mohammed', 'Sofia', 'Lukas', 'Chloé', 'Siobhan', 'Kenji'];
const LAST = ['Doe', 'Thornton', 'Okafor', 'Kowalski', 'Nguyen', 'García', 'Müller', "O'Brien", "D'Angelo", 'McDonald', 'MacLeod', 'Smith-Jones', 'Tanaka'];
const word = fc.constantFrom('the', 'boots', 'arrived', 'late', 'and', 'support', 'was', 'helpful', 'tent', 'quality', 'great', 'return', 'order', 'again');
const sentence = fc.array(word, { minLength: 3, maxLength: 10 }).map((ws) => ws.join(' '));
const fullName = fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST)).map(([f, l]) => `${f} ${l}`);
const cue = fc.constantFrom(
  (n: string) => `My name is ${n}.`,
  (n: string) => `Thanks, ${n}.`,
  (n: string) => `Hi ${n},`,
  (n: string) => `agent ${n} was great.`,
);
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{1,8}[a-z]$/), fc.constantFrom('example.com', 'mail.co.uk', 'shop.de')).map(([u, d]) => `${u}@${d}`);
const phone = fc.constantFrom('+44 20 7946 0958', '(415) 555-0132', '0044 161 496 0000', '+49 30 901820', '07700 900123');

test('property: a signature ("- Jane Doe") at the end of a message is scrubbed', () => {
  fc.assert(
    fc.property(sentence, fullName, (before, name) => {
      const out = scrubPii(`${before}.\n- ${name}`);
      for (const part of name.split(' ')) assert.ok(!out.includes(part), out);
    }),
    { numRuns: 200, seed: 6 },
  );
});

test('property: a full name after a usual cue is scrubbed wherever the sentence stands', () => {
  fc.assert(
    fc.property(sentence, sentence, fullName, cue, (before, after, name, c) => {
      const text = `${before}. ${c(name)} ${after}.`;
      const out = scrubPii(text);
      for (const part of name.split(' ')) assert.ok(!out.includes(part), `${text} → ${out}`);
      assert.match(out, /\[name\]/);
    }),
    { numRuns: 400, seed: 7 },
  );
});

test('property: quotes picked from feedback carrying emails, phones and names hold none of them', () => {
  const candidate = fc.tuple(sentence, fc.option(email), fc.option(phone), fc.option(fc.tuple(fullName, cue))).map(([s, e, p, n]) => {
    const extras = [n ? n[1](n[0]) : '', e ? `Mail ${e}` : '', p ? `Call ${p}` : ''].filter(Boolean).join('. ');
    // greeting and sign-off cues open a sentence; a bare name inside running text has no cue to go by
    return { text: `${s}. ${extras}`.trim(), secrets: [e, p, ...(n ? n[0].split(' ') : [])].filter((x): x is string => !!x) };
  });
  fc.assert(
    fc.property(fc.array(candidate, { minLength: 1, maxLength: 30 }), (cs) => {
      const quotes = pickQuotes(cs.map((c, i) => ({ feedbackId: `f${i}`, text: c.text, customer: `c${i}` })), { max: 5 });
      const secrets = cs.flatMap((c) => c.secrets);
      for (const q of quotes) {
        assert.equal(containsPii(q.text), false, q.text);
        for (const s of secrets) assert.ok(!q.text.includes(s), `${s} in ${q.text}`);
      }
    }),
    { numRuns: 300, seed: 8 },
  );
});
