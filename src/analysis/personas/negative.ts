// Negative personas: segments whose refunds, churn or support load outweigh their margin, and a readable rule that finds them.
import type { Engine } from '../../engine/engine.js';
import type { ExclusionRule } from './persona-types.js';
import { MEDIAN_FEATURES, type SegmentProfile } from './segment-profile.js';

const BAD_HIGH = ['refund_rate', 'tickets_per_order', 'minutes_per_order', 'churned'] as const;
const BAD_LOW = ['margin_rate'] as const;
for (const c of [...BAD_HIGH, ...BAD_LOW]) if (!MEDIAN_FEATURES.has(c)) throw new Error(`negative personas need the median of ${c}: add it to MEDIAN_FEATURES`);

/** A score > 0 marks a segment not worth pursuing: costs (z of refunds, support, churn, low margin) with margin below its size. */
export function negativeScore(seg: SegmentProfile, all: SegmentProfile): number {
  const z = (c: string, sign: 1 | -1): number => {
    const s = seg.stats[c];
    const a = all.stats[c];
    if (!s || !a || s.mean === null || a.mean === null || !a.sd || a.sd < 1e-9) return 0;
    return (sign * (s.mean - a.mean)) / a.sd;
  };
  const cost = [...BAD_HIGH.map((c) => z(c, 1)), ...BAD_LOW.map((c) => z(c, -1))].filter((x) => x > 0).sort((a, b) => b - a);
  const strongest = (cost[0] ?? 0) + 0.5 * (cost[1] ?? 0);
  const marginShare = all.margin > 0 ? seg.margin / all.margin : null;
  const sizeShare = all.size > 0 ? seg.size / all.size : 0;
  const marginPoor = marginShare === null ? true : marginShare < 0.8 * sizeShare;
  return marginPoor ? strongest - 1.2 : -1;
}

/** Best one- or two-condition rule (thresholds at midpoints between the segment's and the others' medians), by F1. */
export async function exclusionRule(engine: Engine, features: string, assignments: string, segment: number, seg: SegmentProfile, all: SegmentProfile, key = 'customer_id'): Promise<ExclusionRule | null> {
  const cands: { feature: string; op: '>' | '<'; threshold: number }[] = [];
  for (const c of [...BAD_HIGH, ...BAD_LOW]) {
    const s = seg.stats[c];
    const a = all.stats[c];
    if (!s || !a || s.median === null || a.median === null || s.mean === null || a.mean === null) continue;
    const high = (BAD_HIGH as readonly string[]).includes(c);
    if (high ? s.mean <= a.mean : s.mean >= a.mean) continue;
    const threshold = Number(((s.median + a.median) / 2).toPrecision(2));
    cands.push({ feature: c, op: high ? '>' : '<', threshold });
  }
  if (cands.length === 0) return null;
  const rules: (typeof cands)[] = cands.map((c) => [c]);
  for (let i = 0; i < cands.length; i++) for (let j = i + 1; j < cands.length; j++) rules.push([cands[i] as (typeof cands)[number], cands[j] as (typeof cands)[number]]);
  const cond = (r: typeof cands): string => r.map((c) => `coalesce(f.${c.feature}, 0) ${c.op} ${c.threshold}`).join(' AND ');
  const sel = rules.map((r, i) => `count(CASE WHEN ${cond(r)} THEN 1 END) AS r${i}, count(CASE WHEN ${cond(r)} AND a.segment = ${segment} THEN 1 END) AS t${i}`);
  const row = (await engine.all(`SELECT ${sel.join(', ')} FROM ${features} f JOIN ${assignments} a ON a.${key} = f.${key}`))[0] ?? {};
  let best: ExclusionRule | null = null;
  let bestF1 = -1;
  rules.forEach((r, i) => {
    const selected = Number(row[`r${i}`] ?? 0);
    const tp = Number(row[`t${i}`] ?? 0);
    if (selected === 0) return;
    const precision = tp / selected;
    const recall = tp / Math.max(seg.size, 1);
    const f1 = (2 * precision * recall) / Math.max(precision + recall, 1e-9);
    if (f1 > bestF1 + 0.01) {
      bestF1 = f1;
      best = { text: r.map((c) => `${c.feature} ${c.op} ${c.threshold}`).join(' AND '), conditions: r, precision, recall };
    }
  });
  return best;
}
