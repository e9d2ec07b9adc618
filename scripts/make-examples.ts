// Builds persona cards from the real public data sets in shared/datasets and writes them under docs/examples/ (a showcase).
// Run: node --import tsx scripts/make-examples.ts   (the data sets are read in place and never modified)
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityName } from '../src/contract/entities.js';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { ingestFiles } from '../src/ingest/ingest.js';
import { buildVersion } from '../src/repository/build-version.js';
import { renderCardMarkdown } from '../src/interfaces/exports/persona-card.js';
import { initWorkspace, openWorkspace, writeConfig } from '../src/workspace/workspace.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = [join(ROOT, '../shared/datasets'), '/work/shared/datasets'].find((d) => existsSync(d)) ?? '';
const OUT = join(ROOT, 'docs/examples');

interface Example {
  name: string;
  title: string;
  /** derived input files (SQL over the data set, run by DuckDB into CSV) */
  derive?: Record<string, string>;
  files: { path: string; entity: EntityName }[];
  mappings: Record<string, Record<string, string>>;
  note: string;
}

const ds = (p: string): string => join(DATA, p);
/** CDNOW_master.txt is whitespace-aligned: read whole lines, split on runs of spaces */
const CDNOW_LINES = `read_csv('${ds('cdnow/CDNOW_master.txt')}', columns = {'line': 'VARCHAR'}, header = false, delim = '\u001e', quote = '', escape = '', auto_detect = false)`;

const EXAMPLES: Example[] = [
  {
    name: 'customer-personality', title: 'Customer Personality Analysis (2,240 customers of a food and wine retailer)',
    files: [{ path: ds('customer-personality/marketing_campaign.csv'), entity: 'customers' }],
    mappings: { customers: { customer_id: 'ID', created_at: '@date(Dt_Customer, %d-%m-%Y)' } },
    note: 'Customers only: spend per product type, purchases per channel, campaign responses and complaints arrive as extra attributes, which segmentation and the cards use as numbers.',
  },
  {
    name: 'telco-churn', title: 'Telco customer churn (7,043 subscribers)',
    files: [{ path: ds('telco-churn/Telco-Customer-Churn.csv'), entity: 'customers' }],
    mappings: { customers: { customer_id: 'customerID', churned: 'Churn' } },
    note: 'Customers only; contract, services and charges are extra attributes; churn drives the negative persona.',
  },
  {
    name: 'online-retail', title: 'UCI Online Retail (1,361 customers, 139,687 order lines)',
    derive: {
      'customers.csv': `SELECT DISTINCT CAST(CAST(CustomerID AS INTEGER) AS VARCHAR) AS customer_id, first(Country) OVER (PARTITION BY CustomerID) AS country FROM read_csv('${ds('online-retail/online_retail_sample_30pct_customers.csv')}') WHERE CustomerID IS NOT NULL`,
      'orders.csv': `SELECT InvoiceNo || '-' || row_number() OVER () AS order_id, CAST(CAST(CustomerID AS INTEGER) AS VARCHAR) AS customer_id, InvoiceDate AS ordered_at,
        round(Quantity * UnitPrice, 2) AS amount, Quantity AS quantity, StockCode AS product_id,
        CASE WHEN InvoiceNo LIKE 'C%' THEN 'cancelled' ELSE 'completed' END AS status FROM read_csv('${ds('online-retail/online_retail_sample_30pct_customers.csv')}') WHERE CustomerID IS NOT NULL`,
    },
    files: [{ path: 'customers.csv', entity: 'customers' }, { path: 'orders.csv', entity: 'orders' }],
    mappings: {},
    note: 'Order lines become orders (one per line, cancellations as status cancelled); customers are the distinct CustomerIDs with their country. Rows without a CustomerID are left out of the derived files.',
  },
  {
    name: 'cdnow', title: 'CDNOW purchases (23,570 customers, 69,659 transactions)',
    derive: {
      'customers.csv': `SELECT DISTINCT f[1] AS customer_id FROM (SELECT regexp_split_to_array(trim(line), '\\s+') AS f FROM ${CDNOW_LINES}) WHERE f[1] <> 'customer_id'`,
      'orders.csv': `SELECT f[1] || '-' || row_number() OVER () AS order_id, f[1] AS customer_id, strptime(f[2], '%Y%m%d') AS ordered_at,
        CAST(f[4] AS DOUBLE) AS amount, CAST(f[3] AS INTEGER) AS quantity FROM (SELECT regexp_split_to_array(trim(line), '\\s+') AS f FROM ${CDNOW_LINES}) WHERE f[1] <> 'customer_id'`,
    },
    files: [{ path: 'customers.csv', entity: 'customers' }, { path: 'orders.csv', entity: 'orders' }],
    mappings: {},
    note: 'Transactions only: personas come from purchase frequency, recency, order size and tenure.',
  },
];

