// Journey routes: the maps stored with a version (per persona and for all customers), their paths, attribution and a nurturing scenario.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ALL_GROUP, type JourneyMap, type JourneySet } from '../../../analysis/journeys/journey-types.js';
import { buildScenario } from '../../../analysis/nurturing/scenario.js';
import { scenarioToIcs } from '../../../analysis/nurturing/ics.js';
import type { VersionRecord } from '../../../repository/version-store.js';
import { errorResponses, json, VersionQuery, VersionStatusSchema } from '../schemas/common.js';
import { JourneyMapSchema, ScenarioSchema } from '../schemas/journey.js';
import { ApiError } from '../api-error.js';
import type { ServerDeps } from '../server-deps.js';

const GroupParam = z.object({
  group: z.string().min(1).max(200).openapi({ param: { name: 'group', in: 'path' }, description: 'persona id or name, or "all"', example: 'p1' }),
});

const Head = { version: z.number(), status: VersionStatusSchema, group: z.string(), name: z.string(), as_of: z.string().nullable(), window_days: z.number() };

const listRoute = createRoute({
  method: 'get',
  path: '/api/journeys',
  tags: ['journeys'],
  summary: 'The journey maps of a version: one per buyer persona and one for all customers',
  request: { query: VersionQuery },
  responses: {
    200: json(
      z.object({
        version: z.number(), status: VersionStatusSchema, as_of: z.string().nullable(), window_days: z.number(),
        maps: z.array(z.object({ group: z.string(), name: z.string(), customers: z.number(), negative: z.boolean() })),
      }),
      'Journey maps',
    ),
    ...errorResponses,
  },
});

const mapRoute = createRoute({
  method: 'get',
  path: '/api/journeys/{group}',
  tags: ['journeys'],
  summary: 'One journey map: funnel, times, drop-off, touchpoints, progression, paths (Sankey), emotions, opportunities, attribution',
  request: { params: GroupParam, query: VersionQuery },
  responses: { 200: json(z.object({ ...Head, map: JourneyMapSchema }).openapi('JourneyDocument'), 'The journey map'), ...errorResponses },
});

const pathsRoute = createRoute({
  method: 'get',
  path: '/api/journeys/{group}/paths',
  tags: ['journeys'],
  summary: 'The most common real paths (repeats collapsed), loops and the Sankey of one kind of step',
  request: {
    params: GroupParam,
    query: VersionQuery.extend({
      by: z.enum(['stage', 'channel', 'event']).default('stage').openapi({ param: { name: 'by', in: 'query' } }),
      top: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: 'top', in: 'query' } }),
    }),
  },
  responses: {
    200: json(
      z.object({
        ...Head,
        kind: z.enum(['stage', 'channel', 'event']),
        customers: z.number(),
        paths: JourneyMapSchema.shape.paths.element.shape.top,
        sankey: JourneyMapSchema.shape.paths.element.shape.sankey,
        loops: JourneyMapSchema.shape.loops,
        back_moves: JourneyMapSchema.shape.back_moves,
        sample: JourneyMapSchema.shape.sample,
      }),
      'Paths',
    ),
    ...errorResponses,
  },
});

const attributionRoute = createRoute({
  method: 'get',
  path: '/api/journeys/{group}/attribution',
  tags: ['journeys'],
  summary: 'Decisions credited to channels by first, last, linear, time-decay, position and Markov models, with removal effects',
  request: { params: GroupParam, query: VersionQuery.extend({ order: z.coerce.number().int().min(1).max(3).default(1).openapi({ param: { name: 'order', in: 'query' }, description: 'Markov order' }) }) },
  responses: {
    200: json(
      z.object({
        ...Head,
        order: z.number(),
        attribution: JourneyMapSchema.shape.attribution,
        channels: z.array(z.object({ channel: z.string(), markov: z.number(), removal_effect: z.number() })),
        sample: JourneyMapSchema.shape.sample,
      }),
      'Attribution',
    ),
    ...errorResponses,
  },
});

const ScenarioQuery = VersionQuery.extend({
  curated: z.coerce.number().min(0).max(1).default(0.8).openapi({ param: { name: 'curated', in: 'query' }, description: 'share of curated (third-party) content, 0–1' }),
});

const scenarioRoute = createRoute({
  method: 'get',
  path: '/api/journeys/{group}/scenario',
  tags: ['journeys'],
  summary: 'Nurturing scenario: per stage what to send on which channel (by observed lift), when, how often, and a content plan',
  request: { params: GroupParam, query: ScenarioQuery },
  responses: { 200: json(z.object({ ...Head, scenario: ScenarioSchema }), 'The scenario'), ...errorResponses },
});

