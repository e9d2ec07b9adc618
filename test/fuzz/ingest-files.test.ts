// Fuzz: random and mutated CSV, TSV, JSON Lines, JSON and Parquet files through the real ingest (real DuckDB file). No crash, no hang, no silent loss.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTITIES, type ColumnSpec, type EntityName } from '../../src/contract/entities.js';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles, type FileReport } from '../../src/ingest/ingest.js';
import { isProblem } from '../../src/shared/problems.js';
import { initWorkspace, openWorkspace, type Workspace } from '../../src/workspace/workspace.js';
import { caseCounter, csvField, mutate, mutationArb, within } from './fuzz-helpers.js';

const ENTITY_CHOICES: EntityName[] = ['orders', 'events', 'feedback', 'tickets', 'leads'];
const CUSTOMERS = 60;

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', 'NULL', 'null', 'NaN', 'Infinity', '-0', '1e309', '"', '""', ',', '\n', '\r\n', '\t', '\\', '<script>x</script>', '😀', 'ı', '\u0000', '0x1F', '2024-02-30'),
);

/** A value for a column: usually plausible for its type, often anything at all. */
function valueArb(c: ColumnSpec): fc.Arbitrary<string> {
  const plausible: fc.Arbitrary<string> =
    c.name === 'customer_id' ? fc.integer({ min: 1, max: CUSTOMERS + 5 }).map((i) => `c${i}`)
    : c.type === 'id' ? fc.integer({ min: 1, max: 40 }).map((i) => `k${i}`)
    : c.type === 'timestamp' ? fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
    : c.type === 'number' || c.type === 'integer' ? fc.oneof(fc.integer({ min: -5, max: 10_000 }).map(String), fc.double({ noNaN: true }).map(String))
    : c.type === 'boolean' ? fc.constantFrom('true', 'false', 'yes', 'no', '1', '0', 'maybe')
    : c.values ? fc.constantFrom(...c.values, 'other')
    : fc.string({ maxLength: 30 });
  return fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: text });
}

interface Table {
  entity: EntityName;
  columns: string[];
  rows: string[][];
}

/** A table with the entity's required columns, some optional ones and odd extra columns, in any order. */
const tableArb: fc.Arbitrary<Table> = fc.constantFrom(...ENTITY_CHOICES).chain((entity) => {
  const spec = ENTITIES[entity];
  const required = spec.columns.filter((c) => c.required);
  const optional = spec.columns.filter((c) => !c.required);
  return fc
    .tuple(
      fc.subarray(optional),
      fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,12}$/), { maxLength: 2 }),
      fc.integer({ min: 0, max: 25 }),
    )
    .chain(([opt, extras, n]) => {
      const extraCols: ColumnSpec[] = extras.filter((x) => !spec.columns.some((c) => c.name === x.toLowerCase().replace(/[^a-z0-9]+/g, '_'))).map((x) => ({ name: `x ${x}`, type: 'text' }));
      const cols = [...required, ...opt, ...extraCols];
      return fc.tuple(fc.shuffledSubarray(cols, { minLength: cols.length, maxLength: cols.length }), fc.constant(n)).chain(([order, count]) =>
        fc.array(fc.tuple(...order.map(valueArb)), { minLength: count, maxLength: count }).map((rows) => ({ entity, columns: order.map((c) => c.name), rows })),
      );
    });
});

function toCsv(t: Table, sep = ','): string {
  // TSV has no quoting: tabs and line breaks cannot be in a value, and a value starting with a quote is read as quoted
  const f = sep === ',' ? csvField : (v: string): string => v.replace(/[\t\r\n]/g, ' ').replace(/^"/, "'");
  return [t.columns.map(f).join(sep), ...t.rows.map((r) => r.map(f).join(sep))].join('\n') + '\n';
}

function toJsonl(t: Table): string {
  return t.rows.map((r) => JSON.stringify(Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))).join('\n') + (t.rows.length ? '\n' : '');
}

