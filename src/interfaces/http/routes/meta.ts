// The meta route: the workspace's name and engine and which parts of the app this workspace and build support.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorResponses, json } from '../schemas/common.js';
import type { ServerDeps } from '../server-deps.js';

export const MetaSchema = z
  .object({
    workspace: z.object({ name: z.string(), engine: z.string() }),
    features: z
      .object({ journeys: z.boolean(), review: z.boolean(), comments: z.boolean(), diff: z.boolean(), scoring: z.boolean() })
      .openapi({ description: 'which pages and routes this server offers' }),
    limits: z
      .object({ upload_bytes: z.number(), batch_leads: z.number(), score_rate: z.number(), score_burst: z.number() })
      .openapi({ description: 'server.limits of archetype.yaml that a client should respect (upload size, leads per batch, scoring rate)' }),
  })
  .openapi('Meta');

const metaRoute = createRoute({
  method: 'get',
  path: '/api/meta',
  tags: ['meta'],
  summary: 'Workspace name and engine, and the features this server offers',
  responses: { 200: json(MetaSchema, 'Meta'), ...errorResponses },
});

export function registerMetaRoute(app: OpenAPIHono, deps: ServerDeps): void {
  app.openapi(metaRoute, async (c) => {
    const config = await deps.reads.workspaceConfig();
    const { upload_bytes, batch_leads, score_rate, score_burst } = deps.limits;
    return c.json({ workspace: { name: config.name, engine: config.engine }, features: deps.features, limits: { upload_bytes, batch_leads, score_rate, score_burst } }, 200);
  });
}
