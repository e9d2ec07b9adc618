// Hand-made persona routes: templates, create, claims (prose + structured form + evidence), coverage and validation, review, saving as a version.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { findTemplate, loadTemplates, templateViews, type PersonaTemplate } from '../../../repository/templates/template-schema.js';
import { evidenceCoverage, listHandPersonas, loadHandPersona, type ClaimCheck, type HandRevision } from '../../../repository/templates/handmade-store.js';
import { createHandPersona, editHandClaim, handCard, reviewHandPersona, searchEvidence } from '../../../repository/templates/hand-edit.js';
import { saveHandVersion } from '../../../repository/templates/hand-version.js';
import { problem } from '../../../shared/problems.js';
import { clockFromEnv, type Clock } from '../../../repository/clock.js';
import type { Context } from 'hono';
import type { Workspace } from '../../../workspace/workspace.js';
import { errorResponses, ErrorSchema, json } from '../schemas/common.js';
import {
  ClaimEditSchema, ClaimParams, EvidenceQuery, EvidenceSchema, HandBriefSchema, HandCardSchema, HandReviewSchema, NewClaimSchema, NewHandSchema, TemplateSchema,
} from '../schemas/handmade.js';
import { actorFor } from '../access.js';
import type { ServerDeps } from '../server-deps.js';

