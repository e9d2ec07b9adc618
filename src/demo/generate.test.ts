// Tests of the demo generator: determinism, manifest, truth files against the data, planted signals, integrity, b2b.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAGES } from '../contract/entities.js';
import { generateDemo } from './generate.js';
import type { DemoManifest } from './generate.js';

/** RFC 4180 reader: returns the rows as objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

async function csv(dir: string, file: string): Promise<Record<string, string>[]> {
  return parseCsv(await readFile(join(dir, file), 'utf8'));
}

const N = 2000;
let root = '';
let manifest: DemoManifest;
let dir = '';
const data: Record<string, Record<string, string>[]> = {};
let personas: { key: string; share: number; negative: boolean; preferred_channels: Record<string, { channel: string }>; loops: { path: string[]; planted: boolean }[] }[] = [];
const personaOf = new Map<string, string>();

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'archetype-demo-'));
  dir = join(root, 'a');
  manifest = await generateDemo({ dir, customers: N });
  for (const f of ['customers', 'orders', 'events', 'feedback', 'tickets', 'leads']) data[f] = await csv(dir, `${f}.csv`);
  data.truth = await csv(dir, 'truth/customers.csv');
  data.truthLeads = await csv(dir, 'truth/leads.csv');
  personas = JSON.parse(await readFile(join(dir, 'truth/personas.json'), 'utf8')).personas;
  for (const r of data.truth ?? []) personaOf.set(r.customer_id as string, r.persona as string);
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Per customer, the stages of its events in time order with repeats collapsed. */
function paths(events: Record<string, string>[]): Map<string, string[]> {
  const by = new Map<string, { t: string; s: string }[]>();
  for (const e of events) if (e.customer_id) (by.get(e.customer_id) ?? by.set(e.customer_id, []).get(e.customer_id))?.push({ t: e.occurred_at as string, s: e.stage as string });
  const out = new Map<string, string[]>();
  for (const [id, list] of by) {
    list.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
    const p: string[] = [];
    for (const { s } of list) if (p[p.length - 1] !== s) p.push(s);
    out.set(id, p);
  }
  return out;
}

const contains = (p: string[], sub: string[]): boolean => p.some((_, i) => sub.every((s, j) => p[i + j] === s));

