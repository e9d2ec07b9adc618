// The HTTP API in-process (app.request): shapes, validation errors naming the field, problems as statuses, security headers, the page fallback.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/interfaces/http/app.js';
import { CLI, runCli } from '../helpers/serve.js';
import { spawn } from 'node:child_process';
import { webWorkspace, type WebWorkspace } from '../helpers/web-workspace.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describe('HTTP API (in-process)', () => {
  let fx: WebWorkspace;
  let api: App;
  const webRoot = mkdtempSync(join(tmpdir(), 'archetype-web-'));

  const get = async <T>(path: string, status = 200): Promise<T> => {
    const res = await api.app.request(path);
    const text = await res.text();
    assert.equal(res.status, status, `${path}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  const post = async <T>(path: string, body: string, status: number, type = 'application/json'): Promise<T> => {
    const res = await api.app.request(path, { method: 'POST', body, headers: { 'content-type': type } });
    const text = await res.text();
    assert.equal(res.status, status, `${path}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };

  before(async () => {
    fx = await webWorkspace();
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>test</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    api = createApp({ dir: fx.dir, webRoot, idleMs: 50 });
  });
  after(async () => api.close());

  it('describes itself in an OpenAPI 3.1 document', async () => {
    const doc = await get<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>('/api/openapi.json');
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/personas', '/api/personas/{id}', '/api/views', '/api/status', '/api/quarantine', '/api/versions', '/api/versions/{version}', '/api/builds', '/api/builds/{id}', '/api/meta'])
      assert.ok(p in doc.paths, `missing ${p}`);
    for (const s of ['Persona', 'Evidence', 'Error', 'BuildJob', 'Quarantine']) assert.ok(s in doc.components.schemas, `missing schema ${s}`);
  });

  it('lists the persona set with sizes, value shares and summaries; negatives marked', async () => {
    const set = await get<{ version: number; status: string; personas: { id: string; size: number; share_of_revenue: number; summary: string; negative: boolean }[] }>('/api/personas');
    assert.equal(set.version, 1);
    assert.equal(set.status, 'draft');
    assert.ok(set.personas.length >= 3);
    for (const p of set.personas) {
      assert.ok(p.size > 0 && p.summary.length > 10);
      assert.ok(p.share_of_revenue >= 0 && p.share_of_revenue <= 1);
    }
    assert.ok(set.personas.some((p) => p.negative), 'a negative persona');
  });

  it('returns a persona with its evidence, and a team view in the view’s order', async () => {
    const full = await get<{ persona: { id: string; fields: Record<string, { items: { n: number; definition: string }[] }> }; field_order: string[]; view: null }>('/api/personas/p1');
    assert.equal(full.view, null);
    assert.ok(full.field_order.includes('goals') || full.field_order.includes('channels'));
    const item = Object.values(full.persona.fields).flatMap((f) => f.items)[0];
    assert.ok(item && item.n > 0 && item.definition.length > 0);
    const sales = await get<{ view: { name: string; fields: string[] }; field_order: string[] }>('/api/personas/p1?view=sales');
    assert.equal(sales.view.name, 'sales');
    const positions = sales.field_order.map((f) => sales.view.fields.indexOf(f));
    assert.ok(positions.every((x) => x >= 0), 'only the view’s fields');
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'in the view’s order');
    const byName = await get<{ persona: { id: string; name: string } }>(`/api/personas/${encodeURIComponent(full.persona.id)}`);
    const again = await get<{ persona: { id: string } }>(`/api/personas/${encodeURIComponent(byName.persona.name)}`);
    assert.equal(again.persona.id, 'p1');
  });

  it('reads archetype.yaml again when it changes (views edited without a restart), not on every request', async () => {
    const file = join(fx.dir, 'archetype.yaml');
    const before = readFileSync(file, 'utf8');
    const views = await get<{ views: { name: string }[] }>('/api/views');
    assert.ok(!views.views.some((v) => v.name === 'partners'));
    const config = YAML.parse(before) as Record<string, unknown>;
    config['views'] = { ...(config['views'] as object | undefined), partners: { label: 'Partner team', fields: ['goals', 'channels'] } };
    writeFileSync(file, YAML.stringify(config));
    try {
      const after = await get<{ views: { name: string; fields: string[] }[] }>('/api/views');
      assert.deepEqual(after.views.find((v) => v.name === 'partners')?.fields, ['goals', 'channels']);
      const view = await get<{ field_order: string[] }>('/api/personas/p1?view=partners');
      assert.ok(view.field_order.every((f) => ['goals', 'channels'].includes(f)));
    } finally {
      writeFileSync(file, before);
    }
    const restored = await get<{ views: { name: string }[] }>('/api/views');
    assert.ok(!restored.views.some((v) => v.name === 'partners'), 'the restored file is read again');
  });

  it('rejects bad input with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/personas?version=abc', 'version'],
      ['/api/personas?version=0', 'version'],
      ['/api/personas/p1?view=marketing', 'view'],
      ['/api/quarantine?limit=5000', 'limit'],
      ['/api/quarantine?entity=planets', 'entity'],
      ['/api/versions/x', 'version'],
      ['/api/builds/nope', 'id'],
    ];
    for (const [path, field] of cases) {
      const body = await get<ErrorBody>(path, 400);
      assert.equal(body.error.field, field, path);
      assert.match(body.error.message, new RegExp(`^${field}: `), path);
    }
    const unknown = await post<ErrorBody>('/api/builds', JSON.stringify({ k: 3, colour: 'red' }), 400);
    assert.equal(unknown.error.field, 'colour');
    assert.match(unknown.error.message, /unknown field colour/);
    const badK = await post<ErrorBody>('/api/builds', JSON.stringify({ k: 'three' }), 400);
    assert.equal(badK.error.field, 'k');
    const notJson = await post<ErrorBody>('/api/builds', '{"k": 3', 400);
    assert.equal(notJson.error.field, 'body');
  });

  it('maps problems to statuses with clear messages', async () => {
    const missing = await get<ErrorBody>('/api/personas/p99', 404);
    assert.equal(missing.error.code, 'persona/not-found');
    assert.match(missing.error.message, /no persona "p99" \(known: p1/);
    const noVersion = await get<ErrorBody>('/api/personas?version=42', 404);
    assert.match(noVersion.error.message, /no persona-set version 42/);
    const noRoute = await get<ErrorBody>('/api/nothing-here', 404);
    assert.match(noRoute.error.message, /no API route GET \/api\/nothing-here/);
  });

  it('reports ingest status per entity and the quarantine with reasons', async () => {
    const s = await get<{ entities: { entity: string; rows: number; quarantined: number }[] }>('/api/status');
    const orders = s.entities.find((e) => e.entity === 'orders');
    assert.ok(orders && orders.rows > 0);
    assert.equal(orders.quarantined, 3);
    const q = await get<{ total: number; rows: { entity: string; line: number; message: string; raw: string }[] }>('/api/quarantine?entity=orders&limit=2');
    assert.equal(q.total, 3);
    assert.equal(q.rows.length, 2);
    assert.ok(q.rows.every((r) => r.entity === 'orders' && r.line >= 2 && r.message.length > 5));
    const all = await get<{ rows: { raw: string; message: string }[] }>('/api/quarantine?entity=orders');
    assert.ok(all.rows.some((r) => r.raw.includes(fx.hostileRaw)), 'raw text kept as is (the UI escapes it)');
  });

  it('sees a new ingest by another process (status is cached per ingest)', async () => {
    const before = await get<{ ingests: number; entities: { entity: string; quarantined: number }[] }>('/api/status');
    await new Promise((r) => setTimeout(r, 200)); // the app lets go of the workspace when idle
    const file = join(mkdtempSync(join(tmpdir(), 'archetype-ingest-')), 'tickets_bad.csv');
    writeFileSync(file, 'ticket_id,customer_id,opened_at\nt-x,c1,yesterday\n');
    const r = runCli(['ingest', file, '--entity', 'tickets', '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    const after = await get<{ ingests: number; entities: { entity: string; quarantined: number }[] }>('/api/status');
    assert.equal(after.ingests, before.ingests + 1);
    const q = (s: typeof before): number => s.entities.find((e) => e.entity === 'tickets')?.quarantined ?? -1;
    assert.equal(q(after), q(before) + 1);
    assert.equal((await get<{ total: number }>('/api/quarantine?entity=tickets')).total, q(after));
  });

  it('lists versions and one version with its snapshot and report', async () => {
    const list = await get<{ versions: { version: number; status: string; customers: number }[] }>('/api/versions');
    assert.deepEqual(list.versions.map((v) => v.version), [1]);
    assert.equal(list.versions[0]?.customers, 1500);
    const one = await get<{ personas: number; snapshot: { entities: unknown[] }; report: { customers?: number } }>('/api/versions/1');
    assert.ok(one.personas >= 3 && one.snapshot.entities.length > 0);
    assert.equal(one.report.customers, 1500);
  });

  it('sends a strict Content-Security-Policy and serves pages and assets', async () => {
    const page = await api.app.request('/personas/p1');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const asset = await api.app.request('/assets/app.js');
    assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await api.app.request('/assets/missing.js')).status, 404);
    const traversal = await api.app.request('/assets/../../../../etc/passwd');
    assert.doesNotMatch(await traversal.text(), /root:/);
    const apiRes = await api.app.request('/api/personas');
    assert.match(apiRes.headers.get('content-security-policy') ?? '', /default-src/);
  });

  it('serves journey maps, paths, attribution and nurturing scenarios', async () => {
    const list = await get<{ maps: { group: string; name: string; customers: number }[] }>('/api/journeys');
    assert.ok(list.maps.some((m) => m.group === 'all'));
    assert.ok(list.maps.some((m) => m.group === 'p1'));
    const doc = await get<{ name: string; map: { funnel: { stage: string; customers: number }[]; emotions: unknown[]; paths: unknown[] } }>('/api/journeys/p1');
    assert.deepEqual(doc.map.funnel.map((f) => f.stage), ['awareness', 'consideration', 'decision', 'retention', 'advocacy']);
    assert.equal(doc.map.funnel[0]?.customers, list.maps.find((m) => m.group === 'p1')?.customers);
    const byName = await get<{ group: string }>(`/api/journeys/${encodeURIComponent(doc.name)}`);
    assert.equal(byName.group, 'p1');
    const paths = await get<{ kind: string; paths: { steps: string[] }[]; sankey: { nodes: unknown[]; links: unknown[] } }>('/api/journeys/all/paths?by=channel&top=3');
    assert.equal(paths.kind, 'channel');
    assert.ok(paths.paths.length <= 3 && paths.sankey.links.length > 0);
    const attr = await get<{ order: number; channels: { markov: number; removal_effect: number }[]; attribution: { conversions: number } }>('/api/journeys/p1/attribution?order=2');
    assert.equal(attr.order, 2);
    const credit = attr.channels.reduce((a, c) => a + c.markov, 0);
    assert.ok(Math.abs(credit - attr.attribution.conversions) < 1e-6 * Math.max(1, attr.attribution.conversions), `Markov credit ${credit} sums to ${attr.attribution.conversions} decisions`);
    const sc = await get<{ scenario: { curated_share: number; steps: unknown[]; plan: { source: string }[] } }>('/api/journeys/p1/scenario?curated=0.5');
    assert.equal(sc.scenario.curated_share, 0.5);
    assert.ok(sc.scenario.steps.length > 0 && sc.scenario.plan.length > 0);
    const ics = await api.app.request('/api/journeys/p1/scenario.ics');
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/);
    assert.match(await ics.text(), /^BEGIN:VCALENDAR/);
    assert.equal((await get<ErrorBody>('/api/journeys/p1/paths?by=planet', 400)).error.field, 'by');
    assert.equal((await get<ErrorBody>('/api/journeys/p1/scenario?curated=2', 400)).error.field, 'curated');
    const none = await get<ErrorBody>('/api/journeys/p99', 404);
    assert.equal(none.error.field, 'group');
  });

  it('takes comments and change requests and resolves them; rejects bad ones naming the field', async () => {
    const c = await post<{ comment_id: number; kind: string; status: null }>('/api/personas/p1/comments', JSON.stringify({ field: 'goals', text: 'Matches our interviews', author: 'Dana' }), 201);
    assert.equal(c.kind, 'comment');
    const rq = await post<{ comment_id: number; status: string }>(
      '/api/personas/p1/comments',
      JSON.stringify({ field: 'name', text: 'Call them bargain hunters', author: 'Sam', request: true, proposal: 'Bargain Hunter' }),
      201,
    );
    assert.equal(rq.status, 'open');
    assert.equal((await post<ErrorBody>('/api/personas/p1/comments', JSON.stringify({ field: 'shoe_size', text: 'x', author: 'Dana' }), 400)).error.field, 'field');
    assert.equal((await post<ErrorBody>('/api/personas/p1/comments', JSON.stringify({ field: 'goals', text: 'x', author: '  ' }), 400)).error.field, 'author');
    assert.equal((await post<ErrorBody>('/api/personas/p1/comments', JSON.stringify({ field: 'goals', text: '' , author: 'Dana' }), 400)).error.field, 'text');
    assert.equal((await post<ErrorBody>(`/api/comments/${rq.comment_id}/resolve`, JSON.stringify({ accept: false, by: 'Kim' }), 400)).error.field, 'reason');
    const done = await post<{ comment: { status: string; resolution: string }; edit_id: number }>(`/api/comments/${rq.comment_id}/resolve`, JSON.stringify({ accept: true, by: 'Kim' }), 200);
    assert.equal(done.comment.status, 'accepted');
    assert.equal(done.comment.resolution, 'Bargain Hunter');
    const again = await post<ErrorBody>(`/api/comments/${rq.comment_id}/resolve`, JSON.stringify({ accept: true, by: 'Kim' }), 400);
    assert.match(again.error.message, /already accepted/);
    const notes = await get<{ comments: { comment_id: number }[]; edits: { text: string; field: string }[]; fields: string[] }>('/api/personas/p1/comments');
    assert.deepEqual(notes.comments.map((x) => x.comment_id), [c.comment_id, rq.comment_id]);
    assert.deepEqual(notes.edits.map((e) => [e.field, e.text]), [['name', 'Bargain Hunter']]);
    assert.ok(notes.fields.includes('pain_points'));
  });

  it('scores one lead and a batch: closest persona, negative persona, fit, stage, next content, reasons', async () => {
    const one = await post<{ version: number; threshold: number; score: { lead_id: string; persona_id: string | null; fit_score: number; qualified: boolean; reasons: { text: string }[]; missing: string[] } }>(
      '/api/leads/score',
      JSON.stringify({ lead: { lead_id: 'web-1', country: 'DE', age: 34, acquisition_channel: 'organic_search' } }),
      200,
    );
    assert.equal(one.score.lead_id, 'web-1');
    assert.ok(one.score.fit_score >= 0 && one.score.fit_score <= 1);
    assert.equal(one.score.qualified, one.score.fit_score >= one.threshold);
    assert.ok(one.score.persona_id === null || /^p\d+$/.test(one.score.persona_id));
    assert.ok(Array.isArray(one.score.missing));
    const withEvents = await post<{ score: { stage: string | null } }>(
      '/api/leads/score',
      JSON.stringify({ lead: { lead_id: 'web-2', country: 'DE', events: [{ stage: 'consideration', channel: 'email', content_type: 'video', occurred_at: '2025-01-02T10:00:00Z' }] } }),
      200,
    );
    assert.equal(withEvents.score.stage, 'consideration');
    const leads = readFileSync(join(fx.exports, 'leads.csv'), 'utf8').trim().split('\n');
    const header = (leads[0] as string).split(',');
    const batch = leads.slice(1, 41).map((l) => Object.fromEntries(header.map((h, i) => [h, l.split(',')[i] ?? null])));
    const r = await post<{ summary: { scored: number; qualified: number; with_events: number }; scores: { lead_id: string; reasons: unknown[] }[] }>(
      '/api/leads/score-batch',
      JSON.stringify({ leads: batch }),
      200,
    );
    assert.equal(r.summary.scored, 40);
    assert.deepEqual(r.scores.map((x) => x.lead_id), batch.map((b) => b['lead_id']));
    assert.ok(r.summary.with_events > 0, 'ingested leads have events in the workspace');
    assert.ok(r.scores.some((x) => x.reasons.length > 0));
    assert.equal((await post<ErrorBody>('/api/leads/score', JSON.stringify({ lead: { country: 'DE' } }), 400)).error.field, 'lead.lead_id');
    assert.equal((await post<ErrorBody>('/api/leads/score-batch', JSON.stringify({ leads: [] }), 400)).error.field, 'leads');
    assert.equal((await post<ErrorBody>('/api/leads/score', JSON.stringify({ lead: { lead_id: 'x', events: [{ when: 'now' }] } }), 400)).error.field, 'lead.events.0.when');
  });

  it('exports Markdown and JSON from the CLI: one persona, the set as one file, the set as a folder', async () => {
    // the CLI opens the workspace while this app may hold it: let the app release it first
    await api.deps.session.use(async () => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const out = mkdtempSync(join(tmpdir(), 'archetype-export-'));
    let r = runCli(['export', '--format', 'md', '--persona', 'p1', '--view', 'sales', '--out', join(out, 'p1.md'), '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    const md = readFileSync(join(out, 'p1.md'), 'utf8');
    assert.match(md, /^# .+\n\n\*Persona p1 · version 1 \(draft\) · sales view\*/);
    r = runCli(['export', '--format', 'json', '--out', join(out, 'set.json'), '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    const set = JSON.parse(readFileSync(join(out, 'set.json'), 'utf8')) as { version: number; personas: { id: string; fields: object }[] };
    assert.equal(set.version, 1);
    assert.ok(set.personas.length >= 3 && set.personas.every((p) => Object.keys(p.fields).length > 0));
    r = runCli(['export', '--format', 'md', '--out', join(out, 'cards'), '-w', fx.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(out, 'cards', 'README.md')) && existsSync(join(out, 'cards', 'p1.md')));
    r = runCli(['export', '--format', 'doc', '--out', join(out, 'x'), '-w', fx.dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format must be one of pdf, png, md, json/);
    r = runCli(['export', '--format', 'md', '--journey', '--out', join(out, 'x'), '-w', fx.dir]);
    assert.equal(r.status, 2);
  });

  it('runs a build as a background job with progress, then serves the new version', { timeout: 240_000 }, async () => {
    const job = await post<{ id: string; state: string }>('/api/builds', JSON.stringify({ seed: 7 }), 202);
    assert.equal(job.state, 'running');
    const busy = await post<ErrorBody>('/api/builds', '{}', 409);
    assert.equal(busy.error.code, 'build/running');
    // pages keep reading the last listing while the build holds the workspace
    const during = await get<{ version: number }>('/api/personas');
    assert.equal(during.version, 1);
    const steps = new Set<string>();
    type Job = { state: string; step: string; version: number | null; error: string | null; done: number; total: number };
    let last: Job | null = null;
    for (let i = 0; i < 900; i++) {
      const cur = await get<Job>(`/api/builds/${job.id}`);
      last = cur;
      steps.add(cur.step);
      if (cur.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(last?.state, 'done', `build ended ${last?.state}: ${last?.error}`);
    assert.equal(last?.version, 2);
    assert.equal(last?.done, last?.total);
    assert.ok(steps.size >= 3, `progress steps seen: ${[...steps].join(', ')}`);
    const list = await get<{ versions: { version: number }[] }>('/api/versions');
    assert.deepEqual(list.versions.map((v) => v.version), [1, 2]);
    const jobs = await get<{ builds: { id: string }[] }>('/api/builds');
    assert.equal(jobs.builds[0]?.id, job.id);
  });

  it('reviews and publishes versions, diffs them and keeps an audit log', async () => {
    assert.equal((await post<ErrorBody>('/api/versions/2/review', JSON.stringify({ action: 'approve' }), 400)).error.field, 'by');
    assert.equal((await post<ErrorBody>('/api/versions/2/review', JSON.stringify({ action: 'bless', by: 'Kim' }), 400)).error.field, 'action');
    const early = await post<ErrorBody>('/api/versions/2/review', JSON.stringify({ action: 'publish', by: 'Kim' }), 409);
    assert.equal(early.error.code, 'repository/invalid-transition');
    assert.match(early.error.message, /cannot publish version 2: it is draft/);
    await post('/api/versions/1/review', JSON.stringify({ action: 'approve', by: 'Kim' }), 200);
    const pub1 = await post<{ from: string; to: string }>('/api/versions/1/review', JSON.stringify({ action: 'publish', by: 'Kim' }), 200);
    assert.deepEqual([pub1.from, pub1.to], ['approved', 'published']);
    // the gallery's default is now the published version, not the latest
    assert.equal((await get<{ version: number }>('/api/personas')).version, 1);
    await post('/api/versions/2/review', JSON.stringify({ action: 'submit', by: 'Lee' }), 200);
    await post('/api/versions/2/review', JSON.stringify({ action: 'approve', by: 'Kim', comment: 'checked against interviews' }), 200);
    const pub2 = await post<{ archived: number[] }>('/api/versions/2/review', JSON.stringify({ action: 'publish', by: 'Kim' }), 200);
    assert.deepEqual(pub2.archived, [1]);
    const versions = await get<{ versions: { version: number; status: string; last_action: { actor: string } | null }[] }>('/api/versions');
    assert.deepEqual(versions.versions.map((v) => [v.version, v.status]), [[1, 'archived'], [2, 'published']]);
    const diff = await get<{ from: { version: number }; to: { version: number }; matching: { relations: { kind: string }[] } }>('/api/diff?from=1&to=2');
    assert.deepEqual([diff.from.version, diff.to.version], [1, 2]);
    assert.ok(diff.matching.relations.length > 0);
    assert.equal((await get<ErrorBody>('/api/diff?from=x', 400)).error.field, 'from');
    const audit = await get<{ entries: { action: string; actor: string; version: number | null }[] }>('/api/audit?version=2');
    // the build made version 2 (the child `archetype build` audits it with the actor of the request)
    assert.deepEqual(audit.entries.map((e) => `${e.action}:${e.actor}`), ['build:web (no authentication)', 'submit:Lee', 'approve:Kim', 'publish:Kim']);
  });

  it('stays out of the way of another process: answers 503 naming the holder, pages go on from what was read', { timeout: 240_000 }, async () => {
    const busyApp = createApp({ dir: fx.dir, webRoot, idleMs: 50, waitMs: 300 });
    try {
      assert.equal((await busyApp.app.request('/api/personas')).status, 200); // reads the listing and version 2
      await new Promise((r) => setTimeout(r, 300));
      const build = spawn(process.execPath, [CLI, 'build', '-w', fx.dir, '--seed', '3'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      build.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((r) => build.once('close', (code) => r(code)));
      // wait until the build has the workspace (its first progress line)
      for (let i = 0; i < 200 && !/\[\d+\/\d+\]/.test(err); i++) await new Promise((r) => setTimeout(r, 100));
      const res = await busyApp.app.request('/api/status');
      const body = (await res.json()) as ErrorBody;
      assert.equal(res.status, 503, JSON.stringify(body));
      assert.equal(body.error.code, 'workspace/busy');
      assert.match(body.error.message, /in use by PID \d+/);
      assert.equal(res.headers.get('retry-after'), '5');
      const cached = await busyApp.app.request('/api/personas');
      assert.equal(cached.status, 200, 'the last version read is still served');
      assert.equal(await exited, 0, err);
      const after = (await (await busyApp.app.request('/api/versions')).json()) as { versions: unknown[] };
      assert.equal(after.versions.length, 3);
    } finally {
      await busyApp.close();
    }
  });
});
