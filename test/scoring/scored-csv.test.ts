// The scored-leads CSV writer assembles each line from encoded field bytes: it must give exactly the bytes of
// `scoredCsvLine`, whatever the texts hold (commas, quotes, line breaks, non-ASCII) and whatever the numbers are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCORED_COLUMNS, ScoredCsvWriter, scoredCsvLine } from '../../src/analysis/scoring/scored-csv.js';
import type { LeadScore } from '../../src/analysis/scoring/score-lead.js';

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const TEXTS = ['Scaling Ops Lead', 'Bargain "Hunter"', 'a, b', 'line\nbreak', 'crème brûlée ×3', '', 'plain', '"', 'x\r\ny', '😀 emoji'];
const NUMBERS = [0, 1, 0.5, 0.123, 0.999, 0.001, 1 / 3, -0.25, 12.5, NaN, 1e-7, 0.1 + 0.2];

function randomScore(r: () => number, i: number): LeadScore {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const maybe = <T>(x: T): T | null => (r() < 0.2 ? null : x);
  const reasons = Array.from({ length: Math.floor(r() * 4) }, () => ({
    text: `${pick(TEXTS)}: ${pick(['2.5× more common in persona', 'x "quoted" y', '', 'less, common'])} '${pick(TEXTS)}'`,
    attribute: 'a', value: 'v', persona_id: 'p', lift: 1, weight: 1,
  }));
  if (r() < 0.05) reasons.splice(0, reasons.length, { text: '', attribute: 'a', value: 'v', persona_id: 'p', lift: 1, weight: 1 });
  return {
    lead_id: r() < 0.1 ? `id,${i}"q"` : r() < 0.1 ? `lé${i}` : `l${i}`,
    persona_id: maybe(pick(['p1', 'p2', 'persona-3'])),
    persona_name: maybe(pick(TEXTS)),
    persona_similarity: maybe(pick(NUMBERS)),
    negative_persona_id: maybe('n1'),
    negative_persona_name: maybe(pick(TEXTS)),
    negative_similarity: maybe(pick(NUMBERS)),
    qualified: r() < 0.5,
    fit_score: r() < 0.8 ? Math.round(r() * 1000) / 1000 : pick(NUMBERS),
    confidence: pick(NUMBERS),
    stage: maybe(pick(['awareness', 'decision'] as const)),
    next_content: maybe(pick(TEXTS)),
    reasons,
    missing: r() < 0.3 ? ['age', 'country'].slice(0, 1 + Math.floor(r() * 2)) : [],
  };
}

test('the writer gives the bytes of scoredCsvLine for every lead, across buffer flushes', async () => {
  const r = rng(7);
  const scores = Array.from({ length: 30_000 }, (_, i) => randomScore(r, i));
  const chunks: Buffer[] = [];
  const w = new ScoredCsvWriter((b) => void chunks.push(Buffer.from(b)));
  for (let i = 0; i < scores.length; i += 997) await w.write(scores.slice(i, i + 997));
  await w.flush();
  const expected = Buffer.from(scores.map((s) => `${scoredCsvLine(s)}\n`).join(''), 'utf8');
  assert.ok(chunks.length > 1, 'more than one buffer');
  assert.equal(Buffer.compare(Buffer.concat(chunks), expected), 0);
  assert.equal(SCORED_COLUMNS.length, 14);
});

test('a line longer than the buffer is written whole', async () => {
  const long = randomScore(rng(1), 1);
  long.reasons = Array.from({ length: 3 }, (_, i) => ({ text: `${'é'.repeat(300_000)} ${i}`, attribute: 'a', value: 'v', persona_id: 'p', lift: 1, weight: 1 }));
  const chunks: Buffer[] = [];
  const w = new ScoredCsvWriter((b) => void chunks.push(Buffer.from(b)));
  await w.write([randomScore(rng(2), 2), long, randomScore(rng(3), 3)]);
  await w.flush();
  const expected = [randomScore(rng(2), 2), long, randomScore(rng(3), 3)].map((s) => `${scoredCsvLine(s)}\n`).join('');
  assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
});
