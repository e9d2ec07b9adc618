// Fuzz: every API route of the OpenAPI document (the real app, in-process, on a real workspace) with random path values, queries and bodies: never a 5xx, every refusal a 4xx with a message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/interfaces/http/app.js';
import { webWorkspace } from '../helpers/web-workspace.js';
import { caseCounter, within } from './fuzz-helpers.js';

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: string[];
  body: Record<string, unknown> | null;
}

/** Routes left out: starting builds (minutes of background work per case) and minting tokens (turns access control on for the rest). */
const SKIP = [/^post \/api\/builds$/, /\/api\/tokens/, /^post \/api\/session$/];

/** A body shaped like the schema (its property names) with values of any type, or anything at all. */
function bodyArb(schema: Record<string, unknown> | null): fc.Arbitrary<unknown> {
  const props = Object.keys((schema?.['properties'] as Record<string, unknown> | undefined) ?? {});
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', 'p1', 'all', 'sales', 'goals', 'approve', 'submit', 'publish', 'viewer', 'c1', 'ana', '<script>alert(1)</script>', 'x'.repeat(5000), -1, 0, 1, 2.5, 1e308, null, true, [], {}),
  );
  const shaped = props.length ? fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...props) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), value, { maxKeys: props.length + 1 }) : fc.constant({});
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}

const pathValue = fc.oneof(
  fc.constantFrom('p1', 'p2', 'n1', 'all', '1', '2', '0', '-1', '999999', '1.5', 'goals', 'name', 'x', 'ledger', '%2e%2e', '..', 'a%00b', '%', 'é', 'Ω'),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
);

describe('fuzz: HTTP API bodies and parameters', { concurrency: 1 }, () => {
  let api: App;
  let ops: Operation[];
  const counter = caseCounter('http api');
  const webRoot = mkdtempSync(join(tmpdir(), 'archetype-fuzz-web-'));

  before(async () => {
    const fx = await webWorkspace({ customers: 400, seed: 9 });
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>t</title>');
    api = createApp({ dir: fx.dir, webRoot, idleMs: 50, limits: { score_rate: 1e6, score_burst: 1e6 } });
    const doc = (await (await api.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>> };
    ops = [];
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        if (SKIP.some((re) => re.test(`${method} ${path}`))) continue;
        const params = op.parameters ?? [];
        ops.push({
          method, path,
          params: params.filter((p) => p.in === 'path').map((p) => p.name),
          query: params.filter((p) => p.in === 'query').map((p) => p.name),
          body: op.requestBody ? (Object.values(op.requestBody.content ?? {})[0]?.schema ?? {}) : null,
        });
      }
    assert.ok(ops.length >= 20, `routes found: ${ops.length}`);
  });
  after(async () => {
    await api?.close();
    counter.report();
  });

  /** One request: it must answer within 30 s, never with a 5xx, and a refusal must be a 4xx JSON body with a message. */
  async function check(method: string, url: string, init: { body?: string; type?: string }): Promise<number> {
    counter.tick();
    const headers: Record<string, string> = { origin: 'http://localhost' };
    if (init.type) headers['content-type'] = init.type;
    const res = await within(30_000, `${method} ${url}`, Promise.resolve(api.app.request(url, { method: method.toUpperCase(), headers, ...(init.body !== undefined ? { body: init.body } : {}) })));
    const text = await res.text();
    const what = `${method.toUpperCase()} ${url} ${init.body?.slice(0, 200) ?? ''} → ${res.status} ${text.slice(0, 300)}`;
    assert.ok(res.status < 500, `no server error: ${what}`);
    if (res.status >= 400) {
      let body: { error?: { message?: unknown } } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        assert.fail(`a refusal is JSON: ${what}`);
      }
      assert.ok(typeof body.error?.message === 'string' && body.error.message.length > 3, `a refusal says why: ${what}`);
    }
    return res.status;
  }

  const request = fc.record({
    op: fc.nat(),
    params: fc.array(pathValue, { minLength: 4, maxLength: 4 }),
    query: fc.dictionary(fc.oneof(fc.constantFrom('version', 'view', 'by', 'top', 'model', 'order', 'entity', 'limit', 'offset', 'persona', 'from', 'to', 'curated', 'open', 'all', 'field'), fc.string({ maxLength: 6 })), fc.oneof(pathValue, fc.string({ maxLength: 12 })), { maxKeys: 3 }),
    seed: fc.nat(),
    mode: fc.constantFrom('json', 'json', 'json', 'not-json', 'wrong-type', 'empty'),
  });

  it('random requests to every route: 2xx, or a 4xx with a message', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const op = ops[r.op % ops.length] as Operation;
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => r.params[i++ % r.params.length] as string);
        const qs = new URLSearchParams(r.query).toString();
        const url = `${path}${qs ? `?${qs}` : ''}`;
        if (!op.body && op.method === 'get') return void (await check(op.method, url, {}));
        const body = fc.sample(bodyArb(op.body), { seed: r.seed, numRuns: 1 })[0];
        const init =
          r.mode === 'json' ? { body: JSON.stringify(body), type: 'application/json' }
          : r.mode === 'not-json' ? { body: `${JSON.stringify(body)}}{`.slice(0, 1 + (r.seed % 50)), type: 'application/json' }
          : r.mode === 'wrong-type' ? { body: JSON.stringify(body), type: 'text/plain' }
          : { type: 'application/json' };
        await check(op.method, url, init);
      }),
      { numRuns: 700, seed: 301 },
    );
  });

  it('every route with a body: malformed JSON, a JSON scalar, a wrong content type, no body, a body over the limit', { timeout: 120_000 }, async () => {
    for (const op of ops.filter((o) => o.body)) {
      const url = op.path.replace(/\{[^}]+\}/g, 'p1');
      for (const init of [
        { body: '{"a":', type: 'application/json' },
        { body: '42', type: 'application/json' },
        { body: 'null', type: 'application/json' },
        { body: '[]', type: 'application/json' },
        { body: '{}', type: 'text/csv' },
        { type: 'application/json' },
        { body: JSON.stringify({ text: 'x'.repeat(11 * 1024 * 1024) }), type: 'application/json' },
      ]) {
        const status = await check(op.method, url, init);
        if (init.body?.startsWith('{"a":')) assert.equal(status, 400, `${op.method} ${url}: malformed JSON is a 400`);
        if ((init.body?.length ?? 0) > 10 * 1024 * 1024) assert.equal(status, 413, `${op.method} ${url}: too large`);
      }
    }
  });
});
