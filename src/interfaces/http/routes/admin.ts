// Admin routes: workspace settings (read, change), erasure of one customer and the export of everything held on one customer; each gated to the admin role, each write audited.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { settingsOf } from '../../../contract/workspace-settings.js';
import { clockFromEnv } from '../../../repository/clock.js';
import { forgetCustomer } from '../../../repository/forget.js';
import { exportSubject } from '../../../repository/subject-export.js';
import { changeSettings } from '../../../repository/workspace-settings.js';
import { readConfig } from '../../../workspace/workspace.js';
import { errorResponses, ErrorSchema, json } from '../schemas/common.js';
import { ForgetRequestSchema, ForgetResultSchema, SettingsChangeSchema, SettingsPatchSchema, SettingsSchema, SubjectExportSchema, SubjectRequestSchema } from '../schemas/admin.js';
import { actorFor, requireRole } from '../access.js';
import type { ServerDeps } from '../server-deps.js';

const denied = { 401: json(ErrorSchema, 'No valid token'), 403: json(ErrorSchema, 'Not an admin token') };
const body = <T extends Parameters<typeof json>[0]>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const getSettingsRoute = createRoute({
  method: 'get', path: '/api/settings', tags: ['admin'],
  summary: 'The workspace settings an admin may change over the API (privacy minimum, refresh policy, journey window, drift and duplicate thresholds); admin only',
  responses: { 200: json(SettingsSchema, 'The settings'), ...denied, ...errorResponses },
});

const patchSettingsRoute = createRoute({
  method: 'patch', path: '/api/settings', tags: ['admin'],
  summary: 'Change settings: written to archetype.yaml (its comments kept) with an audit entry of each old and new value; they apply to the next build; admin only',
  request: body(SettingsPatchSchema),
  responses: { 200: json(SettingsChangeSchema, 'The settings after the change'), ...denied, ...errorResponses },
});

const forgetRoute = createRoute({
  method: 'post', path: '/api/privacy/forget', tags: ['admin'],
  summary: 'Erase one customer (as `archetype forget`): rows, quarantine entries, assignments and quotes; affected versions marked for refresh; an audit entry without the id; admin only',
  request: body(ForgetRequestSchema),
  responses: { 200: json(ForgetResultSchema, 'What was erased'), ...denied, ...errorResponses },
});

const subjectRoute = createRoute({
  method: 'post', path: '/api/privacy/subject-export', tags: ['admin'],
  summary: 'Everything held on one customer (as `archetype subject-export`): rows of every entity, derived rows, quarantine, persona per version, attributed quotes; audited with the keyed hash of the id, never the id; admin only',
  request: body(SubjectRequestSchema),
  responses: { 200: json(SubjectExportSchema, 'The export'), ...denied, ...errorResponses },
});

// the customer id goes in the body, never the path: paths end up in proxy and access logs
export function registerAdminRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  app.openapi(getSettingsRoute, async (c) => {
    requireRole(c, 'admin', 'reading the workspace settings');
    return c.json(settingsOf(readConfig(deps.session.dir)), 200);
  });

  app.openapi(patchSettingsRoute, async (c) => {
    const patch = c.req.valid('json');
    const actor = actorFor(c, 'admin', 'changing the workspace settings', 'web (no authentication)');
    const r = await deps.session.use(async (ws) => {
      const out = await changeSettings(ws.engine, ws.dir, patch, { clock: clockFromEnv(), actor });
      ws.config = out.config; // the open workspace serves the new values at once
      return out;
    });
    deps.reads.invalidate();
    return c.json({ settings: r.settings, changed: r.changed, audit_id: r.audit_id }, 200);
  });

  app.openapi(forgetRoute, async (c) => {
    const b = c.req.valid('json');
    const actor = actorFor(c, 'admin', 'erasing a customer', b.by ?? 'web (no authentication)');
    const r = await deps.session.use((ws) => forgetCustomer(ws.engine, b.customer_id, { clock: clockFromEnv(), actor }));
    deps.reads.invalidate();
    return c.json(r, 200);
  });

  app.openapi(subjectRoute, async (c) => {
    const { customer_id } = c.req.valid('json');
    const actor = actorFor(c, 'admin', 'exporting a customer’s data', 'web (no authentication)');
    const r = await deps.session.use((ws) => exportSubject(ws.engine, customer_id, { clock: clockFromEnv(), actor }));
    c.header('Cache-Control', 'no-store');
    return c.json(JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as typeof r, 200);
  });
}
