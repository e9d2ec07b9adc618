// HTTP benchmark: latency of the API routes the pages read (p50, p99, max) against a real `archetype serve` process on 127.0.0.1.
// usage: npm run bench -- http --workspace DIR [--requests 200] [--concurrency 1]
import { resolve } from 'node:path';
import { startServe } from './lib/serve-process.js';

interface Options {
  workspace: string;
  requests: number;
  concurrency: number;
}

function parse(args: string[]): Options {
  const get = (n: string): string | undefined => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : undefined);
  const workspace = get('workspace');
  if (!workspace) throw new Error('--workspace DIR is required (a built workspace, e.g. `archetype demo DIR --customers 1000000`)');
  return { workspace: resolve(workspace), requests: Number(get('requests') ?? 200), concurrency: Number(get('concurrency') ?? 1) };
}


const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

export default async function main(args: string[]): Promise<number> {
  const o = parse(args);
  const server = await startServe(o.workspace);
  try {
    const set = (await (await fetch(`${server.url}/api/personas`)).json()) as { version: number; personas: { id: string; negative: boolean; kind: string }[] };
    const buyer = set.personas.find((p) => !p.negative && p.kind === 'buyer')?.id ?? 'p1';
    const routes = [
      '/api/meta',
      '/api/personas',
      `/api/personas/${buyer}`,
      `/api/personas/${buyer}?view=sales`,
      `/api/personas/${buyer}/comments`,
      '/api/views',
      '/api/versions',
      `/api/versions/${set.version}`,
      '/api/journeys',
      `/api/journeys/${buyer}`,
      `/api/journeys/${buyer}/paths?by=channel`,
      `/api/journeys/${buyer}/attribution`,
      `/api/journeys/${buyer}/scenario`,
      '/api/status',
      '/api/quarantine?limit=100',
    ];
    console.log(`workspace ${o.workspace} · version ${set.version} · ${o.requests} requests per route · concurrency ${o.concurrency}`);
    console.log(`${'route'.padEnd(44)} ${'first ms'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'bytes'.padStart(9)}`);
    let worst = 0;
    for (const route of routes) {
      const t0 = performance.now();
      const first = await fetch(server.url + route);
      const size = (await first.arrayBuffer()).byteLength;
      const firstMs = performance.now() - t0;
      if (first.status !== 200) throw new Error(`${route}: HTTP ${first.status}`);
      const times: number[] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < o.requests) {
          next++;
          const t = performance.now();
          const r = await fetch(server.url + route);
          await r.arrayBuffer();
          times.push(performance.now() - t);
        }
      };
      await Promise.all(Array.from({ length: o.concurrency }, worker));
      const p99 = quantile(times, 0.99);
      worst = Math.max(worst, p99);
      console.log(`${route.padEnd(44)} ${firstMs.toFixed(1).padStart(9)} ${quantile(times, 0.5).toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)} ${Math.max(...times).toFixed(1).padStart(8)} ${String(size).padStart(9)}`);
    }
    console.log(`worst p99: ${worst.toFixed(1)} ms (target: under 50 ms on 127.0.0.1)`);
  } finally {
    server.stop();
  }
  return 0;
}
