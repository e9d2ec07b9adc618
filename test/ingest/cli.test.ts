// The real `archetype` binary: ingest --json report, exit codes 0/1/2, error messages on stderr, --map saved to archetype.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/archetype.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('archetype ingest (CLI)', () => {
  let dir: string;
  let ws: string;
  const run = (...args: string[]): Run => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const file = (name: string, content: string): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'archetype-cli-'));
    ws = join(dir, 'ws');
    assert.equal(run('init', ws).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('orders before customers in one call; --json report adds up; re-ingest loads nothing', () => {
    const orders = file('orders.csv', 'order_id,customer_id,ordered_at,amount,status\no1,c1,2024-02-01,10,completed\no2,cX,2024-02-01,3,completed\no3,c2,2024-02-30,4,completed\n');
    const customers = file('customers.csv', 'customer_id,Loyalty Tier\nc1,gold\nc2,silver\nc2,silver\n');
    const r = run('ingest', orders, customers, '-w', ws, '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { files: { file: string; entity: string; rows: number; ingested: number; quarantined: number; duplicates: number }[] };
    const byEntity = Object.fromEntries(report.files.map((f) => [f.entity, [f.rows, f.ingested, f.quarantined, f.duplicates]]));
    assert.deepEqual(byEntity, { customers: [3, 2, 0, 1], orders: [3, 1, 2, 0] });
    const q = JSON.parse(run('quarantine', '-w', ws, '--json').stdout) as { total: number; rows: { line: number; code: string; raw: string }[] };
    assert.deepEqual(q.rows.map((x) => `${x.line}:${x.code}`), ['3:unknown-reference', '4:bad-timestamp']);
    assert.equal(q.rows[0]?.raw, 'o2,cX,2024-02-01,3,completed');
    const again = JSON.parse(run('ingest', orders, customers, '-w', ws, '--json').stdout) as typeof report;
    assert.deepEqual(again.files.map((f) => f.ingested), [0, 0]);
    assert.equal((JSON.parse(run('quarantine', '-w', ws, '--json').stdout) as { total: number }).total, 2);
  });

  test('a missing column fails (exit 1) with expected vs found and a suggestion; --map fixes it and is saved', () => {
    const orders = file('eu-orders.csv', 'order_id,customer_id,ordered_at,Total (EUR)\no9,c1,2024-02-01,9.5\n');
    const r = run('ingest', orders, '-w', ws);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /missing required column\(s\) for orders: amount\. Found: order_id, customer_id, ordered_at, Total \(EUR\)/);
    assert.match(r.stderr, /--map amount="Total \(EUR\)"/);
    const ok = run('ingest', orders, '--map', 'amount=Total (EUR)', '-w', ws, '--json');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { files: { ingested: number }[] }).files[0]?.ingested, 1);
    assert.match(readFileSync(join(ws, 'archetype.yaml'), 'utf8'), /orders:\s*\n\s+amount: Total \(EUR\)/);
  });

  test('usage errors exit 2: unknown --entity, bad --map; failures exit 1: missing file, unknown entity, bad encoding', () => {
    const any = file('things.csv', 'a,b\n1,2\n');
    const e1 = run('ingest', any, '--entity', 'widgets', '-w', ws);
    assert.equal(e1.code, 2);
    assert.match(e1.stderr, /unknown entity "widgets"/);
    const e2 = run('ingest', any, '--entity', 'customers', '--map', 'customer_id', '-w', ws);
    assert.equal(e2.code, 2);
    assert.match(e2.stderr, /bad --map value "customer_id"/);
    const e3 = run('ingest', join(dir, 'missing.csv'), '-w', ws);
    assert.equal(e3.code, 1);
    assert.match(e3.stderr, /missing\.csv: no such file/);
    const e4 = run('ingest', any, '-w', ws);
    assert.equal(e4.code, 1);
    assert.match(e4.stderr, /things\.csv: cannot tell which entity.*pass --entity/);
    const latin1 = join(dir, 'latin-customers.csv');
    writeFileSync(latin1, Buffer.from('customer_id,city\nc1,M\xfcnchen\nc2,K\xf6ln\nc3,D\xfcsseldorf\n', 'latin1'));
    const e5 = run('ingest', latin1, '-w', ws);
    assert.equal(e5.code, 1);
    assert.match(e5.stderr, /latin-customers\.csv:2: not UTF-8 text/);
  });
});
