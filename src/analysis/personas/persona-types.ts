// The persona document: every field holds its evidence (value, shares, lift, n, confidence, definition, quotes).

export type Confidence = 'high' | 'medium' | 'low';

export interface Quote {
  text: string;
  feedback_id: string;
  source?: string | null;
  rating?: number | null;
}

export interface Evidence {
  /** the claim in words, e.g. "footwear 45% of spend" */
  claim: string;
  /** the persona's value (a share, a mean or a median) */
  value: number | null;
  /** the same statistic for all customers */
  all: number | null;
  /** value / all where meaningful */
  lift: number | null;
  /** customers (or sentences) behind the claim */
  n: number;
  confidence: Confidence;
  /** how it was computed */
  definition: string;
  quotes?: Quote[];
}

export interface PersonaField {
  key: string;
  label: string;
  items: Evidence[];
  /** set when there is too little evidence to say anything */
  insufficient?: string;
}

export interface Trait {
  feature: string;
  label: string;
  direction: 'high' | 'low';
  /** standardised difference vs all customers */
  z: number;
  value: number | null;
  all: number | null;
  lift: number | null;
}

export interface ExclusionRule {
  text: string;
  conditions: { feature: string; op: '>' | '<'; threshold: number }[];
  precision: number;
  recall: number;
}

export interface PersonaLink {
  persona_id: string;
  name: string;
  /** share of this persona's contacts (or accounts) that belong to the linked persona */
  share: number;
  lift: number | null;
  n: number;
}

export interface Persona {
  id: string;
  name: string;
  negative: boolean;
  /** buyer: a person (customer / contact); account: a company (B2B) */
  kind: 'buyer' | 'account';
  /** the persona template it was written from (hand-made personas); team views draw from its view lists */
  template?: string;
  /** B2B: account personas ↔ buyer personas */
  links?: PersonaLink[];
  segment: number;
  summary: string;
  size: number;
  share_of_customers: number;
  share_of_revenue: number;
  share_of_margin: number;
  /** share of the persona's customers who are new (first order in the data's last 180 days) vs the same for all */
  growth: { recent_share: number; all_recent_share: number; lift: number | null };
  stability: number | null;
  headline_quote: Quote | null;
  traits: Trait[];
  fields: Record<string, PersonaField>;
  impact?: { customers: number; revenue: number; margin: number; support_minutes: number; refunds: number };
  exclusion_rule?: ExclusionRule;
}

export const FIELD_ORDER = [
  'demographics', 'attributes', 'behaviour', 'value', 'channels', 'content', 'goals', 'pain_points', 'questions', 'motivations',
  'buying_criteria', 'triggers', 'objections', 'information_sources', 'support', 'buying_committee', 'accounts', 'typical_day',
] as const;

export const FIELD_LABELS: Record<string, string> = {
  demographics: 'Who', attributes: 'Attributes', behaviour: 'Buys', value: 'Value', channels: 'Channels', content: 'Content', goals: 'Goals',
  pain_points: 'Pain points', questions: 'Questions', motivations: 'Motivations', buying_criteria: 'Buying criteria',
  triggers: 'Triggers', objections: 'Objections', information_sources: 'Gets informed', support: 'Support', typical_day: 'Typical day',
};

/** Which fields each team's view shows, in its order: one core persona, several views. */
export const VIEWS: Record<'cx' | 'content' | 'ux' | 'sales', readonly string[]> = {
  cx: ['pain_points', 'support', 'questions', 'goals', 'channels', 'value', 'demographics'],
  content: ['content', 'information_sources', 'questions', 'goals', 'channels', 'motivations', 'demographics'],
  ux: ['goals', 'pain_points', 'questions', 'behaviour', 'channels', 'typical_day', 'demographics', 'attributes'],
  sales: ['buying_criteria', 'triggers', 'objections', 'value', 'behaviour', 'motivations', 'demographics', 'buying_committee', 'accounts'],
};
