// Turns a segment's profile, traits and text insights into a persona whose every field carries its evidence.
import type { FeatureDef } from '../features/feature-catalog.js';
import type { Evidence, Persona, PersonaField, Trait } from './persona-types.js';
import { FIELD_LABELS } from './persona-types.js';
import { MEDIAN_FEATURES, type SegmentProfile } from './segment-profile.js';
import type { GroupText, TextStatement } from './text-insights.js';
import { confidenceOf, lift } from './traits.js';

export interface SynthesisInput {
  id: string;
  name: string;
  negative: boolean;
  seg: SegmentProfile;
  all: SegmentProfile;
  defs: FeatureDef[];
  traits: Trait[];
  text: GroupText | null;
  stability: number | null;
  kind?: 'buyer' | 'account';
  extraFields?: Record<string, PersonaField>;
}

const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);
const num = (x: number | null, digits = 1): string => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits }));
const times = (x: number | null): string => (x === null ? '' : ` (${x.toFixed(1)}×)`);

function statEvidence(p: SynthesisInput, column: string, claim: (v: number | null, a: number | null) => string, use: 'mean' | 'median' = 'mean'): Evidence | null {
  if (use === 'median' && !MEDIAN_FEATURES.has(column)) throw new Error(`no median is computed for ${column}: add it to MEDIAN_FEATURES`);
  const s = p.seg.stats[column];
  const a = p.all.stats[column];
  if (!s || !a || s.n === 0) return null;
  const v = s[use];
  const av = a[use];
  const z = a.sd && a.sd > 1e-9 && s.mean !== null && a.mean !== null ? (s.mean - a.mean) / a.sd : 0;
  return {
    claim: claim(v, av), value: v, all: av, lift: lift(v, av), n: s.n, confidence: confidenceOf(s.n, z),
    definition: `${use} of ${column} over the persona's customers vs all customers (feature table _features)`,
  };
}

/** Levels of a block (one-hot or share mix) that are common in the persona, ranked by lift. */
function blockEvidence(p: SynthesisInput, group: string, describe: (value: string, share: number, l: number | null) => string, max = 3): Evidence[] {
  const defs = p.defs.filter((d) => d.group === group && d.value !== undefined);
  const rows = defs
    .map((d) => ({ d, s: p.seg.stats[d.column], a: p.all.stats[d.column] }))
    .filter((r) => r.s && r.a && r.s.mean !== null && r.s.mean >= 0.05)
    // keep levels over-represented in the persona, or at least a fifth of it
    .filter((r) => (r.s?.mean ?? 0) >= 0.2 || (lift(r.s?.mean ?? null, r.a?.mean ?? null) ?? 0) >= 1.1)
    .map((r) => ({ ...r, l: lift(r.s?.mean ?? null, r.a?.mean ?? null) }))
    .sort((x, y) => (y.s?.mean ?? 0) * Math.max(y.l ?? 1, 0.5) - (x.s?.mean ?? 0) * Math.max(x.l ?? 1, 0.5));
  return rows.slice(0, max).map(({ d, s, a, l }) => {
    const z = a?.sd && a.sd > 1e-9 ? ((s?.mean ?? 0) - (a.mean ?? 0)) / a.sd : 0;
    return {
      claim: describe(d.value as string, s?.mean ?? 0, l), value: s?.mean ?? null, all: a?.mean ?? null, lift: l, n: s?.n ?? 0,
      confidence: confidenceOf(s?.n ?? 0, z), definition: `mean of ${d.column} (${d.label}) in the persona vs all customers`,
    };
  });
}

/** Groups shown by their own fields; every other feature (extra columns, acquisition channel, region …) is an attribute. */
const COVERED = new Set([
  'age', 'country', 'industry', 'company_size', 'role', 'job_title', 'gender', 'category_mix', 'order_channel_mix', 'channel_mix', 'content_mix',
  'frequency', 'orders', 'monetary', 'avg_order', 'order_spread', 'recency', 'refund_rate', 'refund_value', 'margin_value', 'support',
  'support_minutes', 'tickets', 'support_minutes_total', 'rating', 'employees', 'annual_revenue', 'contacts', 'orders_per_year',
  'tickets_per_order', 'minutes_per_order', 'support_minutes',
]);

