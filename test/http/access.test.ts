// Access control on a real workspace: tokens hashed in DuckDB, roles per route, viewers kept to the published set, cookie sessions with CSRF checks, the audit trail, limits, and `serve` refusing non-loopback hosts without tokens.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/interfaces/http/app.js';

/** The secret part of `arch_<id>_<secret>` (the secret itself may hold '_'). */
const secretOf = (token: string): string => /^arch_\d+_(.+)$/.exec(token)?.[1] ?? token;
import { openWorkspace } from '../../src/workspace/workspace.js';
import { createToken, listTokens } from '../../src/repository/access-tokens.js';
import { systemClock } from '../../src/repository/clock.js';
import { CLI, runCli } from '../helpers/serve.js';
import { webWorkspace, type WebWorkspace } from '../helpers/web-workspace.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describe('access control (tokens, roles, sessions, CSRF, limits)', () => {
  let fx: WebWorkspace;
  let api: App;
  const tokens: Record<'viewer' | 'editor' | 'approver' | 'admin', string> = { viewer: '', editor: '', approver: '', admin: '' };
  const webRoot = mkdtempSync(join(tmpdir(), 'archetype-web-'));

  const call = async (path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await api.app.request(path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as unknown };
  };
  const expectStatus = async (status: number, path: string, init: Parameters<typeof call>[1] = {}) => {
    const r = await call(path, init);
    assert.equal(r.status, status, `${init.method ?? 'GET'} ${path}: ${JSON.stringify(r.body).slice(0, 300)}`);
    return r;
  };

  before(async () => {
    fx = await webWorkspace();
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>test</title><div id="root"></div>');
    api = createApp({ dir: fx.dir, webRoot, idleMs: 50, limits: { score_rate: 0.2, score_burst: 3, batch_leads: 5, upload_bytes: 20_000, body_bytes: 4_000 } });
  });
  after(async () => api.close());

  it('without tokens the API is open on loopback, as before', async () => {
    await expectStatus(200, '/api/personas');
    const s = await expectStatus(200, '/api/session');
    assert.deepEqual(s.body, { auth: false, signed_in: false, name: null, role: null, csrf: null });
  });

  it('on loopback only loopback host names are answered (DNS rebinding), and writes from another origin are refused even without tokens', async () => {
    const local = createApp({ dir: fx.dir, webRoot, idleMs: 50, loopbackOnly: true });
    try {
      const rebound = await local.app.request('http://attacker.example:4173/api/personas');
      assert.equal(rebound.status, 403);
      assert.match(((await rebound.json()) as ErrorBody).error.message, /answers only to localhost or 127\.0\.0\.1, not attacker\.example/);
      assert.equal((await local.app.request('http://127.0.0.1:4173/api/session')).status, 200);
      assert.equal((await local.app.request('http://localhost:4173/api/session')).status, 200);
    } finally {
      await local.close();
    }
    const cross = await expectStatus(403, '/api/personas/p1/comments', { method: 'POST', body: { field: 'goals', text: 'drive-by', author: 'x' }, headers: { origin: 'https://attacker.example' } });
    assert.equal((cross.body as ErrorBody).error.code, 'auth/origin');
  });

  it('stores tokens as scrypt hashes with a salt each; `token list` never shows secrets', async () => {
    await api.close(); // the CLI needs the DuckDB file
    for (const role of ['viewer', 'editor', 'approver', 'admin'] as const) {
      const r = runCli(['token', 'create', '--role', role, '--name', `${role}-bot`, '--by', 'setup', '-w', fx.dir]);
      assert.equal(r.status, 0, r.stderr);
      tokens[role] = r.stdout.trim();
      assert.match(tokens[role], /^arch_\d+_[A-Za-z0-9_-]{43}$/);
      assert.match(r.stderr, /shown only now/);
    }
    const bad = runCli(['token', 'create', '--role', 'owner', '-w', fx.dir]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown role "owner" \(roles: viewer, editor, approver, admin\)/);
    const list = runCli(['token', 'list', '-w', fx.dir]);
    assert.equal(list.status, 0, list.stderr);
    for (const t of Object.values(tokens)) assert.ok(!list.stdout.includes(secretOf(t)), 'no secret in token list');
    assert.match(list.stdout, /viewer-bot\s+viewer/);
    const ws = await openWorkspace(fx.dir);
    try {
      const rows = await ws.engine.all<{ salt: string; hash: string }>('SELECT salt, hash FROM _tokens');
      assert.equal(rows.length, 4);
      assert.equal(new Set(rows.map((r) => r.salt)).size, 4, 'a salt per token');
      for (const r of rows) {
        assert.equal(Buffer.from(r.hash, 'base64').length, 32);
        for (const t of Object.values(tokens)) assert.ok(!t.includes(r.hash) && !r.hash.includes(secretOf(t)));
      }
      assert.equal((await listTokens(ws.engine)).filter((t) => t.revoked_at === null).length, 4);
    } finally {
      await ws.engine.close();
    }
    api = createApp({ dir: fx.dir, webRoot, idleMs: 50, limits: { score_rate: 0.2, score_burst: 3, batch_leads: 5, upload_bytes: 20_000, body_bytes: 4_000 } });
  });

  it('with tokens every API route needs one: 401 without or with a wrong one, the document and the session route stay open', async () => {
    const r = await expectStatus(401, '/api/personas');
    assert.equal((r.body as ErrorBody).error.code, 'auth/required');
    assert.match((r.body as ErrorBody).error.message, /Authorization: Bearer/);
    const forged = tokens.admin.slice(0, -4) + 'AAAA';
    assert.equal((await expectStatus(401, '/api/personas', { token: forged })).headers.get('content-type')?.startsWith('application/json'), true);
    await expectStatus(401, '/api/personas', { token: 'arch_999_' + 'x'.repeat(43) });
    await expectStatus(401, '/api/personas', { headers: { authorization: 'Basic YTpi' } });
    const doc = (await expectStatus(200, '/api/openapi.json')).body as { security: unknown; components: { securitySchemes: Record<string, { type: string; scheme: string }> } };
    assert.deepEqual([doc.components.securitySchemes['token']?.type, doc.components.securitySchemes['token']?.scheme], ['http', 'bearer']);
    assert.deepEqual(doc.security, [{ token: [] }]);
    for (const p of ['/api/session', '/api/tokens', '/api/tokens/{id}']) assert.ok(p in (doc as unknown as { paths: Record<string, unknown> }).paths, p);
    assert.equal(((await expectStatus(200, '/api/session')).body as { auth: boolean }).auth, true);
    // pages (the app shell) load without a token: the app shows its sign-in form
    const page = await api.app.request('/versions');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('a viewer reads only the published persona set', async () => {
    // nothing published yet: version 1 is a draft
    const none = await expectStatus(404, '/api/personas', { token: tokens.viewer });
    assert.match((none.body as ErrorBody).error.message, /no published persona set/);
    await expectStatus(403, '/api/versions', { token: tokens.viewer });
    await expectStatus(403, '/api/quarantine', { token: tokens.viewer });
    await expectStatus(200, '/api/personas', { token: tokens.editor });
  });

  it('roles: editors comment and submit, approvers approve and publish; each write audited with the token', async () => {
    const denied = await expectStatus(403, '/api/versions/1/review', { method: 'POST', token: tokens.editor, body: { action: 'approve', by: 'mallory' } });
    assert.equal((denied.body as ErrorBody).error.code, 'auth/forbidden');
    assert.match((denied.body as ErrorBody).error.message, /approve of a version needs the approver role; token "editor-bot" is editor/);
    await expectStatus(403, '/api/personas/p1/comments', { method: 'POST', token: tokens.viewer, body: { field: 'goals', text: 'hi', author: 'v' } });
    const c = await expectStatus(201, '/api/personas/p1/comments', { method: 'POST', token: tokens.editor, body: { field: 'goals', text: 'needs a source', author: 'typed name', request: true } });
    assert.equal((c.body as { author: string }).author, 'editor-bot (token 2)');
    await expectStatus(403, `/api/comments/${(c.body as { comment_id: number }).comment_id}/resolve`, { method: 'POST', token: tokens.editor, body: { accept: false, by: 'x', reason: 'no' } });
    await expectStatus(200, `/api/comments/${(c.body as { comment_id: number }).comment_id}/resolve`, { method: 'POST', token: tokens.approver, body: { accept: false, by: 'x', reason: 'sourced already' } });
    await expectStatus(200, '/api/versions/1/review', { method: 'POST', token: tokens.editor, body: { action: 'submit', by: 'typed' } });
    await expectStatus(200, '/api/versions/1/review', { method: 'POST', token: tokens.approver, body: { action: 'approve', by: 'typed' } });
    const pub = await expectStatus(200, '/api/versions/1/review', { method: 'POST', token: tokens.approver, body: { action: 'publish', by: 'typed' } });
    assert.equal((pub.body as { by: string }).by, 'approver-bot (token 3)');

    const audit = (await expectStatus(200, '/api/audit', { token: tokens.editor })).body as { entries: { actor: string; action: string }[] };
    const byAction = (a: string) => audit.entries.filter((e) => e.action === a).map((e) => e.actor);
    assert.deepEqual(byAction('token-create'), ['setup', 'setup', 'setup', 'setup']);
    assert.deepEqual(byAction('request'), ['editor-bot (token 2)']);
    assert.deepEqual(byAction('decline'), ['approver-bot (token 3)']);
    assert.deepEqual(byAction('submit'), ['editor-bot (token 2)']);
    assert.deepEqual(byAction('approve'), ['approver-bot (token 3)']);
    assert.deepEqual(byAction('publish'), ['approver-bot (token 3)']);
    assert.ok(!audit.entries.some((e) => e.actor === 'typed' || e.actor === 'typed name'), 'the typed name never stands in for the token');
  });

  it('once published, a viewer reads it (and only it), scores against it, and is refused other versions', async () => {
    const set = (await expectStatus(200, '/api/personas', { token: tokens.viewer })).body as { version: number; status: string };
    assert.deepEqual([set.version, set.status], [1, 'published']);
    await expectStatus(200, '/api/personas/p1', { token: tokens.viewer });
    await expectStatus(200, '/api/journeys/all', { token: tokens.viewer });
    const other = await expectStatus(403, '/api/personas?version=2', { token: tokens.viewer });
    assert.equal((other.body as ErrorBody).error.field, 'version');
    await expectStatus(403, '/api/leads/score', { method: 'POST', token: tokens.viewer, body: { lead: { lead_id: 'l1' }, version: 2 } });
    await expectStatus(403, '/api/builds', { method: 'POST', token: tokens.viewer, body: {} });
    await expectStatus(403, '/api/tokens', { token: tokens.approver });
  });

  it('web sessions: a token exchanged for an HttpOnly SameSite=Strict cookie; writes need the CSRF header and this origin; sign-out ends it', async () => {
    const bad = await expectStatus(401, '/api/session', { method: 'POST', body: { token: 'nope' } });
    assert.equal((bad.body as ErrorBody).error.field, 'token');
    const login = await api.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokens.editor }) });
    assert.equal(login.status, 200);
    const cookies = login.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('archetype_session='));
    const csrfCookie = cookies.find((c) => c.startsWith('archetype_csrf='));
    assert.ok(session && csrfCookie);
    assert.match(session, /; HttpOnly/);
    assert.match(session, /; SameSite=Strict/);
    assert.match(session, /; Path=\//);
    assert.doesNotMatch(session, /Secure/, 'no Secure flag over plain http');
    assert.doesNotMatch(csrfCookie, /HttpOnly/, 'the page reads the CSRF cookie');
    const { csrf, role, name } = (await login.json()) as { csrf: string; role: string; name: string };
    assert.deepEqual([role, name], ['editor', 'editor-bot']);
    const jar = `${session.split(';')[0]}; ${csrfCookie.split(';')[0]}`;

    const me = (await expectStatus(200, '/api/session', { headers: { cookie: jar } })).body as { signed_in: boolean; csrf: string };
    assert.deepEqual([me.signed_in, me.csrf], [true, csrf]);
    await expectStatus(200, '/api/versions', { headers: { cookie: jar } });
    const body = { field: 'goals', text: 'from the page', author: 'typed' };
    const noHeader = await expectStatus(403, '/api/personas/p1/comments', { method: 'POST', body, headers: { cookie: jar } });
    assert.equal((noHeader.body as ErrorBody).error.code, 'auth/csrf');
    await expectStatus(403, '/api/personas/p1/comments', { method: 'POST', body, headers: { cookie: jar, 'x-csrf-token': 'forged' } });
    const crossSite = await expectStatus(403, '/api/personas/p1/comments', { method: 'POST', body, headers: { cookie: jar, 'x-csrf-token': csrf, origin: 'https://evil.example' } });
    assert.equal((crossSite.body as ErrorBody).error.code, 'auth/origin');
    const ok = await expectStatus(201, '/api/personas/p1/comments', { method: 'POST', body, headers: { cookie: jar, 'x-csrf-token': csrf, origin: 'http://localhost' } });
    assert.equal((ok.body as { author: string }).author, 'editor-bot (token 2)');

    const viaHttps = await api.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ token: tokens.viewer }) });
    for (const c of viaHttps.headers.getSetCookie()) assert.match(c, /; Secure/);

    const out = await api.app.request('/api/session', { method: 'DELETE', headers: { cookie: jar } });
    assert.equal(out.status, 200);
    assert.ok(out.headers.getSetCookie().some((c) => /^archetype_session=;/.test(c) && /Max-Age=0/.test(c)));
    await expectStatus(401, '/api/versions', { headers: { cookie: jar } });
  });

  it('admins make and revoke tokens over the API; a revoked token stops working (also when revoked from the CLI)', async () => {
    const made = (await expectStatus(201, '/api/tokens', { method: 'POST', token: tokens.admin, body: { role: 'viewer', name: 'kiosk' } })).body as { token_id: number; token: string };
    await expectStatus(200, '/api/personas', { token: made.token });
    const list = (await expectStatus(200, '/api/tokens', { token: tokens.admin })).body as { tokens: Record<string, unknown>[] };
    assert.ok(list.tokens.every((t) => !('token' in t) && !('hash' in t) && !('salt' in t)));
    await expectStatus(200, `/api/tokens/${made.token_id}`, { method: 'DELETE', token: tokens.admin });
    await expectStatus(401, '/api/personas', { token: made.token });

    await api.close();
    const r = runCli(['token', 'revoke', '2', '--by', 'ops', '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Token 2 "editor-bot" \(editor\) revoked/);
    api = createApp({ dir: fx.dir, webRoot, idleMs: 50, limits: { score_rate: 0.2, score_burst: 3, batch_leads: 5, upload_bytes: 20_000, body_bytes: 4_000 } });
    await expectStatus(401, '/api/personas', { token: tokens.editor });
    const audit = (await expectStatus(200, '/api/audit', { token: tokens.approver })).body as { entries: { actor: string; action: string; detail: { token_id?: number } }[] };
    assert.deepEqual(
      audit.entries.filter((e) => e.action.startsWith('token-')).slice(4).map((e) => [e.action, e.actor, e.detail.token_id]),
      [['token-create', 'admin-bot (token 4)', 5], ['token-revoke', 'admin-bot (token 4)', 5], ['token-revoke', 'ops', 2]],
    );
  });

  it('limits: upload size (413), batch size (400), scoring rate per token (429 with Retry-After), each naming its setting', async () => {
    const big = await expectStatus(413, '/api/leads/score-batch', { method: 'POST', token: tokens.viewer, body: { leads: [{ lead_id: 'x'.repeat(30_000) }] } });
    assert.equal((big.body as ErrorBody).error.code, 'limit/body-too-large');
    assert.match((big.body as ErrorBody).error.message, /larger than 19\.5 KB \(server\.limits\.upload_bytes/);
    const note = await expectStatus(413, '/api/personas/p1/comments', { method: 'POST', token: tokens.approver, body: { field: 'goals', text: 'y'.repeat(5000), author: 'a' } });
    assert.match((note.body as ErrorBody).error.message, /server\.limits\.body_bytes/);
    const many = await expectStatus(400, '/api/leads/score-batch', { method: 'POST', token: tokens.approver, body: { leads: Array.from({ length: 6 }, (_, i) => ({ lead_id: `l${i}` })) } });
    assert.deepEqual([(many.body as ErrorBody).error.code, (many.body as ErrorBody).error.field], ['limit/batch', 'leads']);
    assert.match((many.body as ErrorBody).error.message, /^leads: 6 leads in one call; at most 5 \(server\.limits\.batch_leads/);
    // the approver's bucket (burst 3, refilled every 5 s) is spent by the batch call above and two scores; the viewer's is its own
    for (let i = 0; i < 2; i++) await expectStatus(200, '/api/leads/score', { method: 'POST', token: tokens.approver, body: { lead: { lead_id: 'l1', country: 'DE' } } });
    const limited = await expectStatus(429, '/api/leads/score', { method: 'POST', token: tokens.approver, body: { lead: { lead_id: 'l1' } } });
    assert.equal((limited.body as ErrorBody).error.code, 'limit/rate');
    assert.match((limited.body as ErrorBody).error.message, /more than 0.2 scoring requests per second \(burst 3; server\.limits\.score_rate/);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    await expectStatus(200, '/api/leads/score', { method: 'POST', token: tokens.viewer, body: { lead: { lead_id: 'l1', country: 'DE' } } });
  });

  it('sign-in attempts are limited per client address (10 a minute by default): 429 with Retry-After', async () => {
    let status = 0;
    let tries = 0;
    let last: Awaited<ReturnType<typeof call>> | null = null;
    while (status !== 429 && tries < 12) {
      last = await call('/api/session', { method: 'POST', body: { token: 'guess' } });
      status = last.status;
      tries++;
    }
    assert.equal(status, 429, 'guessing stops');
    assert.ok(tries <= 11, `${tries} attempts`);
    assert.match((last?.body as ErrorBody).error.message, /too many sign-in attempts \(server\.limits\.login_per_minute/);
    assert.ok(Number(last?.headers.get('retry-after')) >= 1);
  });

  it('a build started over the API is audited with the token that asked', { timeout: 180_000 }, async () => {
    const job = (await expectStatus(202, '/api/builds', { method: 'POST', token: tokens.approver, body: { seed: 3 } })).body as { id: string };
    for (let i = 0; i < 600; i++) {
      const j = (await expectStatus(200, `/api/builds/${job.id}`, { token: tokens.approver })).body as { state: string; error: string | null };
      if (j.state !== 'running') {
        assert.equal(j.state, 'done', j.error ?? '');
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const audit = (await expectStatus(200, '/api/audit', { token: tokens.approver })).body as { entries: { actor: string; action: string; version: number | null; detail: { job?: string } }[] };
    // the fixture's version 1; the request (before the child runs), then the version the child built, both in the token's name
    assert.deepEqual(audit.entries.filter((e) => e.action === 'build').map((e) => [e.actor, e.detail.job ?? null, e.version]), [
      ['archetype (no --by)', null, 1], ['approver-bot (token 3)', job.id, null], ['approver-bot (token 3)', null, 2],
    ]);
    // the new draft stays out of a viewer's sight
    await expectStatus(403, '/api/personas?version=2', { token: tokens.viewer });
    assert.equal(((await expectStatus(200, '/api/personas', { token: tokens.viewer })).body as { version: number }).version, 1);
  });
});

describe('archetype serve: loopback by default, elsewhere only with authentication', () => {
  const serve = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"url"')) child.kill('SIGTERM');
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => resolve({ code, out, err }));
    });
  let dir: string;

  before(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'archetype-serve-')), 'ws');
    assert.equal(runCli(['init', dir]).status, 0);
  });

  it('binds 127.0.0.1 by default, auth off without tokens', async () => {
    const r = await serve(['-w', dir]);
    const info = JSON.parse(r.out) as { url: string; auth: boolean };
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.auth, false);
  });

  it('refuses a non-loopback host, and --auth, while the workspace has no tokens (exit 2, says what to do)', async () => {
    const r = await serve(['--host', '0.0.0.0', '-w', dir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /listening on 0\.0\.0\.0 \(not loopback\) needs authentication, and this workspace has no tokens: create one with `archetype token create --role admin/);
    assert.equal(r.out, '');
    const a = await serve(['--auth', '-w', dir]);
    assert.equal(a.code, 2);
    assert.match(a.err, /--auth needs authentication/);
  });

  it('starts on 0.0.0.0 once a token exists, with authentication on', async () => {
    const ws = await openWorkspace(dir);
    try {
      await createToken(ws.engine, systemClock, { role: 'admin', by: 'test' });
    } finally {
      await ws.engine.close();
    }
    const r = await serve(['--host', '0.0.0.0', '-w', dir]);
    assert.equal((JSON.parse(r.out) as { auth: boolean }).auth, true, r.err);
  });
});
