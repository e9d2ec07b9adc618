// Load and soak test (issue 9): a real `archetype serve` on 127.0.0.1 and a second process sending a fixed rate of
// requests (open loop: latency counted from each request's scheduled time, so a stall counts for every request it delays)
// over the persona pages' routes, the journey map's routes and single-lead scoring. Reports requests, errors, p50/p99 per
// kind, socket errors by code, and the server's RSS sampled every second (start, end, max, each minute mark, and the slope over
// the second half of the run, end − start and least squares).
// usage: npm run bench -- load [--workspace DIR] [--rate 1000] [--seconds 60] [--customers 10000]
//   default workspace: bench-data/load-<customers>/ws, generated, ingested and built on first use
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoringRateLimitOff, startServe } from './lib/serve-process.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');

interface Options {
  workspace: string | null;
  rate: number;
  seconds: number;
  customers: number;
  data: string;
  child?: { url: string; plan: string };
}

function parse(args: string[]): Options {
  const get = (n: string): string | undefined => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : undefined);
  const o: Options = {
    workspace: get('workspace') ? resolve(get('workspace') as string) : null,
    rate: Number(get('rate') ?? 1000),
    seconds: Number(get('seconds') ?? 60),
    customers: Number(get('customers') ?? 10_000),
    data: resolve(get('data') ?? join(root, 'bench-data')),
  };
  const url = get('url');
  const plan = get('plan');
  if (url && plan) o.child = { url, plan };
  return o;
}

/** A built demo workspace for the run (made once under bench-data/). */
async function ensureWorkspace(o: Options): Promise<string> {
  if (o.workspace) return o.workspace;
  const dir = join(o.data, `load-${o.customers}`);
  if (existsSync(join(dir, 'READY'))) return join(dir, 'ws');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { generateDemo } = await import('../src/demo/generate.js');
  const { initWorkspace, openWorkspace } = await import('../src/workspace/workspace.js');
  const { ingestFiles } = await import('../src/ingest/ingest.js');
  const { buildVersion } = await import('../src/repository/build-version.js');
  console.log(`preparing ${o.customers.toLocaleString('en-US')} customers in ${dir} …`);
  await generateDemo({ dir: join(dir, 'exports'), customers: o.customers, seed: 42 });
  initWorkspace(join(dir, 'ws'), { name: 'bench-load', engine: 'duckdb' });
  const ws = await openWorkspace(join(dir, 'ws'));
  try {
    const files = readdirSync(join(dir, 'exports')).filter((f) => f.endsWith('.csv')).map((f) => join(dir, 'exports', f));
    await ingestFiles(ws.engine, files, { config: ws.config });
    await buildVersion(ws.engine, { config: ws.config, seed: 42 });
  } finally {
    await ws.engine.close();
  }
  writeFileSync(join(dir, 'READY'), 'ok\n');
  return join(dir, 'ws');
}

interface Planned {
  kind: 'persona' | 'journey' | 'score';
  path: string;
  body?: string;
}

