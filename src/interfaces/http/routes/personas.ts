// Persona routes: the set (gallery), one persona with a team view, the views themselves.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { FIELD_ORDER } from '../../../analysis/personas/persona-types.js';
import { errorResponses, json, PersonaIdParam, VersionQuery, VersionStatusSchema } from '../schemas/common.js';
import { PersonaBriefSchema, PersonaSchema, ViewSchema } from '../schemas/persona.js';
import { ApiError } from '../api-error.js';
import type { ServerDeps, ViewDef } from '../server-deps.js';
import type { Persona } from '../../../analysis/personas/persona-types.js';
import { loadTemplates } from '../../../repository/templates/template-schema.js';
import { templateFor, templateView } from '../../../repository/views.js';
import { registerHandmadeRoutes } from './handmade.js';

const listRoute = createRoute({
  method: 'get',
  path: '/api/personas',
  tags: ['personas'],
  summary: 'The persona set of a version: name, size, value share and one-line summary per persona',
  request: { query: VersionQuery },
  responses: {
    200: json(
      z.object({ version: z.number(), status: VersionStatusSchema, created_at: z.string(), personas: z.array(PersonaBriefSchema) }).openapi('PersonaSet'),
      'The persona set',
    ),
    ...errorResponses,
  },
});

const ViewQuery = VersionQuery.extend({
  view: z.string().min(1).max(60).optional().openapi({ param: { name: 'view', in: 'query' }, description: 'a team view (cx, content, ux, sales or one from archetype.yaml)', example: 'sales' }),
});

const personaRoute = createRoute({
  method: 'get',
  path: '/api/personas/{id}',
  tags: ['personas'],
  summary: 'One persona with every field and its evidence; with ?view= the fields that team sees, in its order',
  request: { params: PersonaIdParam, query: ViewQuery },
  responses: {
    200: json(
      z
        .object({
          version: z.number(),
          status: VersionStatusSchema,
          view: ViewSchema.nullable(),
          field_order: z.array(z.string()).openapi({ description: 'the persona fields to show, in order (the view’s, or every field)' }),
          persona: PersonaSchema,
        })
        .openapi('PersonaDocument'),
      'The persona',
    ),
    ...errorResponses,
  },
});

const viewsRoute = createRoute({
  method: 'get',
  path: '/api/views',
  tags: ['personas'],
  summary: 'The team views over a persona (defaults plus those configured in archetype.yaml)',
  responses: { 200: json(z.object({ views: z.array(ViewSchema) }), 'The views'), ...errorResponses },
});

async function viewFromTemplate(deps: ServerDeps, view: ViewDef, persona: Persona): Promise<ViewDef> {
  const config = await deps.reads.workspaceConfig();
  const templates = loadTemplates(deps.session.dir); // files only: no engine, so it works while a build holds the workspace
  return templateView(view, templateFor(persona, config, templates), Object.keys(persona.fields));
}

export function registerPersonaRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  registerHandmadeRoutes(app, deps); // hand-made personas (routes/handmade.ts) sit beside the persona set
  app.openapi(listRoute, async (c) => {
    const { version } = c.req.valid('query');
    const v = await deps.reads.version(version);
    const personas = v.personas.map((p) => ({
      id: p.id, name: p.name, kind: p.kind, negative: p.negative, size: p.size, share_of_customers: p.share_of_customers,
      share_of_revenue: p.share_of_revenue, share_of_margin: p.share_of_margin, summary: p.summary, headline_quote: p.headline_quote,
    }));
    return c.json({ version: v.version, status: v.status, created_at: v.created_at, personas }, 200);
  });

  app.openapi(personaRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version, view: viewName } = c.req.valid('query');
    const { version: v, persona } = await deps.reads.persona(id, version);
    const views = await deps.views();
    const configured = viewName === undefined ? null : (views.find((x) => x.name === viewName) ?? null);
    if (viewName !== undefined && !configured) throw new ApiError(400, 'validation', `view: unknown view "${viewName}" (views: ${views.map((x) => x.name).join(', ')})`, { field: 'view' });
    // the persona's template (its own, or persona_templates in archetype.yaml) says which of its fields the view shows
    const view = configured && (await viewFromTemplate(deps, configured, persona));
    const all = [...new Set([...FIELD_ORDER, 'themes', ...Object.keys(persona.fields)])];
    const field_order = (view ? view.fields : all).filter((k) => persona.fields[k] !== undefined);
    return c.json({ version: v.version, status: v.status, view, field_order, persona }, 200);
  });

  app.openapi(viewsRoute, async (c) => c.json({ views: await deps.views() }, 200));
}
