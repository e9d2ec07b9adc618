// Fuzz: column mappings (archetype.yaml `mappings`, `--map`) through the real ingest, and archetype.yaml itself: a consistent report or a clear problem, never a crash.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { ENTITIES } from '../../src/contract/entities.js';
import { generateDemo } from '../../src/demo/generate.js';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { isProblem } from '../../src/shared/problems.js';
import { initWorkspace, openWorkspace, readConfig, type Workspace } from '../../src/workspace/workspace.js';
import { cli } from '../repository/helpers.js';
import { caseCounter, mutate, mutationArb, within } from './fuzz-helpers.js';

const SOURCE = ['order_id', 'customer_id', 'ordered_at', 'amount', 'currency', 'product_id', 'category', 'quantity', 'channel', 'status', 'margin'];

const colName = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SOURCE, 'Order ID', 'AMOUNT', ' amount ') }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
const fmt = fc.oneof(fc.constantFrom('%Y-%m-%dT%H:%M:%SZ', '%d-%m-%Y', '%Y', '%Q', '%', '%%', '%Y-%m-%d %H:%M:%S%z', '%s', '%j'), fc.string({ maxLength: 12 }).map((s) => `%${s}`));

/** Mapping values: well-formed functions over real and unknown columns, broken syntax, plain names. */
const mappingValue: fc.Arbitrary<string> = fc.oneof(
  colName,
  fc.constantFrom('@hash', '@hash()', '@HASH', '@', '@concat', '@concat()', '@product(amount)', '@map(status)', '@map(status; =x)', '@unknown(amount)', '@date(ordered_at)', '@concat(order_id,', ')'),
  fc.array(colName, { minLength: 1, maxLength: 3 }).map((cs) => `@concat(${cs.join(', ')})`),
  fc.tuple(colName, colName).map(([a, b]) => `@product(${a}, ${b})`),
  fc.tuple(colName, fmt).map(([a, f]) => `@date(${a}, ${f})`),
  fc.tuple(colName, fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 3 })).map(([c, ps]) => `@map(${c}; ${ps.map(([a, b]) => `${a}=${b}`).join('; ')})`),
  fc.string({ maxLength: 30 }).map((s) => `@${s}`),
);

const mappingArb = fc.dictionary(fc.constantFrom(...ENTITIES.orders.columns.map((c) => c.name)), mappingValue, { maxKeys: 3 });

