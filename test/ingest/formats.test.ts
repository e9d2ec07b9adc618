// Every input format (CSV, TSV, JSON Lines, JSON array, Parquet), plain and gzip-compressed, loads the same rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addsUp, codes, openBench, type Bench } from './helpers.js';

const CSV = `customer_id,created_at,country,age,churned,Loyalty Tier
c1,2024-01-05,DE,31,false,gold
c2,2024-02-30,FR,44,true,silver
c3,2024-03-01T10:00:00Z,US,notanumber,no,
c1,2024-01-05,DE,31,false,gold
,2024-01-01,US,20,no,
c4,2024-04-01,"Köln, DE",29,yes,bronze
`;
const tsv = (s: string): string => s.replace(/"Köln, DE"/, 'Köln DE').replaceAll(',', '\t');
const objects = [
  { customer_id: 'c1', created_at: '2024-01-05', country: 'DE', age: 31, churned: false, 'Loyalty Tier': 'gold' },
  { customer_id: 'c2', created_at: '2024-02-30', country: 'FR', age: 44, churned: true, 'Loyalty Tier': 'silver' },
  { customer_id: 'c3', created_at: '2024-03-01T10:00:00Z', country: 'US', age: 'notanumber', churned: 'no', 'Loyalty Tier': null },
  { customer_id: 'c1', created_at: '2024-01-05', country: 'DE', age: 31, churned: false, 'Loyalty Tier': 'gold' },
  { customer_id: '', created_at: '2024-01-01', country: 'US', age: 20, churned: 'no', 'Loyalty Tier': null },
  { customer_id: 'c4', created_at: '2024-04-01', country: 'Köln, DE', age: 29, churned: 'yes', 'Loyalty Tier': 'bronze' },
];
const JSONL = objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
// expected per file: 6 records; c2 bad date (line 3), c3 bad number (line 4), c1 again (duplicate), blank id (line 6)
const EXPECTED = { rows: 6, ingested: 2, quarantined: 3, duplicates: 1 };

describe('formats', () => {
  let b: Bench;
  before(async () => {
    b = await openBench();
  });
  after(async () => b.close());

  async function check(name: string, file: string, lines = ['3:bad-timestamp', '4:bad-number', '6:missing-value']): Promise<void> {
    const report = await b.ingest([file], { entity: 'customers' });
    const f = report.files[0];
    assert.ok(f);
    assert.deepEqual({ rows: f.rows, ingested: f.ingested, quarantined: f.quarantined, duplicates: f.duplicates }, EXPECTED, name);
    assert.ok(addsUp(report));
    assert.deepEqual(codes(await b.quarantine('customers'), file.slice(-20)), lines, name);
    assert.deepEqual(f.extras, ['loyalty_tier'], name);
    const rows = await b.rows(`SELECT customer_id, country, age, churned, loyalty_tier FROM customers WHERE __file = '${file}' ORDER BY customer_id`);
    assert.deepEqual(
      rows.map((r) => `${r['customer_id']}|${r['country']}|${r['age']}|${r['churned']}|${r['loyalty_tier']}`),
      name.startsWith('tsv') ? ['c1|DE|31|false|gold', 'c4|Köln DE|29|true|bronze'] : ['c1|DE|31|false|gold', 'c4|Köln, DE|29|true|bronze'],
      name,
    );
    // a fresh table per format: clear what this file loaded
    await b.engine.exec(`DELETE FROM customers`);
  }

  test('CSV and CSV.gz', async () => {
    await check('csv', b.write('f1-customers.csv', CSV));
    await check('csv.gz', b.writeGz('f2-customers.csv.gz', CSV));
  });
  test('TSV and TSV.gz', async () => {
    await check('tsv', b.write('f3-customers.tsv', tsv(CSV)));
    await check('tsv.gz', b.writeGz('f4-customers.tsv.gz', tsv(CSV)));
  });
  test('JSON Lines (.jsonl, .ndjson) and .jsonl.gz', async () => {
    // JSON lines have no header: line numbers are one less than in the CSV
    const lines = ['2:bad-timestamp', '3:bad-number', '5:missing-value'];
    await check('jsonl', b.write('f5-customers.jsonl', JSONL), lines);
    await check('ndjson', b.write('f6-customers.ndjson', JSONL), lines);
    await check('jsonl.gz', b.writeGz('f7-customers.jsonl.gz', JSONL), lines);
  });
  test('JSON array', async () => {
    await check('json', b.write('f8-customers.json', JSON.stringify(objects)), ['2:bad-timestamp', '3:bad-number', '5:missing-value']);
  });
  test('Parquet and Parquet.gz (written by DuckDB COPY)', async () => {
    const csv = b.write('src.csv', CSV);
    const pq = join(b.dir, 'f9-customers.parquet');
    await b.engine.exec(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    // parquet rows are numbered from 1 (no header)
    const lines = ['2:bad-timestamp', '3:bad-number', '5:missing-value'];
    await check('parquet', pq, lines);
    await check('parquet.gz', b.writeGz('f10-customers.parquet.gz', readFileSync(pq)), lines);
  });
});
