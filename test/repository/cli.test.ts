// The repository through the real CLI: review and publish, comments and change requests, team views, interview kit, refresh, diff, drift, audit.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { builtDemo, cli, cliJson } from './helpers.js';

const NOW = { ARCHETYPE_NOW: '2025-07-01T12:00:00Z' };

describe('archetype repository commands', () => {
  let dir: string;
  let customer: string;
  before(async () => {
    const demo = await builtDemo({ customers: 1200, k: 5 });
    customer = String((await demo.ws.engine.all<{ c: string }>(`SELECT customer_id AS c FROM _assignments WHERE version = 1 AND persona_id = 'p1' ORDER BY 1 LIMIT 1`))[0]?.c);
    await demo.ws.engine.close();
    dir = demo.dir;
  });
  const run = (args: string[], env: Record<string, string> = {}) => cli(dir, args, { ...NOW, ...env });
  const json = <T>(args: string[]) => cliJson<T>(dir, args, NOW);

  it('reviews and publishes a version; usage mistakes exit 2, workflow refusals exit 1', async () => {
    assert.equal((await run(['review', '1', '--approve'])).code, 2, 'review needs --by');
    assert.equal((await run(['review', '1', '--approve', '--reject', '--by', 'ana'])).code, 2);
    const early = await run(['publish', '1', '--by', 'ana']);
    assert.equal(early.code, 1);
    assert.match(early.stderr, /cannot publish version 1: it is draft\. Approve it first: `archetype review <version> --approve --by NAME`/);
    const ok = await run(['review', '1', '--approve', '--by', 'ana', '--comment', 'checked the evidence']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Version 1: draft → approved \(by ana\)/);
    assert.match((await run(['publish', '1', '--by', 'ana'])).stdout, /Published version 1 \(by ana\)/);
    const v = await json<{ versions: { version: number; status: string; last_action: { action: string; actor: string; at: string } }[] }>(['versions']);
    assert.deepEqual(v.versions.map((x) => [x.version, x.status, x.last_action.action, x.last_action.actor, x.last_action.at]), [[1, 'published', 'publish', 'ana', '2025-07-01T12:00:00.000Z']]);
  });

  it('keeps comments and change requests on fields; a request is resolved, never lost; manual edits are marked beside the evidence', async () => {
    const bad = await run(['comment', 'p1', '--field', 'favourite_colour', '--by', 'sam', 'blue']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /persona p1 has no field "favourite_colour" \(fields: name, summary, demographics/);
    const c = await json<{ comment_id: number; kind: string }>(['comment', 'p1', '--field', 'pain_points', '--by', 'sam', 'Store staff hear about sizing every day']);
    assert.equal(c.kind, 'comment');
    const r1 = await json<{ comment_id: number; status: string }>(['comment', 'p1', '--field', 'pain_points', '--by', 'sam', '--request', 'Delivery before weekend trips matters']);
    const r2 = await json<{ comment_id: number }>(['comment', 'p1', '--field', 'goals', '--by', 'lee', '--request', 'Add: outfit the whole family']);
    const r3 = await json<{ comment_id: number }>(['comment', 'p1', '--field', 'triggers', '--by', 'lee', '--request', 'School holidays start buying']);
    assert.equal(r1.status, 'open');
    assert.equal((await run(['resolve', String(r1.comment_id), '--decline', '--by', 'ana'])).code, 2, 'declining needs a reason');
    const acc = await json<{ comment: { status: string; resolution: string }; edit_id: number }>(['resolve', String(r1.comment_id), '--accept', '--edit', 'Delivery before weekend trips (sales team)', '--by', 'ana']);
    assert.deepEqual([acc.comment.status, acc.comment.resolution, acc.edit_id], ['accepted', 'Delivery before weekend trips (sales team)', 1]);
    const dec = await json<{ comment: { status: string; resolution: string } }>(['resolve', String(r2.comment_id), '--decline', '--reason', 'not in the data yet', '--by', 'ana']);
    assert.deepEqual([dec.comment.status, dec.comment.resolution], ['declined', 'not in the data yet']);
    const twice = await run(['resolve', String(r2.comment_id), '--accept', '--by', 'ana']);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /already declined/);
    const all = await json<{ comments: { comment_id: number; status: string | null }[] }>(['comments']);
    assert.deepEqual(all.comments.map((x) => [x.comment_id, x.status]), [[r3.comment_id, 'open'], [c.comment_id, null], [r1.comment_id, 'accepted'], [r2.comment_id, 'declined']]);
    const view = await run(['view', 'p1', '--view', 'cx']);
    assert.equal(view.code, 0, view.stderr);
    const lines = view.stdout.split('\n');
    const edit = lines.findIndex((l) => l.includes('✎ manual edit by ana') && l.includes('Delivery before weekend trips (sales team)') && l.includes('not computed from data'));
    assert.ok(edit > 0, view.stdout);
    assert.match(lines.slice(0, edit).reverse().find((l) => /\S/.test(l.slice(0, 18))) ?? '', /^Pain points\s+.+n=\d+/, 'the evidence stays on the card above the edit');
    assert.match(view.stdout, /Customer experience view/);
    assert.match(view.stdout, /💬 #\d+ sam, 2025-07-01: Store staff hear about sizing every day/);
    assert.match(view.stdout, /1 open change request/);
    // the card and its Markdown / JSON exports carry the edit too, marked, after the evidence
    const show = await run(['show', 'p1']);
    assert.equal(show.code, 0, show.stderr);
    const marked = show.stdout.indexOf('Manual edits (not computed from data');
    assert.ok(marked > show.stdout.indexOf('Pain points'), show.stdout);
    assert.match(show.stdout.slice(marked), /✎ Pain points\s+Delivery before weekend trips \(sales team\) — by ana, 2025-07-01 \(request #\d+\)/);
    const shown = await json<{ manual_edits: { field: string; text: string; author: string }[] }>(['show', 'p1']);
    assert.deepEqual(shown.manual_edits.map((e) => [e.field, e.text, e.author]), [['pain_points', 'Delivery before weekend trips (sales team)', 'ana']]);
    const mdFile = join(dir, 'p1-card.md');
    assert.equal((await run(['export', '--format', 'md', '--persona', 'p1', '--out', mdFile])).code, 0);
    const md = readFileSync(mdFile, 'utf8');
    assert.match(md, /## Manual edits\n\n\*Made by people from accepted change requests — not computed from data/);
    assert.match(md, /- ✎ \*\*Pain points\*\*: Delivery before weekend trips \(sales team\) — by ana/);
    const jsonFile = join(dir, 'set.json');
    assert.equal((await run(['export', '--format', 'json', '--out', jsonFile])).code, 0);
    const set = JSON.parse(readFileSync(jsonFile, 'utf8')) as { personas: { id: string; manual_edits: { text: string }[] }[] };
    assert.deepEqual(set.personas.find((p) => p.id === 'p1')?.manual_edits.map((e) => e.text), ['Delivery before weekend trips (sales team)']);
    assert.ok(set.personas.filter((p) => p.id !== 'p1').every((p) => p.manual_edits.length === 0));
  });

  it('shows team views from archetype.yaml with their fields and notes, and rejects unknown views', async () => {
    const file = join(dir, 'archetype.yaml');
    const config = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    config['views'] = { partners: { label: 'Partner team', fields: ['goals', 'channels'], notes: ['For co-marketing with outdoor clubs.'], field_notes: { channels: 'Clubs reach them by email.' } } };
    writeFileSync(file, YAML.stringify(config));
    const v = await run(['view', 'p1', '--view', 'partners']);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /Partner team view\n» For co-marketing with outdoor clubs\./);
    assert.match(v.stdout, /note: Clubs reach them by email\./);
    assert.doesNotMatch(v.stdout, /^Pain points/m);
    const sales = await run(['view', 'p1', '--view', 'sales']);
    assert.match(sales.stdout, /^Questions to ask\s+\S/m);
    const bad = await run(['view', 'p1', '--view', 'finance']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown view "finance" \(views: cx, content, ux, sales, partners/);
  });

  it('writes an interview guide aimed first at the weakest evidence, imports notes and counts interviews against the target', async () => {
    const g = await json<{ sections: { field: string; strength: number; questions: { kind: string }[] }[]; interviews: { interviews: number; target: number } }>(['interview-guide', 'p1', '--out', join(dir, 'guide.md')]);
    assert.ok(existsSync(join(dir, 'guide.md')));
    const s = g.sections.map((x) => x.strength);
    assert.deepEqual(s, [...s].sort((a, b) => a - b), 'weakest evidence first');
    assert.equal(g.sections[g.sections.length - 1]?.strength, Math.max(...s));
    const kinds = new Set(g.sections.flatMap((x) => x.questions.map((q) => q.kind)));
    assert.ok(kinds.has('demographic') && kinds.has('behavioural'));
    assert.match(readFileSync(join(dir, 'guide.md'), 'utf8'), /^# Interview guide: .+ \(p1\)\n[\s\S]*## Who to recruit[\s\S]*### 1\. /);
    const notes = join(dir, 'notes');
    mkdirSync(notes, { recursive: true });
    for (const n of ['anna', 'ben', 'chris']) writeFileSync(join(notes, `${n}.md`), `# Interview with ${n}\n\nI buy before school holidays. Delivery before the weekend matters.\n`);
    const before = g.interviews.interviews;
    const ing = await json<{ files: { file: string; entity: string; ingested: number }[] }>(['ingest', join(notes, 'anna.md'), join(notes, 'ben.md'), join(notes, 'chris.md'), '--entity', 'feedback', '--source', 'interview', '--customer', customer, '--by', 'ivy']);
    assert.deepEqual(ing.files.map((f) => [f.file.split('/').pop(), f.entity, f.ingested]), [['anna.md', 'feedback', 1], ['ben.md', 'feedback', 1], ['chris.md', 'feedback', 1]]);
    const counts = await json<{ interviews: { persona_id: string; interviews: number; target: number }[] }>(['interviews']);
    const p1 = counts.interviews.find((x) => x.persona_id === 'p1');
    assert.deepEqual([p1?.interviews, p1?.target], [before + 3, 15]);
    assert.equal((await run(['ingest', join(notes, 'anna.md'), join(dir, 'guide.md'), 'x.csv'])).code, 2, 'notes and data files go in separate commands');
  });

  it('refreshes into a new draft with drift, carries open requests and edits to it, diffs, warns about near duplicates and keeps an audit log', async () => {
    const r = await json<{ rebuilt: boolean; version: number; drift: { reference: { version: number }; personas: { flags: string[] }[] } }>(['refresh', '--k', '5', '--by', 'kim']);
    assert.deepEqual([r.rebuilt, r.version, r.drift.reference.version], [true, 2, 1]);
    const none = await run(['refresh', '--k', '5']);
    assert.match(none.stdout, /^Nothing changed since version 2/);
    const carried = await json<{ comments: { status: string; via: string }[] }>(['comments', 'p1', '--version', '2', '--open']);
    assert.equal(carried.comments.length, 1);
    assert.equal(carried.comments[0]?.via, 'version 1, p1');
    const v2 = await run(['view', 'p1', '--version', '2']);
    assert.match(v2.stdout, /✎ manual edit from version 1, p1 by ana, 2025-07-01: Delivery before weekend trips \(sales team\)/);
    const diff = await run(['diff']);
    assert.match(diff.stdout, /^Version 1 \(published, built .+\) → version 2 \(draft, built .+\)\nData: feedback [\d,]+ → [\d,]+ \(\+3\)/);
    const drift = await run(['drift'], { ARCHETYPE_NOW: '2031-01-01T00:00:00Z' });
    assert.match(drift.stdout, /stale/);
    assert.equal((await run(['drift', '--fail-on-flag'], { ARCHETYPE_NOW: '2031-01-01T00:00:00Z' })).code, 1);
    const file = join(dir, 'archetype.yaml');
    const config = YAML.parse(readFileSync(file, 'utf8')) as { repository?: Record<string, unknown> };
    config.repository = { ...(config.repository ?? {}), similarity_threshold: 0.01 };
    writeFileSync(file, YAML.stringify(config));
    const sub = await run(['review', '2', '--submit', '--by', 'sam']);
    assert.equal(sub.code, 0, sub.stderr);
    assert.match(sub.stderr, /warning: \w+ \(.+\) and \w+ \(.+\) look alike: similarity [\d.]+ ≥ 0.01 .* Proposal: merge \w+ \(.+\) into \w+/);
    const audit = await json<{ entries: { action: string; actor: string; version: number | null }[] }>(['audit']);
    const made = (e: { action: string }): boolean => e.action === 'build' || e.action === 'ingest';
    assert.deepEqual(audit.entries.filter((e) => !made(e)).map((e) => `${e.actor}:${e.action}`), [
      'ana:approve', 'ana:publish', 'sam:comment', 'sam:request', 'lee:request', 'lee:request', 'ana:accept', 'ana:edit', 'ana:decline', 'sam:submit',
    ]);
    // new versions and ingests are writes too: the fixture's library build names nobody, the CLI names --by
    assert.deepEqual(audit.entries.filter(made).map((e) => `${e.actor}:${e.action}:${e.version}`), ['archetype (no --by):build:1', 'ivy:ingest:null', 'kim:build:2']);
  });
});
