// Lead scoring routes: one lead or a batch against a persona-set version — closest persona and negative persona, fit, stage, next content, reasons.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { openScorer, scoreRecords, type LeadRecord } from '../../../repository/lead-scoring.js';
import { errorResponses, ErrorSchema, json } from '../schemas/common.js';
import { LeadSchema, LeadScoreSchema, ScorerSchema, ScoreSummarySchema } from '../schemas/scoring.js';
import { ApiError } from '../api-error.js';
import { onlyPublished } from '../route-roles.js';
import type { ServerDeps } from '../server-deps.js';
import type { WorkspaceConfig } from '../../../contract/workspace-config.js';

const version = z.number().int().min(1).optional().openapi({ description: 'persona-set version (default: published, else latest)' });

export const oneRoute = createRoute({
  method: 'post',
  path: '/api/leads/score',
  tags: ['scoring'],
  summary: 'Score one lead',
  request: { body: { content: { 'application/json': { schema: z.object({ lead: LeadSchema, version }).strict() } }, required: true } },
  responses: { 200: json(z.object({ ...ScorerSchema, score: LeadScoreSchema }), 'The score'), ...errorResponses },
});

const batchRoute = createRoute({
  method: 'post',
  path: '/api/leads/score-batch',
  tags: ['scoring'],
  summary: 'Score a batch of leads (up to server.limits.batch_leads, 10 000 by default)',
  request: {
    body: { content: { 'application/json': { schema: z.object({ leads: z.array(LeadSchema).min(1, 'needs at least one lead'), version }).strict() } }, required: true },
  },
  responses: { 413: json(ErrorSchema, 'The body is over server.limits.upload_bytes'), 429: json(ErrorSchema, 'Over server.limits.score_rate; retry after Retry-After seconds'), 200: json(z.object({ ...ScorerSchema, summary: ScoreSummarySchema, scores: z.array(LeadScoreSchema) }), 'Scores, in the order given'), ...errorResponses },
});

let stamps = 0;

/**
 * archetype.yaml per server, read again after a second or a new stamp (a change by this server): a stat and a deep copy
 * on every request were ~4% of the server's CPU at 1,000 scoring requests/s.
 */
const configs = new WeakMap<ServerDeps, { value: WorkspaceConfig; read: number; stamp: string }>();

async function configOf(deps: ServerDeps, stamp: string): Promise<WorkspaceConfig> {
  const known = configs.get(deps);
  if (known && known.stamp === stamp && Date.now() - known.read < 1000) return known.value;
  const value = await deps.reads.workspaceConfig();
  configs.set(deps, { value, read: Date.now(), stamp });
  return value;
}

async function score(deps: ServerDeps, c: Context, leads: LeadRecord[], v: number | undefined) {
  // a viewer scores against the published persona set only
  if (c.get('principal')?.role === 'viewer') await onlyPublished(async () => (await deps.reads.versions()).find((x) => x.status === 'published')?.version ?? null, v);
  const record = await deps.reads.version(v);
  // a new stamp whenever the workspace may have changed (the engine reopened, or this server wrote): the threshold and
  // the lead events are checked again then, and never on the way of a request otherwise
  const stamp = await deps.reads.memo('scoring-stamp', async () => String(++stamps));
  const config = await configOf(deps, stamp);
  return deps.session.use(async (ws) => {
    // the compiled model is cached per workspace and build (a version's model never changes)
    const s = await openScorer(ws.engine, config, { version: record.version, cacheKey: `${deps.session.dir}|${record.created_at}`, stamp });
    const r = await scoreRecords(ws.engine, s, leads);
    return { version: s.version, threshold: s.threshold, threshold_source: s.threshold_source, ...r };
  });
}

async function scoreOne(deps: ServerDeps, c: Context, b: { lead: Record<string, unknown>; version?: number | undefined }) {
  const r = await score(deps, c, [b.lead as LeadRecord], b.version);
  const first = r.scores[0];
  if (!first) {
    const why = r.summary.problems[0];
    throw new ApiError(400, 'validation', `lead: ${why?.message ?? 'could not be scored'}`, { field: why?.column ? `lead.${why.column}` : 'lead' });
  }
  return c.json({ version: r.version, threshold: r.threshold, threshold_source: r.threshold_source, score: first }, 200);
}

/** A JSON content type both zod-openapi's media-type gate and hono's JSON validator accept (anything else takes the validated way). */
const PLAIN_JSON = /^application\/json(;\s*[a-zA-Z0-9-]+=[^;]+)*$/i;

/**
 * The body of `POST /api/leads/score` in its common shape — `{ lead: { lead_id, scalar attributes… }, version? }`, no
 * inline events — checked by hand, giving what the zod schema gives for it (lead_id trimmed and first, the attributes
 * after it in their order); null for anything else, which then goes through the schema for its exact errors. The schema
 * (media-type gate, validator, async parse, hook) was ~8% of the server's CPU at 1,000 scoring requests/s.
 */
export function plainLeadBody(body: unknown): { lead: Record<string, unknown>; version?: number } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  let lead: unknown;
  let version: unknown;
  for (const k in body) {
    if (!Object.hasOwn(body, k)) return null;
    if (k === 'lead') lead = (body as Record<string, unknown>)[k];
    else if (k === 'version') version = (body as Record<string, unknown>)[k];
    else return null;
  }
  if (version !== undefined && !(typeof version === 'number' && Number.isSafeInteger(version) && version >= 1)) return null;
  if (typeof lead !== 'object' || lead === null || Array.isArray(lead)) return null;
  const src = lead as Record<string, unknown>;
  let id = src['lead_id'];
  if (typeof id === 'string') {
    id = id.trim();
    if (id === '') return null;
  } else if (!(typeof id === 'number' && Number.isFinite(id))) return null;
  const out: Record<string, unknown> = { lead_id: id };
  for (const k in src) {
    if (!Object.hasOwn(src, k) || k === 'events' || k === '__proto__') return null;
    if (k === 'lead_id') continue;
    const v = src[k];
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
    else return null;
  }
  return version === undefined ? { lead: out } : { lead: out, version: version as number };
}

export function registerScoringRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  // the common body answered here; any other (another content type, malformed JSON, another shape) goes on to the
  // route's schema below, which answers it exactly as before
  app.use(oneRoute.path, async (c, next) => {
    if (c.req.method !== 'POST' || !PLAIN_JSON.test(c.req.header('content-type') ?? '')) return next();
    let parsed: unknown;
    try {
      parsed = await c.req.json(); // the text stays cached for the validator when this one is not taken
    } catch {
      return next();
    }
    const b = plainLeadBody(parsed);
    if (b === null) return next();
    return scoreOne(deps, c, b);
  });

  app.openapi(oneRoute, (c) => scoreOne(deps, c, c.req.valid('json')));

  app.openapi(batchRoute, async (c) => {
    const b = c.req.valid('json');
    const max = deps.limits.batch_leads;
    if (b.leads.length > max) throw new ApiError(400, 'limit/batch', `leads: ${b.leads.length} leads in one call; at most ${max} (server.limits.batch_leads in archetype.yaml)`, { field: 'leads' });
    return c.json(await score(deps, c, b.leads as LeadRecord[], b.version), 200);
  });
}
