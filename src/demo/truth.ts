// The planted truth written beside the data: personas.json (traits, channels, content, themes, loops) and funnel.json.
import { STAGES } from '../contract/entities.js';
import type { CompanySpec, PersonaSpec, Weights } from './persona-spec.js';
import type { Prepared } from './prepared.js';

type Trait = { trait: string; value?: string; share?: number; mean?: number; median?: number; rate?: number };

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function top(w: Weights, n: number): { value: string; share: number }[] {
  const total = Object.values(w).reduce((a, b) => a + b, 0);
  return Object.entries(w)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([value, v]) => ({ value, share: r3(v / total) }));
}

function traits(s: PersonaSpec, company: CompanySpec): Trait[] {
  const out: Trait[] = [];
  const cat = (trait: string, w: Weights, n: number): void => {
    for (const t of top(w, n)) out.push({ trait, ...t });
  };
  if (s.age !== null) out.push({ trait: 'age', mean: r3(s.age[0]) });
  if (Object.keys(s.gender).length > 0) cat('gender', s.gender, 1);
  cat('country', s.countries, 3);
  cat('acquisition_channel', s.acquisition, 2);
  out.push({ trait: 'email_opt_in', rate: r3(s.emailOptIn) });
  if (company.variant === 'b2b') {
    cat('job_title', s.jobTitles, 2);
    cat('role', s.roles, 1);
    cat('industry', s.industries, 2);
    cat('company_size', s.companySizes, 2);
  }
  out.push({ trait: 'tenure_days', median: r3(s.tenureDays[0]) });
  out.push({ trait: 'orders_per_year', median: r3(s.ordersPerYear[0]) });
  out.push({ trait: 'price_level', median: r3(s.basket[0]) }, { trait: 'price_spread_sigma', mean: r3(s.basket[1]) });
  out.push({ trait: 'extra_items_per_order', mean: r3(s.extraItems) });
  out.push({ trait: 'margin_rate', mean: r3(s.marginRate[0]) });
  out.push({ trait: 'refund_rate', rate: r3(s.refunded) }, { trait: 'return_rate', rate: r3(s.returned) }, { trait: 'cancel_rate', rate: r3(s.cancelled) });
  out.push({ trait: 'churn_per_year', rate: r3(s.churnPerYear) });
  if (s.seasonal > 0.05) out.push({ trait: 'gift_season_orders', rate: r3(s.seasonal) });
  cat('category', s.categories, 3);
  cat('order_channel', s.orderChannels, 2);
  out.push({ trait: 'tickets_per_order', mean: r3(s.ticketsPerOrder) }, { trait: 'ticket_minutes', median: r3(s.ticketMinutes[0]) });
  out.push({ trait: 'escalation_rate', rate: r3(s.escalation) });
  cat('ticket_category', s.ticketCategories, 2);
  out.push({ trait: 'positive_feedback', rate: r3(s.positive) });
  cat(company.extraColumns[0], s.extraCategory, 1);
  out.push({ trait: company.extraColumns[1], mean: r3(s.extraCount) });
  const reach = ['consideration', 'decision', 'retention', 'advocacy'];
  s.reach.forEach((v, i) => out.push({ trait: `reach_${reach[i] as string}_given_previous`, rate: r3(v) }));
  return out;
}

export function personasJson(company: CompanySpec, personas: readonly Prepared[], separation: number, counts: readonly number[]): unknown {
  return {
    company: { name: company.name, variant: company.variant, description: company.description, currency: company.currency },
    separation,
    personas: personas.map(({ spec: s }, i) => ({
      key: s.key,
      label: s.label,
      negative: s.negative,
      share: s.share,
      customers: counts[i] ?? 0,
      summary: s.summary,
      traits: traits(s, company),
      preferred_channels: Object.fromEntries(STAGES.map((st) => {
        const [best] = top(s.channels[st], 1);
        return [st, { channel: best?.value ?? '', share: best?.share ?? 0 }];
      })),
      preferred_content_types: top(s.contentTypes, 3).map((t) => ({ content_type: t.value, share: t.share })),
      themes: s.texts.themes,
      stage_gaps_hours: {
        awareness_to_consideration: r3(s.gapsHours[0][0]),
        consideration_to_decision: r3(s.gapsHours[1][0]),
        between_sessions: r3(s.gapsHours[2][0]),
      },
      loops: [
        { path: ['consideration', 'decision', 'consideration', 'decision'], probability: r3(s.decisionLoop), planted: s.decisionLoop >= 0.25, per: 'buyer' },
        { path: ['retention', 'consideration', 'retention'], probability: r3(s.retentionLoop), planted: s.retentionLoop >= 0.25, per: 'repeat order' },
      ],
    })),
  };
}

function stageCounts(f: Int32Array, row: number): Record<string, number> {
  return Object.fromEntries(STAGES.map((st, i) => [st, f[row * 5 + i] ?? 0]));
}

export function funnelJson(personas: readonly Prepared[], funnel: Int32Array, leadFunnel: Int32Array): unknown {
  const n = personas.length;
  return {
    definition: 'number of customers (or leads) with at least one event of the stage in events.csv',
    stages: STAGES,
    all: stageCounts(funnel, n),
    personas: Object.fromEntries(personas.map((p, i) => [p.spec.key, stageCounts(funnel, i)])),
    leads: {
      all: stageCounts(leadFunnel, n + 1),
      personas: Object.fromEntries([...personas.map((p, i) => [p.spec.key, stageCounts(leadFunnel, i)]), ['none', stageCounts(leadFunnel, n)]]),
    },
  };
}
