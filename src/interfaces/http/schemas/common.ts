// Schemas every route shares: the error body, version selection and paging parameters.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation' }),
      message: z.string().openapi({ example: 'version: must be an integer ≥ 1 (got "x")' }),
      field: z.string().optional().openapi({ description: 'the request field at fault', example: 'version' }),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid input: the message names the offending field', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorSchema } } },
  503: { description: 'The workspace is busy (a build or ingest holds it); retry after the Retry-After seconds', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const VersionStatusSchema = z.enum(['draft', 'in_review', 'approved', 'published', 'archived', 'rejected']).openapi('VersionStatus');

/** `?version=N`: a persona-set version; absent → the published version, else the latest. */
export const VersionQuery = z.object({
  version: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .optional()
    .openapi({ param: { name: 'version', in: 'query' }, description: 'persona-set version (default: published, else latest)', example: 1 }),
});

export const VersionParam = z.object({
  version: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

export const PersonaIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'persona id (p1, n1, a1 …) or its name', example: 'p1' }),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
