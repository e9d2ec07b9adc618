// Re-ingest is idempotent; column mappings (plain, @concat, @hash), extra attributes, and the errors for missing columns,
// unknown entities, missing files and bad mappings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProblem } from '../../src/shared/problems.js';
import { addsUp, fileReport, openBench, type Bench } from './helpers.js';

const CUSTOMERS = 'customer_id,country,Loyalty Tier,created_at\nc1,DE,gold,2024-01-01\nc2,FR,,bad\nc3,US,silver,2024-02-01\nc1,DE,gold,2024-01-01\n';
const ORDERS = 'Order No,Customer,Date,Total (EUR)\no1,c1,2024-03-01,10\no2,c3,2024-03-02,12.5\no3,c9,2024-03-02,1\n';

async function rejectsWith(p: Promise<unknown>, code: string, check: (message: string, params: Record<string, unknown>) => void): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isProblem(e), String(e));
    assert.equal(e.code, code);
    check(e.message, e.params as unknown as Record<string, unknown>);
    return true;
  });
}

describe('mapping, extras, idempotency, errors', () => {
  let b: Bench;
  before(async () => {
    b = await openBench();
  });
  after(async () => b.close());

  test('a missing required column names what was expected, what was found and the closest column', async () => {
    const orders = b.write('orders.csv', ORDERS);
    await rejectsWith(b.ingest([orders]), 'ingest/missing-column', (message, params) => {
      assert.deepEqual(params['missing'], ['order_id', 'customer_id', 'ordered_at', 'amount']);
      assert.deepEqual(params['found'], ['Order No', 'Customer', 'Date', 'Total (EUR)']);
      assert.match(message, /missing required column\(s\) for orders: order_id, customer_id, ordered_at, amount/);
      assert.match(message, /Found: Order No, Customer, Date, Total \(EUR\)/);
      assert.match(message, /customer_id \(did you mean "Customer"\?/);
    });
    assert.equal(await b.count('orders'), 0);
  });

  test('mappings fix it; extra columns are kept as attributes; counts add up', async () => {
    const customers = b.write('customers.csv', CUSTOMERS);
    const orders = b.write('orders.csv', ORDERS);
    const report = await b.ingest([orders, customers], {
      mappings: { orders: { order_id: 'Order No', customer_id: 'Customer', ordered_at: 'Date', amount: 'Total (EUR)' } },
    });
    assert.ok(addsUp(report));
    const c = fileReport(report, 'customers.csv');
    assert.deepEqual([c.rows, c.ingested, c.quarantined, c.duplicates], [4, 2, 1, 1]);
    assert.deepEqual(c.extras, ['loyalty_tier']);
    const o = fileReport(report, 'orders.csv');
    assert.deepEqual([o.rows, o.ingested, o.quarantined, o.duplicates], [3, 2, 1, 0]);
    assert.deepEqual(await b.rows(`SELECT customer_id, loyalty_tier FROM customers ORDER BY customer_id`), [
      { customer_id: 'c1', loyalty_tier: 'gold' },
      { customer_id: 'c3', loyalty_tier: 'silver' },
    ]);
    assert.deepEqual(await b.rows(`SELECT order_id, amount FROM orders ORDER BY order_id`), [
      { order_id: 'o1', amount: 10 },
      { order_id: 'o2', amount: 12.5 },
    ]);
  });

  test('re-ingesting the same files changes nothing', async () => {
    const before = { customers: await b.count('customers'), orders: await b.count('orders'), quarantine: (await b.quarantine()).length };
    const report = await b.ingest([b.write('customers.csv', CUSTOMERS), b.write('orders.csv', ORDERS)]);
    assert.ok(addsUp(report));
    for (const f of report.files) assert.equal(f.ingested, 0, f.file);
    assert.deepEqual(
      report.files.map((f) => [f.entity, f.quarantined, f.duplicates]),
      [['customers', 1, 3], ['orders', 1, 2]],
    );
    const after = { customers: await b.count('customers'), orders: await b.count('orders'), quarantine: (await b.quarantine()).length };
    assert.deepEqual(after, before);
  });

  test('@concat builds a composite id; @hash keys rows without an id (identical rows are duplicates)', async () => {
    const lines = b.write('lines-orders.csv', 'Invoice,Line,customer_id,ordered_at,amount\ni1,1,c1,2024-01-01,5\ni1,2,c1,2024-01-01,7\ni1,2,c1,2024-01-01,7\ni2,,c1,2024-01-02,1\n');
    const r1 = await b.ingest([lines], { entity: 'orders', mappings: { orders: { order_id: '@concat(Invoice, Line)' } } });
    assert.deepEqual([r1.files[0]?.ingested, r1.files[0]?.quarantined, r1.files[0]?.duplicates], [2, 1, 1]);
    assert.deepEqual((await b.rows(`SELECT order_id FROM orders WHERE __file LIKE '%lines-orders.csv' ORDER BY 1`)).map((r) => r['order_id']), ['i1/1', 'i1/2']);
    const q = (await b.quarantine('orders')).find((r) => r.file.endsWith('lines-orders.csv'));
    assert.equal(q?.code, 'missing-value');
    assert.equal(q?.line, 5);

    const reviews = b.write('reviews.tsv', 'rating\tverified_reviews\n5\tLove it\n1\tBroke\n5\tLove it\n');
    const r2 = await b.ingest([reviews], { entity: 'feedback', mappings: { feedback: { feedback_id: '@hash', text: 'verified_reviews' } } });
    assert.deepEqual([r2.files[0]?.rows, r2.files[0]?.ingested, r2.files[0]?.duplicates], [3, 2, 1]);
    const ids = (await b.rows(`SELECT feedback_id FROM feedback`)).map((r) => String(r['feedback_id']));
    assert.equal(ids.length, 2);
    assert.ok(ids.every((id) => /^[0-9a-f]{32}$/.test(id)), ids.join(','));
    // the same file again: the hash is stable, so nothing new
    const r3 = await b.ingest([reviews], { entity: 'feedback' });
    assert.equal(r3.files[0]?.ingested, 0);
  });

  test('errors: unknown entity, missing file, bad mapping syntax', async () => {
    const odd = b.write('mystery.csv', 'foo,bar\n1,2\n');
    await rejectsWith(b.ingest([odd]), 'ingest/unknown-entity', (m) => assert.match(m, /pass --entity/));
    await rejectsWith(b.ingest([`${b.dir}/nope.csv`]), 'ingest/missing-file', (m) => assert.match(m, /nope\.csv: no such file/));
    await rejectsWith(b.ingest([odd], { entity: 'feedback', mappings: { feedback: { feedback_id: '@sha(foo)' } } }), 'ingest/bad-mapping', (m) =>
      assert.match(m, /@sha\(foo\)/),
    );
    await rejectsWith(b.ingest([b.write('x.txt.bz2', 'a')]), 'ingest/unknown-format', (m) => assert.match(m, /x\.txt\.bz2/));
  });
});
