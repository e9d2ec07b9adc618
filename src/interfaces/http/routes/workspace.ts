// Workspace routes: ingest status per entity, the quarantine with reasons, and one persona-set version with its snapshot and build report.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorResponses, json, VersionParam } from '../schemas/common.js';
import { QuarantineQuery, QuarantineSchema, VersionItemSchema, WorkspaceStatusSchema } from '../schemas/workspace.js';
import type { ServerDeps } from '../server-deps.js';

const statusRoute = createRoute({
  method: 'get',
  path: '/api/status',
  tags: ['data'],
  summary: 'Entities, row counts, quarantined rows, files, last ingest and date ranges',
  responses: { 200: json(WorkspaceStatusSchema, 'Ingest status'), ...errorResponses },
});

const quarantineRoute = createRoute({
  method: 'get',
  path: '/api/quarantine',
  tags: ['data'],
  summary: 'Rejected rows with file, line, column, reason and raw text',
  request: { query: QuarantineQuery },
  responses: { 200: json(QuarantineSchema, 'Quarantined rows'), ...errorResponses },
});

const versionRoute = createRoute({
  method: 'get',
  path: '/api/versions/{version}',
  tags: ['versions'],
  summary: 'One version: status, data snapshot and build report',
  request: { params: VersionParam },
  responses: {
    200: json(
      VersionItemSchema.extend({
        personas: z.number(),
        snapshot: z.object({
          entities: z.array(z.object({ entity: z.string(), rows: z.number(), checksum: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
          as_of: z.string().nullable(),
        }),
        report: z.record(z.string(), z.unknown()).openapi({ description: 'the build report (customers, k and why, stability, timings …)' }),
      }).openapi('Version'),
      'The version',
    ),
    ...errorResponses,
  },
});

export function registerWorkspaceRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  app.openapi(statusRoute, async (c) => {
    const config = await deps.reads.workspaceConfig();
    return c.json({ workspace: { name: config.name, engine: config.engine }, ...(await deps.reads.status()) }, 200);
  });

  app.openapi(quarantineRoute, async (c) => {
    const q = c.req.valid('query');
    const out = await deps.reads.quarantine({ limit: q.limit, offset: q.offset, ...(q.entity ? { entity: q.entity } : {}) });
    return c.json(out, 200);
  });

  app.openapi(versionRoute, async (c) => {
    const { version } = c.req.valid('param');
    const v = await deps.reads.version(version);
    const report = (v.report !== null && typeof v.report === 'object' ? v.report : {}) as Record<string, unknown>;
    return c.json({
      version: v.version, created_at: v.created_at, status: v.status, seed: v.seed, k: v.k,
      customers: v.snapshot.entities.find((e) => e.entity === 'customers')?.rows ?? 0,
      rows: Object.fromEntries(v.snapshot.entities.map((e) => [e.entity, e.rows])),
      personas: v.personas.length, snapshot: v.snapshot, report,
    }, 200);
  });
}