async function derive(dir: string, files: Record<string, string>): Promise<void> {
  const e = await DuckDbEngine.open({ path: ':memory:' });
  try {
    for (const [file, sql] of Object.entries(files)) await e.exec(`COPY (${sql}) TO '${join(dir, file)}' (HEADER, DELIMITER ',')`);
  } finally {
    await e.close();
  }
}

async function make(ex: Example): Promise<string> {
  const tmp = mkdtempSync(join(tmpdir(), `example-${ex.name}-`));
  try {
    if (ex.derive) await derive(tmp, ex.derive);
    initWorkspace(join(tmp, 'ws'));
    const ws = await openWorkspace(join(tmp, 'ws'));
    ws.config.mappings = ex.mappings;
    writeConfig(ws.dir, ws.config);
    const report = await ingestFiles(ws.engine, ex.files.map((f) => (f.path.startsWith('/') ? f.path : join(tmp, f.path))), { config: ws.config });
    const built = await buildVersion(ws.engine, { config: ws.config, seed: 42 });
    await ws.engine.close();
    const out = join(OUT, ex.name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    for (const p of built.personas) writeFileSync(join(out, `${p.id}.md`), renderCardMarkdown(p, built.version, 'example'));
    const pct = (x: number): string => `${Math.round(x * 100)}%`;
    const lines = [
      `# ${ex.title}`, '', ex.note, '',
      `Ingested: ${report.files.map((f) => `${f.entity} ${f.ingested.toLocaleString('en-US')} rows (${f.quarantined} quarantined, ${f.duplicates} duplicates)`).join('; ')}.`,
      `Segments: k=${built.report.k} — ${built.report.chosen_because}.`, '',
      '| id | persona | size | customers | revenue | |', '|---|---|---|---|---|---|',
      ...built.personas.map((p) => `| ${p.id} | [${p.name}](${p.id}.md) | ${p.size.toLocaleString('en-US')} | ${pct(p.share_of_customers)} | ${pct(p.share_of_revenue)} | ${p.negative ? 'negative' : ''} |`),
      '', `Regenerate with \`node --import tsx scripts/make-examples.ts\` (seed 42).`, '',
    ];
    writeFileSync(join(out, 'README.md'), lines.join('\n'));
    return `${ex.name}: ${built.personas.length} personas (k=${built.report.k})`;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (!DATA) {
  console.error('shared/datasets not found');
  process.exit(1);
}
const only = process.argv.slice(2);
const index: string[] = ['# Persona cards built from real public data sets', '', 'Each folder holds the persona set Archetype builds from one data set in `shared/datasets` (see each data set\'s SOURCE.md for origin and licence; the data itself is not part of this repository).', ''];
for (const ex of EXAMPLES) {
  if (only.length && !only.includes(ex.name)) continue;
  const line = await make(ex);
  console.log(line);
}
for (const ex of EXAMPLES) index.push(`- [${ex.title}](${ex.name}/README.md)`);
writeFileSync(join(OUT, 'README.md'), index.join('\n') + '\n');