describe('generateDemo (b2c)', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    const again = join(root, 'b');
    const other = join(root, 'c');
    await generateDemo({ dir: again, customers: N });
    await generateDemo({ dir: other, customers: N, seed: 7 });
    for (const f of [...(await readdir(dir)).filter((x) => x.endsWith('.csv')), 'truth/customers.csv', 'truth/leads.csv', 'truth/personas.json', 'truth/funnel.json']) {
      assert.ok((await readFile(join(dir, f))).equals(await readFile(join(again, f))), `${f} differs for the same seed`);
    }
    for (const f of ['customers.csv', 'events.csv', 'orders.csv']) assert.notDeepEqual(await readFile(join(dir, f)), await readFile(join(other, f)));
  });

  it('writes the files of the manifest with matching row counts and contract columns', async () => {
    assert.deepEqual(manifest.files.map((f) => f.entity).sort(), ['customers', 'events', 'feedback', 'leads', 'orders', 'tickets']);
    for (const f of manifest.files) {
      const text = await readFile(join(dir, f.file), 'utf8');
      assert.equal(parseCsv(text).length, f.rows, f.file);
    }
    assert.equal(data.customers?.length, N);
    assert.equal(data.leads?.length, 200);
    assert.deepEqual(Object.keys(data.events?.[0] ?? {}), ['event_id', 'customer_id', 'anonymous_id', 'session_id', 'occurred_at', 'event', 'channel', 'stage', 'content_type', 'url']);
    assert.ok('loyalty_tier' in (data.customers?.[0] ?? {}) && 'newsletter_clicks' in (data.customers?.[0] ?? {}));
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
    for (const e of data.events ?? []) assert.match(e.occurred_at as string, iso);
    for (const o of data.orders ?? []) assert.match(o.amount as string, /^\d+\.\d\d$/);
    assert.equal(new Set(data.events?.map((e) => e.event_id)).size, data.events?.length);
    for (const e of data.events ?? []) assert.ok(STAGES.includes(e.stage as (typeof STAGES)[number]));
  });

  it('keeps referential integrity', () => {
    const customers = new Set(data.customers?.map((c) => c.customer_id));
    const leads = new Set(data.leads?.map((l) => l.lead_id));
    for (const f of ['orders', 'tickets', 'feedback']) for (const r of data[f] ?? []) assert.ok(customers.has(r.customer_id as string), `${f} ${r.customer_id}`);
    for (const e of data.events ?? []) assert.ok(e.customer_id ? customers.has(e.customer_id) : leads.has(e.anonymous_id as string));
    assert.equal(new Set(data.truth?.map((t) => t.customer_id)).size, N);
  });

  it('writes funnel.json equal to the stages recomputed from events.csv, agreeing with orders', async () => {
    const funnel = JSON.parse(await readFile(join(dir, 'truth/funnel.json'), 'utf8'));
    const reached = new Map<string, Set<string>>(STAGES.map((s) => [s, new Set()]));
    for (const e of data.events ?? []) if (e.customer_id) reached.get(e.stage as string)?.add(e.customer_id);
    for (const s of STAGES) {
      assert.equal(funnel.all[s], reached.get(s)?.size, s);
      for (const p of personas) assert.equal(funnel.personas[p.key][s], [...(reached.get(s) ?? [])].filter((c) => personaOf.get(c) === p.key).length);
    }
    assert.equal(funnel.all.awareness, N, 'every customer has an awareness event');
    const orders = new Map<string, number>();
    for (const o of data.orders ?? []) orders.set(o.customer_id as string, (orders.get(o.customer_id as string) ?? 0) + 1);
    assert.deepEqual([...(reached.get('decision') ?? [])].sort(), [...orders.keys()].sort());
    assert.deepEqual([...(reached.get('retention') ?? [])].sort(), [...orders].filter(([, n]) => n > 1).map(([c]) => c).sort());
    const eventAt = new Set(data.events?.filter((e) => e.stage === 'decision' || e.stage === 'retention').map((e) => `${e.customer_id}@${e.occurred_at}`));
    for (const o of data.orders ?? []) assert.ok(eventAt.has(`${o.customer_id}@${o.ordered_at}`), `order ${o.order_id} has no event`);
  });

  it('plants every persona with roughly its share', () => {
    for (const p of personas) {
      const n = data.truth?.filter((t) => t.persona === p.key).length ?? 0;
      assert.ok(Math.abs(n / N - p.share) < 0.035, `${p.key}: ${n / N} vs ${p.share}`);
    }
    assert.ok(personas.some((p) => p.negative));
  });

  it('makes the preferred channel of each stage the most common one per persona', () => {
    for (const p of personas) {
      for (const s of STAGES) {
        const counts = new Map<string, number>();
        let total = 0;
        for (const e of data.events ?? []) {
          if (e.stage !== s || !e.customer_id || personaOf.get(e.customer_id) !== p.key) continue;
          counts.set(e.channel as string, (counts.get(e.channel as string) ?? 0) + 1);
          total++;
        }
        if (total < 300) continue;
        const sorted = [...counts].sort((a, b) => b[1] - a[1]);
        assert.equal(sorted[0]?.[0], p.preferred_channels[s]?.channel, `${p.key} ${s}`);
        assert.ok((sorted[0]?.[1] ?? 0) / total >= 0.35, `${p.key} ${s} preferred share`);
        assert.ok((sorted[1]?.[1] ?? 0) / total <= 0.22, `${p.key} ${s} runner-up share`);
      }
    }
  });

  it('plants the journey loops in the data', () => {
    const ps = paths(data.events ?? []);
    for (const p of personas) {
      for (const loop of p.loops.filter((l) => l.planted)) {
        const members = [...ps].filter(([c]) => personaOf.get(c) === p.key);
        const hits = members.filter(([, path]) => contains(path, loop.path)).length;
        assert.ok(hits / members.length > 0.15, `${p.key} ${loop.path.join('>')}: ${hits}/${members.length}`);
      }
    }
  });

  it('writes feedback with per-persona themes, questions, ratings that follow sentiment, and a little PII', () => {
    const fb = data.feedback ?? [];
    assert.ok(fb.some((f) => /[",]/.test(f.text as string)));
    assert.ok(fb.some((f) => /\?/.test(f.text as string)));
    const pii = fb.filter((f) => /@example\.|my name is|\+44 7700|\(555\)/i.test(f.text as string)).length;
    assert.ok(pii > 0 && pii < fb.length * 0.06, `pii ${pii}`);
    assert.ok(new Set(fb.map((f) => f.text)).size > fb.length * 0.9);
    const mean = (key: string): number => {
      const r = fb.filter((f) => f.rating && personaOf.get(f.customer_id as string) === key).map((f) => Number(f.rating));
      return r.reduce((a, b) => a + b, 0) / r.length;
    };
    assert.ok(mean('premium_loyalist') > mean('serial_returner') + 1);
    const returner = fb.filter((f) => personaOf.get(f.customer_id as string) === 'serial_returner');
    assert.ok(returner.filter((f) => /wrong size|return label|refund took|refund/i.test(f.text as string)).length > returner.length * 0.3);
  });

  it('draws leads from buyer personas, the negative persona and noise', () => {
    const t = data.truthLeads ?? [];
    const qualified = t.filter((l) => l.qualified === 'true').length / t.length;
    assert.ok(qualified > 0.6 && qualified < 0.8, `qualified ${qualified}`);
    assert.ok(t.some((l) => l.persona === 'none') && t.some((l) => l.persona === 'serial_returner'));
    const furthest = new Map<string, number>();
    for (const e of data.events ?? []) if (e.anonymous_id) furthest.set(e.anonymous_id, Math.max(furthest.get(e.anonymous_id) ?? 0, STAGES.indexOf(e.stage as (typeof STAGES)[number])));
    for (const l of t) assert.equal(STAGES[furthest.get(l.lead_id as string) ?? -1], l.stage);
  });
});

describe('generateDemo options', () => {
  it('makes personas identical at separation 0 and rejects bad options', async () => {
    const z = join(root, 'zero');
    await generateDemo({ dir: z, customers: 300, separation: 0 });
    const ps: { preferred_channels: unknown; traits: unknown }[] = JSON.parse(await readFile(join(z, 'truth/personas.json'), 'utf8')).personas;
    for (const p of ps) assert.deepEqual([p.preferred_channels, p.traits], [ps[0]?.preferred_channels, ps[0]?.traits]);
    await assert.rejects(generateDemo({ dir: z, customers: 0 }), /customers must be a positive integer/);
    await assert.rejects(generateDemo({ dir: z, customers: 10, separation: 3 }), /separation/);
  });
});

describe('generateDemo (b2b)', () => {
  it('writes accounts and contacts whose account_id references them', async () => {
    const b = join(root, 'b2b');
    const progress: string[] = [];
    const m = await generateDemo({ dir: b, customers: 600, variant: 'b2b', leads: 50, onProgress: (done, total, phase) => progress.push(`${phase} ${done}/${total}`) });
    assert.deepEqual(progress, ['customers 500/600', 'customers 600/600', 'leads 50/50']);
    assert.ok(m.files.some((f) => f.entity === 'accounts'));
    const accounts = await csv(b, 'accounts.csv');
    const ids = new Set(accounts.map((a) => a.account_id));
    const contacts = await csv(b, 'customers.csv');
    for (const c of contacts) {
      assert.ok(ids.has(c.account_id as string));
      assert.ok(c.job_title && c.role && c.industry && c.company_size);
    }
    for (const a of accounts) assert.ok(Number(a.employees) > 0 && Number(a.annual_revenue) > 0 && a.industry);
    const leads = await csv(b, 'leads.csv');
    assert.ok(leads.every((l) => l.job_title && l.industry && l.company_size));
    assert.equal(leads.length, 50);
  });
});
