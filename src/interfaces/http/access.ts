// Who is asking: bearer tokens and cookie sessions checked against the workspace's token hashes, roles per route, CSRF checks for cookie sessions.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { liveVerifiers, roleAtLeast, verifyToken, type Principal, type Role, type TokenVerifier } from '../../repository/access-tokens.js';
import { ApiError } from './api-error.js';
import { isLoopback } from './loopback.js';
import type { WorkspaceSession } from './workspace-session.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** the token behind the request; null when authentication is off */
    principal: Principal | null;
    /** true when the request came with a session cookie (then state changes need the CSRF header) */
    viaCookie: boolean;
  }
}

export const SESSION_COOKIE = 'archetype_session';
export const CSRF_COOKIE = 'archetype_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_MS = 12 * 3600_000;
/** how long the server trusts its copy of the token table (a `token revoke` from the CLI takes effect within this) */
const REFRESH_MS = 2000;

interface WebSession {
  principal: Principal;
  csrf: string;
  expires: number;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export class AccessControl {
  private verifiers: TokenVerifier[] | null = null;
  private readAt = 0;
  private refreshing: Promise<TokenVerifier[]> | null = null;
  /** sha256 of a presented token → the principal it verified as (scrypt runs once per token, not per request) */
  private readonly verified = new Map<string, Principal>();
  private readonly sessions = new Map<string, WebSession>();

  constructor(
    private readonly session: WorkspaceSession,
    /** on: a token is required even while the workspace has none (`serve --auth`, server.auth, any non-loopback host) */
    readonly required: boolean,
    /** a one-off secret of the process that started this server in-process (the PDF/PNG export's own Chromium), never stored */
    private readonly internalToken?: string,
  ) {}

  /** The live tokens when the copy is recent enough, without a wait (most requests); else null. */
  private fresh(): TokenVerifier[] | null {
    return this.verifiers && Date.now() - this.readAt < REFRESH_MS ? this.verifiers : null;
  }

  /** The live tokens, read again when older than REFRESH_MS; while another process holds the workspace, the last copy read. */
  private async live(): Promise<TokenVerifier[]> {
    const fresh = this.fresh();
    if (fresh) return fresh;
    this.refreshing ??= this.session
      .use((ws) => liveVerifiers(ws.engine))
      .then(
        (v) => {
          this.verifiers = v;
          this.readAt = Date.now();
          return v;
        },
        (e: unknown) => {
          if (this.verifiers && e instanceof ApiError && e.code === 'workspace/busy') return this.verifiers;
          throw e;
        },
      )
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Called after a token is made or revoked by this server. */
  forget(): void {
    this.readAt = 0;
  }

  async enabled(): Promise<boolean> {
    return this.required || (this.fresh() ?? (await this.live())).length > 0;
  }

  /** The principal of a token, or null: verified once, then trusted while that token stays live. */
  async check(token: string): Promise<Principal | null> {
    if (this.internalToken !== undefined && sameText(token, this.internalToken)) return INTERNAL;
    const live = this.fresh() ?? (await this.live());
    const key = sha256(token);
    const hit = this.verified.get(key);
    if (hit) {
      if (live.some((v) => v.token_id === hit.token_id)) return hit;
      this.verified.delete(key);
      return null;
    }
    const p = await verifyToken(token, live);
    if (p) {
      if (this.verified.size > 1000) this.verified.clear();
      this.verified.set(key, p);
    }
    return p;
  }

  /** A new cookie session for a verified principal: its id (the cookie) and its CSRF value. */
  openSession(principal: Principal): { id: string; csrf: string } {
    const now = Date.now();
    for (const [k, s] of this.sessions) if (s.expires < now) this.sessions.delete(k);
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    this.sessions.set(id, { principal, csrf, expires: now + SESSION_MS });
    return { id, csrf };
  }

  closeSession(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** The session behind a cookie, while it has not expired and its token is still live. */
  async sessionOf(id: string | undefined): Promise<WebSession | null> {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s || s.expires < Date.now()) {
      this.sessions.delete(id ?? '');
      return null;
    }
    const live = await this.live();
    if (!live.some((v) => v.token_id === s.principal.token_id)) {
      this.sessions.delete(id);
      return null;
    }
    s.expires = Date.now() + SESSION_MS;
    return s;
  }

  /** Middleware for /api/*: sets the principal (bearer token, else session cookie), refuses anonymous requests while auth is on, checks CSRF on cookie writes. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      c.set('principal', null);
      c.set('viaCookie', false);
      if (PUBLIC.has(c.req.path)) return next();
      const on = this.required || (this.fresh() ?? (await this.live())).length > 0;
      const header = c.req.header('authorization');
      if (header !== undefined) {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
        const p = m ? await this.check(m[1] as string) : null;
        if (!p) throw unauthorized('the bearer token is not valid (unknown, revoked or mistyped)');
        c.set('principal', p);
        return next();
      }
      const id = c.req.header('cookie') === undefined ? undefined : getCookie(c, SESSION_COOKIE);
      const s = id === undefined ? null : await this.sessionOf(id);
      if (s) {
        c.set('principal', s.principal);
        c.set('viaCookie', true);
        if (!SAFE.has(c.req.method)) checkCsrf(c, s.csrf);
        return next();
      }
      if (on) throw unauthorized('authentication required: send `Authorization: Bearer <token>` (see `archetype token create`) or sign in at /login');
      return next();
    };
  }
}

const INTERNAL: Principal = { token_id: 0, name: 'export', role: 'admin', actor: 'export (in-process)' };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** answered without a token: the OpenAPI document and the session routes (sign-in itself) */
const PUBLIC = new Set(['/api/openapi.json', '/api/session']);

const unauthorized = (message: string): ApiError => new ApiError(401, 'auth/required', message);

/** Cookie sessions: the request must come from this origin (Origin or Referer) and echo the CSRF cookie in the X-CSRF-Token header. */
export function checkCsrf(c: Context, expected: string): void {
  checkOrigin(c);
  const sent = c.req.header(CSRF_HEADER) ?? '';
  const cookie = getCookie(c, CSRF_COOKIE) ?? '';
  if (!sent || !sameText(sent, expected) || !sameText(cookie, expected))
    throw new ApiError(403, 'auth/csrf', `csrf: state-changing requests with a session cookie need the ${CSRF_HEADER} header matching the ${CSRF_COOKIE} cookie`);
}

/** A browser sends Origin on every cross-site POST; when it names another origin than this server's, the request is refused. */
export function checkOrigin(c: Context): void {
  const origin = c.req.header('origin') ?? refererOrigin(c.req.header('referer'));
  if (origin === undefined) return;
  const self = new URL(c.req.url);
  const host = c.req.header('host') ?? self.host;
  const allowed = new Set([`${self.protocol}//${host}`, `https://${host}`, self.origin]);
  if (!allowed.has(origin)) throw new ApiError(403, 'auth/origin', `origin: requests from ${origin} are not accepted (only from this server's own pages)`);
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** The principal of the request when it holds at least `need` (with authentication off everyone does); otherwise a 403 naming the role. */
export function requireRole(c: Context, need: Role, what: string): Principal | null {
  const p = c.get('principal');
  if (p === null) return null;
  if (!roleAtLeast(p.role, need)) throw new ApiError(403, 'auth/forbidden', `${what} needs the ${need} role; token "${p.name}" is ${p.role}`);
  return p;
}

/** The name the audit log records for a write: the token's name and id when signed in, else the name typed on the page. */
export function actorFor(c: Context, need: Role, what: string, typed: string): string {
  const p = requireRole(c, need, what);
  return p ? p.actor : typed;
}

/**
 * A server bound to loopback answers only requests addressed to a loopback name (DNS rebinding: a web page whose
 * name resolves to 127.0.0.1 would otherwise read an unauthenticated workspace), and any browser write from
 * another origin is refused whatever the authentication.
 */
export function hostAndOrigin(loopbackOnly: boolean): MiddlewareHandler {
  return (c, next) => {
    if (loopbackOnly) {
      const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '');
      if (!isLoopback(host)) throw new ApiError(403, 'auth/host', `host: this server listens on loopback and answers only to localhost or 127.0.0.1, not ${host.slice(0, 100)}`);
    }
    if (!SAFE.has(c.req.method)) checkOrigin(c);
    return next();
  };
}

