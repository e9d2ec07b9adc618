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
});

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type StageRule = z.infer<typeof stageRuleSchema>;
