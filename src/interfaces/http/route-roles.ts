// The least role each API route needs, and the viewer's limit to the published persona set; finer checks (review actions, admin routes) sit in the routes too.
import type { MiddlewareHandler } from 'hono';
import { roleAtLeast, type Role } from '../../repository/access-tokens.js';
import { problem } from '../../shared/problems.js';
import { ApiError } from './api-error.js';

/** Routes a viewer may use (read the published personas and journeys, score leads against them); every other route needs an editor. */
const VIEWER: { method: string; path: RegExp }[] = [
  { method: 'GET', path: /^\/api\/(meta|views|personas)$/ },
  { method: 'GET', path: /^\/api\/personas\/[^/]+(\/comments)?$/ },
  { method: 'GET', path: /^\/api\/journeys(\/.*)?$/ },
  { method: 'POST', path: /^\/api\/leads\/(score|score-batch)$/ },
];

/** Token management, workspace settings, erasure and subject export. */
const ADMIN = /^\/api\/(tokens|settings|privacy)(\/|$)/;

/** Viewer routes that read a version: only the published one. */
const VERSIONED = /^\/api\/(personas|journeys)(\/|$)/;

export function leastRole(method: string, path: string): Role {
  const m = method === 'HEAD' ? 'GET' : method;
  if (ADMIN.test(path)) return 'admin';
  return VIEWER.some((r) => r.method === m && r.path.test(path)) ? 'viewer' : 'editor';
}

/** After authentication: refuses a route above the token's role; keeps viewers to the published version. */
export function routeRoles(published: () => Promise<number | null>): MiddlewareHandler {
  return async (c, next) => {
    const p = c.get('principal');
    if (p === null) return next();
    const path = c.req.path; // the path the router matches (percent-escapes decoded)
    if (path === '/api/openapi.json' || path === '/api/session') return next();
    const need = leastRole(c.req.method, path);
    if (!roleAtLeast(p.role, need)) throw new ApiError(403, 'auth/forbidden', `${c.req.method} ${path} needs the ${need} role; token "${p.name}" is ${p.role}`);
    if (p.role === 'viewer' && VERSIONED.test(path)) await onlyPublished(published, c.req.query('version'));
    return next();
  };
}

/** A viewer asking for a version (or the default one): it must be the published version. */
export async function onlyPublished(published: () => Promise<number | null>, asked: string | number | undefined): Promise<void> {
  const v = await published();
  if (v === null) throw problem('build/no-personas', { message: 'no published persona set yet (a viewer sees only the published version)' });
  if (asked !== undefined && asked !== '' && Number(asked) !== v) throw new ApiError(403, 'auth/forbidden', `version: a viewer sees only the published version (${v})`, { field: 'version' });
}
