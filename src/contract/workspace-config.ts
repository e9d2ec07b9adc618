// archetype.yaml: the workspace configuration, as a zod schema (single source for CLI, API and docs).
import { z } from 'zod';

export const stageRuleSchema = z.object({
  stage: z.enum(['awareness', 'consideration', 'decision', 'retention', 'advocacy']),
  event: z.string().optional(),
  url: z.string().optional(),
  content_type: z.string().optional(),
});

export const workspaceConfigSchema = z.object({
  version: z.literal(1).default(1),
  name: z.string().default('workspace'),
  engine: z.string().default('duckdb'),
  /** DuckDB memory limit, e.g. "1.5GB" */
  memory_limit: z.string().optional(),
  threads: z.number().int().positive().optional(),
  privacy: z
    .object({
      minimum_group_size: z.number().int().min(1).default(10),
      allow_quotes: z.boolean().default(true),
    })
    .prefault({}),
  /** per entity: canonical column → source column name */
  mappings: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  journeys: z
    .object({
      window_days: z.number().positive().default(365),
      stage_rules: z.array(stageRuleSchema).optional(),
    })
    .prefault({}),
  refresh_policy_days: z.number().int().positive().default(90),
  /** persona repository: drift and duplicate thresholds, interview target, waiting for a busy workspace */
  repository: z
    .object({
      /** population stability index of a defining trait at or above which a persona counts as drifted */
      drift_threshold: z.number().positive().default(0.25),
      /** change in a persona's share of customers (absolute, 0.05 = 5 points) at or above which it counts as drifted */
      share_change_threshold: z.number().positive().default(0.05),
      /** how many of a persona's strongest traits define it for drift */
      defining_traits: z.number().int().positive().default(5),
      /** two personas at or above this similarity (traits and members, 0–1) are near duplicates */
      similarity_threshold: z.number().min(0).max(1).default(0.65),
      /** interviews wanted per persona */
      interview_target: z.number().int().positive().default(15),
      /** how long a command waits for another process to release the workspace */
      lock_timeout_seconds: z.number().positive().default(300),
    })
    .prefault({}),
  /** `archetype serve`: authentication and request limits (docs/web.md, Security) */
  server: z
    .object({
      /** require a token even on loopback (auth is on anyway once any token exists, and always off loopback) */
      auth: z.boolean().default(false),
      limits: z
        .object({
          /** largest scoring request body (a lead file uploaded from the scoring page), bytes */
          upload_bytes: z.number().int().positive().default(10 * 1024 * 1024),
          /** largest body of any other API request, bytes */
          body_bytes: z.number().int().positive().default(256 * 1024),
          /** most leads in one POST /api/leads/score-batch */
          batch_leads: z.number().int().positive().default(10_000),
          /** scoring requests per second per token (or per client address without one), refilled continuously; 0 turns the limit off */
          score_rate: z.number().min(0).default(100),
          /** scoring requests a client may send at once before the rate applies */
          score_burst: z.number().int().positive().default(200),
          /** login attempts per minute per client address */
          login_per_minute: z.number().int().positive().default(10),
        })
        .prefault({}),
    })
    .prefault({}),
  /** persona templates (templates/*.yaml) of data-driven personas, by persona id or name, `*` for all: their team views draw from the template's view lists */
  persona_templates: z.record(z.string(), z.string()).default({}),
  /** team views over one persona: fields shown (in order) and view-specific notes; cx, content, ux and sales exist by default */
  views: z
    .record(
      z.string(),
      z.object({
        label: z.string().optional(),
        fields: z.array(z.string()).optional(),
        notes: z.array(z.string()).default([]),
        /** a note shown under one field in this view */
        field_notes: z.record(z.string(), z.string()).default({}),
      }),
    )
    .default({}),
});

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type StageRule = z.infer<typeof stageRuleSchema>;
