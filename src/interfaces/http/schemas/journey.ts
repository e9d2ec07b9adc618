// The journey map as an API schema (mirrors analysis/journeys/journey-types.ts and nurturing/scenario.ts; the compiler checks that they agree).
import { z } from '@hono/zod-openapi';
import { STAGES } from '../../../contract/entities.js';

const Stage = z.enum(STAGES);
const num = z.number();
const numOrNull = z.number().nullable();
const Models = z.object({ first: num, last: num, linear: num, time_decay: num, position: num, markov: num });

const Share = z.object({ key: z.string(), n: num, share: num, lift: numOrNull });
const QuoteRef = z.object({ text: z.string(), feedback_id: z.string(), source: z.string().nullable(), rating: numOrNull });
const Loop = z.object({ pattern: z.array(Stage), customers: num, share: num });

export const JourneyMapSchema = z
  .object({
    group: z.string().openapi({ description: 'persona id, or "all" for every customer' }),
    customers: num,
    window_days: num,
    funnel: z.array(z.object({ stage: Stage, customers: num, conversion: numOrNull, median_hours: numOrNull, p90_hours: numOrNull, timed: num })),
    dropoff: z.array(
      z.object({
        stage: Stage, reached: num, stopped: num, share: num, still_open: num,
        last_touches: z.object({ channel: z.array(Share), content_type: z.array(Share), event: z.array(Share) }),
      }),
    ),
    touchpoints: z.array(
      z.object({
        stage: Stage, touches: num, customers: num, per_customer: num, all_per_customer: num, channels: z.array(Share), content_types: z.array(Share),
        cells: z.array(z.object({ channel: z.string().nullable(), content_type: z.string().nullable(), touches: num, share: num, all_share: num, lift: numOrNull })),
      }),
    ),
    progression: z.array(
      z.object({
        stage: Stage, next: Stage, customers: num, moved: num, rate: num, touches_per_mover: numOrNull, median_touches_per_mover: numOrNull,
        cells: z.array(z.object({ channel: z.string().nullable(), content_type: z.string().nullable(), customers: num, moved: num, rate: num, lift: numOrNull })),
      }),
    ),
    paths: z.array(
      z.object({
        kind: z.enum(['stage', 'channel', 'event']),
        customers: num,
        top: z.array(z.object({ steps: z.array(z.string()), customers: num, share: num, truncated: z.boolean() })),
        sankey: z.object({
          nodes: z.array(z.object({ id: z.string(), step: num, label: z.string() })),
          links: z.array(z.object({ source: z.string(), target: z.string(), step: num, value: num })),
        }),
      }),
    ),
    loops: z.array(Loop),
    back_moves: z.array(Loop),
    emotions: z.array(
      z.object({
        stage: Stage, feedback: num, by_column: num, by_time: num, analysed: num, customers: num, suppressed: z.boolean(),
        sentiment: numOrNull, positive: numOrNull, negative: numOrNull, thought: QuoteRef.nullable(),
        pain_points: z.array(z.object({ theme: z.string(), customers: num, sentences: num, sentiment: num, lift: numOrNull, quote: QuoteRef.nullable() })),
      }),
    ),
    opportunities: z.array(
      z.object({
        stage: Stage,
        kind: z.enum(['low_conversion_theme', 'few_touchpoints']),
        text: z.string(),
        evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
      }),
    ),
    attribution: z.object({
      journeys: num, conversions: num, value: num, distinct_paths: num, conversion_probability: numOrNull,
      channels: z.array(
        z.object({
          channel: z.string(), conversions: Models, value: Models,
          markov_by_order: z.tuple([num, num, num]), removal_effect_by_order: z.tuple([num, num, num]),
        }),
      ),
    }),
    sample: z.object({ customers: num, of: num, exact: z.boolean() }),
  })
  .openapi('JourneyMap');

export const ScenarioSchema = z
  .object({
    group: z.string(),
    as_of: z.string().nullable(),
    curated_share: num,
    steps: z.array(
      z.object({
        stage: Stage, next: Stage, audience: num, rate: num,
        send: z.array(z.object({ channel: z.string(), content_type: z.string(), customers: num, moved: num, rate: num, lift: numOrNull, ranked_lift: num })),
        when: z.object({ start_after_hours: num, median_hours: numOrNull, p90_hours: numOrNull }),
        how_often: z.object({ touches: num, every_hours: num }),
      }),
    ),
    plan: z.array(
      z.object({
        index: num, offset_hours: num, stage: Stage, channel: z.string(), content_type: z.string(), source: z.enum(['curated', 'own']), title: z.string(), reason: z.string(),
      }),
    ),
  })
  .openapi('Scenario');
