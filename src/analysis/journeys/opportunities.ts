// Opportunities from a journey map: a stage people leave more often than all customers do with a fixable complaint there, and thin touchpoints.
import type { FunnelStep, Opportunity, StageEmotion, StageTouchpoints } from './journey-types.js';

export interface OpportunityInput {
  funnel: readonly FunnelStep[];
  allFunnel: readonly FunnelStep[];
  emotions: readonly StageEmotion[];
  touchpoints: readonly StageTouchpoints[];
}

/** Conversion at most this share of the all-customer conversion (or the lowest step of the funnel) counts as low. */
const LOW_CONVERSION = 0.9;
/** Touches per customer at most this share of the all-customer figure counts as few. */
const FEW_TOUCHES = 0.6;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function findOpportunities(input: OpportunityInput): Opportunity[] {
  const out: Opportunity[] = [];
  const steps = input.funnel.slice(1).filter((s) => s.conversion !== null);
  const lowest = steps.reduce<FunnelStep | null>((lo, s) => (lo === null || (s.conversion ?? 1) < (lo.conversion ?? 1) ? s : lo), null);
  input.funnel.forEach((step, i) => {
    if (i === 0 || step.conversion === null) return;
    const prev = input.funnel[i - 1] as FunnelStep;
    const all = input.allFunnel[i]?.conversion ?? null;
    const low = (all !== null && step.conversion <= all * LOW_CONVERSION) || step === lowest;
    if (!low) return;
    // the complaint is looked for where people stall: the stage before the low step
    const pain = input.emotions.find((e) => e.stage === prev.stage)?.pain_points[0];
    if (!pain) return;
    out.push({
      stage: prev.stage,
      kind: 'low_conversion_theme',
      text: `${pct(1 - step.conversion)} do not go on from ${prev.stage} to ${step.stage}` +
        (all !== null ? ` (all customers: ${pct(1 - all)})` : '') +
        `; "${pain.theme}" is the most common complaint at ${prev.stage} (${pain.customers} customers, sentiment ${pain.sentiment.toFixed(2)})`,
      evidence: { conversion: step.conversion, all_conversion: all, theme: pain.theme, theme_customers: pain.customers, theme_sentiment: pain.sentiment, theme_lift: pain.lift },
    });
  });
  for (const t of input.touchpoints) {
    if (t.customers <= 0 || t.all_per_customer <= 0) continue;
    const ratio = t.per_customer / t.all_per_customer;
    if (ratio > FEW_TOUCHES) continue;
    out.push({
      stage: t.stage,
      kind: 'few_touchpoints',
      text: `${t.per_customer.toFixed(1)} touches per customer at ${t.stage} vs ${t.all_per_customer.toFixed(1)} for all customers: room for more content here`,
      evidence: { per_customer: t.per_customer, all_per_customer: t.all_per_customer, ratio },
    });
  }
  return out;
}
