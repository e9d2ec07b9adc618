// Schemas of lead scoring: a lead (attributes, optional events inline), its score with reasons, and a batch summary.
import { z } from '@hono/zod-openapi';
import { STAGES } from '../../../contract/entities.js';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const InlineEventSchema = z
  .object({
    stage: z.string().nullable().optional(),
    event: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    channel: z.string().nullable().optional(),
    content_type: z.string().nullable().optional(),
    session_id: z.string().nullable().optional(),
    occurred_at: z.string().nullable().optional().openapi({ description: 'ISO 8601; needed for the pace between stages' }),
  })
  .strict();

export const LeadSchema = z
  .object({
    lead_id: z.union([z.string().trim().min(1, 'is required'), z.number()]).openapi({ example: 'l42' }),
    events: z.array(InlineEventSchema).max(10_000).optional().openapi({ description: "the lead's events; absent: the workspace's events with anonymous_id = lead_id" }),
  })
  .catchall(Scalar)
  .openapi('Lead', { description: 'lead_id plus attributes named as in the data contract (country, age, acquisition_channel …)' });

const Reason = z.object({ text: z.string(), attribute: z.string(), value: z.string(), persona_id: z.string(), lift: z.number(), weight: z.number() });

export const LeadScoreSchema = z
  .object({
    lead_id: z.string(),
    persona_id: z.string().nullable(),
    persona_name: z.string().nullable(),
    persona_similarity: z.number().nullable(),
    negative_persona_id: z.string().nullable(),
    negative_persona_name: z.string().nullable(),
    negative_similarity: z.number().nullable(),
    qualified: z.boolean(),
    fit_score: z.number().openapi({ description: 'chance that the lead belongs to a buyer persona (0–1)' }),
    confidence: z.number().openapi({ description: 'share of the evidence a complete lead would give that this lead gave (0–1)' }),
    stage: z.enum(STAGES).nullable(),
    next_content: z.string().nullable(),
    reasons: z.array(Reason),
    missing: z.array(z.string()),
  })
  .openapi('LeadScore');

export const ScoreSummarySchema = z
  .object({
    version: z.number(), threshold: z.number(), records: z.number(), scored: z.number(), skipped: z.number(), qualified: z.number(), with_events: z.number(),
    confidence: z.number(),
    by_persona: z.array(z.object({ persona_id: z.string(), name: z.string(), leads: z.number(), qualified: z.number() })),
    by_stage: z.record(z.string(), z.number()),
    unknown_columns: z.array(z.string()),
    unused_columns: z.array(z.string()),
    problem_count: z.number(),
    problems: z.array(z.object({ line: z.number(), code: z.string(), column: z.string().optional(), message: z.string(), raw: z.string().optional(), skipped: z.boolean() })),
  })
  .openapi('ScoreSummary');

export const ScorerSchema = { version: z.number(), threshold: z.number(), threshold_source: z.enum(['default', 'recalibrated']) };