describe('fuzz: mappings and archetype.yaml', { concurrency: 1 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'archetype-fuzz-mapping-'));
  let ws: Workspace;
  let orders: string;
  let n = 0;
  const counter = caseCounter('mappings and config');

  before(async () => {
    await generateDemo({ dir: join(dir, 'exports'), customers: 40, seed: 5 });
    initWorkspace(join(dir, 'ws'));
    ws = await openWorkspace(join(dir, 'ws'));
    await ingestFiles(ws.engine, [join(dir, 'exports', 'customers.csv')], { config: ws.config });
    orders = readFileSync(join(dir, 'exports', 'orders.csv'), 'utf8').split('\n').slice(0, 40).join('\n') + '\n';
    mkdirSync(join(dir, 'files'));
  });
  after(async () => {
    await ws.engine.close();
    counter.report();
  });

  it('mappings: every mapping either loads with counts that add up or is refused with a problem naming it', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(mappingArb, async (mappings) => {
        counter.tick();
        const path = join(dir, 'files', `orders-${++n}.csv`);
        writeFileSync(path, orders);
        const before = Number((await ws.engine.all<{ n: number }>(`SELECT count(*) AS n FROM orders`))[0]?.n);
        try {
          const r = (await within(30_000, path, ingestFiles(ws.engine, [path], { config: { ...ws.config, mappings: { orders: mappings } }, entity: 'orders' }))).files[0];
          assert.ok(r);
          assert.equal(r.rows, 39, 'every record read');
          assert.equal(r.rows, r.ingested + r.quarantined + r.duplicates);
          const after = Number((await ws.engine.all<{ n: number }>(`SELECT count(*) AS n FROM orders`))[0]?.n);
          assert.equal(after, before + r.ingested);
        } catch (e) {
          if (!isProblem(e)) throw e;
          assert.notEqual(e.code, 'engine/error', `mapping ${JSON.stringify(mappings)} made the engine fail: ${e.message}`);
          assert.ok(['ingest/bad-mapping', 'ingest/missing-column'].includes(e.code), `${e.code}: ${e.message}`);
        }
      }),
      { numRuns: 120, seed: 201 },
    );
  });

  it('--map on the command line: a bad value fails with a message and is not saved; a good one is used and saved', { timeout: 300_000 }, async () => {
    const wdir = join(dir, 'cli');
    initWorkspace(wdir);
    assert.equal((await cli(wdir, ['ingest', join(dir, 'exports', 'customers.csv')])).code, 0);
    const path = join(dir, 'files', 'orders-cli.csv');
    writeFileSync(path, orders);
    const yaml = (): string => readFileSync(join(wdir, 'archetype.yaml'), 'utf8');
    for (const m of ['amount', '=amount', 'amount=@concat(', 'ordered_at=@date(ordered_at, %Q)', 'amount="@nope(x)"']) {
      counter.tick();
      const before = yaml();
      const r = await cli(wdir, ['ingest', path, '--entity', 'orders', '--map', m]);
      assert.ok(r.code === 1 || r.code === 2, `${m}: exit ${r.code}`);
      assert.match(r.stderr, /^archetype: .{10,}/m, `${m}: a message`);
      assert.doesNotMatch(r.stderr, /unexpected error|engine error/, m);
      assert.equal(yaml(), before, `${m}: not saved`);
    }
    counter.tick();
    const ok = await cli(wdir, ['ingest', path, '--entity', 'orders', '--map', 'amount=@product(quantity, margin)', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    const f = (JSON.parse(ok.stdout) as { files: { rows: number; ingested: number; quarantined: number; duplicates: number }[] }).files[0];
    assert.ok(f && f.rows === 39 && f.rows === f.ingested + f.quarantined + f.duplicates);
    assert.match(yaml(), /amount: "?@product\(quantity, margin\)/);
  });

  const configArb: fc.Arbitrary<string> = fc.oneof(
    // a valid file, mutated byte-wise
    fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce<Buffer>((b, m) => mutate(b, m), Buffer.from(YAML.stringify(readConfigTemplate()))).toString('utf8')),
    // known keys with values of any JSON type
    fc.record(
      {
        version: fc.jsonValue(), name: fc.jsonValue(), engine: fc.jsonValue(), memory_limit: fc.jsonValue(), threads: fc.jsonValue(),
        privacy: fc.oneof(fc.jsonValue(), fc.record({ minimum_group_size: fc.jsonValue(), allow_quotes: fc.jsonValue() })),
        mappings: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()))),
        journeys: fc.jsonValue(), repository: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('drift_threshold', 'lock_timeout_seconds', 'similarity_threshold'), fc.jsonValue())),
        views: fc.jsonValue(), refresh_policy_days: fc.jsonValue(),
      },
      { requiredKeys: [] },
    ).map((o) => YAML.stringify(o)),
    // any YAML-ish text
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.constantFrom('', '---', '- a\n- b', 'a: &x [*x]', 'privacy: {minimum_group_size: -1}', 'privacy:\n  minimum_group_size: 1e400', '!!binary abc', 'name: !!js/function "x"', '{', 'a: b: c'),
  );

  it('archetype.yaml: any text either parses to a full configuration or is refused with a message naming the file', { timeout: 120_000 }, () => {
    const cdir = join(dir, 'config');
    initWorkspace(cdir);
    fc.assert(
      fc.property(configArb, (text) => {
        counter.tick();
        writeFileSync(join(cdir, 'archetype.yaml'), text);
        try {
          const c = readConfig(cdir);
          assert.ok(c.privacy.minimum_group_size >= 1 && Number.isInteger(c.privacy.minimum_group_size));
          assert.equal(typeof c.engine, 'string');
          assert.ok(c.repository.lock_timeout_seconds > 0);
        } catch (e) {
          if (!isProblem(e)) throw new Error(`crashed on ${JSON.stringify(text)}: ${e instanceof Error ? e.stack : String(e)}`);
          assert.equal(e.code, 'workspace/invalid-config');
          assert.match(e.message, /archetype\.yaml: .+/);
        }
      }),
      { numRuns: 1500, seed: 202 },
    );
  });

  it('archetype.yaml: a broken file stops a command with exit 1 and the reason, not a stack trace', async () => {
    const cdir = join(dir, 'config-cli');
    initWorkspace(cdir);
    for (const text of ['privacy: {minimum_group_size: "ten"}', 'a: b: c', 'repository: 5']) {
      counter.tick();
      writeFileSync(join(cdir, 'archetype.yaml'), text);
      const r = await cli(cdir, ['status']);
      assert.equal(r.code, 1, text);
      assert.match(r.stderr, /^archetype: .*archetype\.yaml: .+/, text);
    }
  });
});

function readConfigTemplate(): unknown {
  return {
    version: 1, name: 'shop', engine: 'duckdb', privacy: { minimum_group_size: 10, allow_quotes: true },
    mappings: { orders: { amount: 'Total (EUR)', order_id: '@concat(invoice, line)' } },
    journeys: { window_days: 365, stage_rules: [{ stage: 'awareness', event: 'page_*' }] },
    refresh_policy_days: 90, repository: { drift_threshold: 0.25, lock_timeout_seconds: 300 },
    views: { sales: { notes: ['Qualify on basket size first.'], field_notes: { objections: 'Offer the bundle.' } } },
  };
}
