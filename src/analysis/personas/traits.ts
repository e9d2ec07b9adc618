// Distinguishing traits of a segment: each feature's standardised difference and lift against all customers.
import type { FeatureDef } from '../features/feature-catalog.js';
import type { Confidence, Trait } from './persona-types.js';
import type { SegmentProfile } from './segment-profile.js';

export function lift(value: number | null, all: number | null): number | null {
  if (value === null || all === null || Math.abs(all) < 1e-9) return null;
  return value / all;
}

export function traitsOf(seg: SegmentProfile, all: SegmentProfile, defs: FeatureDef[]): Trait[] {
  const out: Trait[] = [];
  for (const f of defs) {
    const s = seg.stats[f.column];
    const a = all.stats[f.column];
    if (!s || !a || s.mean === null || a.mean === null || s.n < 5) continue;
    const sd = a.sd && a.sd > 1e-9 ? a.sd : null;
    if (sd === null) continue;
    const z = (s.mean - a.mean) / sd;
    // a one-hot level or share that is rare overall matters only if it is common in the segment
    if ((f.kind === 'category' || f.kind === 'share') && z > 0 && s.mean < 0.1) continue;
    out.push({ feature: f.column, label: f.label, direction: z >= 0 ? 'high' : 'low', z, value: s.mean, all: a.mean, lift: lift(s.mean, a.mean) });
  }
  return out.sort((x, y) => Math.abs(y.z) - Math.abs(x.z));
}

export function confidenceOf(n: number, effect: number): Confidence {
  if (n >= 100 && Math.abs(effect) >= 0.5) return 'high';
  if (n >= 30 && Math.abs(effect) >= 0.2) return 'medium';
  return 'low';
}
