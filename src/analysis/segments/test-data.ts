// Synthetic customers with planted, overlapping segments: skewed money, counts, share blocks, categories, noise, gaps.
import { createRng } from '../../shared/rng.js';
import type { Rng } from '../../shared/rng.js';
import type { FeatureColumn, FeatureMatrix } from './feature-matrix.js';
import { betaMean, dirichlet, logNormal, multinomialShares, negBinomial, poisson, gamma } from './test-distributions.js';

export interface SyntheticCustomers {
  matrix: FeatureMatrix;
  /** planted segment of each row */
  labels: Int32Array;
  k: number;
}

export interface SyntheticOptions {
  n: number;
  seed: number;
  /** 1 = the default overlap (oracle ARI ≈ 0.95, like the demo company); < 1 pulls the segments' profiles together, > 1 apart */
  separation?: number;
}

// Five personas: value-hunting regulars, big-ticket occasionals, new browsers, business buyers, lapsing.
// Every signal is weak on its own: neighbouring segments differ by well under one spread on each.
const SIZES = [0.3, 0.25, 0.2, 0.15, 0.1];
const P = {
  aovMu: [3.6, 4.3, 3.9, 4.5, 4.0], // log average order value, sigma 0.55
  orders: [7, 3.5, 2, 5, 3], // 1 + negative binomial, r = 2.5
  sessions: [7, 5, 12, 6, 2.5],
  recency: [25, 60, 30, 40, 140], // days since last order, gamma shape 1.6
  tenure: [650, 900, 200, 1000, 800], // days, gamma shape 3
  tickets: [0.6, 0.8, 0.4, 1.6, 1.0],
  refund: [0.06, 0.1, 0.07, 0.05, 0.15], // beta mean, concentration 12
  discount: [0.45, 0.18, 0.3, 0.15, 0.32],
  openRate: [0.35, 0.22, 0.25, 0.3, 0.08],
  age: [35, 47, 31, 43, 44], // sd 11
  rating: [4.1, 4.4, 4.0, 3.9, 3.3], // sd 0.75
  ratingMissing: [0.45, 0.5, 0.7, 0.5, 0.7],
} as const;
const CATEGORY_ALPHA = [
  [3, 2, 1.5, 1, 1, 0.5], [1, 1.5, 3, 2, 0.8, 1], [2, 1, 1, 1, 2, 1],
  [1, 1, 2, 3, 1.2, 0.6], [1.5, 1.5, 1, 1, 1, 2],
];
const CHANNEL_ALPHA = [[1, 3, 1, 2, 1], [2, 1.2, 1, 1, 1.5], [3, 1, 2.2, 0.6, 1], [1.2, 0.8, 0.5, 1, 3.5], [1, 1, 1.2, 2.5, 0.6]];
const COUNTRY = [[0.4, 0.2, 0.15, 0.1, 0.1, 0.05], [0.25, 0.3, 0.2, 0.1, 0.1, 0.05], [0.3, 0.15, 0.15, 0.2, 0.1, 0.1], [0.3, 0.25, 0.25, 0.1, 0.05, 0.05], [0.35, 0.2, 0.15, 0.1, 0.1, 0.1]];
const COMPANY_SIZE = [[0.5, 0.3, 0.15, 0.05], [0.4, 0.3, 0.2, 0.1], [0.55, 0.25, 0.15, 0.05], [0.1, 0.25, 0.35, 0.3], [0.45, 0.3, 0.15, 0.1]];
const DEVICE = [[0.65, 0.3, 0.05], [0.35, 0.55, 0.1], [0.7, 0.2, 0.1], [0.2, 0.75, 0.05], [0.5, 0.4, 0.1]];
const OPT_IN = [0.7, 0.5, 0.55, 0.6, 0.3];

function block(name: string, kind: FeatureColumn['kind'], levels: number): FeatureColumn[] {
  return Array.from({ length: levels }, (_, j) => ({ name: `${name}_${j}`, kind, group: name }));
}

