// Request limits: body size (413), request rate per token or client address as a token bucket (429 with Retry-After); each error names its limit.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { WorkspaceConfig } from '../../contract/workspace-config.js';
import { ApiError } from './api-error.js';

export type ServerLimits = WorkspaceConfig['server']['limits'];

const size = (n: number): string => (n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`);

/**
 * Bodies over `bytes` are refused with a 413 naming the setting: Content-Length checked first (Node's parser never reads
 * past it), a chunked body counted as it arrives. A request with a Content-Length is checked from its headers alone:
 * touching the body stream here made @hono/node-server build a web Request and ReadableStream for every body (~10% of
 * the server's CPU at 1,000 scoring requests/s), where the JSON reader otherwise takes the bytes straight from the socket.
 */
export function maxBody(bytes: number, setting: string, what: string): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new ApiError(413, 'limit/body-too-large', `body: ${what} is larger than ${size(bytes)} (server.limits.${setting} in archetype.yaml)`, { field: 'body' });
  };
  const counted = bodyLimit({ maxSize: bytes, onError: tooLarge });
  return (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length, 10) > bytes) tooLarge();
      return next();
    }
    return counted(c, next);
  };
}

/** Who a rate applies to: the token when there is one, else the client address. */
export function clientKey(c: Context): string {
  const p = c.get('principal');
  if (p) return `token:${p.token_id}`;
  try {
    return `ip:${getConnInfo(c).remote.address ?? 'unknown'}`;
  } catch {
    return 'ip:local'; // in-process requests (app.request) have no socket
  }
}

/** A token bucket per key: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the request may go ahead (and is counted), else the whole seconds until it may. */
  take(key: string): number {
    if (this.perSecond <= 0) return 0;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.buckets.delete(key);
    this.buckets.set(key, b); // most recently used last: the oldest go first when the map is full
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value as string);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}

/** 429 with Retry-After once a client has used up its bucket. */
export function rateLimit(limiter: RateLimiter, setting: string, what: string): MiddlewareHandler {
  return (c, next) => {
    if (limiter.perSecond <= 0) return next();
    const wait = limiter.take(clientKey(c));
    if (wait > 0)
      throw new ApiError(429, 'limit/rate', `rate: more than ${limiter.perSecond} ${what} per second (burst ${limiter.burst}; server.limits.${setting} in archetype.yaml); retry after ${wait} s`, { retryAfter: wait });
    return next();
  };
}