const tags = ['hand-made personas'];
const IdParam = z.object({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, description: 'hand-made persona id (h1 …) or name', example: 'h1' }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const templatesRoute = createRoute({
  method: 'get', path: '/api/templates', tags, summary: 'Persona templates of the workspace (templates/*.yaml; shipped defaults written on first use), with their per-view field lists',
  responses: { 200: json(z.object({ templates: z.array(TemplateSchema) }), 'The templates'), ...errorResponses },
});
const listRoute = createRoute({
  method: 'get', path: '/api/handmade', tags, summary: 'Hand-made personas: latest revision, status and evidence coverage of each',
  responses: { 200: json(z.object({ personas: z.array(HandBriefSchema) }), 'The hand-made personas'), ...errorResponses },
});
const createRouteDef = createRoute({
  method: 'post', path: '/api/handmade', tags, summary: 'A new hand-made persona from a template (a draft with the template’s fields, no claims yet)',
  request: body(NewHandSchema),
  responses: { 201: json(HandCardSchema, 'The new persona'), ...errorResponses },
});
const getRoute = createRoute({
  method: 'get', path: '/api/handmade/{id}', tags, summary: 'One hand-made persona: claims, evidence, coverage (share of claims evidenced, distinct customers) and each claim tested against the data',
  request: { params: IdParam },
  responses: { 200: json(HandCardSchema, 'The persona'), ...errorResponses },
});
const addClaimRoute = createRoute({
  method: 'post', path: '/api/handmade/{id}/claims', tags, summary: 'Add a claim to a field: prose, the structured form behind it (field, operator, value) and quotes as evidence',
  request: { params: IdParam, ...body(NewClaimSchema) },
  responses: { 200: json(HandCardSchema, 'The persona, new revision'), ...errorResponses },
});
const editClaimRoute = createRoute({
  method: 'post', path: '/api/handmade/{id}/claims/{field}/{item}', tags, summary: 'Change a claim: its prose, its structured form (null removes it), attach quotes, or remove it',
  request: { params: ClaimParams, ...body(ClaimEditSchema) },
  responses: { 200: json(HandCardSchema, 'The persona, new revision'), ...errorResponses },
});
const reviewRoute = createRoute({
  method: 'post', path: '/api/handmade/{id}/review', tags, summary: 'submit (draft → in review, an editor) or approve (in review → approved, an approver; refused while the data contradicts a claim)',
  request: { params: IdParam, ...body(HandReviewSchema) },
  responses: { 200: json(HandCardSchema, 'The persona'), 409: json(ErrorSchema, 'Wrong status, or claims contradicted by the data'), ...errorResponses },
});
const versionRoute = createRoute({
  method: 'post', path: '/api/handmade/versions', tags, summary: 'Save hand-made personas as a new persona-set version (draft) that goes through the version review like data-driven ones',
  request: body(z.strictObject({ personas: z.array(z.string().min(1).max(200)).max(100).optional().openapi({ description: 'ids (default: all)' }) })),
  responses: { 201: json(z.object({ version: z.number(), personas: z.array(z.string()) }), 'The new version'), ...errorResponses },
});
const evidenceRoute = createRoute({
  method: 'get', path: '/api/evidence', tags, summary: 'Quotes that can be attached as evidence: feedback from interviews, surveys and sales notes',
  request: { query: EvidenceQuery },
  responses: { 200: json(z.object({ quotes: z.array(EvidenceSchema) }), 'Matching quotes'), ...errorResponses },
});

/** The card every write returns, so the page redraws from one answer. */
async function card(ws: Workspace, h: HandRevision): Promise<z.infer<typeof HandCardSchema>> {
  const templates = loadTemplates(ws.dir);
  const t: PersonaTemplate | undefined = templates.find((x) => x.name === h.persona.template);
  const c = await handCard(ws.engine, h, ws.config.privacy.minimum_group_size);
  return { ...c, template: t ? { ...t, views: templateViews(t) } : null };
}

/** Who writes: the token (an editor at least) while authentication is on, else the web app unauthenticated. */
const writer = (c: Context, what: string): { clock: Clock; by: string } => ({ clock: clockFromEnv(), by: actorFor(c, 'editor', what, 'web (no authentication)') });

export function registerHandmadeRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  app.openapi(templatesRoute, async (c) => {
    const templates = loadTemplates(deps.session.dir).map((t) => ({ ...t, views: templateViews(t) }));
    return c.json({ templates }, 200);
  });

  app.openapi(listRoute, async (c) => {
    const all = await deps.session.use((ws) => listHandPersonas(ws.engine));
    const personas = all.map((h) => ({
      id: h.persona.id, name: h.persona.name, template: h.persona.template, segment: h.persona.segment ?? null, status: h.status, revision: h.revision, coverage: evidenceCoverage(h.persona),
    }));
    return c.json({ personas }, 200);
  });

  app.openapi(createRouteDef, async (c) => {
    const b = c.req.valid('json');
    const w = writer(c, 'making a hand-made persona');
    const out = await deps.session.use(async (ws) => {
      const t = findTemplate(loadTemplates(ws.dir), b.template);
      return card(ws, await createHandPersona(ws.engine, t, b.name, { ...w, segment: b.segment }));
    });
    return c.json(out, 201);
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await deps.session.use(async (ws) => card(ws, await loadHandPersona(ws.engine, id))), 200);
  });

  app.openapi(addClaimRoute, async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    const w = writer(c, 'adding a claim');
    const out = await deps.session.use(async (ws) => {
      const { saved } = await editHandClaim(ws.engine, id, { field: b.field, add: b.text, evidence: b.evidence ?? [], ...(b.check ? { check: b.check as ClaimCheck } : {}) }, w);
      return card(ws, saved);
    });
    return c.json(out, 200);
  });

  app.openapi(editClaimRoute, async (c) => {
    const { id, field, item } = c.req.valid('param');
    const b = c.req.valid('json');
    const w = writer(c, 'changing a claim');
    const out = await deps.session.use(async (ws) => {
      const { saved } = await editHandClaim(ws.engine, id, {
        field, item, evidence: b.evidence ?? [], ...(b.text !== undefined ? { text: b.text } : {}), ...(b.check !== undefined ? { check: b.check as ClaimCheck | null } : {}), ...(b.remove ? { remove: true } : {}),
      }, w);
      return card(ws, saved);
    });
    return c.json(out, 200);
  });

  app.openapi(reviewRoute, async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    // sending for review is an editor's step; approving an approver's, as for versions
    const by = actorFor(c, b.action === 'submit' ? 'editor' : 'approver', `${b.action} of a hand-made persona`, b.by);
    const out = await deps.session.use(async (ws) => card(ws, await reviewHandPersona(ws.engine, id, b.action, ws.config.privacy.minimum_group_size, clockFromEnv(), by)));
    return c.json(out, 200);
  });

  app.openapi(versionRoute, async (c) => {
    const b = c.req.valid('json');
    const w = writer(c, 'saving hand-made personas as a version');
    const out = await deps.session.use(async (ws) => {
      const all = await listHandPersonas(ws.engine);
      const chosen = b.personas?.length ? await Promise.all(b.personas.map((i) => loadHandPersona(ws.engine, i))) : all;
      if (!chosen.length) throw problem('persona/not-found', { id: '(any hand-made persona)', known: [] });
      const version = await saveHandVersion(ws.engine, chosen.map((h) => h.persona), ws.config.privacy.minimum_group_size, loadTemplates(ws.dir), w);
      return { version, personas: chosen.map((h) => h.persona.id) };
    });
    deps.reads.invalidate();
    return c.json(out, 201);
  });

  app.openapi(evidenceRoute, async (c) => {
    const q = c.req.valid('query');
    const quotes = await deps.session.use((ws) => searchEvidence(ws.engine, { limit: q.limit, ...(q.q !== undefined ? { q: q.q } : {}), ...(q.source !== undefined ? { source: q.source } : {}) }));
    return c.json({ quotes }, 200);
  });
}