const icsRoute = createRoute({
  method: 'get',
  path: '/api/journeys/{group}/scenario.ics',
  tags: ['journeys'],
  summary: 'The content plan of the scenario as an iCalendar file',
  request: { params: GroupParam, query: ScenarioQuery },
  responses: { 200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } }, ...errorResponses },
});

interface Resolved {
  version: VersionRecord;
  set: JourneySet;
  map: JourneyMap;
  name: string;
}

async function resolve(deps: ServerDeps, who: string, version: number | undefined): Promise<Resolved> {
  const { version: v, set } = await deps.reads.journeys(version);
  if (!set) throw new ApiError(404, 'journeys/none', `persona-set version ${v.version} has no journey maps (it was built before journeys existed): run a build`);
  const key = who.toLowerCase();
  const persona = v.personas.find((p) => p.id.toLowerCase() === key || p.name.toLowerCase() === key);
  const group = key === ALL_GROUP ? ALL_GROUP : persona?.id;
  const map = set.maps.find((m) => m.group === group);
  if (!map) throw new ApiError(404, 'journeys/not-found', `no journey map "${who}" in version ${v.version} (maps: ${set.maps.map((m) => m.group).join(', ')})`, { field: 'group' });
  return { version: v, set, map, name: group === ALL_GROUP ? 'All customers' : (persona?.name ?? map.group) };
}

const head = (r: Resolved) => ({ version: r.version.version, status: r.version.status, group: r.map.group, name: r.name, as_of: r.set.as_of, window_days: r.set.window_days });

export function registerJourneyRoutes(app: OpenAPIHono, deps: ServerDeps): void {
  app.openapi(listRoute, async (c) => {
    const { version } = c.req.valid('query');
    const { version: v, set } = await deps.reads.journeys(version);
    if (!set) throw new ApiError(404, 'journeys/none', `persona-set version ${v.version} has no journey maps (it was built before journeys existed): run a build`);
    const maps = set.maps.map((m) => {
      const p = v.personas.find((x) => x.id === m.group);
      return { group: m.group, name: m.group === ALL_GROUP ? 'All customers' : (p?.name ?? m.group), customers: m.customers, negative: p?.negative ?? false };
    });
    return c.json({ version: v.version, status: v.status, as_of: set.as_of, window_days: set.window_days, maps }, 200);
  });

  app.openapi(mapRoute, async (c) => {
    const r = await resolve(deps, c.req.valid('param').group, c.req.valid('query').version);
    return c.json({ ...head(r), map: r.map }, 200);
  });

  app.openapi(pathsRoute, async (c) => {
    const q = c.req.valid('query');
    const r = await resolve(deps, c.req.valid('param').group, q.version);
    const s = r.map.paths.find((p) => p.kind === q.by);
    return c.json({
      ...head(r), kind: q.by, customers: s?.customers ?? 0, paths: (s?.top ?? []).slice(0, q.top), sankey: s?.sankey ?? { nodes: [], links: [] },
      loops: r.map.loops, back_moves: r.map.back_moves, sample: r.map.sample,
    }, 200);
  });

  app.openapi(attributionRoute, async (c) => {
    const q = c.req.valid('query');
    const r = await resolve(deps, c.req.valid('param').group, q.version);
    const i = q.order - 1;
    const channels = r.map.attribution.channels.map((ch) => ({ channel: ch.channel, markov: ch.markov_by_order[i] ?? 0, removal_effect: ch.removal_effect_by_order[i] ?? 0 }));
    return c.json({ ...head(r), order: q.order, attribution: r.map.attribution, channels, sample: r.map.sample }, 200);
  });

  app.openapi(scenarioRoute, async (c) => {
    const q = c.req.valid('query');
    const r = await resolve(deps, c.req.valid('param').group, q.version);
    return c.json({ ...head(r), scenario: buildScenario(r.map, r.set.as_of, { curatedShare: q.curated }) }, 200);
  });

  app.openapi(icsRoute, async (c) => {
    const q = c.req.valid('query');
    const r = await resolve(deps, c.req.valid('param').group, q.version);
    const s = buildScenario(r.map, r.set.as_of, { curatedShare: q.curated });
    const ics = scenarioToIcs(s, { name: `Archetype · ${r.name} · nurturing`, uidPrefix: `v${r.version.version}-${r.map.group}` });
    c.header('Content-Disposition', `attachment; filename="nurturing-${r.map.group}-v${r.version.version}.ics"`);
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });
}
