// The HTTP app: JSON API under /api (OpenAPI document at /api/openapi.json) and the built web UI, with strict security headers.
import { OpenAPIHono } from '@hono/zod-openapi';
import { resolveViews } from '../../repository/views.js';
import { ApiError } from './api-error.js';
import { errorResponse, validationHook } from './errors.js';
import { securityHeaders } from './security-headers.js';
import { staticFiles } from './static-files.js';
import { WorkspaceSession, type SessionOptions } from './workspace-session.js';
import { WorkspaceReads } from './workspace-reads.js';
import { BuildJobs } from './build-jobs.js';
import type { ServerDeps } from './server-deps.js';
import { registerPersonaRoutes } from './routes/personas.js';
import { registerWorkspaceRoutes } from './routes/workspace.js';
import { registerBuildRoutes } from './routes/builds.js';
import { registerMetaRoute } from './routes/meta.js';
import { registerJourneyRoutes } from './routes/journeys.js';
import { registerGovernanceRoutes } from './routes/governance.js';
import { registerScoringRoutes } from './routes/scoring.js';

export interface AppOptions extends SessionOptions {
  /** the workspace folder (holding archetype.yaml) */
  dir: string;
  /** folder of the built web UI (default: <repo>/web-dist) */
  webRoot?: string;
}

export interface App {
  app: OpenAPIHono;
  deps: ServerDeps;
  close(): Promise<void>;
}

export function createApp(opts: AppOptions): App {
  const session = new WorkspaceSession(opts.dir, opts);
  const reads = new WorkspaceReads(session);
  const jobs = new BuildJobs(session, () => reads.invalidate());
  const deps: ServerDeps = {
    session,
    reads,
    jobs,
    features: { journeys: true, review: true, comments: true, diff: true, scoring: true },
    views: async () => Object.values(resolveViews(await reads.workspaceConfig())),
  };

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use('*', securityHeaders);
  app.onError((e, c) => errorResponse(e, c));
  registerMetaRoute(app, deps);
  registerPersonaRoutes(app, deps);
  registerWorkspaceRoutes(app, deps);
  registerBuildRoutes(app, deps);
  registerJourneyRoutes(app, deps);
  registerGovernanceRoutes(app, deps);
  registerScoringRoutes(app, deps);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Archetype API',
      version: '1',
      description: 'Personas, journey maps, versions and workspace data of one Archetype workspace. Errors are `{ error: { code, message, field? } }`.',
    },
  });
  app.all('/api/*', (c) => {
    throw new ApiError(404, 'not-found', `no API route ${c.req.method} ${new URL(c.req.url).pathname} (see /api/openapi.json)`);
  });
  app.use('*', staticFiles(opts.webRoot));
  return {
    app,
    deps,
    async close() {
      await jobs.settle();
      await session.close();
    },
  };
}
