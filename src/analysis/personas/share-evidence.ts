// Share-of-base evidence per segment: a key's count over the segment's base, the same share over all customers, lift and confidence.
import type { Evidence, PersonaField } from './persona-types.js';
import { FIELD_LABELS } from './persona-types.js';
import { confidenceOf, lift } from './traits.js';

/** One count from SQL: in segment `seg`, `n` of the base carry `key` (`people` customers behind it). */
export interface KeyCount {
  seg: number;
  key: string;
  n: number;
  people: number;
}

export interface KeyShare {
  key: string;
  /** share of the segment's base */
  value: number;
  /** share of all segments' base */
  all: number;
  lift: number | null;
  n: number;
  people: number;
  base: number;
  confidence: Evidence['confidence'];
}

/** Shares of every key per segment against all segments together; `bases` are the denominators (segment → base). */
export function keyShares(rows: readonly KeyCount[], bases: ReadonlyMap<number, number>): Map<number, KeyShare[]> {
  const allBase = [...bases.values()].reduce((a, b) => a + b, 0);
  const allByKey = new Map<string, number>();
  for (const r of rows) allByKey.set(r.key, (allByKey.get(r.key) ?? 0) + r.n);
  const out = new Map<number, KeyShare[]>();
  for (const r of rows) {
    const base = bases.get(r.seg) ?? 0;
    if (base <= 0 || allBase <= 0) continue;
    const value = r.n / base;
    const all = (allByKey.get(r.key) ?? 0) / allBase;
    // standardised difference of a 0/1 indicator: (p − p₀) / √(p₀(1 − p₀))
    const effect = all > 0 && all < 1 ? (value - all) / Math.sqrt(all * (1 - all)) : 0;
    const list = out.get(r.seg) ?? [];
    list.push({ key: r.key, value, all, lift: lift(value, all), n: r.n, people: r.people, base, confidence: confidenceOf(r.people, effect) });
    out.set(r.seg, list);
  }
  return out;
}

/** Keys worth a claim: common in the persona (≥ `minShare`) and over-represented (lift ≥ 1.1) or a fifth of the base; strongest first. */
export function ranked(shares: readonly KeyShare[] | undefined, minShare = 0.05): KeyShare[] {
  return (shares ?? [])
    .filter((s) => s.value >= minShare && (s.value >= 0.2 || (s.lift ?? 0) >= 1.1))
    .sort((a, b) => b.value * Math.max(b.lift ?? 1, 0.5) - a.value * Math.max(a.lift ?? 1, 0.5) || a.key.localeCompare(b.key));
}

export const pct = (x: number): string => `${Math.round(x * 100)}%`;
export const times = (x: number | null): string => (x === null ? '' : `, ${x.toFixed(1)}×`);

export function shareItem(s: KeyShare, claim: string, definition: string): Evidence {
  return { claim, value: s.value, all: s.all, lift: s.lift, n: s.people, confidence: s.confidence, definition };
}

export function fieldOf(key: string, items: Evidence[], insufficient: string): PersonaField {
  const label = FIELD_LABELS[key] ?? key;
  return items.length ? { key, label, items } : { key, label, items: [], insufficient };
}
