// A nurturing scenario from a journey map: per stage what to send on which channel (by observed lift), when and how often, and a content plan.
import type { Stage } from '../../contract/entities.js';
import type { JourneyMap, ProgressionCell, StageProgression } from '../journeys/journey-types.js';
import { shrunkLift } from '../journeys/progression.js';
import { planContent, type ContentItem } from './content-plan.js';

export interface ScenarioOptions {
  /** share of curated (third-party) content in the plan; the rest is own content (default 0.8) */
  curatedShare?: number;
  /** recommendations per stage (default 3) */
  recommendations?: number;
  /** plan items per stage at most (default 4) */
  maxPerStage?: number;
  /** shortest time between two plan items, hours (default 24) */
  minSpacingHours?: number;
}

export interface Recommendation {
  channel: string;
  content_type: string;
  customers: number;
  moved: number;
  rate: number;
  lift: number | null;
  /** lift with small cells pulled toward 1: the ranking key */
  ranked_lift: number;
}

export interface ScenarioStep {
  stage: Stage;
  next: Stage;
  /** customers with touches at the stage (estimated), and the share who moved on within the observed time */
  audience: number;
  rate: number;
  send: Recommendation[];
  when: {
    /** hours after the journey start at which the stage typically begins (sum of the median gaps before it) */
    start_after_hours: number;
    /** median and p90 hours to the next stage, measured on those who got there */
    median_hours: number | null;
    p90_hours: number | null;
  };
  how_often: {
    /** median touches at the stage before moving on (at least 1) */
    touches: number;
    /** spacing of plan items, hours */
    every_hours: number;
  };
}

export interface Scenario {
  group: string;
  as_of: string | null;
  curated_share: number;
  steps: ScenarioStep[];
  plan: ContentItem[];
}

const recommend = (p: StageProgression, n: number): Recommendation[] =>
  p.cells
    .filter((c): c is ProgressionCell & { channel: string; content_type: string } => c.channel !== null && c.content_type !== null)
    .map((c) => ({ channel: c.channel, content_type: c.content_type, customers: c.customers, moved: c.moved, rate: c.rate, lift: c.lift, ranked_lift: shrunkLift(c, p.rate) }))
    .sort((a, b) => b.ranked_lift - a.ranked_lift || b.customers - a.customers || `${a.channel}${a.content_type}`.localeCompare(`${b.channel}${b.content_type}`))
    .slice(0, n);

export function buildScenario(map: JourneyMap, asOf: string | null, opts: ScenarioOptions = {}): Scenario {
  const curated = opts.curatedShare ?? 0.8;
  if (!(curated >= 0 && curated <= 1)) throw new RangeError(`curated share must be between 0 and 1, got ${curated}`);
  const spacing = opts.minSpacingHours ?? 24;
  const maxPerStage = opts.maxPerStage ?? 4;
  let start = 0;
  const steps: ScenarioStep[] = [];
  for (const p of map.progression) {
    const gap = map.funnel.find((f) => f.stage === p.next);
    const median = gap?.median_hours ?? null;
    const touches = Math.max(1, Math.min(maxPerStage, Math.round(p.median_touches_per_mover ?? 1)));
    const span = median ?? spacing * touches;
    steps.push({
      stage: p.stage, next: p.next, audience: p.customers, rate: p.rate, send: recommend(p, opts.recommendations ?? 3),
      when: { start_after_hours: start, median_hours: median, p90_hours: gap?.p90_hours ?? null },
      how_often: { touches, every_hours: Math.max(spacing, span / touches) },
    });
    start += median ?? 0;
  }
  const contentTypes = new Map(map.touchpoints.map((t) => [t.stage, t.content_types.map((c) => c.key)]));
  return { group: map.group, as_of: asOf, curated_share: curated, steps, plan: planContent(steps, { curatedShare: curated, contentTypes }) };
}