/** Child: sends the plan round-robin at the rate for the seconds; prints one JSON line of figures. */
async function loadChild(o: Options): Promise<void> {
  const { url: base, plan: planFile } = o.child as { url: string; plan: string };
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Planned[];
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const times = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const statuses = new Map<number, number>();
  const causes = new Map<string, number>();
  // per socket: when first used, when last used, requests sent on it — to tell resets of reused idle sockets from others
  const sockets = new WeakMap<object, { born: number; last: number; uses: number }>();
  const resets: { code: string; at: number; age: number; idle: number; uses: number }[] = [];
  const total = Math.round(o.rate * o.seconds);
  const start = performance.now() + 100;
  const one = (i: number): Promise<void> =>
    new Promise((res) => {
      const scheduled = start + (i * 1000) / o.rate;
      const p = plan[i % plan.length] as Planned;
      let used = { age: NaN, idle: NaN, uses: NaN };
      const fail = (e?: NodeJS.ErrnoException): void => {
        errors.set(p.kind, (errors.get(p.kind) ?? 0) + 1);
        if (e) {
          causes.set(e.code ?? e.message, (causes.get(e.code ?? e.message) ?? 0) + 1);
          resets.push({ code: e.code ?? e.message, at: Math.round(performance.now() - start), ...used });
        }
        res();
      };
      const headers: Record<string, string | number> = p.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(p.body) } : {};
      const req = request({ host: url.hostname, port: url.port, path: p.path, method: p.body ? 'POST' : 'GET', agent, headers }, (r) => {
        r.resume();
        r.on('end', () => {
          const s = r.statusCode ?? 0;
          statuses.set(s, (statuses.get(s) ?? 0) + 1);
          if (s !== 200) return fail();
          const list = times.get(p.kind) ?? [];
          list.push(performance.now() - scheduled);
          times.set(p.kind, list);
          res();
        });
      });
      req.on('socket', (sock) => {
        const now = performance.now();
        const m = sockets.get(sock) ?? { born: now, last: now, uses: 0 };
        used = { age: Math.round(now - m.born), idle: Math.round(now - m.last), uses: m.uses };
        sockets.set(sock, { born: m.born, last: now, uses: m.uses + 1 });
      });
      req.on('error', fail);
      req.end(p.body);
    });
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / o.rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(one(i));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const q = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)] ?? NaN;
  const kinds: Record<string, { ok: number; errors: number; p50: number; p99: number; max: number }> = {};
  const all: number[] = [];
  for (const kind of ['persona', 'journey', 'score']) {
    const xs = (times.get(kind) ?? []).sort((a, b) => a - b);
    all.push(...xs);
    kinds[kind] = { ok: xs.length, errors: errors.get(kind) ?? 0, p50: q(xs, 0.5), p99: q(xs, 0.99), max: xs[xs.length - 1] ?? NaN };
  }
  all.sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({ sent: total, rate: total / elapsed, kinds, p50: q(all, 0.5), p99: q(all, 0.99), max: all[all.length - 1] ?? NaN, statuses: Object.fromEntries(statuses), causes: Object.fromEntries(causes), resets: resets.slice(0, 50) }) + '\n',
  );
  agent.destroy();
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export default async function main(args: string[]): Promise<number> {
  const o = parse(args);
  if (o.child) {
    await loadChild(o);
    return 0;
  }
  const ws = await ensureWorkspace(o);
  scoringRateLimitOff(ws);
  const { url, child: server } = await startServe(ws);
  try {
    const set = (await (await fetch(`${url}/api/personas`)).json()) as { version: number; personas: { id: string; negative: boolean; kind: string }[] };
    const buyers = set.personas.filter((p) => !p.negative && p.kind === 'buyer').map((p) => p.id);
    const leadsFile = readdirSync(join(ws, '..')).includes('exports') ? join(ws, '..', 'exports', 'leads.csv') : null;
    const leads: string[] = [];
    if (leadsFile && existsSync(leadsFile)) {
      const lines = readFileSync(leadsFile, 'utf8').split('\n', 501);
      const header = (lines[0] as string).split(',');
      for (const l of lines.slice(1).filter(Boolean)) leads.push(JSON.stringify({ lead: Object.fromEntries(l.split(',').map((v, i) => [header[i] as string, v])) }));
    }
    if (!leads.length) for (let i = 0; i < 200; i++) leads.push(JSON.stringify({ lead: { lead_id: `l${i}`, country: ['DE', 'FR', 'GB'][i % 3] } }));
    // the routes a persona page and a journey map page read, and single-lead scoring, in equal thirds
    const plan: Planned[] = [];
    for (let i = 0; i < 300; i++) {
      const p = buyers[i % buyers.length] ?? 'p1';
      const persona = [`/api/personas`, `/api/personas/${p}`, `/api/personas/${p}?view=sales`, `/api/personas/${p}/comments`][i % 4] as string;
      const journey = [`/api/journeys/${p}`, `/api/journeys/${p}/paths?by=channel`, `/api/journeys/${p}/attribution`, `/api/journeys/${p}/scenario`][i % 4] as string;
      plan.push({ kind: 'persona', path: persona }, { kind: 'journey', path: journey }, { kind: 'score', path: '/api/leads/score', body: leads[i % leads.length] as string });
    }
    for (const p of plan.slice(0, 24)) {
      const r = await fetch(url + p.path, p.body ? { method: 'POST', body: p.body, headers: { 'content-type': 'application/json' } } : {});
      if (r.status !== 200) throw new Error(`${p.path}: HTTP ${r.status} ${await r.text()}`);
    }
    const planFile = join(ws, '..', 'load-plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const rss: number[] = [rssOf(server.pid as number)];
    const sampler = setInterval(() => rss.push(rssOf(server.pid as number)), 1000);
    console.log(`load: ${o.rate} requests/s for ${o.seconds} s on ${url} (workspace ${ws}, version ${set.version}) · persona pages, journey maps, lead scoring in thirds`);
    const figures = await new Promise<Record<string, unknown>>((res, rej) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'run.ts'), 'load', '--url', url, '--plan', planFile, '--rate', String(o.rate), '--seconds', String(o.seconds)], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => (code === 0 ? res(JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>) : rej(new Error(`load child exited with ${code}`))));
    });
    clearInterval(sampler);
    rss.push(rssOf(server.pid as number));
    const f = (x: unknown): string => (typeof x === 'number' ? x.toFixed(1) : String(x));
    const kinds = figures['kinds'] as Record<string, { ok: number; errors: number; p50: number; p99: number; max: number }>;
    console.log(`${'kind'.padEnd(10)} ${'ok'.padStart(8)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
    for (const [k, v] of Object.entries(kinds)) console.log(`${k.padEnd(10)} ${String(v.ok).padStart(8)} ${String(v.errors).padStart(7)} ${f(v.p50).padStart(8)} ${f(v.p99).padStart(8)} ${f(v.max).padStart(8)}`);
    const errorsTotal = Object.values(kinds).reduce((s, v) => s + v.errors, 0);
    console.log(`all: ${figures['sent']} sent at ${Math.round(figures['rate'] as number)} req/s · ${errorsTotal} errors · p50 ${f(figures['p50'])} ms · p99 ${f(figures['p99'])} ms · max ${f(figures['max'])} ms · statuses ${JSON.stringify(figures['statuses'])} · socket errors ${JSON.stringify(figures['causes'] ?? {})}`);
    const half = rss.slice(Math.floor(rss.length / 2));
    const slope = half.length > 1 ? ((half[half.length - 1] as number) - (half[0] as number)) / (half.length - 1) : 0;
    console.log(`server RSS: start ${rss[0]} MB · end ${rss[rss.length - 1]} MB · max ${Math.max(...rss)} MB · second-half slope ${slope.toFixed(2)} MB/s (stable when near 0)`);
    const resets = (figures['resets'] ?? []) as { code: string; at: number; age: number; idle: number; uses: number }[];
    if (resets.length) console.log(`socket errors (first ${resets.length}; at = ms into the run, idle = ms since the socket's previous request, uses = requests before on it): ${resets.map((r) => `${r.code} at ${r.at} idle ${r.idle} uses ${r.uses}`).join(' · ')}`);
    // a soak is judged by its shape: RSS at each minute mark and a least-squares slope over the second half (less noisy than end − start)
    const marks = rss.filter((_, i) => i % 60 === 0).map((v, m) => `${m}′ ${v}`);
    console.log(`server RSS by minute (MB): ${marks.join(' · ')} · end ${rss[rss.length - 1]}`);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const xs = half.map((_, i) => i);
    const mx = mean(xs);
    const my = mean(half);
    const fit = xs.reduce((a, x, i) => a + (x - mx) * ((half[i] as number) - my), 0) / Math.max(1, xs.reduce((a, x) => a + (x - mx) ** 2, 0));
    console.log(`server RSS second half: least-squares slope ${fit.toFixed(3)} MB/s (${(fit * 60).toFixed(1)} MB/min) over ${half.length} samples`);
    return errorsTotal === 0 ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
  }
}
