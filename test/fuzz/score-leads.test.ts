// Fuzz: lead files for `archetype score` (random and mutated CSV, TSV, JSON Lines, JSON, Parquet) against a real built workspace: every record scored or skipped with a reason, or the file refused with a message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES } from '../../src/contract/entities.js';
import { openScorer, scoreFile, scoreFileToCsv, type LeadScorer } from '../../src/repository/lead-scoring.js';
import { isProblem } from '../../src/shared/problems.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { builtDemo, cli } from '../repository/helpers.js';
import { caseCounter, csvField, mutate, mutationArb, within } from './fuzz-helpers.js';

const LEAD_COLUMNS = ENTITIES.leads.columns.map((c) => c.name);

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('GB', 'DE', 'female', 'male', 'referral', 'direct', 'true', 'false', '48', '2025-06-26T20:36:07Z', 'DACH', 'Edinburgh', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.constantFrom('-1', '1e309', 'NaN', '"', '\n', '<b>', '😀', '9'.repeat(40)) },
);

const leadsArb = fc.record({
  // at least two columns: in a one-column CSV an empty id is a blank line, which is no record
  columns: fc.shuffledSubarray([...LEAD_COLUMNS.filter((c) => c !== 'lead_id'), 'favourite colour'], { minLength: 1 }).map((cs) => ['lead_id', ...cs]),
  n: fc.integer({ min: 0, max: 30 }),
}).chain(({ columns, n }) =>
  fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.nat(50).map((i) => `l${i}`) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), fc.array(value, { minLength: columns.length - 1, maxLength: columns.length - 1 })), { minLength: n, maxLength: n })
    .map((rows) => ({ columns, rows: rows.map(([id, rest]) => [id, ...rest]) })),
);

describe('fuzz: lead files for scoring', { concurrency: 1 }, () => {
  let ws: Workspace;
  let scorer: LeadScorer;
  let dir: string;
  let leads: Buffer;
  let n = 0;
  const counter = caseCounter('lead files');

  before(async () => {
    const demo = await builtDemo({ customers: 400, k: 4 });
    ws = demo.ws;
    dir = join(demo.dir, 'fuzz');
    mkdirSync(dir);
    leads = Buffer.from(readFileSync(join(demo.exports, 'leads.csv'), 'utf8').split('\n').slice(0, 40).join('\n') + '\n');
    scorer = await openScorer(ws.engine, ws.config);
  });
  after(async () => {
    await ws.engine.close();
    counter.report();
  });

  /** Scores the file both ways (summary, scored CSV): records = scored + skipped, the CSV has a line per scored lead; or a problem with a message. */
  async function scoreChecked(path: string): Promise<number | null> {
    counter.tick();
    try {
      const sum = await within(30_000, path, scoreFile(ws.engine, scorer, path));
      assert.equal(sum.records, sum.scored + sum.skipped, `${path}: records = scored + skipped`);
      assert.ok(sum.problem_count >= sum.skipped || sum.problems.length > 0 || sum.skipped === 0, `${path}: skipped leads have problems reported`);
      const chunks: Buffer[] = [];
      const again = await within(30_000, path, scoreFileToCsv(ws.engine, scorer, path, (c) => void chunks.push(c)));
      assert.equal(again.scored, sum.scored, `${path}: the CSV path scores the same leads`);
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l !== '');
      assert.ok(lines.length >= sum.scored, `${path}: a CSV row per scored lead`);
      return sum.records;
    } catch (e) {
      if (!isProblem(e)) throw new Error(`${path}: crashed with ${e instanceof Error ? e.stack : String(e)}`);
      assert.notEqual(e.code, 'engine/error', `${path}: ${e.message}`);
      assert.ok(e.message.length > 10);
      return null;
    }
  }

  const file = (ext: string, body: string | Buffer): string => {
    const p = join(dir, `leads-${++n}.${ext}`);
    writeFileSync(p, body);
    return p;
  };

  it('random lead tables as CSV, TSV, JSON Lines and JSON: every record counted', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(leadsArb, fc.constantFrom('csv', 'tsv', 'jsonl', 'json'), async (t, ext) => {
        const objects = t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
        const body =
          ext === 'csv' ? [t.columns, ...t.rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n'
          : ext === 'tsv' ? [t.columns, ...t.rows].map((r) => r.map((v) => String(v).replace(/[\t\r\n]/g, ' ').replace(/^"/, "'")).join('\t')).join('\n') + '\n'
          : ext === 'jsonl' ? objects.map((o) => JSON.stringify(o)).join('\n') + '\n'
          : JSON.stringify(objects);
        const records = await scoreChecked(file(ext, body));
        if (records !== null) assert.equal(records, t.rows.length, 'no record lost or invented');
      }),
      { numRuns: 80, seed: 401 },
    );
  });

  it('mutated demo lead files (CSV, JSON Lines, Parquet)', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('csv', 'jsonl', 'parquet'), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (ext, ms) => {
        let body: Buffer = leads;
        if (ext === 'jsonl') {
          const [head, ...rest] = leads.toString('utf8').trim().split('\n');
          const cols = (head as string).split(',');
          body = Buffer.from(rest.map((l) => JSON.stringify(Object.fromEntries(l.split(',').map((v, i) => [cols[i] ?? `x${i}`, v])))).join('\n') + '\n');
        }
        if (ext === 'parquet') {
          const csv = file('csv', leads);
          const pq = join(dir, `leads-${++n}.parquet`);
          await ws.engine.exec(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
          body = readFileSync(pq);
          for (const m of ms.filter((x) => x.kind === 'truncate' || x.kind === 'insert' || x.kind === 'delete')) body = mutate(body, m);
        } else for (const m of ms) body = mutate(body, m);
        await scoreChecked(file(ext, body));
      }),
      { numRuns: 80, seed: 402 },
    );
  });

  it('the CLI refuses an unreadable lead file with exit 1 and a message', async () => {
    counter.tick();
    const p = file('parquet', Buffer.from('PAR1 not really'));
    await ws.engine.close();
    try {
      const r = await cli(join(dir, '..'), ['score', p]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^archetype: .+/m);
      assert.doesNotMatch(r.stderr, /unexpected error/);
    } finally {
      ws = { ...ws, engine: (await (await import('../../src/workspace/workspace.js')).openWorkspace(ws.dir)).engine };
    }
  });
});
