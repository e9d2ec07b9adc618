// Token authentication on every engine (ENGINES=duckdb,clickhouse; ClickHouse skipped with a reason when no server can start): tokens stored hashed in the workspace's engine, roles enforced, revocation, audited admin writes — the same on both.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/interfaces/http/server.js';
import { createToken, listTokens } from '../../src/repository/access-tokens.js';
import { systemClock } from '../../src/repository/clock.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import { enginesUnderTest, startClickHouse, type ClickHouseServer } from '../engines/clickhouse-server.js';

describe('token authentication on every engine', { concurrency: 1 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'archetype-tokens-engines-'));
  let server: ClickHouseServer | null = null;
  let skip: string | false = false;
  const outcomes = new Map<string, string>();

  before(async () => {
    if (enginesUnderTest().includes('clickhouse')) {
      const s = await startClickHouse();
      if ('skip' in s) skip = s.skip;
      else server = s;
    }
  });
  after(async () => server?.stop());

  for (const engine of enginesUnderTest()) {
    it(`${engine}: tokens stored hashed, roles enforced, a revoked token refused, admin writes audited`, { timeout: 300_000 }, async (t) => {
      if (engine === 'clickhouse' && skip) return t.skip(skip);
      const dir = join(root, engine);
      initWorkspace(dir, { engine: engine === 'duckdb' ? 'duckdb' : `${server?.url.replace('http://', 'clickhouse://')}/tokens_${process.pid}` });
      const tokens: Record<string, string> = {};
      const ws = await openWorkspace(dir);
      try {
        for (const role of ['viewer', 'admin']) tokens[role] = (await createToken(ws.engine, systemClock, { role, name: `${role}-bot`, by: 'setup' })).token;
        const rows = await ws.engine.all<{ salt: string; hash: string }>(`SELECT salt, hash FROM _tokens ORDER BY token_id`);
        assert.equal(rows.length, 2);
        for (const r of rows) {
          assert.equal(Buffer.from(r.hash, 'base64').length, 32, 'a scrypt hash is stored');
          for (const tok of Object.values(tokens)) assert.ok(!tok.includes(r.hash) && !r.hash.includes(tok.split('_').slice(2).join('_')), 'never the secret');
        }
      } finally {
        await ws.engine.close();
      }

      const http = await startServer({ dir, port: 0, idleMs: 50 });
      const call = async (status: number, method: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> => {
        const headers: Record<string, string> = {};
        if (token) headers['authorization'] = `Bearer ${token}`;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(`${http.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
        const text = await res.text();
        assert.equal(res.status, status, `${engine} ${method} ${path}: ${text.slice(0, 300)}`);
        return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      };
      try {
        await call(401, 'GET', '/api/tokens');
        await call(401, 'GET', '/api/tokens', `${tokens['admin']?.slice(0, -3)}AAA`);
        assert.deepEqual(await call(200, 'GET', '/api/session', tokens['admin']), { auth: true, signed_in: true, name: 'admin-bot', role: 'admin', csrf: null });
        await call(403, 'GET', '/api/tokens', tokens['viewer']);
        const made = await call(201, 'POST', '/api/tokens', tokens['admin'], { role: 'editor', name: 'ci' });
        const editor = made['token'] as string;
        assert.equal((await call(200, 'GET', '/api/session', editor))['role'], 'editor');
        await call(403, 'PATCH', '/api/settings', editor, { privacy: { minimum_group_size: 20 } });
        await call(200, 'PATCH', '/api/settings', tokens['admin'], { privacy: { minimum_group_size: 20 } });
        const list = (await call(200, 'GET', '/api/tokens', tokens['admin']))['tokens'] as { name: string; role: string; revoked_at: string | null }[];
        assert.deepEqual(list.map((x) => [x.name, x.role, x.revoked_at]), [['viewer-bot', 'viewer', null], ['admin-bot', 'admin', null], ['ci', 'editor', null]]);
        await call(200, 'DELETE', `/api/tokens/${String(made['token_id'])}`, tokens['admin']);
        assert.equal((await call(200, 'GET', '/api/session', editor))['signed_in'], false, 'a revoked token signs nobody in');
        await call(401, 'GET', '/api/status', editor);
        const audit = (await call(200, 'GET', '/api/audit', tokens['admin']))['entries'] as { actor: string; action: string }[];
        const trail = audit.map((e) => `${e.actor}:${e.action}`);
        assert.deepEqual(trail, ['setup:token-create', 'setup:token-create', 'admin-bot (token 2):token-create', 'admin-bot (token 2):settings', 'admin-bot (token 2):token-revoke']);
        outcomes.set(engine, `${trail.join(' ')} | ${list.map((x) => x.role).join(' ')}`);
      } finally {
        await http.close();
      }
      const again = await openWorkspace(dir);
      try {
        assert.deepEqual((await listTokens(again.engine)).map((x) => x.revoked_at !== null), [false, false, true]);
      } finally {
        await again.engine.close();
      }
    });
  }

  it('every engine answered the same', (t) => {
    if (outcomes.size < 2) return t.skip(`only ${[...outcomes.keys()].join(', ') || 'no engine'} ran`);
    const [first, ...rest] = [...outcomes.values()];
    for (const o of rest) assert.equal(o, first);
  });
});
