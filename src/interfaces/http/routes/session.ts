// Sign-in for the web app (a token exchanged for an HttpOnly session cookie and a CSRF value), sign-out, and token administration for admins.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createToken, listTokens, revokeToken, ROLES } from '../../../repository/access-tokens.js';
import { clockFromEnv } from '../../../repository/clock.js';
import { errorResponses, ErrorSchema, json } from '../schemas/common.js';
import { ApiError } from '../api-error.js';
import { actorFor, checkOrigin, CSRF_COOKIE, SESSION_COOKIE, type AccessControl } from '../access.js';
import { clientKey, type RateLimiter } from '../limits.js';
import type { ServerDeps } from '../server-deps.js';

const RoleSchema = z.enum(ROLES).openapi('Role');

const SessionSchema = z
  .object({
    auth: z.boolean().openapi({ description: 'whether this server requires a token' }),
    signed_in: z.boolean(),
    name: z.string().nullable(),
    role: RoleSchema.nullable().openapi({ description: 'null while authentication is off (everyone may do everything)' }),
    csrf: z.string().nullable().openapi({ description: 'with a session cookie: the value to send in the X-CSRF-Token header of state-changing requests' }),
  })
  .openapi('Session');

const TokenInfoSchema = z
  .object({ token_id: z.number(), name: z.string(), role: RoleSchema, created_at: z.string(), created_by: z.string(), revoked_at: z.string().nullable() })
  .openapi('TokenInfo');

const unauthorized = { 401: json(ErrorSchema, 'No valid token'), 403: json(ErrorSchema, 'The token’s role does not allow it') };

const getRoute = createRoute({
  method: 'get', path: '/api/session', tags: ['session'],
  summary: 'Whether the server requires a token, and who is signed in',
  responses: { 200: json(SessionSchema, 'The session') },
});

const loginRoute = createRoute({
  method: 'post', path: '/api/session', tags: ['session'],
  summary: 'Sign in with a token: sets an HttpOnly, SameSite=Strict session cookie and a CSRF cookie',
  request: { body: { content: { 'application/json': { schema: z.object({ token: z.string().min(1, 'needs a token').max(200) }).strict() } }, required: true } },
  responses: { 200: json(SessionSchema, 'Signed in'), ...unauthorized, 429: json(ErrorSchema, 'Too many sign-in attempts'), ...errorResponses },
});

const logoutRoute = createRoute({
  method: 'delete', path: '/api/session', tags: ['session'],
  summary: 'Sign out: the session ends and its cookies are cleared',
  responses: { 200: json(SessionSchema, 'Signed out') },
});

const listTokensRoute = createRoute({
  method: 'get', path: '/api/tokens', tags: ['tokens'],
  summary: 'Every token (never the secrets); admin only',
  responses: { 200: json(z.object({ tokens: z.array(TokenInfoSchema) }), 'Tokens'), ...unauthorized, ...errorResponses },
});

const createTokenRoute = createRoute({
  method: 'post', path: '/api/tokens', tags: ['tokens'],
  summary: 'Make a token (its secret is in this answer only); admin only',
  request: { body: { content: { 'application/json': { schema: z.object({ role: RoleSchema, name: z.string().max(100).optional() }).strict() } }, required: true } },
  responses: { 201: json(TokenInfoSchema.extend({ token: z.string() }), 'The token'), ...unauthorized, ...errorResponses },
});

const revokeTokenRoute = createRoute({
  method: 'delete', path: '/api/tokens/{id}', tags: ['tokens'],
  summary: 'Revoke a token; admin only',
  request: { params: z.object({ id: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be ≥ 1').openapi({ param: { name: 'id', in: 'path' }, example: 2 }) }) },
  responses: { 200: json(TokenInfoSchema, 'The revoked token'), ...unauthorized, ...errorResponses },
});

/** Secure cookies when the page was reached over https (directly or through a proxy that says so). */
const overHttps = (c: Context): boolean => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export function registerSessionRoutes(app: OpenAPIHono, deps: ServerDeps, access: AccessControl, logins: RateLimiter): void {
  app.openapi(getRoute, async (c) => {
    const auth = await access.enabled();
    const s = await access.sessionOf(getCookie(c, SESSION_COOKIE));
    // a bearer token (API clients, the export's own Chromium) counts as signed in too
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const p = s?.principal ?? (bearer ? await access.check(bearer[1] as string) : null);
    return c.json({ auth, signed_in: p !== null, name: p?.name ?? null, role: p?.role ?? null, csrf: s?.csrf ?? null }, 200);
  });

  app.openapi(loginRoute, async (c) => {
    checkOrigin(c);
    const wait = logins.take(clientKey(c));
    if (wait > 0) throw new ApiError(429, 'limit/rate', `rate: too many sign-in attempts (server.limits.login_per_minute in archetype.yaml); retry after ${wait} s`, { retryAfter: wait });
    const { token } = c.req.valid('json');
    const p = await access.check(token.trim());
    if (!p) throw new ApiError(401, 'auth/invalid-token', 'token: not valid (unknown, revoked or mistyped)', { field: 'token' });
    const s = access.openSession(p);
    const secure = overHttps(c);
    setCookie(c, SESSION_COOKIE, s.id, { httpOnly: true, sameSite: 'Strict', path: '/', secure });
    setCookie(c, CSRF_COOKIE, s.csrf, { httpOnly: false, sameSite: 'Strict', path: '/', secure });
    return c.json({ auth: true, signed_in: true, name: p.name, role: p.role, csrf: s.csrf }, 200);
  });

  app.openapi(logoutRoute, async (c) => {
    checkOrigin(c);
    access.closeSession(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.json({ auth: await access.enabled(), signed_in: false, name: null, role: null, csrf: null }, 200);
  });

  app.openapi(listTokensRoute, async (c) => {
    actorFor(c, 'admin', 'listing tokens', '');
    return c.json({ tokens: await deps.session.use((ws) => listTokens(ws.engine)) }, 200);
  });

  app.openapi(createTokenRoute, async (c) => {
    const b = c.req.valid('json');
    const by = actorFor(c, 'admin', 'making a token', 'web (no authentication)');
    const r = await deps.session.use((ws) => createToken(ws.engine, clockFromEnv(), { role: b.role, by, ...(b.name !== undefined ? { name: b.name } : {}) }));
    access.forget();
    return c.json({ ...r.info, token: r.token }, 201);
  });

  app.openapi(revokeTokenRoute, async (c) => {
    const { id } = c.req.valid('param');
    const by = actorFor(c, 'admin', 'revoking a token', 'web (no authentication)');
    const t = await deps.session.use((ws) => revokeToken(ws.engine, clockFromEnv(), id, by));
    access.forget();
    return c.json(t, 200);
  });
}
