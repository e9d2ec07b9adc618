// Repository routes: version overview, review and publish actions, diffs between versions, comments and change requests, the audit log.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { versionsOverview } from '../../../repository/versions-overview.js';
import { transition } from '../../../repository/workflow.js';
import { defaultPair, diffVersions } from '../../../repository/version-diff.js';
import { addComment, commentableFields, listComments, resolveRequest } from '../../../repository/comments.js';
import { annotationsFor } from '../../../repository/annotations.js';
import { listAudit } from '../../../repository/audit-log.js';
import { findPersona } from '../../../repository/version-store.js';
import { clockFromEnv } from '../../../repository/clock.js';
import { errorResponses, ErrorSchema, json, PersonaIdParam, VersionParam, VersionQuery } from '../schemas/common.js';
import { AnnotationsSchema, AuditSchema, CommentSchema, DiffSchema, NewCommentSchema, ResolveSchema, ReviewRequestSchema, TransitionSchema, VersionSummarySchema } from '../schemas/governance.js';
import { ApiError } from '../api-error.js';
import { actorFor } from '../access.js';
import type { ServerDeps } from '../server-deps.js';

const optionalVersion = (name: string, description: string) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be ≥ 1').optional().openapi({ param: { name, in: 'query' }, description });

const versionsRoute = createRoute({
  method: 'get',
  path: '/api/versions',
  tags: ['versions'],
  summary: 'Every persona-set version: status, data snapshot (rows, data as of, checksum), last workflow step, open change requests',
  responses: { 200: json(z.object({ versions: z.array(VersionSummarySchema) }), 'Versions, oldest first'), ...errorResponses },
});

const reviewRoute = createRoute({
  method: 'post',
  path: '/api/versions/{version}/review',
  tags: ['versions'],
  summary: 'Move a version along the workflow: submit, approve, reject, publish (the previously published one is archived) or archive',
  request: { params: VersionParam, body: { content: { 'application/json': { schema: ReviewRequestSchema } }, required: true } },
  responses: { 200: json(TransitionSchema, 'The transition'), 409: json(ErrorSchema, 'The version’s status does not allow the action'), ...errorResponses },
});

const diffRoute = createRoute({
  method: 'get',
  path: '/api/diff',
  tags: ['versions'],
  summary: 'Two versions compared: data changes, personas continued / split / merged / new / gone, field changes with evidence',
  request: {
    query: z.object({
      from: optionalVersion('from', 'default: the published version, else the one before `to`'),
      to: optionalVersion('to', 'default: the latest version'),
    }),
  },
  responses: { 200: json(DiffSchema, 'The diff'), ...errorResponses },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  tags: ['versions'],
  summary: 'The audit log: who did what to which version, persona and field, and when',
  request: {
    query: z.object({
      version: optionalVersion('version', 'only this version'),
      persona: z.string().max(200).optional().openapi({ param: { name: 'persona', in: 'query' } }),
    }),
  },
  responses: { 200: json(z.object({ entries: z.array(AuditSchema) }), 'Audit entries, oldest first'), ...errorResponses },
});

const annotationsRoute = createRoute({
  method: 'get',
  path: '/api/personas/{id}/comments',
  tags: ['comments'],
  summary: 'Comments, change requests and manual edits on a persona, with open requests carried over from its earlier versions',
  request: { params: PersonaIdParam, query: VersionQuery },
  responses: { 200: json(AnnotationsSchema, 'Annotations'), ...errorResponses },
});

const addRoute = createRoute({
  method: 'post',
  path: '/api/personas/{id}/comments',
  tags: ['comments'],
  summary: 'Comment on a field of a persona, or request a change (request: true)',
  request: { params: PersonaIdParam, query: VersionQuery, body: { content: { 'application/json': { schema: NewCommentSchema } }, required: true } },
  responses: { 201: json(CommentSchema, 'The new comment'), ...errorResponses },
});

const resolveRoute = createRoute({
  method: 'post',
  path: '/api/comments/{id}/resolve',
  tags: ['comments'],
  summary: 'Resolve an open change request: accept (the edit goes onto the persona, marked as manual) or decline with a reason',
  request: {
    params: z.object({ id: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be ≥ 1').openapi({ param: { name: 'id', in: 'path' }, example: 1 }) }),
    body: { content: { 'application/json': { schema: ResolveSchema } }, required: true },
  },
  responses: {
    200: json(z.object({ comment: CommentSchema, edit_id: z.number().nullable(), warnings: z.array(z.string()) }), 'The resolved request'),
    ...errorResponses,
  },
});

export function registerGovernanceRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  app.openapi(versionsRoute, async (c) => c.json({ versions: await deps.reads.memo('versions-overview', (ws) => versionsOverview(ws.engine)) }, 200));

  app.openapi(reviewRoute, async (c) => {
    const { version } = c.req.valid('param');
    const b = c.req.valid('json');
    // sending a version for review is an editor's step; deciding on it is an approver's
    const by = actorFor(c, b.action === 'submit' ? 'editor' : 'approver', `${b.action} of a version`, b.by);
    const out = await deps.session.use(async (ws) => {
      const r = await transition(ws.engine, clockFromEnv(), version, b.action, by, b.comment);
      const open = (await listComments(ws.engine, { version, open: true })).length;
      return { ...r, by, open_requests: open };
    });
    deps.reads.invalidate();
    return c.json(out, 200);
  });

  app.openapi(diffRoute, async (c) => {
    const q = c.req.valid('query');
    const diff = await deps.session.use(async (ws) => {
      const [from, to] = await defaultPair(ws.engine, q.from, q.to);
      return diffVersions(ws.engine, from, to);
    });
    return c.json(diff, 200);
  });

  app.openapi(auditRoute, async (c) => {
    const q = c.req.valid('query');
    const entries = await deps.session.use((ws) =>
      listAudit(ws.engine, { ...(q.version !== undefined ? { version: q.version } : {}), ...(q.persona !== undefined ? { persona_id: q.persona } : {}) }),
    );
    return c.json({ entries }, 200);
  });

  app.openapi(annotationsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    const out = await deps.reads.memo(`annotations|${id}|${version ?? ''}`, async (ws) => {
      const { version: v, persona } = await findPersona(ws.engine, id, version);
      const a = await annotationsFor(ws.engine, v, persona.id);
      return { version: v.version, persona_id: persona.id, fields: commentableFields(persona), ...a };
    });
    return c.json(out, 200);
  });

  app.openapi(addRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    const b = c.req.valid('json');
    const author = actorFor(c, 'editor', b.request ? 'a change request' : 'a comment', b.author);
    const created = await deps.session.use(async (ws) => {
      const { version: v, persona } = await findPersona(ws.engine, id, version);
      return addComment(ws.engine, clockFromEnv(), {
        version: v.version, persona, field: b.field, author, text: b.text, request: b.request, ...(b.proposal !== undefined && b.request ? { proposal: b.proposal } : {}),
      });
    });
    return c.json(created, 201);
  });

  app.openapi(resolveRoute, async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    const by = actorFor(c, 'approver', 'resolving a change request', b.by);
    if (!b.accept && !b.reason?.trim()) throw new ApiError(400, 'validation', 'reason: declining a change request needs a reason', { field: 'reason' });
    const r = await deps.session.use((ws) =>
      resolveRequest(ws.engine, clockFromEnv(), id, { accept: b.accept, by, ...(b.edit !== undefined ? { edit: b.edit } : {}), ...(b.reason !== undefined ? { reason: b.reason } : {}) }),
    );
    return c.json(r, 200);
  });
}