function attributeEvidence(p: SynthesisInput): Evidence[] {
  const byColumn = new Map(p.defs.map((d) => [d.column, d]));
  return p.traits
    .filter((t) => {
      const d = byColumn.get(t.feature);
      return d !== undefined && !COVERED.has(d.group) && Math.abs(t.z) >= 0.3 && !(d.kind === 'category' && t.direction === 'low');
    })
    .slice(0, 5)
    .map((t) => {
      const d = byColumn.get(t.feature) as FeatureDef;
      const s = p.seg.stats[t.feature];
      const share = d.kind === 'category' || d.kind === 'share';
      const claim = share
        ? `${d.label} ${pct(t.value)}${times(t.lift)}`
        : `${d.label}: ${num(t.value, 1)} on average (all: ${num(t.all, 1)})`;
      return { claim, value: t.value, all: t.all, lift: t.lift, n: s?.n ?? 0, confidence: confidenceOf(s?.n ?? 0, t.z), definition: `mean of ${t.feature} in the persona vs all customers (standardised difference ${t.z.toFixed(2)})` };
    });
}

function field(key: string, items: (Evidence | null)[], insufficient: string): PersonaField {
  const it = items.filter((x): x is Evidence => x !== null);
  return it.length ? { key, label: FIELD_LABELS[key] ?? key, items: it } : { key, label: FIELD_LABELS[key] ?? key, items: [], insufficient };
}

function textField(key: string, statements: TextStatement[] | undefined, feedback: number): PersonaField {
  if (!statements || statements.length === 0)
    return { key, label: FIELD_LABELS[key] ?? key, items: [], insufficient: feedback === 0 ? 'no feedback text from these customers: ask in interviews (see interview guide)' : 'no such statements in their feedback yet' };
  return {
    key, label: FIELD_LABELS[key] ?? key,
    items: statements.slice(0, 5).map((s) => ({
      claim: s.text, value: s.sentiment, all: null, lift: null, n: s.customers,
      confidence: s.customers >= 30 ? 'high' : s.customers >= 10 ? 'medium' : 'low',
      definition: `${s.sentences} sentences from ${s.customers} customers classified as ${key.replace('_', ' ')}`,
      quotes: s.quotes.filter((q) => q.text !== s.text).slice(0, 3),
    })),
  };
}

