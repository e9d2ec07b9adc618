// The rules that name continuations, splits, merges, new and gone personas from member overlaps; claim identity across versions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { relate, type Overlap } from './persona-match.js';
import { claimKey, personaChanges } from './persona-diff.js';
import type { Persona } from '../analysis/personas/persona-types.js';

/** Overlaps from a contingency table: rows = old personas, columns = new personas, cells = shared customers. */
function overlaps(from: string[], to: string[], cells: number[][]): Overlap[] {
  const out: Overlap[] = [];
  from.forEach((a, i) => {
    const sa = (cells[i] as number[]).reduce((s, x) => s + x, 0);
    to.forEach((b, j) => {
      const n = (cells[i] as number[])[j] as number;
      const sb = cells.reduce((s, r) => s + (r[j] as number), 0);
      out.push({ from: a, to: b, n, of_from: n / sa, of_to: n / sb, jaccard: n / (sa + sb - n), traits: 0 });
    });
  });
  return out;
}

const kinds = (rs: ReturnType<typeof relate>): string[] => rs.map((r) => `${r.kind}:${'from' in r ? [r.from].flat().join('+') : ''}>${'to' in r ? [r.to].flat().join('+') : ''}`).sort();

describe('relating two versions by shared members', () => {
  it('keeps personas whose members mostly stay together both ways, whatever their ids', () => {
    const o = overlaps(['p1', 'p2'], ['p1', 'p2'], [[5, 95], [90, 10]]);
    assert.deepEqual(kinds(relate(['p1', 'p2'], ['p1', 'p2'], o, true)), ['continued:p1>p2', 'continued:p2>p1']);
  });

  it('names a split (each part mostly from one old persona) and the reverse merge', () => {
    const o = overlaps(['p1', 'p2'], ['q1', 'q2', 'q3'], [[60, 38, 2], [0, 2, 100]]);
    assert.deepEqual(kinds(relate(['p1', 'p2'], ['q1', 'q2', 'q3'], o, true)), ['continued:p2>q3', 'split:p1>q1+q2']);
    const back = overlaps(['q1', 'q2', 'q3'], ['p1', 'p2'], [[60, 0], [38, 2], [2, 100]]);
    assert.deepEqual(kinds(relate(['q1', 'q2', 'q3'], ['p1', 'p2'], back, true)), ['continued:q3>p2', 'merged:q1+q2>p1']);
  });

  it('calls a persona gone or new when no group of members carries over', () => {
    const o = overlaps(['p1', 'p2', 'p3'], ['q1', 'q2', 'q3'], [[100, 0, 0], [0, 100, 0], [30, 30, 40]]);
    const r = relate(['p1', 'p2', 'p3'], ['q1', 'q2', 'q3'], o, true);
    assert.deepEqual(kinds(r), ['continued:p1>q1', 'continued:p2>q2', 'continued:p3>q3']);
    const o2 = overlaps(['p1', 'p2', 'p3'], ['q1', 'q2', 'q3'], [[100, 0, 0], [0, 100, 0], [45, 45, 10]]);
    const r2 = relate(['p1', 'p2', 'p3'], ['q1', 'q2', 'q3'], o2, true);
    assert.deepEqual(kinds(r2), ['continued:p1>q1', 'continued:p2>q2', 'gone:p3>', 'new:>q3']);
  });

  it('falls back to traits when there are no members to compare', () => {
    const o: Overlap[] = [
      { from: 'a1', to: 'a1', n: 0, of_from: 0, of_to: 0, jaccard: 0, traits: 0.2 },
      { from: 'a1', to: 'a2', n: 0, of_from: 0, of_to: 0, jaccard: 0, traits: 0.95 },
    ];
    assert.deepEqual(kinds(relate(['a1'], ['a1', 'a2'], o, false)), ['continued:a1>a2', 'new:>a1']);
  });
});

describe('field changes between versions', () => {
  it('identifies a claim by its words, not its numbers', () => {
    assert.equal(claimKey('footwear 45% of spend (2.9×)'), claimKey('footwear 52% of spend (3.1×)'));
    assert.notEqual(claimKey('footwear 45% of spend'), claimKey('apparel 45% of spend'));
  });

  it('lists added, removed and changed claims with old and new evidence, and flags small numeric moves as minor', () => {
    const ev = (claim: string, value: number, n: number, confidence: 'high' | 'medium' | 'low' = 'high') => ({ claim, value, all: null, lift: null, n, confidence, definition: 'd' });
    const base = { id: 'p1', name: 'A', negative: false, kind: 'buyer', segment: 0, summary: 's', size: 100, share_of_customers: 0.2, share_of_revenue: 0.1, share_of_margin: 0.1, growth: { recent_share: 0, all_recent_share: 0, lift: null }, stability: 0.9, headline_quote: null, traits: [] } as const;
    const a = { ...base, fields: { behaviour: { key: 'behaviour', label: 'Buys', items: [ev('footwear 45% of spend', 0.45, 100), ev('7.4 orders a year', 7.4, 100), ev('gone 3%', 0.03, 20)] } } } as unknown as Persona;
    const b = { ...base, size: 140, fields: { behaviour: { key: 'behaviour', label: 'Buys', items: [ev('footwear 46% of spend', 0.46, 101), ev('9.9 orders a year', 9.9, 100, 'medium'), ev('new 9%', 0.09, 30)] } } } as unknown as Persona;
    const c = personaChanges(a, b);
    assert.deepEqual(c.metrics.map((m) => [m.metric, m.before, m.after, m.minor]), [['size', 100, 140, false]]);
    const items = c.fields[0]?.items.map((i) => `${i.change}${i.minor ? ' (minor)' : ''}: ${i.before?.claim ?? '—'} → ${i.after?.claim ?? '—'}`);
    assert.deepEqual(items, [
      'changed (minor): footwear 45% of spend → footwear 46% of spend',
      'changed: 7.4 orders a year → 9.9 orders a year',
      'added: — → new 9%',
      'removed: gone 3% → —',
    ]);
  });
});