export const SYNTHETIC_COLUMNS: FeatureColumn[] = [
  { name: 'total_spend', kind: 'money' }, { name: 'avg_order_value', kind: 'money' },
  { name: 'orders', kind: 'count' }, { name: 'sessions_90d', kind: 'count' },
  { name: 'days_since_last_order', kind: 'count' }, { name: 'tenure_days', kind: 'numeric' },
  { name: 'tickets', kind: 'count' }, { name: 'refund_rate', kind: 'share' },
  { name: 'discount_share', kind: 'share' }, { name: 'email_open_rate', kind: 'share' },
  { name: 'age', kind: 'numeric' }, { name: 'avg_rating', kind: 'numeric' },
  ...block('category_share', 'share', 6), ...block('channel_share', 'share', 5),
  ...block('country', 'category', 6), ...block('company_size', 'category', 4),
  ...block('device', 'category', 3), ...block('email_opt_in', 'category', 2),
  { name: 'noise_score', kind: 'numeric' }, { name: 'noise_amount', kind: 'money' },
  ...block('noise_colour', 'category', 5),
];

/** Pull a per-segment parameter towards the segments' mean by `s` (1 = as written). */
function spread(values: readonly number[], g: number, s: number, log = false): number {
  const f = log ? values.map(Math.log) : values;
  const mean = f.reduce((a, b) => a + b, 0) / f.length;
  const v = mean + s * ((f[g] as number) - mean);
  return log ? Math.exp(v) : v;
}

function oneHot(out: number[], p: readonly number[], rng: Rng): void {
  const j = rng.weighted(p);
  for (let i = 0; i < p.length; i++) out.push(i === j ? 1 : 0);
}

export function syntheticCustomers(options: SyntheticOptions): SyntheticCustomers {
  const { n, seed } = options;
  // the tables above give each persona's direction; at half their spread hardly any method recovers them
  const s = 2 * (options.separation ?? 1);
  const rng = createRng(seed);
  const d = SYNTHETIC_COLUMNS.length;
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const mix = (table: readonly (readonly number[])[], g: number): number[] =>
    (table[g] as number[]).map((_, j) => spread(table.map((r) => r[j] as number), g, s, true));
  for (let i = 0; i < n; i++) {
    const g = rng.weighted(SIZES);
    labels[i] = g;
    const row: number[] = [];
    // every customer here has bought at least once; spend is the orders' sum, so it moves with their count
    const orders = 1 + negBinomial(rng, spread(P.orders, g, s, true) - 1, 2.5);
    const sessions = negBinomial(rng, spread(P.sessions, g, s, true), 2.5);
    const aov = logNormal(rng, spread(P.aovMu, g, s), 0.55);
    row.push(orders * aov * logNormal(rng, 0, 0.35), aov);
    row.push(orders, sessions);
    row.push(Math.round(gamma(rng, 1.6, spread(P.recency, g, s, true) / 1.6)));
    row.push(Math.round(gamma(rng, 3, spread(P.tenure, g, s, true) / 3)));
    row.push(poisson(rng, spread(P.tickets, g, s, true)));
    row.push(betaMean(rng, spread(P.refund, g, s), 12), betaMean(rng, spread(P.discount, g, s), 8));
    row.push(betaMean(rng, spread(P.openRate, g, s), 6));
    row.push(rng.next() < 0.12 ? NaN : Math.max(18, spread(P.age, g, s) + 11 * rng.normal()));
    const rating = Math.min(5, Math.max(1, spread(P.rating, g, s) + 0.75 * rng.normal()));
    row.push(rng.next() < (P.ratingMissing[g] as number) ? NaN : rating);
    row.push(...multinomialShares(rng, dirichlet(rng, mix(CATEGORY_ALPHA, g).map((a) => 2 * a)), 2 * orders));
    row.push(...multinomialShares(rng, dirichlet(rng, mix(CHANNEL_ALPHA, g).map((a) => 2 * a)), 1 + sessions));
    oneHot(row, mix(COUNTRY, g), rng);
    oneHot(row, mix(COMPANY_SIZE, g), rng);
    oneHot(row, mix(DEVICE, g), rng);
    oneHot(row, [spread(OPT_IN, g, s), 1 - spread(OPT_IN, g, s)], rng);
    row.push(50 + 10 * rng.normal(), logNormal(rng, 4, 1.2));
    oneHot(row, [0.2, 0.2, 0.2, 0.2, 0.2], rng);
    data.set(row, i * d);
  }
  const ids = Array.from({ length: n }, (_, i) => `c${i}`);
  return { matrix: { n, columns: SYNTHETIC_COLUMNS, data, ids }, labels, k: SIZES.length };
}
