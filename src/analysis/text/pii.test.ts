import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PII_CASES, PII_CLEAN } from './eval/pii-cases.js';
import { LABELLED_SENTENCES } from './labelled-sentences.js';
import { containsPii, findPii, scrubPii } from './pii.js';

test('every case of the test list loses its personal data, with the right placeholder', () => {
  for (const c of PII_CASES) {
    const out = scrubPii(c.text, { keep: ['united'] });
    for (const secret of c.secrets) assert.ok(!out.includes(secret), `${c.text} → ${out}`);
    assert.ok(out.includes(`[${c.kind}]`), `${c.text} → ${out}`);
    assert.equal(containsPii(out, { keep: ['united'] }), false, out);
  }
});

test('ordinary text is left alone: dates, prices, flight numbers, lists, the labelled sentences', () => {
  for (const t of [...PII_CLEAN, ...LABELLED_SENTENCES.map((r) => r.text)]) {
    assert.equal(scrubPii(t), t);
    assert.equal(containsPii(t), false, t);
  }
});

test('kept names (brands, own accounts) are not scrubbed', () => {
  assert.equal(scrubPii('Thanks Amazon, and @amazonhelp too', { keep: ['amazon', 'amazonhelp'] }), 'Thanks Amazon, and @amazonhelp too');
  assert.equal(scrubPii('Thanks Amazon'), 'Thanks [name]');
});

test('findings are ordered and do not overlap', () => {
  const f = findPii('Mail jane@x.org or call +44 20 7946 0958, thanks, Jane');
  assert.deepEqual(f.map((x) => x.kind), ['email', 'phone', 'name']);
  for (let i = 1; i < f.length; i++) assert.ok((f[i - 1]?.end ?? 0) <= (f[i]?.start ?? 0));
});

const EMAIL_RE = /[\w.+-]+@[\w-]+\.[\w.]+/;
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const sentence = fc.array(word, { minLength: 0, maxLength: 8 }).map((ws) => ws.join(' '));
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._+-]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/), fc.constantFrom('com', 'org', 'co.uk', 'de', 'io'))
  .map(([u, d, t]) => `${u}@${d}.${t}`);
const digits = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const phone = fc.oneof(
  fc.tuple(digits(3), digits(3), digits(4)).map(([a, b, c]) => `(${a}) ${b}-${c}`),
  fc.tuple(digits(3), digits(3), digits(4)).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.tuple(fc.constantFrom('+44', '+1', '+49', '+33', '0044'), digits(3), digits(3), digits(4)).map(([cc, a, b, c]) => `${cc} ${a} ${b} ${c}`),
  fc.tuple(digits(4), digits(6)).map(([a, b]) => `0${a.slice(1)} ${b}`),
);

test('property: an inserted email or phone never survives scrubbing', () => {
  fc.assert(
    fc.property(sentence, sentence, email, phone, (before, after, e, p) => {
      const text = `${before} ${e} ${after} call ${p} ${before}`;
      const out = scrubPii(text);
      assert.ok(!EMAIL_RE.test(out), `${text} → ${out}`);
      assert.ok(!out.includes(p), `${text} → ${out}`);
      assert.ok(!out.includes(p.replace(/\D/g, '').slice(-7)), `${text} → ${out}`);
      assert.equal(containsPii(out), false);
    }),
    { numRuns: 300, seed: 42 },
  );
});
