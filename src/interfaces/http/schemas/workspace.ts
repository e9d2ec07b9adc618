// Schemas of the workspace's data: ingest status per entity, the quarantine, persona-set versions and build jobs.
import { z } from '@hono/zod-openapi';
import { VersionStatusSchema } from './common.js';

export const EntityStatusSchema = z
  .object({
    entity: z.string(),
    rows: z.number(),
    quarantined: z.number(),
    files: z.number(),
    last_ingest: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  })
  .openapi('EntityStatus');

export const WorkspaceStatusSchema = z
  .object({
    workspace: z.object({ name: z.string(), engine: z.string() }),
    entities: z.array(EntityStatusSchema),
    ingests: z.number(),
    last_ingest: z.string().nullable(),
  })
  .openapi('WorkspaceStatus');

export const QuarantineQuery = z.object({
  entity: z
    .enum(['customers', 'accounts', 'orders', 'events', 'feedback', 'tickets', 'leads'])
    .optional()
    .openapi({ param: { name: 'entity', in: 'query' }, description: 'only rows of this entity' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ param: { name: 'offset', in: 'query' } }),
});

export const QuarantineSchema = z
  .object({
    total: z.number(),
    rows: z.array(
      z.object({
        entity: z.string(),
        file: z.string(),
        line: z.number(),
        code: z.string(),
        column: z.string().nullable(),
        message: z.string().openapi({ description: 'why the row was rejected' }),
        raw: z.string(),
      }),
    ),
  })
  .openapi('Quarantine');

export const VersionItemSchema = z
  .object({
    version: z.number(),
    created_at: z.string(),
    status: VersionStatusSchema,
    seed: z.number(),
    k: z.number(),
    customers: z.number(),
    rows: z.record(z.string(), z.number()),
  })
  .openapi('VersionItem');

export const BuildRequestSchema = z
  .object({
    k: z.number().int().min(2).max(30).optional().openapi({ description: 'number of segments (default: chosen automatically)' }),
    seed: z.number().int().min(0).optional().openapi({ description: 'random seed (default 42)' }),
    sample: z.number().int().min(100).optional().openapi({ description: 'customers sampled for fitting (default 50 000)' }),
  })
  .strict()
  .openapi('BuildRequest');

export const BuildJobSchema = z
  .object({
    id: z.string(),
    state: z.enum(['running', 'done', 'failed']),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    step: z.string().openapi({ description: 'current step of the build (features, sample, segments …)' }),
    done: z.number(),
    total: z.number(),
    version: z.number().nullable().openapi({ description: 'the new version, once built' }),
    error: z.string().nullable(),
  })
  .openapi('BuildJob');
