// Hand-made personas over HTTP in-process: templates, create, claims with structured form and evidence, coverage, validation, review, views from the template.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, type App } from '../../src/interfaces/http/app.js';
import { openWorkspaceWaiting } from '../../src/repository/workspace-lock.js';
import { readConfig, writeConfig } from '../../src/workspace/workspace.js';
import { webWorkspace, type WebWorkspace } from '../helpers/web-workspace.js';
import { createToken } from '../../src/repository/access-tokens.js';
import { systemClock } from '../../src/repository/clock.js';
import { plantedSegment, type Planted } from '../templates/planted.js';

interface Card {
  persona: { id: string; name: string; template: string; segment?: string; fields: Record<string, { text: string; evidence: { feedback_id: string; source: string }[]; check?: { field: string } }[]> };
  status: string;
  revision: number;
  coverage: { claims: number; evidenced: number; share: number; fields: number; fields_evidenced: number; field_share: number; customers: number };
  validation: { field: string; text: string; verdict: string; share_segment: number | null; share_all: number | null; segment: string; reason: string }[] | null;
  contradicted: number;
  template: { name: string; views: Record<string, string[]> } | null;
}
interface ErrorBody { error: { code: string; message: string; field?: string } }

describe('hand-made personas over HTTP (in-process)', () => {
  let fx: WebWorkspace;
  let api: App;
  let planted: Planted;
  let quotes: { feedback_id: string; source: string; customer_id: string | null; quote: string }[];

  const call = async <T>(method: string, path: string, status: number, body?: unknown, token?: string): Promise<T> => {
    const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const res = await api.app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    assert.equal(res.status, status, `${method} ${path}: ${text.slice(0, 400)}`);
    return JSON.parse(text) as T;
  };

  before(async () => {
    fx = await webWorkspace();
    const ws = await openWorkspaceWaiting(fx.dir, {});
    try {
      planted = await plantedSegment(ws.engine, fx.exports);
    } finally {
      await ws.engine.close();
    }
    // data-driven personas take the detailed template's views
    writeConfig(fx.dir, { ...readConfig(fx.dir), persona_templates: { '*': 'detailed' } });
    api = createApp({ dir: fx.dir, idleMs: 50 });
  });
  after(async () => api?.close());

  it('documents the routes and lists the templates with their view lists', async () => {
    const doc = await call<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json', 200);
    for (const p of ['/api/templates', '/api/handmade', '/api/handmade/{id}', '/api/handmade/{id}/claims', '/api/handmade/{id}/claims/{field}/{item}', '/api/handmade/{id}/review', '/api/handmade/versions', '/api/evidence'])
      assert.ok(p in doc.paths, `missing ${p}`);
    const { templates } = await call<{ templates: { name: string; fields: { name: string }[]; views: Record<string, string[]> }[] }>('GET', '/api/templates', 200);
    assert.deepEqual(templates.map((t) => t.name), ['b2b_buyer', 'b2b_company', 'basic', 'detailed', 'negative']);
    assert.deepEqual(templates.find((t) => t.name === 'basic')?.views['sales'], ['role', 'problems', 'goals', 'questions']);
  });

  it('creates from a template, adds claims with structured form and evidence, shows coverage and the tested claims', async () => {
    const created = await call<Card>('POST', '/api/handmade', 201, { template: 'basic', name: 'Webinar fan', segment: planted.segment });
    assert.equal(created.persona.id, 'h1');
    assert.equal(created.status, 'draft');
    assert.deepEqual(Object.keys(created.persona.fields), ['role', 'goals', 'problems', 'questions', 'channels']);
    assert.deepEqual(created.coverage, { claims: 0, evidenced: 0, share: 0, fields: 5, fields_evidenced: 0, field_share: 0, customers: 0 });

    ({ quotes } = await call<{ quotes: typeof quotes }>('GET', '/api/evidence?source=interview&limit=5', 200));
    assert.ok(quotes.length >= 2 && quotes.every((q) => q.source === 'interview'));
    const [q1, q2] = quotes as [(typeof quotes)[0], (typeof quotes)[0]];
    await call<Card>('POST', '/api/handmade/h1/claims', 200, { field: 'problems', text: 'Old gear failed', evidence: [`interview:${q1.feedback_id}`, `interview:${q2.feedback_id}`] });
    await call<Card>('POST', '/api/handmade/h1/claims', 200, { field: 'channels', text: `Finds us through ${planted.right}`, check: { field: 'first_touch_channel', op: '=', value: [planted.right] } });
    const card = await call<Card>('POST', '/api/handmade/h1/claims', 200, { field: 'channels', text: `Comes from ${planted.wrong}`, check: { field: 'first_touch_channel', op: '=', value: [planted.wrong] } });
    assert.equal(card.revision, 4);
    assert.equal(card.coverage.claims, 3);
    assert.equal(card.coverage.evidenced, 1);
    assert.deepEqual([card.coverage.fields_evidenced, card.coverage.fields, card.coverage.field_share], [1, 5, 0.2]);
    assert.equal(card.coverage.customers, new Set([q1.customer_id, q2.customer_id]).size);
    const right = card.validation?.find((r) => r.text.startsWith('Finds us'));
    const wrong = card.validation?.find((r) => r.text.startsWith('Comes from'));
    assert.equal(right?.verdict, 'validated', JSON.stringify(right));
    assert.equal(wrong?.verdict, 'contradicted', JSON.stringify(wrong));
    assert.match(right?.segment ?? '', new RegExp(`^${planted.segment} `));
    assert.ok((right?.share_segment ?? 0) > (right?.share_all ?? 1));
    assert.match(right?.reason ?? '', /first touches/);
    assert.equal(card.contradicted, 1);
    assert.equal(card.validation?.find((r) => r.text === 'Old gear failed')?.verdict, 'untested');
    // the same persona as the CLI store keeps it: listed with its coverage
    const { personas } = await call<{ personas: { id: string; coverage: { evidenced: number } }[] }>('GET', '/api/handmade', 200);
    assert.deepEqual(personas.map((p) => [p.id, p.coverage.evidenced]), [['h1', 1]]);
  });

  it('rejects bad input naming the field', async () => {
    const bad = async (path: string, body: unknown, field: string, status = 400) => {
      const e = await call<ErrorBody>('POST', path, status, body);
      assert.equal(e.error.field, field, JSON.stringify(e));
      return e;
    };
    await bad('/api/handmade', { template: 'basic', name: '' }, 'name');
    await bad('/api/handmade/h1/claims', { field: 'goals', text: 'x', check: { field: 'channel', op: 'like', value: ['a'] } }, 'check.op');
    await bad('/api/handmade/h1/claims', { field: 'goals', text: 'x', evidence: ['review:f1'] }, 'evidence.0');
    await bad('/api/handmade/h1/claims', { field: 'nope', text: 'x' }, 'field');
    const wrongSource = await call<ErrorBody>('POST', '/api/handmade/h1/claims', 400, { field: 'goals', text: 'x', evidence: [`survey:${quotes[0]?.feedback_id}`] });
    assert.match(wrongSource.error.message, /comes from interview, not survey/);
    await call<ErrorBody>('GET', '/api/handmade/h99', 404);
    const unknownTemplate = await call<ErrorBody>('POST', '/api/handmade', 400, { template: 'nope', name: 'x' });
    assert.match(unknownTemplate.error.message, /no template "nope"/);
  });

  it('submits for review; a contradicted claim blocks approval until it is changed', async () => {
    assert.equal((await call<Card>('POST', '/api/handmade/h1/review', 200, { action: 'submit', by: 'ana' })).status, 'in_review');
    const blocked = await call<ErrorBody>('POST', '/api/handmade/h1/review', 409, { action: 'approve', by: 'bo' });
    assert.equal(blocked.error.code, 'persona/contradicted');
    assert.match(blocked.error.message, /cannot approve h1: 1 claim is contradicted by the data/);
    // drop the structured form of the wrong claim: it becomes prose (untested), the persona a draft again
    const edited = await call<Card>('POST', '/api/handmade/h1/claims/channels/2', 200, { check: null, evidence: [`interview:${quotes[2]?.feedback_id ?? quotes[0]?.feedback_id}`] });
    assert.equal(edited.status, 'draft');
    assert.equal(edited.contradicted, 0);
    assert.equal(edited.persona.fields['channels']?.[1]?.check, undefined);
    assert.equal(edited.coverage.evidenced, 2);
    await call<Card>('POST', '/api/handmade/h1/review', 200, { action: 'submit', by: 'ana' });
    assert.equal((await call<Card>('POST', '/api/handmade/h1/review', 200, { action: 'approve', by: 'bo' })).status, 'approved');
    const audit = await call<{ entries: { action: string; persona_id: string | null; actor: string; field: string | null; detail: Record<string, unknown> }[] }>('GET', '/api/audit?persona=h1', 200);
    // every hand-made write is audited: the creation, each claim added or changed, the reviews
    const web = 'web (no authentication)';
    assert.deepEqual(audit.entries.map((e) => [e.action, e.actor, e.field]), [
      ['create', web, null], ['edit', web, 'problems'], ['edit', web, 'channels'], ['edit', web, 'channels'], ['submit', 'ana', null],
      ['edit', web, 'channels'], ['submit', 'ana', null], ['approve', 'bo', null],
    ]);
    assert.deepEqual(audit.entries.map((e) => e.detail['revision']), [1, 2, 3, 4, 5, 6, 7, 8], 'each entry names the revision it made');
    const change = audit.entries[5]?.detail ?? {};
    assert.deepEqual([change['op'], change['item'], change['check'], (change['evidence'] as string[] | undefined)?.length], ['change', 2, null, 1]);
    assert.equal(audit.entries[1]?.detail['text'], 'Old gear failed');
  });

  it('views draw from the template: hand-made saved as a version, and data-driven personas by persona_templates', async () => {
    const { version } = await call<{ version: number }>('POST', '/api/handmade/versions', 201, { personas: ['h1'] });
    const hand = await call<{ field_order: string[]; view: { template?: string }; persona: { fields: Record<string, { label: string }> } }>('GET', `/api/personas/h1?version=${version}&view=sales`, 200);
    assert.equal(hand.persona.fields['role']?.label, 'Role', 'labels come from the template');
    assert.deepEqual(hand.field_order, ['role', 'problems', 'goals', 'questions']);
    assert.equal(hand.view.template, 'basic');
    const data = await call<{ field_order: string[]; view: { template?: string; fields: string[] }; persona: { fields: Record<string, unknown> } }>('GET', `/api/personas/${planted.segment}?version=1&view=ux`, 200);
    assert.equal(data.view.template, 'detailed');
    // detailed ux: goals, problems → pain_points, typical_day, tools_used → behaviour, competences (no such data field), questions
    assert.deepEqual(data.field_order, ['goals', 'pain_points', 'typical_day', 'behaviour', 'questions'].filter((f) => f in data.persona.fields));
    assert.ok(data.field_order.includes('pain_points'));
    assert.deepEqual(data.view.fields.slice(0, 6), ['goals', 'pain_points', 'typical_day', 'behaviour', 'competences', 'questions']);
  });

  it('follows the roles: viewers do not see hand-made personas, editors write and submit, approvers approve', async () => {
    await api.close();
    const tokens: Record<string, string> = {};
    const ws = await openWorkspaceWaiting(fx.dir, {});
    try {
      for (const role of ['viewer', 'editor', 'approver']) tokens[role] = (await createToken(ws.engine, systemClock, { role, name: `${role}-bot`, by: 'test' })).token;
    } finally {
      await ws.engine.close();
    }
    api = createApp({ dir: fx.dir, idleMs: 50 });
    for (const path of ['/api/handmade', '/api/templates', '/api/evidence', '/api/handmade/h1']) await call<ErrorBody>('GET', path, 403, undefined, tokens['viewer']);
    const made = await call<Card>('POST', '/api/handmade', 201, { template: 'negative', name: 'Bargain bouncer' }, tokens['editor']);
    const id = made.persona.id;
    await call<Card>('POST', `/api/handmade/${id}/claims`, 200, { field: 'why_not', text: 'Returns most orders' }, tokens['editor']);
    await call<Card>('POST', `/api/handmade/${id}/review`, 200, { action: 'submit', by: 'typed' }, tokens['editor']);
    const refused = await call<ErrorBody>('POST', `/api/handmade/${id}/review`, 403, { action: 'approve', by: 'typed' }, tokens['editor']);
    assert.match(refused.error.message, /approve of a hand-made persona needs the approver role/);
    assert.equal((await call<Card>('POST', `/api/handmade/${id}/review`, 200, { action: 'approve', by: 'typed' }, tokens['approver'])).status, 'approved');
    const audit = await call<{ entries: { action: string; actor: string }[] }>('GET', `/api/audit?persona=${id}`, 200, undefined, tokens['approver']);
    assert.deepEqual(audit.entries.map((e) => e.action), ['create', 'edit', 'submit', 'approve']);
    assert.match(audit.entries[0]?.actor ?? '', /^editor-bot \(token \d+\)$/);
    assert.match(audit.entries[1]?.actor ?? '', /^editor-bot \(token \d+\)$/);
    assert.match(audit.entries[3]?.actor ?? '', /^approver-bot \(token \d+\)$/);
  });
});
