// Engines benchmark: the same ingest + build on DuckDB (embedded) and on ClickHouse (a server on this machine) at two sizes,
// ~1M and ~10M events: time per phase, bytes moved between engine and Node, peak RSS of the Node process.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, Params, Row, SqlParam } from '../src/engine/engine.js';

interface Options {
  /** customer counts; the generator makes ~52 events per customer */
  customers: number[];
  engines: string[];
  data: string;
  /** a running server (http://host:port); default: one started from ci/clickhouse for the run */
  clickhouse?: string;
  child?: { engine: string; customers: number };
}

interface Measured {
  engine: string;
  customers: number;
  events: number;
  ingest_s: number;
  build_s: number;
  phases_ms: Record<string, number>;
  /** SQL text, parameters and rows sent from Node (for ClickHouse also the file bytes streamed to the server) */
  sent_mb: number;
  /** result rows received by Node */
  received_mb: number;
  peak_rss_mb: number;
}

const root = resolve(fileURLToPath(import.meta.url), '../..');

function parse(args: string[]): Options {
  const get = (n: string): string | undefined => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : undefined);
  const customers = (get('customers') ?? '19000,190000').split(',').map((x) => Number(x.replace(/_/g, '')));
  if (customers.some((n) => !Number.isInteger(n) || n < 500)) throw new Error('--customers: integers ≥ 500, comma-separated');
  const o: Options = { customers, engines: (get('engines') ?? 'duckdb,clickhouse').split(','), data: resolve(get('data') ?? 'bench-data') };
  const ch = get('clickhouse');
  if (ch) o.clickhouse = ch;
  const child = get('child');
  if (child) {
    const [engine, n] = child.split(':');
    o.child = { engine: engine as string, customers: Number(n) };
  }
  return o;
}

/** Counts what crosses between Node and the engine: SQL and rows sent, rows received (as JSON text). */
function metered(engine: Engine, meter: { sent: number; received: number }): Engine {
  const size = (x: unknown): number => Buffer.byteLength(JSON.stringify(x) ?? '');
  const sql = (s: string, p?: Params): void => void (meter.sent += Buffer.byteLength(s) + (p ? size(p) : 0));
  return new Proxy(engine, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'all')
        return async (s: string, p?: Params): Promise<Row[]> => {
          sql(s, p);
          const rows = await target.all(s, p);
          meter.received += size(rows);
          return rows;
        };
      if (prop === 'exec')
        return async (s: string, p?: Params): Promise<void> => {
          sql(s, p);
          await target.exec(s, p);
        };
      if (prop === 'stream')
        return async (s: string, p: Params | undefined, on: (rows: Row[]) => void | Promise<void>): Promise<void> => {
          sql(s, p);
          await target.stream(s, p, async (rows) => {
            meter.received += size(rows);
            await on(rows);
          });
        };
      if (prop === 'insertRows')
        return async (t: string, c: string[], rows: readonly (readonly SqlParam[])[]): Promise<void> => {
          meter.sent += size(rows);
          await target.insertRows(t, c, rows);
        };
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Generated company files for `customers`, cached under bench-data/engines-N. */
async function ensureData(o: Options, customers: number): Promise<string> {
  const dir = join(o.data, `engines-${customers}`, 'exports');
  if (existsSync(join(dir, '..', 'READY'))) return dir;
  mkdirSync(dir, { recursive: true });
  const { generateDemo } = await import('../src/demo/generate.js');
  console.log(`generating ${customers.toLocaleString('en-US')} customers into ${dir} …`);
  await generateDemo({ dir, customers, seed: 42 });
  writeFileSync(join(dir, '..', 'READY'), 'ok\n');
  return dir;
}

/** In a child process: a fresh workspace on the engine, ingest and build; the figures as one JSON line. */
async function child(o: Options, engine: string, customers: number): Promise<void> {
  const exports = await ensureData(o, customers);
  const { initWorkspace, openWorkspace } = await import('../src/workspace/workspace.js');
  const { ingestFiles } = await import('../src/ingest/ingest.js');
  const { buildVersion } = await import('../src/repository/build-version.js');
  const dir = join(o.data, `engines-${customers}`, `ws-${engine}`);
  rmSync(dir, { recursive: true, force: true });
  const spec = engine === 'duckdb' ? 'duckdb' : `${(o.clickhouse as string).replace(/^https?:\/\//, 'clickhouse://')}/bench_${customers}_${Date.now()}`;
  initWorkspace(dir, { engine: spec });
  const ws = await openWorkspace(dir);
  const meter = { sent: 0, received: 0 };
  const e = metered(ws.engine, meter);
  const files = readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f));
  let t = Date.now();
  await ingestFiles(e, files, { config: ws.config });
  const ingest = (Date.now() - t) / 1000;
  t = Date.now();
  const r = await buildVersion(e, { config: ws.config, seed: 42 });
  const build = (Date.now() - t) / 1000;
  const events = Number((await ws.engine.all<{ n: number }>('SELECT count(*) AS n FROM events'))[0]?.n ?? 0);
  const wire = (ws.engine as Engine & { traffic?: { sent: number; received: number } }).traffic;
  const m: Measured = {
    engine, customers, events, ingest_s: ingest, build_s: build, phases_ms: r.report.timings_ms,
    // ClickHouse: the bytes on the wire (files streamed to the server included); DuckDB: what crossed the API
    sent_mb: (wire ? wire.sent : meter.sent) / 1e6,
    received_mb: (wire ? wire.received : meter.received) / 1e6,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  await ws.engine.close();
  console.log(JSON.stringify(m));
}

