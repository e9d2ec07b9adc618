// Admin routes over a real listening server on a real DuckDB workspace: tokens, settings, erasure and subject export; only admins get in, every write lands in the audit log with the token's name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { startServer, type RunningServer } from '../../src/interfaces/http/server.js';
import { createToken } from '../../src/repository/access-tokens.js';
import { systemClock } from '../../src/repository/clock.js';
import { openWorkspace, readConfig } from '../../src/workspace/workspace.js';
import { builtDemo } from '../repository/helpers.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface Audit {
  entries: { audit_id: number; actor: string; action: string; version: number | null; detail: Record<string, unknown> }[];
}

const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;

describe('admin routes: tokens, settings, erasure, subject export', () => {
  let dir: string;
  let server: RunningServer;
  let subject: string;
  const tokens = {} as Record<(typeof ROLES)[number], string>;

  const call = async <T = unknown>(status: number, method: string, path: string, token: string | undefined, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {};
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
    const text = await res.text();
    assert.equal(res.status, status, `${method} ${path}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const audit = async (): Promise<Audit['entries']> => (await call<Audit>(200, 'GET', '/api/audit', tokens.admin)).entries;

  before(async () => {
    const demo = await builtDemo({ customers: 500, k: 4 });
    dir = demo.dir;
    const e = demo.ws.engine;
    // a customer with orders and an assignment in version 1
    const row = (await e.all<{ id: string }>(`SELECT a.customer_id AS id FROM _assignments a WHERE a.customer_id IN (SELECT customer_id FROM orders) ORDER BY a.customer_id LIMIT 1`))[0];
    assert.ok(row);
    subject = row.id;
    for (const role of ROLES) tokens[role] = (await createToken(e, systemClock, { role, name: `${role}-bot`, by: 'setup' })).token;
    await e.close();
    // a comment that an API write must keep
    const file = join(dir, 'archetype.yaml');
    writeFileSync(file, `# kept: set by the data protection officer\n${readFileSync(file, 'utf8')}`);
    server = await startServer({ dir, port: 0, idleMs: 50 });
  });
  after(async () => server?.close());

  it('refuses every admin route to viewer, editor and approver tokens (403 naming the role) and to no token (401)', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/tokens'], ['POST', '/api/tokens', { role: 'viewer' }], ['DELETE', '/api/tokens/1'],
      ['GET', '/api/settings'], ['PATCH', '/api/settings', { privacy: { minimum_group_size: 3 } }],
      ['POST', '/api/privacy/forget', { customer_id: 'c1' }], ['POST', '/api/privacy/subject-export', { customer_id: 'c1' }],
    ];
    for (const [method, path, body] of routes) {
      for (const role of ['viewer', 'editor', 'approver'] as const) {
        const r = await call<ErrorBody>(403, method, path, tokens[role], body);
        assert.equal(r.error.code, 'auth/forbidden');
        assert.match(r.error.message, new RegExp(`needs the admin role; token "${role}-bot" is ${role}`));
      }
      assert.equal((await call<ErrorBody>(401, method, path, undefined, body)).error.code, 'auth/required');
    }
    assert.deepEqual((await audit()).filter((e) => e.action !== 'token-create' && e.action !== 'build'), [], 'nothing refused was done');
  });

  it('tokens: listed without secrets, made with the secret shown once, revoked; each audited with the admin token', async () => {
    const made = await call<{ token_id: number; token: string; role: string; created_by: string }>(201, 'POST', '/api/tokens', tokens.admin, { role: 'editor', name: 'ci' });
    assert.match(made.token, /^arch_\d+_[A-Za-z0-9_-]{43}$/);
    assert.equal(made.created_by, `admin-bot (token 4)`);
    const list = await call<{ tokens: Record<string, unknown>[] }>(200, 'GET', '/api/tokens', tokens.admin);
    assert.equal(list.tokens.length, 5);
    const text = JSON.stringify(list);
    for (const t of [...Object.values(tokens), made.token]) assert.ok(!text.includes(t.split('_').slice(2).join('_')), 'no secret in the list');
    for (const t of list.tokens) assert.deepEqual(Object.keys(t).sort(), ['created_at', 'created_by', 'name', 'revoked_at', 'role', 'token_id']);
    // the new token works at once, and stops working once revoked
    await call(200, 'GET', '/api/status', made.token);
    await call(200, 'DELETE', `/api/tokens/${made.token_id}`, tokens.admin);
    await call(401, 'GET', '/api/status', made.token);
    const bad = await call<ErrorBody>(400, 'POST', '/api/tokens', tokens.admin, { role: 'owner' });
    assert.equal(bad.error.field, 'role');
    assert.equal((await call<ErrorBody>(404, 'DELETE', '/api/tokens/99', tokens.admin)).error.code, 'repository/not-found');
    const mine = (await audit()).filter((e) => e.actor === 'admin-bot (token 4)').map((e) => [e.action, e.detail['token_id']]);
    assert.deepEqual(mine, [['token-create', made.token_id], ['token-revoke', made.token_id]]);
  });

  it('settings: read, changed in archetype.yaml (its comment kept) with the old and new value audited; bad values get a 400 naming the field', async () => {
    const s = await call<{ privacy: { minimum_group_size: number }; repository: { drift_threshold: number } }>(200, 'GET', '/api/settings', tokens.admin);
    assert.equal(s.privacy.minimum_group_size, 10);
    assert.equal(s.repository.drift_threshold, 0.25);
    const r = await call<{ changed: unknown[]; settings: { privacy: { minimum_group_size: number }; refresh_policy_days: number }; audit_id: number }>(
      200, 'PATCH', '/api/settings', tokens.admin, { privacy: { minimum_group_size: 25 }, refresh_policy_days: 30, repository: { drift_threshold: 0.25 } },
    );
    assert.deepEqual(r.changed, [{ setting: 'privacy.minimum_group_size', from: 10, to: 25 }, { setting: 'refresh_policy_days', from: 90, to: 30 }], 'an unchanged value is no change');
    assert.equal(r.settings.privacy.minimum_group_size, 25);
    const file = readFileSync(join(dir, 'archetype.yaml'), 'utf8');
    assert.match(file, /^# kept: set by the data protection officer/);
    assert.equal(readConfig(dir).privacy.minimum_group_size, 25);
    assert.equal((YAML.parse(file) as { refresh_policy_days: number }).refresh_policy_days, 30);
    assert.equal((await call<{ privacy: { minimum_group_size: number } }>(200, 'GET', '/api/settings', tokens.admin)).privacy.minimum_group_size, 25);
    const entry = (await audit()).find((e) => e.audit_id === r.audit_id);
    assert.deepEqual([entry?.action, entry?.actor, entry?.detail['changed']], ['settings', 'admin-bot (token 4)', r.changed]);
    // the same values again: nothing changed, nothing audited
    const again = await call<{ changed: unknown[]; audit_id: number | null }>(200, 'PATCH', '/api/settings', tokens.admin, { privacy: { minimum_group_size: 25 } });
    assert.deepEqual([again.changed, again.audit_id], [[], null]);
    const cases: [unknown, string, RegExp][] = [
      [{ privacy: { minimum_group_size: 0 } }, 'privacy.minimum_group_size', />=\s*1|at least 1|too small/i],
      [{ privacy: { minimum_group_size: 2.5 } }, 'privacy.minimum_group_size', /int/i],
      [{ privacy: { allow_quotes: 'yes' } }, 'privacy.allow_quotes', /boolean/i],
      [{ repository: { similarity_threshold: 2 } }, 'repository.similarity_threshold', /<=\s*1|at most 1|too big/i],
      [{ engine: 'clickhouse' }, 'engine', /unknown field engine/],
      [{ server: { auth: false } }, 'server', /unknown field server/],
      [{ privacy: { minimum: 3 } }, 'privacy.minimum', /unknown field minimum/],
      ['{"privacy":', 'body', /not valid JSON|body/],
    ];
    for (const [body, field, message] of cases) {
      const e = await call<ErrorBody>(400, 'PATCH', '/api/settings', tokens.admin, body);
      assert.equal(e.error.field, field, JSON.stringify(e));
      assert.match(e.error.message, message);
    }
    assert.equal(readConfig(dir).privacy.minimum_group_size, 25, 'refused changes left the file alone');
    assert.equal((await audit()).filter((e) => e.action === 'settings').length, 1);
  });

  it('subject export holds everything on the customer; erasure removes it, marks version 1 for refresh and audits without the id; a second erasure finds nothing', async () => {
    const x = await call<{ customer_id: string; entities: Record<string, Record<string, unknown>[]>; assignments: { version: number }[] }>(
      200, 'POST', '/api/privacy/subject-export', tokens.admin, { customer_id: subject },
    );
    assert.equal(x.customer_id, subject);
    assert.equal(x.entities['customers']?.length, 1);
    assert.ok((x.entities['orders']?.length ?? 0) > 0);
    assert.deepEqual(x.assignments.map((a) => a.version), [1]);
    assert.equal((await call<ErrorBody>(404, 'POST', '/api/privacy/subject-export', tokens.admin, { customer_id: 'no-such-customer' })).error.code, 'repository/not-found');
    assert.equal((await call<ErrorBody>(400, 'POST', '/api/privacy/subject-export', tokens.admin, { customer_id: '  ' })).error.field, 'customer_id');
    const res = await fetch(`${server.url}/api/privacy/subject-export`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ customer_id: subject }),
    });
    assert.equal(res.headers.get('cache-control'), 'no-store');
    // each export is a read of personal data: audited with the admin token, the subject named by its keyed hash only
    const exports = (await audit()).filter((e) => e.action === 'subject-export');
    assert.equal(exports.length, 2, 'both successful exports audited, the 404 and the 400 not');
    for (const e of exports) {
      assert.equal(e.actor, 'admin-bot (token 4)');
      assert.match(String(e.detail['subject_hash']), /^[0-9a-f]{64}$/);
      // as a whole JSON string: a bare id like "c12" can turn up inside the 64-hex-digit hash by chance
      assert.ok(!JSON.stringify(e).includes(JSON.stringify(subject)), 'the entry does not name the customer');
    }
    assert.equal(exports[0]?.detail['subject_hash'], exports[1]?.detail['subject_hash'], 'the same subject, the same hash');

    const f = await call<{ erased: boolean; rows: Record<string, number>; versions: number[]; audit_id: number }>(200, 'POST', '/api/privacy/forget', tokens.admin, { customer_id: subject, by: 'ignored with a token' });
    assert.equal(f.erased, true);
    assert.equal(f.rows['customers'], 1);
    assert.deepEqual(f.versions, [1]);
    const entry = (await audit()).find((e) => e.audit_id === f.audit_id);
    assert.equal(entry?.action, 'erase');
    assert.equal(entry?.actor, 'admin-bot (token 4)');
    assert.ok(!JSON.stringify(entry).includes(JSON.stringify(subject)), 'the audit entry does not name the customer');
    await call(404, 'POST', '/api/privacy/subject-export', tokens.admin, { customer_id: subject });
    const twice = await call<{ erased: boolean; erased_at: string | null; audit_id: number | null }>(200, 'POST', '/api/privacy/forget', tokens.admin, { customer_id: subject });
    assert.deepEqual([twice.erased, twice.audit_id, twice.erased_at !== null], [false, null, true]);
    assert.equal((await call<ErrorBody>(404, 'POST', '/api/privacy/forget', tokens.admin, { customer_id: 'never-seen' })).error.code, 'repository/not-found');
    assert.equal((await call<ErrorBody>(400, 'POST', '/api/privacy/forget', tokens.admin, { customer_id: 'c1', extra: 1 })).error.field, 'extra');
    // the version is out of date now, on the server as in the database
    await server.close();
    const ws = await openWorkspace(dir);
    try {
      const v = await ws.engine.all<{ r: string | null }>(`SELECT needs_refresh AS r FROM _versions WHERE version = 1`);
      assert.equal(v[0]?.r, 'erasure');
      assert.equal((await ws.engine.all(`SELECT * FROM customers WHERE customer_id = $id`, { id: subject })).length, 0);
    } finally {
      await ws.engine.close();
    }
    server = await startServer({ dir, port: 0, idleMs: 50 });
  });

  it('the OpenAPI document lists the admin routes', async () => {
    const doc = await call<{ paths: Record<string, unknown> }>(200, 'GET', '/api/openapi.json', undefined);
    for (const p of ['/api/settings', '/api/privacy/forget', '/api/privacy/subject-export', '/api/tokens']) assert.ok(p in doc.paths, p);
  });
});