export function synthesizePersona(p: SynthesisInput): Persona {
  const { seg, all } = p;
  const share = (a: number, b: number): number => (b > 0 ? a / b : 0);
  const demographics = field('demographics', [
    statEvidence(p, 'age', (v, a) => `median age ${num(v, 0)} (all customers ${num(a, 0)})`, 'median'),
    statEvidence(p, 'employees', (v, a) => `median ${num(v, 0)} employees (all accounts ${num(a, 0)})`, 'median'),
    statEvidence(p, 'annual_revenue', (v, a) => `median annual revenue ${num(v, 0)} (all accounts ${num(a, 0)})`, 'median'),
    statEvidence(p, 'contacts', (v, a) => `${num(v, 1)} contacts per account (all: ${num(a, 1)})`),
    ...blockEvidence(p, 'country', (v, s, l) => `${v} ${pct(s)}${times(l)}`, 2),
    ...blockEvidence(p, 'industry', (v, s, l) => `industry ${v} ${pct(s)}${times(l)}`, 2),
    ...blockEvidence(p, 'company_size', (v, s, l) => `company size ${v} ${pct(s)}${times(l)}`, 2),
    ...blockEvidence(p, 'role', (v, s, l) => `role ${v} ${pct(s)}${times(l)}`, 2),
    ...blockEvidence(p, 'job_title', (v, s, l) => `${v} ${pct(s)}${times(l)}`, 2),
    ...blockEvidence(p, 'gender', (v, s, l) => `gender ${v} ${pct(s)}${times(l)}`, 1),
  ], 'no demographic attributes in the data');
  const behaviour = field('behaviour', [
    statEvidence(p, 'orders_per_year', (v, a) => `${num(v)} orders a year (all: ${num(a)})`),
    statEvidence(p, 'avg_order', (v, a) => `median basket ${num(v, 0)} (all: ${num(a, 0)})`, 'median'),
    statEvidence(p, 'recency_days', (v, a) => `last order ${num(v, 0)} days ago, median (all: ${num(a, 0)})`, 'median'),
    ...blockEvidence(p, 'category_mix', (v, s, l) => `${v} ${pct(s)} of spend${times(l)}`, 3),
    ...blockEvidence(p, 'order_channel_mix', (v, s, l) => `orders via ${v} ${pct(s)}${times(l)}`, 2),
  ], 'no orders from these customers');
  const value = all.revenue <= 0 ? field('value', [], 'no orders in the data: value shares cannot be computed') : field('value', [
    { claim: `${pct(share(seg.size, all.size))} of ${p.kind === 'account' ? 'accounts' : 'customers'}, ${pct(share(seg.revenue, all.revenue))} of revenue, ${pct(share(seg.margin, all.margin))} of margin`,
      value: share(seg.revenue, all.revenue), all: share(seg.size, all.size), lift: lift(share(seg.revenue, all.revenue), share(seg.size, all.size)), n: seg.size,
      confidence: confidenceOf(seg.size, 1), definition: 'sum of completed order amounts (and margins) of the persona over all customers' },
    statEvidence(p, 'monetary', (v, a) => `median spend ${num(v, 0)} (all: ${num(a, 0)})`, 'median'),
  ], 'no orders');
  const channels = field('channels', blockEvidence(p, 'channel_mix', (v, s, l) => `${v} ${pct(s)} of touchpoints${times(l)}`, 3), 'no touchpoint events from these customers');
  const content = field('content', blockEvidence(p, 'content_mix', (v, s, l) => `${v} ${pct(s)} of content views${times(l)}`, 3), 'no content views recorded');
  const support = field('support', [
    statEvidence(p, 'tickets_per_order', (v, a) => `${num(v, 2)} support tickets per order (all: ${num(a, 2)})`),
    statEvidence(p, 'minutes_per_order', (v, a) => `${num(v, 0)} support minutes per order (all: ${num(a, 0)})`),
    statEvidence(p, 'refund_rate', (v, a) => `${pct(v)} of orders refunded or returned (all: ${pct(a)})`),
    statEvidence(p, 'avg_rating', (v, a) => `average rating ${num(v, 1)} (all: ${num(a, 1)})`),
  ], 'no support or refund data');
  const attributes = field('attributes', attributeEvidence(p), 'no other attributes stand out');
  const t = p.text;
  const fb = t?.feedback ?? 0;
  const fields: Record<string, PersonaField> = {
    demographics, behaviour, value, channels, content, support, attributes,
    goals: textField('goals', t?.goals, fb),
    pain_points: textField('pain_points', t?.pain_points, fb),
    questions: textField('questions', t?.questions, fb),
    motivations: textField('motivations', t?.motivations, fb),
    objections: textField('objections', t?.objections, fb),
    typical_day: { key: 'typical_day', label: FIELD_LABELS['typical_day'] ?? 'Typical day', items: [], insufficient: 'no data shows a typical day: ask in interviews (see interview guide)' },
    // computed by SQL over all the persona's customers (buying-criteria.ts, triggers.ts, information-sources.ts) and passed in
    buying_criteria: field('buying_criteria', [], 'no feedback or orders from these customers: ask in interviews what they weigh'),
    triggers: field('triggers', [], 'no first orders from these customers: ask in interviews what made them buy'),
    information_sources: field('information_sources', [], 'no awareness or consideration touches from these customers'),
    ...(p.extraFields ?? {}),
  };
  if (t && t.themes.length)
    fields['themes'] = {
      key: 'themes', label: 'Themes',
      items: t.themes.slice(0, 6).map((th) => ({
        claim: `${th.phrase} (${th.sentences} sentences, ${th.customers} customers${th.lift !== null ? `, ${th.lift.toFixed(1)}×` : ''})`,
        value: th.share, all: th.allShare, lift: th.lift, n: th.customers, confidence: th.customers >= 30 ? 'high' : th.customers >= 10 ? 'medium' : 'low',
        definition: 'class-based TF-IDF key phrase of the persona\'s feedback vs all feedback', quotes: th.quotes.slice(0, 2),
      })),
    };
  const top = p.traits.slice(0, 3).map((x) => `${x.label} ${x.direction === 'high' ? 'higher' : 'lower'}${x.lift !== null ? ` (${x.lift.toFixed(1)}×)` : ''}`);
  const summary = `${pct(share(seg.size, all.size))} of ${p.kind === 'account' ? 'accounts' : 'customers'}${all.revenue > 0 ? ` and ${pct(share(seg.revenue, all.revenue))} of revenue` : ''}; stands out by ${top.join(', ') || 'no strong trait'}.`;
  const recentShare = share(seg.recent, seg.size);
  const allRecent = share(all.recent, all.size);
  return {
    id: p.id, name: p.name, negative: p.negative, kind: p.kind ?? 'buyer', segment: seg.segment, summary,
    size: seg.size, share_of_customers: share(seg.size, all.size), share_of_revenue: share(seg.revenue, all.revenue), share_of_margin: share(seg.margin, all.margin),
    growth: { recent_share: recentShare, all_recent_share: allRecent, lift: lift(recentShare, allRecent) },
    stability: p.stability, headline_quote: t?.headline ?? null, traits: p.traits.slice(0, 8), fields,
    ...(p.negative ? { impact: { customers: share(seg.size, all.size), revenue: share(seg.revenue, all.revenue), margin: share(seg.margin, all.margin), support_minutes: share(seg.supportMinutes, all.supportMinutes), refunds: share(seg.refundValue, all.refundValue) } } : {}),
  };
}
