// The stored lead-scoring model of a persona-set version: per persona, counts of each lead-available attribute level and event mix.
import type { Stage } from '../../contract/entities.js';

/** A persona the model scores against (buyer-kind personas only: leads are people, not accounts). */
export interface ScoringPersona {
  id: string;
  name: string;
  negative: boolean;
  /** labelled customers behind the counts */
  customers: number;
}

/** One level of an attribute (a category, or a numeric bin) with its customer counts overall and per persona. */
export interface LevelCounts {
  /** the category value, or the bin's label (e.g. "25–31") */
  value: string;
  /** numeric bins: lower bound (inclusive; null = open) and upper bound (exclusive; null = open) */
  lo?: number | null;
  hi?: number | null;
  /** customers with this level, all of them (labelled or not) */
  all: number;
  /** customers with this level per persona, in `ScoringModel.personas` order */
  counts: number[];
}

export type AttributeKind = 'category' | 'boolean' | 'numeric';

export interface AttributeModel {
  /** the canonical column of customers and leads */
  column: string;
  /** words for reasons */
  label: string;
  kind: AttributeKind;
  /** categories (frequent values), or numeric bins in ascending order */
  levels: LevelCounts[];
  /** rare values pooled (categories only); null when every value is a level */
  other: LevelCounts | null;
  /** customers with a value: all, and per persona (the denominators of the shares) */
  known: number;
  known_by_persona: number[];
  /** mutual information with the persona label, penalised for the number of levels (nats); > 0 for every kept attribute */
  information: number;
  /** the workspace's ingested leads carry this column (or none are ingested): a lead without it lowers the confidence */
  expected: boolean;
}

/** Event mix of one kind at each stage: sessions by channel, or touches by content type. */
export interface EventBlock {
  field: 'channel' | 'content_type';
  /** what one observation is: a session (channel is constant within one) or a touch */
  unit: 'session' | 'touch';
  label: string;
  cells: (LevelCounts & { stage: Stage })[];
  /** per stage: observations overall and per persona */
  totals: { stage: Stage; all: number; counts: number[] }[];
  /** penalised mutual information of one observation with the persona label (nats) */
  information: number;
}

/** The next best content for a persona at a stage: the top of its nurturing scenario's step from that stage. */
export interface NextContent {
  channel: string;
  content_type: string;
  /** the scenario's lift of moving on after this content, when known */
  lift: number | null;
  text: string;
}

export interface ScoringModel {
  schema: 1;
  /** the persona-set version the model belongs to */
  version: number;
  /** `events_sample_rate`: the share of customers whose events the behaviour blocks were fitted on (1 = all; absent in older models) */
  fitted: { customers: number; labelled: number; as_of: string | null; events_sample_rate?: number };
  personas: ScoringPersona[];
  attributes: AttributeModel[];
  /** lead-available columns left out, and why (redundant with another, too little information, no values) */
  skipped: { column: string; reason: string }[];
  /** empty when the workspace has no customer events */
  events: EventBlock[];
  /** pace of the journey from events: hours between stages (numeric bins); scored when a lead's events show them */
  timing: AttributeModel[];
  /** pseudo-customers pulling a persona's shares toward all customers' shares (small personas say little) */
  smoothing: number;
  /** weight of "none of the personas" (an average prospect) beside the personas' shares of customers in the fit score */
  background_prior: number;
  /** fit score at or above which a lead is qualified, until `--evaluate` recalibrates it */
  default_threshold: number;
  /** persona id → stage → next best content */
  next_content: Record<string, Partial<Record<Stage, NextContent>>>;
}

/** Columns of customers that are never lead attributes: ids, dates and outcomes that only a customer has. */
export const NOT_LEAD_ATTRIBUTES: readonly string[] = ['customer_id', 'account_id', 'lead_id', 'created_at', 'churned', 'churned_at'];
