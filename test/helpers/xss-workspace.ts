// Test fixture for the XSS suites: a demo company whose exported files carry script payloads in customer attributes, extra columns, order categories, events, URLs and feedback text, ingested and built like any other.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFiles } from '../../src/ingest/ingest.js';
import { buildVersion } from '../../src/repository/build-version.js';
import { generateDemo } from '../../src/demo/generate.js';
import { initWorkspace, openWorkspace, readConfig, writeConfig } from '../../src/workspace/workspace.js';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Each payload calls alert() or sets window.__xss if it ever runs as script. */
export const PAYLOADS = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  svg: '<svg/onload=window.__xss=1>',
  js: 'javascript:alert(1)',
  attr: "' onmouseover='window.__xss=2' x='",
} as const;

export interface XssWorkspace {
  dir: string;
  exports: string;
  /** leads.csv text with payloads in ids and attributes, for the scoring page */
  leads: string;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

export const toCsv = (rows: string[][]): string => rows.map((r) => r.map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\n') + '\n';

/** Rewrites one column of a CSV file: fn(value, row index) → new value. */
function rewrite(file: string, column: string, fn: (value: string, i: number) => string): void {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const at = (header as string[]).indexOf(column);
  if (at < 0) throw new Error(`${file}: no column ${column}`);
  rows.forEach((r, i) => (r[at] = fn(r[at] ?? '', i)));
  writeFileSync(file, toCsv([header as string[], ...rows]));
}

export async function xssWorkspace(opts: { customers?: number; seed?: number } = {}): Promise<XssWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'archetype-xss-'));
  const exports = join(root, 'exports');
  await generateDemo({ dir: exports, customers: opts.customers ?? 1200, seed: opts.seed ?? 5, variant: 'b2c' });
  const P = PAYLOADS;
  const f = (name: string): string => join(exports, name);
  // customer attributes and an extra column (loyalty_tier) become traits, names and evidence
  rewrite(f('customers.csv'), 'loyalty_tier', (v) => (v ? `${v} ${P.script}` : v));
  rewrite(f('customers.csv'), 'city', (v, i) => (i % 2 ? `${v}${P.img}` : `${v}${P.attr}`));
  rewrite(f('customers.csv'), 'acquisition_channel', (v) => (v === 'paid_social' ? `paid_social${P.svg}` : v));
  // order categories name personas ("… Accessories Buyer")
  rewrite(f('orders.csv'), 'category', (v) => `${v}${v === 'accessories' ? P.img : P.script}`);
  // events: channels, event names, content types and URLs reach journey maps, paths, attribution and the scenario
  rewrite(f('events.csv'), 'channel', (v) => (v ? `${v}${P.svg}` : v));
  rewrite(f('events.csv'), 'event', (v, i) => (i % 3 === 0 ? `${v}${P.script}` : v));
  rewrite(f('events.csv'), 'content_type', (v) => (v ? `${v}${P.img}` : v));
  rewrite(f('events.csv'), 'url', (v, i) => (i % 2 ? P.js : v));
  // feedback text becomes quotes, themes and headline quotes
  rewrite(f('feedback.csv'), 'text', (v, i) => (i % 2 ? `${v} ${P.script} ${P.img}` : `${P.svg} ${v} ${P.attr}`));
  rewrite(f('feedback.csv'), 'question', (v) => (v ? `${v} ${P.img}` : v));
  rewrite(f('leads.csv'), 'city', (v) => `${v}${P.img}`);
  rewrite(f('leads.csv'), 'lead_id', (v, i) => (i < 3 ? `${v}${P.script}` : v));

  const dir = join(root, 'ws');
  initWorkspace(dir);
  const ws = await openWorkspace(dir);
  try {
    const files = readdirSync(exports).filter((n) => n.endsWith('.csv') && n !== 'leads.csv').map((n) => join(exports, n));
    // one file with a hostile row the contract rejects: the quarantine shows its raw text
    const bad = join(exports, 'orders_bad.csv');
    writeFileSync(bad, toCsv([['order_id', 'customer_id', 'ordered_at', 'amount'], ['x1', 'c1', P.script, P.img]]));
    await ingestFiles(ws.engine, [...files, bad], { config: ws.config });
    await buildVersion(ws.engine, { config: ws.config, seed: 42 });
  } finally {
    await ws.engine.close();
  }
  writeConfig(dir, { ...readConfig(dir), name: `Shop ${PAYLOADS.script}` });
  const leads = readFileSync(f('leads.csv'), 'utf8').split('\n').slice(0, 40).join('\n');
  return { dir, exports, leads };
}
