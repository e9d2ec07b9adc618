// The real public data sets in shared/datasets (read in place, never copied): each ingests with a mapping where its
// columns differ, the counts add up, and the quarantine reasons are the ones the data calls for.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityName } from '../../src/contract/entities.js';
import { addsUp, openBench, type Bench } from './helpers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = [join(ROOT, '../shared/datasets'), '/work/shared/datasets'].find((d) => existsSync(d)) ?? '';
const skip = DATA === '' ? 'shared/datasets not found' : false;

/** Every mapping used here, as a user would write it in archetype.yaml (see docs in the report). */
export const DATASET_MAPPINGS: Record<string, Record<string, Record<string, string>>> = {
  'customer-personality': { customers: { customer_id: 'ID', created_at: '@date(Dt_Customer, %d-%m-%Y)' } },
  telco: { customers: { customer_id: 'customerID', churned: 'Churn' } },
  'online-retail': {
    customers: { customer_id: 'CustomerID', country: 'Country' },
    orders: {
      order_id: '@hash', customer_id: 'CustomerID', ordered_at: 'InvoiceDate', amount: '@product(Quantity, UnitPrice)',
      quantity: 'Quantity', product_id: 'StockCode', category: 'Description',
    },
  },
  cdnow: { orders: { order_id: '@hash', ordered_at: '@date(date, %Y%m%d)', amount: 'dollar_value', quantity: 'number_of_cds' }, customers: { customer_id: 'customer_id' } },
  alexa: { feedback: { feedback_id: '@hash', text: 'verified_reviews', rating: 'rating', created_at: '@date(date, %d-%b-%y)' } },
  tweets: { feedback: { feedback_id: '@hash', text: 'text', created_at: '@date(tweet_created, %d-%m-%Y %H:%M)' } },
  nps: {
    feedback: {
      feedback_id: '@hash', text: 'text', rating: 'NPS_SCORE', created_at: '@date(CUSTOMER_RESPONSE_DATE, %d/%m/%Y %H:%M)',
      stage: '@map(SURVEY_SUB_TYPE; Order=decision; Equipment Received=retention; First Payment=retention; Service in Use=retention)',
    },
  },
  shoppers: { customers: { customer_id: '@hash' } },
};

interface Outcome {
  rows: number;
  ingested: number;
  quarantined: number;
  duplicates: number;
  codes: Record<string, number>;
}

