// Build benchmark: `archetype build` (features + segmentation + personas + text) vs the pandas + scikit-learn pipeline a
// data scientist would write, on the same generated company; time, peak RSS, ARI against the planted personas, ratio.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

interface Options {
  customers: number;
  data: string;
  seed: number;
  child?: string;
}

function parse(args: string[]): Options {
  const get = (n: string): string | undefined => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : undefined);
  const customers = Number(get('customers') ?? 1_000_000);
  if (!Number.isInteger(customers) || customers < 500) throw new Error('--customers must be an integer ≥ 500');
  const o: Options = { customers, data: resolve(get('data') ?? 'bench-data'), seed: Number(get('seed') ?? 42) };
  const child = get('child');
  if (child) o.child = child;
  return o;
}

const root = resolve(fileURLToPath(import.meta.url), '../..');

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Generated data and an ingested workspace, cached under bench-data/build-N. */
async function ensureWorkspace(o: Options): Promise<{ exports: string; ws: string }> {
  const dir = join(o.data, `build-${o.customers}`);
  const exports = join(dir, 'exports');
  const ws = join(dir, 'ws');
  if (existsSync(join(dir, 'READY'))) return { exports, ws };
  mkdirSync(dir, { recursive: true });
  const { generateDemo } = await import('../src/demo/generate.js');
  const { initWorkspace, openWorkspace } = await import('../src/workspace/workspace.js');
  const { ingestFiles } = await import('../src/ingest/ingest.js');
  console.log(`generating ${o.customers.toLocaleString('en-US')} customers into ${exports} …`);
  await generateDemo({ dir: exports, customers: o.customers, seed: 42 });
  if (!existsSync(join(ws, 'archetype.yaml'))) initWorkspace(ws);
  const w = await openWorkspace(ws);
  console.log('ingesting …');
  await ingestFiles(w.engine, readdirSync(exports).filter((f) => f.endsWith('.csv')).map((f) => join(exports, f)), { config: w.config });
  await w.engine.close();
  writeFileSync(join(dir, 'READY'), 'ok\n');
  return { exports, ws };
}

/** In a child process: one build, then its time, peak RSS and ARI as JSON. */
async function child(o: Options, ws: string, exports: string): Promise<void> {
  const { openWorkspace } = await import('../src/workspace/workspace.js');
  const { buildVersion } = await import('../src/repository/build-version.js');
  const { adjustedRandIndex } = await import('../src/analysis/segments/ari.js');
  const w = await openWorkspace(ws);
  const t = Date.now();
  const cpu0 = process.cpuUsage();
  // CPU seconds per step (every thread of the process), read at each progress report
  const cpuSteps: Record<string, number> = {};
  // the process's peak RSS so far, read at the end of each step: which step sets the peak
  const rssSteps: Record<string, number> = {};
  let stepAt = { name: '', cpu: 0 };
  const cpuNow = (): number => { const c = process.cpuUsage(cpu0); return (c.user + c.system) / 1e6; };
  const r = await buildVersion(w.engine, {
    config: w.config, seed: o.seed,
    onProgress: (name) => {
      if (stepAt.name) cpuSteps[stepAt.name] = Math.round((cpuNow() - stepAt.cpu) * 10) / 10;
      if (stepAt.name) rssSteps[stepAt.name] = Math.round(process.resourceUsage().maxRSS / 1024);
      stepAt = { name, cpu: cpuNow() };
    },
  });
  const seconds = (Date.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0); // every thread of the process: DuckDB's workers included
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rss = process.resourceUsage().maxRSS / 1024;
  const rows = await w.engine.all<{ customer_id: string; segment: number }>(`SELECT customer_id, segment FROM _assignments WHERE version = $v`, { v: r.version });
  const truth = new Map(readFileSync(join(exports, 'truth', 'customers.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
  const names = new Map<string, number>();
  const t2 = Int32Array.from(rows, (x) => { const p = truth.get(x.customer_id) ?? '?'; return names.get(p) ?? (names.set(p, names.size), names.size - 1); });
  const ari = adjustedRandIndex(Int32Array.from(rows, (x) => Number(x.segment)), t2);
  await w.engine.close();
  console.log(JSON.stringify({ seconds, cpu_seconds: cpuSeconds, peak_rss_mb: rss, k: r.report.k, ari, timings_ms: r.report.timings_ms, cpu_s: cpuSteps, peak_rss_mb_after: rssSteps, personas: r.personas.length }));
}

export default async function main(args: string[]): Promise<number> {
  const o = parse(args);
  const { exports, ws } = await ensureWorkspace(o);
  if (o.child === 'build') {
    await child(o, ws, exports);
    return 0;
  }
  console.log(`\nBuild benchmark, ${o.customers.toLocaleString('en-US')} customers (seed ${o.seed}); each side in its own process; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  const ours = JSON.parse((await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'build', '--customers', String(o.customers), '--data', o.data, '--seed', String(o.seed), '--child', 'build'])).trim().split('\n').pop() as string) as { seconds: number; cpu_seconds: number; peak_rss_mb: number; k: number; ari: number; timings_ms: Record<string, number>; cpu_s: Record<string, number>; peak_rss_mb_after: Record<string, number> };
  let peer: { seconds: number; cpu_seconds?: number; peak_rss_mb: number; k: number; ari: number } | null = null;
  try {
    peer = JSON.parse((await run('/usr/bin/python3', ['bench/peer/build_sklearn.py', exports, String(o.seed)])).trim().split('\n').pop() as string);
  } catch (e) {
    console.log(`peer unavailable (${(e as Error).message}); install Debian's python3-pandas python3-sklearn`);
  }
  const row = (name: string, r: { seconds: number; cpu_seconds?: number; peak_rss_mb: number; k: number; ari: number }): string =>
    `${name.padEnd(34)} ${r.seconds.toFixed(1).padStart(8)} s ${(r.cpu_seconds === undefined ? '—' : r.cpu_seconds.toFixed(1)).padStart(7)} s CPU ${Math.round(r.peak_rss_mb).toString().padStart(7)} MB   k=${r.k}   ARI ${r.ari.toFixed(3)}`;
  console.log(row('archetype build', ours));
  console.log(`  steps (ms): ${Object.entries(ours.timings_ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  steps (CPU s): ${Object.entries(ours.cpu_s).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  peak RSS after each step (MB): ${Object.entries(ours.peak_rss_mb_after).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (peer) {
    console.log(row('pandas + scikit-learn (peer)', peer));
    // on a shared machine the wall times swing with the load; CPU time (all threads) is the steadier comparison
    const cpuRatio = peer.cpu_seconds !== undefined ? ` (CPU time ${(peer.cpu_seconds / ours.cpu_seconds).toFixed(2)}×)` : '';
    console.log(`\nload average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`speed-up vs peer: ${(peer.seconds / ours.seconds).toFixed(2)}×${cpuRatio} (target ≥ 5×) · peak RSS ${Math.round(ours.peak_rss_mb)} MB (target ≤ 2048) · ARI ${ours.ari.toFixed(3)} vs ${peer.ari.toFixed(3)} (target: at least as good)`);
  }
  return 0;
}