describe('fuzz: ingest files', { concurrency: 1 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-fuzz-ingest-'));
  const files = join(dir, 'files');
  let ws: Workspace;
  let seeds: { entity: EntityName; csv: Buffer }[];
  let n = 0;
  const counter = caseCounter('ingest files');

  before(async () => {
    await generateDemo({ dir: join(dir, 'exports'), customers: CUSTOMERS, seed: 3 });
    initWorkspace(join(dir, 'ws'));
    ws = await openWorkspace(join(dir, 'ws'));
    await ingestFiles(ws.engine, [join(dir, 'exports', 'customers.csv')], { config: ws.config });
    writeFileSync(join(dir, 'keep'), '');
    seeds = (['orders', 'events', 'feedback', 'tickets', 'leads'] as EntityName[]).map((entity) => {
      const all = readFileSync(join(dir, 'exports', `${entity}.csv`), 'utf8').split('\n');
      return { entity, csv: Buffer.from(all.slice(0, 30).join('\n') + '\n') };
    });
    (await import('node:fs')).mkdirSync(files);
  });
  after(async () => {
    await ws.engine.close();
    counter.report();
  });

  const count = async (sql: string, params?: Record<string, string>): Promise<number> => Number((await ws.engine.all<{ n: number }>(sql, params))[0]?.n ?? 0);

  /**
   * Ingests one file and checks the contract: either a report whose counts add up and match what the tables gained and
   * the quarantine holds (each entry with a code, a message and a line), or a problem with a message and nothing loaded.
   * Returns the report (null for a refused file).
   */
  async function ingestChecked(path: string, entity: EntityName): Promise<FileReport | null> {
    counter.tick();
    const rowsBefore = await count(`SELECT count(*) AS n FROM ${entity}`);
    let report: FileReport | undefined;
    try {
      report = (await within(30_000, path, ingestFiles(ws.engine, [path], { config: ws.config, entity }))).files[0];
    } catch (e) {
      if (!isProblem(e)) throw new Error(`${path}: crashed with ${e instanceof Error ? e.stack : String(e)}`);
      assert.notEqual(e.code, 'engine/error', `${path}: the engine failed instead of quarantining: ${e.message}`);
      assert.ok(e.message.length > 10, `${path}: a problem with a message`);
      assert.equal(await count(`SELECT count(*) AS n FROM ${entity}`), rowsBefore, `${path}: a refused file loads nothing`);
      return null;
    }
    assert.ok(report, path);
    assert.equal(report.rows, report.ingested + report.quarantined + report.duplicates, `${path}: rows = ingested + quarantined + duplicates`);
    assert.equal(await count(`SELECT count(*) AS n FROM ${entity}`), rowsBefore + report.ingested, `${path}: the table gained the ingested rows`);
    const q = await ws.engine.all<{ code: string | null; message: string | null; line: number | null }>(`SELECT code, message, line FROM _quarantine WHERE file = $f`, { f: report.file });
    assert.equal(q.length, report.quarantined, `${path}: every quarantined row is in the quarantine`);
    for (const r of q) assert.ok(r.code && r.message && Number(r.line) >= 1, `${path}: quarantined with a reason and a line: ${JSON.stringify(r)}`);
    return report;
  }

  const file = (ext: string, body: string | Buffer): string => {
    const p = join(files, `case-${++n}.${ext}`);
    writeFileSync(p, body);
    return p;
  };

  it('random well-formed CSV and TSV with any values: every record read, ingested or quarantined', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.boolean(), async (t, tsv) => {
        const r = await ingestChecked(file(tsv ? 'tsv' : 'csv', toCsv(t, tsv ? '\t' : ',')), t.entity);
        if (r) assert.equal(r.rows, t.rows.length, 'no record lost or invented');
      }),
      { numRuns: 100, seed: 101 },
    );
  });

  it('random JSON Lines and JSON arrays: every record read, ingested or quarantined', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.boolean(), async (t, array) => {
        const body = array ? JSON.stringify(t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))) : toJsonl(t);
        const r = await ingestChecked(file(array ? 'json' : 'jsonl', body), t.entity);
        if (r) assert.equal(r.rows, t.rows.length, 'no record lost or invented');
      }),
      { numRuns: 50, seed: 102 },
    );
  });

  it('mutated demo files (truncation, stray quotes and bytes, bad UTF-8, extra columns, huge fields, moved lines)', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.constantFrom('csv', 'jsonl'), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (s, ext, ms) => {
        const seed = seeds[s] as (typeof seeds)[number];
        let body: Buffer = seed.csv;
        if (ext === 'jsonl') {
          const [head, ...rest] = body.toString('utf8').trim().split('\n');
          const cols = (head as string).split(',');
          // the demo rows parsed naively (quoted commas shift fields: more variety)
          body = Buffer.from(rest.map((l) => JSON.stringify(Object.fromEntries(l.split(',').map((v, i) => [cols[i] ?? `extra_${i}`, v])))).join('\n') + '\n');
        }
        for (const m of ms) body = mutate(body, m);
        await ingestChecked(file(ext, body), seed.entity);
      }),
      { numRuns: 120, seed: 103 },
    );
  });

  it('Parquet: random tables read whole; mutated Parquet files refused with a message or read consistently', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.array(mutationArb, { maxLength: 2 }), async (t, ms) => {
        const csv = file('csv', toCsv(t));
        const parquet = join(files, `case-${++n}.parquet`);
        // written by DuckDB from the CSV, every column as text
        await ws.engine.exec(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true, quote = '"', escape = '"', delim = ',')) TO '${parquet}' (FORMAT parquet)`);
        let body: Buffer = readFileSync(parquet);
        for (const m of ms.filter((x) => x.kind === 'truncate' || x.kind === 'insert' || x.kind === 'delete')) body = mutate(body, m);
        writeFileSync(parquet, body);
        const r = await ingestChecked(parquet, t.entity);
        if (r && ms.length === 0) assert.equal(r.rows, t.rows.length, 'no record lost or invented');
      }),
      { numRuns: 30, seed: 104 },
    );
  });

  it('a line longer than the reader allows is quarantined as line-too-long, the rest loaded', { timeout: 120_000 }, async () => {
    const huge = `t-huge,c1,2024-01-01T00:00:00Z,${'z'.repeat(5_000_000)}\n`;
    const r = await ingestChecked(file('csv', `ticket_id,customer_id,opened_at,category\nt-a,c1,2024-01-01T00:00:00Z,x\n${huge}t-b,c2,2024-01-01T00:00:00Z,y\n`), 'tickets');
    assert.ok(r);
    assert.equal(r.rows, 3);
  });
});