describe('real data sets', { skip }, () => {
  let b: Bench;
  before(async () => {
    b = await openBench();
  });
  after(async () => b.close());

  /** Ingests one data set file into a fresh set of tables (each data set is its own workspace). */
  async function load(set: string, file: string, entity: EntityName): Promise<Outcome> {
    b.config.mappings = DATASET_MAPPINGS[set] ?? {};
    const report = await b.ingest([join(DATA, file)], { entity });
    assert.ok(addsUp(report), JSON.stringify(report));
    const f = report.files[0];
    assert.ok(f);
    const q = await b.rows(`SELECT code, count(*) AS n FROM _quarantine WHERE file = '${f.file}' AND entity = '${entity}' GROUP BY code ORDER BY code`);
    return { rows: f.rows, ingested: f.ingested, quarantined: f.quarantined, duplicates: f.duplicates, codes: Object.fromEntries(q.map((r) => [String(r['code']), Number(r['n'])])) };
  }
  async function reset(): Promise<void> {
    // a fresh workspace per data set: no attributes or keys left over from the one before
    for (const t of ['customers', 'orders', 'feedback', '_quarantine']) await b.engine.exec(`DROP TABLE IF EXISTS ${t}`);
  }

  test('customer-personality: TSV named .csv, ID → customer_id, dd-mm-yyyy enrolment dates, 27 extra attributes', async () => {
    await reset();
    const o = await load('customer-personality', 'customer-personality/marketing_campaign.csv', 'customers');
    assert.deepEqual(o, { rows: 2240, ingested: 2240, quarantined: 0, duplicates: 0, codes: {} });
    const r = await b.rows(`SELECT count(*) AS n, count(income) AS income, min(created_at)::VARCHAR AS lo, max(created_at)::VARCHAR AS hi FROM customers`);
    assert.deepEqual(r[0], { n: 2240, income: 2216, lo: '2012-07-30 00:00:00', hi: '2014-06-29 00:00:00' });
    const cols = (await b.engine.columns('customers')).map((c) => c.name);
    for (const c of ['year_birth', 'marital_status', 'mnt_wines', 'num_web_purchases', 'complain', 'response']) assert.ok(cols.includes(c), c);
  });

  test('telco-churn: customerID → customer_id, Churn Yes/No → churned, blank TotalCharges kept as empty attribute', async () => {
    await reset();
    const o = await load('telco', 'telco-churn/Telco-Customer-Churn.csv', 'customers');
    assert.deepEqual(o, { rows: 7043, ingested: 7043, quarantined: 0, duplicates: 0, codes: {} });
    const r = await b.rows(`SELECT count(*) FILTER (WHERE churned) AS churned, count(*) FILTER (WHERE total_charges IS NULL OR trim(total_charges) = '') AS blank FROM customers`);
    assert.deepEqual(r[0], { churned: 1869, blank: 11 });
  });

  test('online-retail: customers from the order lines, then order lines as orders (row-hash id, quantity × price)', async () => {
    await reset();
    const c = await load('online-retail', 'online-retail/online_retail_sample_30pct_customers.csv', 'customers');
    assert.deepEqual([c.rows, c.ingested, c.quarantined, c.duplicates], [139687, 1361, 0, 139687 - 1361]);
    const o = await load('online-retail', 'online-retail/online_retail_sample_30pct_customers.csv', 'orders');
    assert.equal(o.rows, 139687);
    assert.equal(o.quarantined, 0);
    // InvoiceNo + StockCode is not a key (3,536 repeats, 1,732 of them different lines): the row hash only merges the
    // 1,804 lines that repeat exactly; the invoice number stays as an attribute
    assert.deepEqual([o.ingested, o.duplicates], [139687 - 1804, 1804]);
    const r = await b.rows(
      `SELECT count(*) FILTER (WHERE invoice_no LIKE 'C%') AS cancelled, count(*) FILTER (WHERE amount < 0) AS negative, round(sum(amount)) AS total FROM orders`,
    );
    assert.ok(Number(r[0]?.['cancelled']) > 2900, JSON.stringify(r));
    assert.equal(r[0]?.['cancelled'], r[0]?.['negative']);
  });

  test('cdnow: whitespace-aligned .txt, YYYYMMDD dates, no order id (row hash); customers from the same file', async () => {
    await reset();
    const c = await load('cdnow', 'cdnow/CDNOW_master.txt', 'customers');
    assert.deepEqual([c.rows, c.ingested, c.quarantined], [69659, 23570, 0]);
    const o = await load('cdnow', 'cdnow/CDNOW_master.txt', 'orders');
    assert.equal(o.rows, 69659);
    assert.equal(o.quarantined, 0);
    assert.equal(o.ingested + o.duplicates, 69659);
    const r = await b.rows(`SELECT min(ordered_at)::VARCHAR AS lo, max(ordered_at)::VARCHAR AS hi FROM orders`);
    assert.deepEqual(r[0], { lo: '1997-01-01 00:00:00', hi: '1998-06-30 00:00:00' });
  });

  test('amazon-alexa-reviews: TSV with BOM and CRLF, row-hash ids, empty reviews quarantined', async () => {
    await reset();
    const o = await load('alexa', 'amazon-alexa-reviews/amazon_alexa.tsv', 'feedback');
    assert.equal(o.rows, 3150);
    assert.deepEqual(o.codes, { 'missing-value': 79 });
    assert.equal(o.ingested + o.duplicates, 3150 - 79);
    const r = await b.rows(`SELECT count(*) FILTER (WHERE rating = 5) AS five, count(*) FILTER (WHERE text LIKE '%' || chr(13) || '%') AS cr FROM feedback`);
    assert.equal(r[0]?.['cr'], 0);
  });

  test('airline-tweets: multi-line quoted tweets, rounded tweet ids kept as an attribute (not a key)', async () => {
    await reset();
    const o = await load('tweets', 'airline-tweets/Tweets.csv', 'feedback');
    assert.equal(o.rows, 14640);
    assert.equal(o.quarantined, 0);
    assert.equal(o.ingested + o.duplicates, 14640);
    const r = await b.rows(`SELECT count(*) FILTER (WHERE airline_sentiment = 'negative') AS neg FROM feedback`);
    assert.ok(Number(r[0]?.['neg']) > 9000, JSON.stringify(r));
  });

  test('nps-verbatims: NPS score as rating, survey types mapped to journey stages', async () => {
    await reset();
    const o = await load('nps', 'nps-verbatims/nps_verbatims.csv', 'feedback');
    assert.equal(o.rows, 2385);
    assert.equal(o.ingested + o.quarantined + o.duplicates, 2385);
    const stages = await b.rows(`SELECT stage, count(*) AS n FROM feedback GROUP BY stage ORDER BY stage`);
    assert.deepEqual(stages.map((s) => s['stage']), ['decision', 'retention']);
  });

  test('online-shoppers-intention: sessions as customers keyed by a row hash (no ids, no timestamps)', async () => {
    await reset();
    const o = await load('shoppers', 'online-shoppers-intention/online_shoppers_intention.csv', 'customers');
    assert.equal(o.rows, 12330);
    assert.equal(o.quarantined, 0);
    assert.equal(o.ingested + o.duplicates, 12330);
  });
});
