// Build routes: start a build as a background job and follow its progress.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorResponses, ErrorSchema, json } from '../schemas/common.js';
import { BuildJobSchema, BuildRequestSchema } from '../schemas/workspace.js';
import { ApiError } from '../api-error.js';
import { actorFor } from '../access.js';
import type { ServerDeps } from '../server-deps.js';

const startRoute = createRoute({
  method: 'post',
  path: '/api/builds',
  tags: ['builds'],
  summary: 'Start a build (features → segments → personas → journeys) as a background job; it makes a new draft version',
  request: { body: { content: { 'application/json': { schema: BuildRequestSchema } }, required: false } },
  responses: {
    202: json(BuildJobSchema, 'The job, running; follow it at /api/builds/{id}'),
    409: json(ErrorSchema, 'A build is already running'),
    ...errorResponses,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/builds',
  tags: ['builds'],
  summary: 'Builds started by this server, newest first',
  responses: { 200: json(z.object({ builds: z.array(BuildJobSchema) }), 'Build jobs') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/builds/{id}',
  tags: ['builds'],
  summary: 'A build job: state, step, progress and the version it made',
  request: { params: z.object({ id: z.string().regex(/^b\d+$/, 'must look like b1').openapi({ param: { name: 'id', in: 'path' }, example: 'b1' }) }) },
  responses: { 200: json(BuildJobSchema, 'The job'), ...errorResponses },
});

export function registerBuildRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  app.openapi(startRoute, async (c) => {
    const body = c.req.valid('json');
    const actor = actorFor(c, 'editor', 'starting a build', 'web (no authentication)');
    const job = await deps.jobs.start(body, actor);
    c.header('Location', `/api/builds/${job.id}`);
    return c.json({ ...job }, 202);
  });
  app.openapi(listRoute, (c) => c.json({ builds: deps.jobs.list() }, 200));
  app.openapi(getRoute, (c) => {
    const { id } = c.req.valid('param');
    const job = deps.jobs.get(id);
    if (!job) throw new ApiError(404, 'build/not-found', `no build job ${id} (jobs live as long as the server)`, { field: 'id' });
    return c.json({ ...job }, 200);
  });
}