function run(args: string[]): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'engines', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`engines ${args.join(' ')} exited with ${code}`))));
  });
}

export default async function main(args: string[]): Promise<number> {
  const o = parse(args);
  if (o.child) {
    await child(o, o.child.engine, o.child.customers);
    return 0;
  }
  let stop: (() => Promise<void>) | null = null;
  if (o.engines.includes('clickhouse') && !o.clickhouse) {
    const { startClickHouse } = await import('../test/engines/clickhouse-server.js');
    const s = await startClickHouse();
    if ('skip' in s) {
      console.log(`ClickHouse left out: ${s.skip}`);
      o.engines = o.engines.filter((e) => e !== 'clickhouse');
    } else {
      o.clickhouse = s.url;
      stop = s.stop;
    }
  }
  const results: Measured[] = [];
  try {
    for (const customers of o.customers) {
      await ensureData(o, customers);
      for (const engine of o.engines) {
        const pass = ['--customers', String(customers), '--data', o.data, '--child', `${engine}:${customers}`, ...(o.clickhouse ? ['--clickhouse', o.clickhouse] : [])];
        const m = JSON.parse((await run(pass)).trim().split('\n').pop() as string) as Measured;
        results.push(m);
        console.log(`${engine} · ${m.events.toLocaleString('en-US')} events: ingest ${m.ingest_s.toFixed(1)} s, build ${m.build_s.toFixed(1)} s, peak RSS ${m.peak_rss_mb} MB`);
      }
    }
  } finally {
    await stop?.();
  }
  const phases = [...new Set(results.flatMap((r) => Object.keys(r.phases_ms)))];
  console.log(`\nEngines benchmark (this machine; ClickHouse ${o.clickhouse ? 'server on loopback' : 'not run'}), each run in its own Node process\n`);
  console.log(
    ['engine', 'events', 'ingest s', 'build s', ...phases.map((p) => `${p} s`), 'sent MB', 'received MB', 'Node peak RSS MB'].join(' | '),
  );
  for (const r of results)
    console.log(
      [r.engine, r.events.toLocaleString('en-US'), r.ingest_s.toFixed(1), r.build_s.toFixed(1), ...phases.map((p) => ((r.phases_ms[p] ?? 0) / 1000).toFixed(1)),
        r.sent_mb.toFixed(1), r.received_mb.toFixed(1), String(r.peak_rss_mb)].join(' | '),
    );
  for (const engine of o.engines) {
    const rs = results.filter((r) => r.engine === engine).sort((a, b) => a.events - b.events);
    const [small, big] = [rs[0], rs[rs.length - 1]];
    if (small && big && small !== big)
      console.log(`${engine}: ${(big.events / small.events).toFixed(1)}× the events → Node peak RSS ×${(big.peak_rss_mb / small.peak_rss_mb).toFixed(2)}, bytes received ×${(big.received_mb / Math.max(small.received_mb, 1e-9)).toFixed(2)}`);
  }
  return 0;
}
