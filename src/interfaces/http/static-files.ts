// The built web UI (web-dist/): files by path, index.html for every page route so the app's own router takes over.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';

/** Where `npm run build` writes the web UI: <repo>/web-dist. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web-dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const MISSING = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Archetype</title></head><body><main><h1>Archetype</h1>
<p>The web UI is not built yet. Run <code>npm run build</code> in the Archetype folder, then reload. The JSON API works without it: <a href="/api/openapi.json">/api/openapi.json</a>.</p></main></body></html>`;

export function staticFiles(root: string = DEFAULT_WEB_ROOT): MiddlewareHandler {
  const base = resolve(root);
  const cache = new Map<string, Uint8Array>();
  const read = (file: string): Uint8Array | null => {
    const hit = cache.get(file);
    if (hit) return hit;
    if (!existsSync(file) || !statSync(file).isFile()) return null;
    const body = new Uint8Array(readFileSync(file));
    // hashed assets never change; index.html is re-read so a rebuild shows without a restart
    if (file.includes(`${sep}assets${sep}`)) cache.set(file, body);
    return body;
  };
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    if (path.startsWith('/api/') || path === '/api') return next();
    const file = resolve(base, `.${path}`);
    const inside = file === base || file.startsWith(base + sep);
    const body = inside && path !== '/' ? read(file) : null;
    if (body) {
      c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      c.header('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      return c.body(body.slice().buffer);
    }
    // a file-looking path that does not exist is a 404, a page path gets the app
    if (extname(path) !== '') return c.json({ error: { code: 'not-found', message: `no file ${path}` } }, 404);
    const index = read(join(base, 'index.html'));
    c.header('Cache-Control', 'no-cache');
    return c.html(index ? new TextDecoder().decode(index) : MISSING);
  };
}
