// Types of a demo company and its planted personas, and the separation blend that pulls personas toward their average.
import type { Stage } from '../contract/entities.js';

/** Unnormalised weights of categorical values (written as rough percentages). */
export type Weights = Readonly<Record<string, number>>;
/** [median, sigma] of a log-normal draw. */
export type LogNormal = readonly [number, number];
export type StageMap<T> = Readonly<Record<Stage, T>>;

export interface PersonaTexts {
  /** key phrases that recur in this persona's feedback */
  readonly themes: readonly string[];
  readonly goals: readonly string[];
  readonly pains: readonly string[];
  /** interrogative sentences, each ending with "?" */
  readonly questions: readonly string[];
  readonly motivations: readonly string[];
  readonly objections: readonly string[];
  readonly happy: readonly string[];
  readonly unhappy: readonly string[];
  /** persona vocabulary filling {slot}s of the templates above */
  readonly slots: Readonly<Record<string, readonly string[]>>;
}

/** Every number here is blended by `separation`; strings and texts are kept as written. */
export interface PersonaNumbers {
  /** [mean, sd] in years; b2b contacts have no age */
  readonly age: readonly [number, number] | null;
  readonly gender: Weights;
  readonly countries: Weights;
  readonly acquisition: Weights;
  readonly emailOptIn: number;
  /** b2b only: contact and account attributes */
  readonly jobTitles: Weights;
  readonly roles: Weights;
  readonly industries: Weights;
  readonly companySizes: Weights;
  /** contacts per account (b2b), mean */
  readonly accountContacts: number;
  readonly tenureDays: LogNormal;
  /** conditional chance of reaching consideration, decision, retention (a repeat order is allowed), advocacy */
  readonly reach: readonly [number, number, number, number];
  readonly ordersPerYear: LogNormal;
  /** unit price level (1 = catalogue price) and its spread */
  readonly basket: LogNormal;
  /** mean number of extra items per order */
  readonly extraItems: number;
  readonly marginRate: readonly [number, number];
  readonly refunded: number;
  readonly returned: number;
  readonly cancelled: number;
  readonly churnPerYear: number;
  /** share of orders pulled into the gift season */
  readonly seasonal: number;
  readonly categories: Weights;
  readonly orderChannels: Weights;
  readonly contentTypes: Weights;
  readonly channels: StageMap<Weights>;
  /** hours between awareness→consideration, consideration→decision, and between sessions of a stage */
  readonly gapsHours: readonly [LogNormal, LogNormal, LogNormal];
  /** mean sessions in awareness, consideration, decision; events per session */
  readonly sessions: readonly [number, number, number];
  readonly eventsPerSession: number;
  /** chance of a consideration → decision → consideration → decision loop before the first order */
  readonly decisionLoop: number;
  /** chance, per repeat order, of a retention → consideration → retention loop */
  readonly retentionLoop: number;
  readonly ticketsPerOrder: number;
  readonly ticketMinutes: LogNormal;
  readonly escalation: number;
  readonly ticketCategories: Weights;
  /** chance that a feedback is positive */
  readonly positive: number;
  readonly feedbackPerCustomer: number;
  /** extra attributes: a category column and a count column (names given by the company) */
  readonly extraCategory: Weights;
  readonly extraCount: number;
}

export interface PersonaSpec extends PersonaNumbers {
  readonly key: string;
  readonly label: string;
  readonly negative: boolean;
  readonly share: number;
  readonly summary: string;
  readonly texts: PersonaTexts;
}

export interface CountrySpec {
  readonly code: string;
  readonly region: string;
  readonly cities: readonly string[];
}

export interface CompanySpec {
  readonly variant: 'b2c' | 'b2b';
  readonly name: string;
  readonly description: string;
  readonly currency: string;
  readonly countries: readonly CountrySpec[];
  /** product categories with a catalogue unit price and how many products each has; `single` ones are bought one at a time */
  readonly categories: readonly { readonly key: string; readonly price: number; readonly products: number; readonly single?: boolean }[];
  /** non-content events per stage (content views are named by content type) */
  readonly stageEvents: StageMap<readonly string[]>;
  /** url prefix of a content view per content type */
  readonly contentPaths: Readonly<Record<string, string>>;
  /** short name used in feedback texts */
  readonly shortName: string;
  readonly firstOrderEvent: string;
  readonly repeatOrderEvent: string;
  /** names of the extra customer columns: [category column, count column] */
  readonly extraColumns: readonly [string, string];
  readonly surveyQuestions: StageMap<readonly string[]>;
  readonly feedbackSources: Weights;
  /** sentences any persona may say, mixed in so texts overlap a little */
  readonly commonHappy: readonly string[];
  readonly commonUnhappy: readonly string[];
  readonly personas: readonly PersonaSpec[];
}

type Json = number | string | boolean | null | readonly Json[] | { readonly [k: string]: Json };

function blendValue(values: readonly Json[], weights: readonly number[], s: number, i: number): Json {
  const mine = values[i] as Json;
  if (typeof mine === 'number') {
    let avg = 0;
    values.forEach((v, j) => (avg += (typeof v === 'number' ? v : 0) * (weights[j] as number)));
    return Math.max(0, avg + s * (mine - avg));
  }
  if (Array.isArray(mine)) {
    return mine.map((_, k) => blendValue(values.map((v) => (Array.isArray(v) ? (v[k] as Json) : null)), weights, s, i));
  }
  if (mine !== null && typeof mine === 'object') {
    // keys in order of first appearance over all personas, so the result is deterministic
    const keys: string[] = [];
    for (const v of values) if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) if (!keys.includes(k)) keys.push(k);
    const out: Record<string, Json> = {};
    for (const k of keys) {
      const col = values.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? ((v as Record<string, Json>)[k] ?? 0) : 0));
      out[k] = blendValue(col, weights, s, i);
    }
    return out;
  }
  return mine;
}

const NUMBER_KEYS_EXCLUDED = new Set(['key', 'label', 'negative', 'share', 'summary', 'texts']);

/**
 * Pulls each persona's numbers toward the share-weighted average of all personas:
 * value = average + separation × (persona − average). 1 keeps the personas as written, 0 makes them identical,
 * above 1 exaggerates them (clamped at 0).
 */
export function applySeparation(personas: readonly PersonaSpec[], separation: number): PersonaSpec[] {
  const total = personas.reduce((a, p) => a + p.share, 0);
  const weights = personas.map((p) => p.share / total);
  return personas.map((p, i) => {
    const out: Record<string, unknown> = { ...p };
    for (const k of Object.keys(p)) {
      if (NUMBER_KEYS_EXCLUDED.has(k)) continue;
      const col = personas.map((q) => (q as unknown as Record<string, Json>)[k] as Json);
      out[k] = blendValue(col, weights, separation, i);
    }
    return out as unknown as PersonaSpec;
  });
}
