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
import { registerSessionRoutes } from './routes/session.js';
import { AccessControl } from './access.js';
import { routeRoles } from './route-roles.js';
import { maxBody, rateLimit, RateLimiter, type ServerLimits } from './limits.js';
import { readConfig } from '../../workspace/workspace.js';

export interface AppOptions extends SessionOptions {
  /** the workspace folder (holding archetype.yaml) */
  dir: string;
  /** folder of the built web UI (default: <repo>/web-dist) */
  webRoot?: string;
  /** require a token even while the workspace has none (`serve --auth`, any non-loopback host); server.auth in archetype.yaml does the same */
  requireAuth?: boolean;
  /** overrides of server.limits in archetype.yaml */
  limits?: Partial<ServerLimits>;
}

export interface App {
  app: OpenAPIHono;
  deps: ServerDeps;
  close(): Promise<void>;
}

export function createApp(opts: AppOptions): App {
  const server = readConfig(opts.dir).server;
  const limits: ServerLimits = { ...server.limits, ...opts.limits };
  const session = new WorkspaceSession(opts.dir, opts);
  const reads = new WorkspaceReads(session);
  const jobs = new BuildJobs(session, () => reads.invalidate());
  const deps: ServerDeps = {
    session,
    reads,
    jobs,
    features: { journeys: true, review: true, comments: true, diff: true, scoring: true },
    views: async () => Object.values(resolveViews(await reads.workspaceConfig())),
    limits,
  };
  const access = new AccessControl(session, opts.requireAuth === true || server.auth);
  const published = async (): Promise<number | null> => (await reads.versions()).find((v) => v.status === 'published')?.version ?? null;
  const scoring = new RateLimiter(limits.score_rate, limits.score_burst);
  const logins = new RateLimiter(limits.login_per_minute / 60, limits.login_per_minute);
  const upload = maxBody(limits.upload_bytes, 'upload_bytes', 'a lead upload');
  const body = maxBody(limits.body_bytes, 'body_bytes', 'the request');

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use('*', securityHeaders);
  app.onError((e, c) => errorResponse(e, c));
  // who is asking and may they, before any body is read; then the size of the body; scoring also by rate
  app.use('/api/*', access.middleware());
  app.use('/api/*', routeRoles(published));
  app.use('/api/*', (c, next) => (new URL(c.req.url).pathname.startsWith('/api/leads/') ? upload(c, next) : body(c, next)));
  app.use('/api/leads/*', rateLimit(scoring, 'score_rate', 'scoring requests'));
  registerSessionRoutes(app, deps, access, logins);
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
