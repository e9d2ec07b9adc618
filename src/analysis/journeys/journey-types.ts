// The journey map document: funnel, drop-off, touchpoints, progression, paths, emotions, opportunities and attribution per group.
import type { Stage } from '../../contract/entities.js';
import type { StageRule } from '../../contract/workspace-config.js';
import type { AttributionModel } from '../attribution/attribute.js';

/** The group key of the map over every customer. */
export const ALL_GROUP = 'all';

export interface FunnelStep {
  stage: Stage;
  /** customers whose first touch at the stage falls within the window */
  customers: number;
  /** customers / customers of the previous stage (null for the first stage or when the previous has none) */
  conversion: number | null;
  /** hours from the first time at the previous stage to the first time at this one, over customers who reached both in that order */
  median_hours: number | null;
  p90_hours: number | null;
  /** customers behind the two times */
  timed: number;
}

/** A value with its share in the group and its lift against a comparison share. */
export interface Share {
  key: string;
  /** customers or touches (estimated for the population when sequences are sampled) */
  n: number;
  share: number;
  lift: number | null;
}

export interface DropOff {
  stage: Stage;
  reached: number;
  /** customers whose furthest stage within the window is this one */
  stopped: number;
  /** stopped / reached */
  share: number;
  /** of the stopped: journeys whose window is still open at the data's end (they may still move on) */
  still_open: number;
  /** the last touch within the window of those who stopped here; lift vs this stage's share of touches */
  last_touches: { channel: Share[]; content_type: Share[]; event: Share[] };
}

export interface TouchpointCell {
  channel: string | null;
  content_type: string | null;
  touches: number;
  share: number;
  /** the same cell's share of the stage's touches over all customers */
  all_share: number;
  lift: number | null;
}

export interface StageTouchpoints {
  stage: Stage;
  touches: number;
  /** customers with at least one touch at the stage */
  customers: number;
  per_customer: number;
  all_per_customer: number;
  channels: Share[];
  content_types: Share[];
  cells: TouchpointCell[];
}

/** Customers who touched a channel × content type at a stage before moving on, and how many moved on. */
export interface ProgressionCell {
  channel: string | null;
  content_type: string | null;
  customers: number;
  moved: number;
  rate: number;
  /** rate / the stage's rate */
  lift: number | null;
}

export interface StageProgression {
  stage: Stage;
  next: Stage;
  /** customers with a touch at the stage (before moving on) */
  customers: number;
  moved: number;
  rate: number;
  /** touches at the stage before moving on, per customer who moved on: mean and median */
  touches_per_mover: number | null;
  median_touches_per_mover: number | null;
  cells: ProgressionCell[];
}

export type PathKind = 'stage' | 'channel' | 'event';

export interface PathCount {
  steps: string[];
  customers: number;
  share: number;
  /** the journey goes on after the shown steps */
  truncated: boolean;
}

export interface SankeyNode {
  id: string;
  step: number;
  label: string;
}

export interface SankeyLink {
  source: string;
  target: string;
  /** step index of the source node (1-based) */
  step: number;
  value: number;
}

export interface PathSummary {
  kind: PathKind;
  customers: number;
  top: PathCount[];
  sankey: { nodes: SankeyNode[]; links: SankeyLink[] };
}

/** A back-and-forth pattern in the stage path (x > y > x, x > y > x > y) or a backward move (x > y with y earlier). */
export interface LoopPattern {
  pattern: Stage[];
  customers: number;
  share: number;
}

export interface QuoteRef {
  text: string;
  feedback_id: string;
  source: string | null;
  rating: number | null;
}

export interface PainPoint {
  theme: string;
  customers: number;
  sentences: number;
  sentiment: number;
  lift: number | null;
  quote: QuoteRef | null;
}

export interface StageEmotion {
  stage: Stage;
  /** all feedback tied to the stage, and how it was tied: the feedback's `stage` column or the customer's stage at the time */
  feedback: number;
  by_column: number;
  by_time: number;
  /** analysed rows (a bounded sample per stage) and their customers */
  analysed: number;
  customers: number;
  suppressed: boolean;
  sentiment: number | null;
  positive: number | null;
  negative: number | null;
  thought: QuoteRef | null;
  pain_points: PainPoint[];
}

export type OpportunityKind = 'low_conversion_theme' | 'few_touchpoints';

export interface Opportunity {
  stage: Stage;
  kind: OpportunityKind;
  text: string;
  evidence: Record<string, number | string | null>;
}

export interface AttributionChannel {
  channel: string;
  conversions: Record<AttributionModel, number>;
  value: Record<AttributionModel, number>;
  /** Markov credit and removal effect at orders 1, 2, 3 */
  markov_by_order: [number, number, number];
  removal_effect_by_order: [number, number, number];
}

export interface JourneyAttribution {
  /** journeys (customers) behind the paths: converted and not */
  journeys: number;
  conversions: number;
  value: number;
  distinct_paths: number;
  /** Markov order 1: P(conversion) from the start */
  conversion_probability: number | null;
  channels: AttributionChannel[];
}

export interface SampleInfo {
  /** customers whose ordered sequences were read; equal to `of` when nothing was sampled */
  customers: number;
  of: number;
  exact: boolean;
}

export interface JourneyMap {
  group: string;
  customers: number;
  window_days: number;
  funnel: FunnelStep[];
  dropoff: DropOff[];
  touchpoints: StageTouchpoints[];
  progression: StageProgression[];
  paths: PathSummary[];
  loops: LoopPattern[];
  back_moves: LoopPattern[];
  emotions: StageEmotion[];
  opportunities: Opportunity[];
  attribution: JourneyAttribution;
  /** sequences (paths, loops, last touches, touchpoints, progression, attribution) come from this sample */
  sample: SampleInfo;
}

export interface JourneySet {
  schema: 1;
  window_days: number;
  /** the data's last touch or order (ISO), the reference for open windows and calendar exports */
  as_of: string | null;
  stage_rules: readonly StageRule[];
  /** events with no stage from the column or the rules (left out) */
  unstaged_events: number;
  maps: JourneyMap[];
  timings_ms: Record<string, number>;
}
